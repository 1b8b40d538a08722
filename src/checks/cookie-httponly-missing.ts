import { cookieExcerpt, cookieNames, flaggedCookies } from './lib/cookies.js';
import { defineCheck } from './types.js';

export default defineCheck({
  meta: {
    id: 'cookie-httponly-missing',
    title: 'Credential cookie readable by scripts',
    category: 'cookies',
    mode: 'passive',
    since: '0.1.0',
    sameAs: ['zap:10010'],
    maxRequests: 0,
    rules: {
      'cookie-httponly-missing': {
        title: 'Credential cookie without the HttpOnly attribute',
        severity: 'low',
        owasp: 'API8',
        cwe: 1004,
      },
    },
  },
  async *run(ctx) {
    for (const { exchange, cookies, strong } of flaggedCookies(
      ctx.exchanges(),
      (c) => !('httponly' in c.cookie.attributes),
    )) {
      yield ctx.finding('cookie-httponly-missing', exchange, {
        confidence: strong ? 'firm' : 'tentative',
        detail: `Set-Cookie for ${cookieNames(cookies)} without HttpOnly: any script on the page (an XSS payload included) can read it through document.cookie.`,
        excerpt: cookieExcerpt(cookies),
      });
    }
  },
});
