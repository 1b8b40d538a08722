import { cookieExcerpt, cookieNames, flaggedCookies, sameSiteOf } from './lib/cookies.js';
import { defineCheck } from './types.js';

export default defineCheck({
  meta: {
    id: 'cookie-samesite-missing',
    title: 'Authenticating cookie without a SameSite policy',
    category: 'csrf',
    mode: 'passive',
    since: '0.1.0',
    sameAs: ['zap:10054'],
    maxRequests: 0,
    rules: {
      'cookie-samesite-missing': {
        title: 'Authenticating cookie sent on cross-site requests (SameSite missing or None)',
        severity: 'low',
        owasp: 'API8',
        cwe: 1275,
      },
    },
  },
  async *run(ctx) {
    const groups = flaggedCookies(ctx.exchanges(), (c) => {
      const s = sameSiteOf(c.cookie);
      return s === 'absent' || s === 'none';
    });
    for (const { exchange, cookies, strong } of groups) {
      const none = cookies.filter((c) => sameSiteOf(c.cookie) === 'none').length;
      const why =
        none === cookies.length
          ? 'SameSite=None: every browser attaches it to cross-site requests'
          : 'no SameSite (or SameSite=None): Firefox and Safari attach it to cross-site POSTs, Chrome during the first two minutes';
      yield ctx.finding('cookie-samesite-missing', exchange, {
        confidence: strong ? 'firm' : 'tentative',
        severity: strong ? 'medium' : 'low',
        detail: `Set-Cookie for ${cookieNames(cookies)} with ${why}.`,
        excerpt: cookieExcerpt(cookies),
      });
    }
  },
});
