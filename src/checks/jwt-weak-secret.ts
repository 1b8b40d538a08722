import { maskSecret } from '../config/mask.js';
import { parseSetCookie } from '../engine/set-cookie.js';
import type { Exchange } from '../types.js';
import { decodeJwt, describeJwt, findJwtSecret, hmacDigest, JWT_IN_TEXT } from './lib/jwt.js';
import { headerName, pathOf } from './lib/where.js';
import { maskedSecret, secretWordlist } from './lib/wordlist.js';
import { defineCheck } from './types.js';

/** Distinct tokens searched at most, and tokens taken from one body. */
const MAX_TOKENS = 25;
const PER_BODY = 10;

interface Seen {
  token: string;
  ex: Exchange;
  /** `in the response body of GET /login`, `in the Set-Cookie token`, `given to Parapet as bearer token`. */
  where: string;
}

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
    const words = secretWordlist();
    const cracked = new Set<number>();
    let tried = 0;
    for (const seen of tokensSeen(ctx.exchanges(), ctx.config.credentials)) {
      const jwt = decodeJwt(seen.token);
      if (!jwt || !hmacDigest(jwt)) continue;
      tried++;
      const i = findJwtSecret(jwt, words);
      if (i < 0 || cracked.has(i)) continue;
      cracked.add(i);
      yield ctx.finding('jwt-weak-secret', seen.ex, {
        confidence: 'confirmed',
        excerpt: maskSecret(seen.token),
        detail: `A JWT (${describeJwt(jwt)}) ${seen.where} is signed with the key ${maskedSecret(words.labels[i]!)} from Parapet's list of weak keys: anyone can mint tokens this service accepts, for any user and any claims.`,
      });
    }
    if (tried > 0 && cracked.size === 0) {
      ctx.note(
        `${tried} HMAC-signed JWT${tried === 1 ? '' : 's'} checked against ${words.keys.length} weak keys offline; none matched.`,
      );
    }
  },
});

/** Each distinct token where it was first seen: bodies, headers and cookies, then the configured credentials. */
function tokensSeen(
  exchanges: readonly Exchange[],
  creds: { headers: Record<string, string>; bearer?: string; cookie?: string } | undefined,
): Seen[] {
  const out: Seen[] = [];
  const tokens = new Set<string>();
  const add = (token: string, ex: Exchange, where: string) => {
    if (tokens.has(token) || out.length >= MAX_TOKENS) return;
    tokens.add(token);
    out.push({ token, ex, where });
  };
  for (const ex of exchanges) {
    const res = ex.response!;
    const at = `${ex.request.method} ${pathOf(ex.request.url)}`;
    for (const token of jwtsIn(res.body).slice(0, PER_BODY)) add(token, ex, `in the response body of ${at}`);
    for (const [name, values] of Object.entries(res.headers)) {
      for (const v of values) {
        if (name === 'set-cookie') {
          const c = parseSetCookie(v);
          for (const token of jwtsIn(c?.value ?? ''))
            add(token, ex, `in the cookie \`${c!.name}\` set by ${at}`);
        } else {
          for (const token of jwtsIn(v)) add(token, ex, `in the ${headerName(name)} header of ${at}`);
        }
      }
    }
  }
  const first = exchanges.find((ex) => ex.identity === 'primary') ?? exchanges[0];
  if (creds && first) {
    const given = [creds.bearer ?? '', creds.cookie ?? '', ...Object.values(creds.headers)];
    for (const text of given)
      for (const token of jwtsIn(text)) add(token, first, 'given to Parapet as a credential');
  }
  return out;
}

function jwtsIn(text: string): string[] {
  return text.match(JWT_IN_TEXT) ?? [];
}
