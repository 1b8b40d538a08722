import { createHmac } from 'node:crypto';
import { HmacTarget, isFastDigest } from './hmac.js';
import { type Wordlist, wordlistTable } from './wordlist.js';

/**
 * A compact JWS (RFC 7515) as it appears in text: header and payload are base64url JSON objects, so
 * both start with `ey` (`{"` or `{ `). Bounded repeats only: linear on any input.
 */
export const JWT_IN_TEXT =
  /(?<![A-Za-z0-9_-])ey[A-Za-z0-9_-]{8,4000}\.ey[A-Za-z0-9_-]{2,8000}\.[A-Za-z0-9_-]{0,1000}(?![A-Za-z0-9_-])/g;

/** HMAC algorithms and the digest each uses (RFC 7518 §3.2). */
const HMAC_ALGS: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

export interface Jwt {
  header: Record<string, unknown>;
  /** The claims, when the payload is a JSON object (it may be anything for a JWS). */
  claims?: Record<string, unknown>;
  alg: string;
  /** `header.payload` as sent: the signed message. */
  signingInput: Buffer;
  signature: Buffer;
}

export function decodeJwt(token: string): Jwt | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  const header = jsonObject(h);
  if (!header || typeof header.alg !== 'string') return undefined;
  const claims = jsonObject(p);
  return {
    header,
    ...(claims ? { claims } : {}),
    alg: header.alg,
    signingInput: Buffer.from(`${h}.${p}`, 'ascii'),
    signature: Buffer.from(s, 'base64url'),
  };
}

/** The digest of an HMAC-signed token, or undefined (RS256, none, …). */
export function hmacDigest(jwt: Jwt): string | undefined {
  return HMAC_ALGS[jwt.alg];
}

/** Index in `words` of the HMAC key that signed the token, or -1 (also for non-HMAC tokens). */
export function findJwtSecret(jwt: Jwt, words: Wordlist): number {
  const digest = hmacDigest(jwt);
  if (!digest || jwt.signature.length === 0) return -1;
  const { signingInput, signature } = jwt;
  if (isFastDigest(digest)) {
    if (!HmacTarget.fits(digest, signature)) return -1;
    return new HmacTarget(digest, signingInput, signature).find(wordlistTable(words, digest, 'none'));
  }
  return words.keys.findIndex((key) =>
    createHmac(digest, key).update(signingInput).digest().equals(signature),
  );
}

/** `HS256, iss "auth.example", expires 2030-01-01T00:00:00Z`: what a person needs to know of a token. */
export function describeJwt(jwt: Jwt, now = Date.now()): string {
  const out = [jwt.alg];
  const c = jwt.claims;
  if (c && typeof c.iss === 'string') out.push(`iss ${JSON.stringify(clip(c.iss))}`);
  if (c && typeof c.exp === 'number' && Number.isFinite(c.exp)) {
    const at = new Date(c.exp * 1000);
    const iso = Number.isNaN(at.getTime()) ? String(c.exp) : at.toISOString().replace('.000Z', 'Z');
    out.push(`${c.exp * 1000 < now ? 'expired' : 'expires'} ${iso}`);
  } else if (c) {
    out.push('no expiry');
  }
  return out.join(', ');
}

function jsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

/** The signed message's digest for an HMAC `alg`, or undefined. */
export function hmacDigestOf(alg: string): string | undefined {
  return HMAC_ALGS[alg];
}

/**
 * A compact JWS of `header` and `claims`: signed with `key` when the header names an HMAC algorithm,
 * otherwise (`none` and its case variants) with an empty signature, `h.p.` or, without `trailingDot`, `h.p`.
 */
export function encodeJwt(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  key?: Uint8Array,
  trailingDot = true,
): string {
  const input = `${b64json(header)}.${b64json(claims)}`;
  const digest = typeof header.alg === 'string' ? HMAC_ALGS[header.alg] : undefined;
  if (digest && key) return `${input}.${createHmac(digest, key).update(input).digest('base64url')}`;
  return trailingDot ? `${input}.` : input;
}

function b64json(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}
