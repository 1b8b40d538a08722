/** JWTs a scan saw or was given, and their weak HMAC keys found once per scan. */
import type { Credentials } from '../../config/schema.js';
import { parseSetCookie } from '../../engine/set-cookie.js';
import type { Exchange } from '../../types.js';
import { decodeJwt, findJwtSecret, hmacDigest, JWT_IN_TEXT } from './jwt.js';
import { headerName, pathOf } from './where.js';
import { secretWordlist } from './wordlist.js';

/** Distinct tokens collected at most, and tokens taken from one body. */
const MAX_TOKENS = 25;
const PER_BODY = 10;

export interface SeenJwt {
  token: string;
  ex: Exchange;
  /** `in the response body of GET /login`, `in the cookie \`token\` set by …`, `given to Parapet as a credential`. */
  where: string;
  /** The cookie that carried it, when it came in a Set-Cookie. */
  cookie?: string;
}

/** Each distinct token where it was first seen: bodies, headers and cookies, then the configured credentials. */
export function tokensSeen(exchanges: readonly Exchange[], creds: Credentials | undefined): SeenJwt[] {
  const out: SeenJwt[] = [];
  const tokens = new Set<string>();
  const add = (seen: SeenJwt) => {
    if (tokens.has(seen.token) || out.length >= MAX_TOKENS) return;
    tokens.add(seen.token);
    out.push(seen);
  };
  for (const ex of exchanges) {
    const res = ex.response!;
    const at = `${ex.request.method} ${pathOf(ex.request.url)}`;
    for (const token of jwtsIn(res.body).slice(0, PER_BODY))
      add({ token, ex, where: `in the response body of ${at}` });
    for (const [name, values] of Object.entries(res.headers)) {
      for (const v of values) {
        if (name === 'set-cookie') {
          const c = parseSetCookie(v);
          for (const token of jwtsIn(c?.value ?? ''))
            add({ token, ex, where: `in the cookie \`${c!.name}\` set by ${at}`, cookie: c!.name });
        } else {
          for (const token of jwtsIn(v))
            add({ token, ex, where: `in the ${headerName(name)} header of ${at}` });
        }
      }
    }
  }
  const first = exchanges.find((ex) => ex.identity === 'primary') ?? exchanges[0];
  if (creds && first) {
    const given = [creds.bearer ?? '', creds.cookie ?? '', ...Object.values(creds.headers)];
    for (const text of given)
      for (const token of jwtsIn(text)) add({ token, ex: first, where: 'given to Parapet as a credential' });
  }
  return out;
}

export function jwtsIn(text: string): string[] {
  return text.match(JWT_IN_TEXT) ?? [];
}

export interface WeakKey {
  /** The key bytes, to sign with. */
  key: Buffer;
  /** The key as a person would write it (mask it before it reaches a report). */
  label: string;
  /** Its index in the wordlist (one finding per key). */
  index: number;
}

/** Search results per scan (keyed by the scan's config object) and token: each token is searched once. */
const searched = new WeakMap<object, Map<string, number>>();

/**
 * The weak HMAC key that signed `token`, from Parapet's wordlist, or undefined (also for non-HMAC
 * tokens). `scan` is an object that lives exactly as long as the scan (its config): jwt-weak-secret and
 * the active JWT probes ask for the same tokens, and the offline search runs once for both.
 */
export function weakJwtKey(scan: object, token: string): WeakKey | undefined {
  const words = secretWordlist();
  let results = searched.get(scan);
  if (!results) {
    results = new Map();
    searched.set(scan, results);
  }
  let index = results.get(token);
  if (index === undefined) {
    const jwt = decodeJwt(token);
    index = jwt && hmacDigest(jwt) ? findJwtSecret(jwt, words) : -1;
    results.set(token, index);
  }
  return index < 0 ? undefined : { key: words.keys[index]!, label: words.labels[index]!, index };
}
