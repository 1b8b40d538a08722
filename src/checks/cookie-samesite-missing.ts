import {
  cookieExcerpt,
  cookieNames,
  flaggedCookies,
  sameSiteOf,
  sentOnCrossSitePost,
} from './lib/cookies.js';
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
    for (const { exchange, cookies, strong } of flaggedCookies(ctx.exchanges(), (c) =>
      sentOnCrossSitePost(c.cookie),
    )) {
      const none = cookies.filter((c) => sameSiteOf(c.cookie) === 'none').length;
      const policy =
        none === cookies.length
          ? 'SameSite=None: every browser attaches it to cross-site requests'
          : none === 0
            ? 'no SameSite: Firefox and Safari attach it to cross-site POSTs, and Chrome does during its first two minutes'
            : 'no SameSite or SameSite=None: browsers attach it to cross-site POSTs';
      yield ctx.finding('cookie-samesite-missing', exchange, {
        confidence: strong ? 'firm' : 'tentative',
        severity: strong ? 'medium' : 'low',
        detail: `Set-Cookie for ${cookieNames(cookies)} with ${policy}.`,
        excerpt: cookieExcerpt(cookies),
      });
    }
  },
});
