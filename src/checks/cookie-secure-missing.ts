import { cookieExcerpt, cookieNames, flaggedCookies } from './lib/cookies.js';
import { defineCheck } from './types.js';

export default defineCheck({
  meta: {
    id: 'cookie-secure-missing',
    title: 'Credential cookie without Secure on an https origin',
    category: 'transport',
    mode: 'passive',
    since: '0.1.0',
    sameAs: ['zap:10011'],
    maxRequests: 0,
    rules: {
      'cookie-secure-missing': {
        title: 'Credential cookie without the Secure attribute',
        severity: 'low',
        owasp: 'API8',
        cwe: 614,
      },
    },
  },
  async *run(ctx) {
    // On a plain-http target a Secure cookie could not even be set: the finding there is tls-missing.
    const https = ctx.exchanges().filter((ex) => new URL(ex.request.url).protocol === 'https:');
    const groups = flaggedCookies(
      https,
      // Browsers refuse `__Secure-`/`__Host-` cookies without Secure, so those never reach the jar.
      (c) => !('secure' in c.cookie.attributes) && !/^__(secure|host)-/i.test(c.cookie.name),
    );
    for (const { exchange, cookies, strong } of groups) {
      yield ctx.finding('cookie-secure-missing', exchange, {
        confidence: strong ? 'firm' : 'tentative',
        detail: `Set-Cookie for ${cookieNames(cookies)} without Secure: a browser also sends it over plain http, where anyone on the network can read it.`,
        excerpt: cookieExcerpt(cookies),
      });
    }
  },
});
