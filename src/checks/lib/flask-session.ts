import { createHmac } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { HmacTarget, isFastDigest } from './hmac.js';
import { type Wordlist, wordlistTable } from './wordlist.js';

/**
 * Flask's default session cookie, as `flask.sessions.SecureCookieSessionInterface` writes it with
 * itsdangerous: `URLSafeTimedSerializer(secret_key, salt="cookie-session")` with a `TimestampSigner`
 * (`key_derivation="hmac"`, `digest_method=hashlib.sha1`). The cookie is
 * `payload.timestamp.signature`, each part URL-safe base64 without padding; a payload that zlib made
 * shorter is sent compressed and marked by a leading `.`. The signature is
 * HMAC(HMAC(secret, salt), "payload.timestamp"), the inner HMAC being the derived signing key.
 */
export const FLASK_SALT = 'cookie-session';

/** Digest by signature length: SHA-1 is Flask's default; apps can configure another `digest_method`. */
const DIGEST_BY_LENGTH: Record<number, string> = { 20: 'sha1', 32: 'sha256', 48: 'sha384', 64: 'sha512' };

/** Anchored, no nested quantifiers: the `.` prefix, three dot-free parts. */
const SHAPE = /^(\.?)([A-Za-z0-9_-]{2,8000})\.([A-Za-z0-9_-]{2,12})\.([A-Za-z0-9_-]{20,100})$/;
const MAX_JSON = 1_000_000;

export interface FlaskSession {
  /** `payload.timestamp` exactly as sent: the signed message. */
  signed: Buffer;
  signature: Buffer;
  digest: string;
  compressed: boolean;
  /** The session serialised by Flask's tagged JSON. */
  json: string;
  /** The session object (tagged values such as `{" t": […]}` left as they are). */
  data: Record<string, unknown>;
  /** When it was signed (the timestamp part), if plausible. */
  signedAt?: Date;
}

/** Decodes a cookie value when it has the shape of a Flask session and its payload is a JSON object. */
export function decodeFlaskSession(value: string): FlaskSession | undefined {
  const m = SHAPE.exec(value);
  if (!m) return undefined;
  const [, dot, payload, timestamp, sig] = m as unknown as [string, string, string, string, string];
  const signature = Buffer.from(sig, 'base64url');
  const digest = DIGEST_BY_LENGTH[signature.length];
  if (!digest) return undefined;
  let json: string;
  try {
    const bytes = Buffer.from(payload, 'base64url');
    json = (dot ? inflateSync(bytes, { maxOutputLength: MAX_JSON }) : bytes).toString('utf8');
  } catch {
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const seconds = Buffer.from(timestamp, 'base64url').reduce((n, b) => n * 256 + b, 0);
  // itsdangerous ≥1.0 counts from the Unix epoch; anything before 2010 or past 2100 is not a timestamp.
  const signedAt = seconds > 1_262_304_000 && seconds < 4_102_444_800 ? new Date(seconds * 1000) : undefined;
  return {
    signed: Buffer.from(`${dot}${payload}.${timestamp}`, 'ascii'),
    signature,
    digest,
    compressed: dot === '.',
    json,
    data: data as Record<string, unknown>,
    ...(signedAt ? { signedAt } : {}),
  };
}

/** The signing key itsdangerous derives from a secret (`key_derivation="hmac"`). */
export function flaskSigningKey(secret: Uint8Array, digest = 'sha1', salt = FLASK_SALT): Buffer {
  return createHmac(digest, secret).update(salt).digest();
}

/** The signature Flask would put on `signed` with `secret`: the plain, one-key reference. */
export function flaskSignature(secret: Uint8Array, signed: Uint8Array, digest = 'sha1'): Buffer {
  return createHmac(digest, flaskSigningKey(secret, digest)).update(signed).digest();
}

/**
 * Index in `words` of the secret that signed the session, or -1. SHA-1 and SHA-256 go through the
 * table of derived keys (built once per list); other digests try each key with `createHmac`.
 */
export function findFlaskSecret(session: FlaskSession, words: Wordlist): number {
  const { digest, signed, signature } = session;
  if (isFastDigest(digest)) {
    const table = wordlistTable(words, digest, `itsdangerous-hmac:${FLASK_SALT}`, (s) =>
      flaskSigningKey(s, digest),
    );
    return new HmacTarget(digest, signed, signature).find(table);
  }
  return words.keys.findIndex((secret) => flaskSignature(secret, signed, digest).equals(signature));
}
