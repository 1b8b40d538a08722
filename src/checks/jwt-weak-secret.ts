import { maskSecret } from '../config/mask.js';
import { decodeJwt, describeJwt, hmacDigest } from './lib/jwt.js';
import { tokensSeen, weakJwtKey } from './lib/jwt-tokens.js';
import { maskedSecret, secretWordlist } from './lib/wordlist.js';
import { defineCheck } from './types.js';

export default defineCheck({
  meta: {
    id: 'jwt-weak-secret',
    title: 'JWT signed with a guessable HMAC key',
    category: 'authentication',
    mode: 'passive',
    since: '0.1.0',
    maxRequests: 0,
    rules: {
      'jwt-weak-secret': {
        title: 'Tokens can be forged: the JWT signing key is a known weak value',
        severity: 'critical',
        owasp: 'API2',
        cwe: 1391,
      },
    },
  },
  async *run(ctx) {
    const cracked = new Set<number>();
    let tried = 0;
    for (const seen of tokensSeen(ctx.exchanges(), ctx.config.credentials)) {
      const jwt = decodeJwt(seen.token);
      if (!jwt || !hmacDigest(jwt)) continue;
      tried++;
      const found = weakJwtKey(ctx.config, seen.token);
      if (!found || cracked.has(found.index)) continue;
      cracked.add(found.index);
      yield ctx.finding('jwt-weak-secret', seen.ex, {
        confidence: 'confirmed',
        excerpt: maskSecret(seen.token),
        detail: `A JWT (${describeJwt(jwt)}) ${seen.where} is signed with the key ${maskedSecret(found.label)} from Parapet's list of weak keys: anyone can mint tokens this service accepts, for any user and any claims.`,
      });
    }
    if (tried > 0 && cracked.size === 0) {
      ctx.note(
        `${tried} HMAC-signed JWT${tried === 1 ? '' : 's'} checked against ${secretWordlist().keys.length} weak keys offline; none matched.`,
      );
    }
  },
});
