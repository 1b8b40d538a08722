/** Judging whether a value could be a secret an attacker cannot guess (tokens, nonces, session ids). */

const MIN_LENGTH = 16;
const MAX_LENGTH = 8192;
/** Empirical Shannon entropy per character below which a value repeats itself too much to be random. */
const MIN_BITS_PER_CHAR = 3;

/** Shannon entropy of the value's own character distribution, in bits per character. */
export function bitsPerChar(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * True when the value has the length and spread of a random token: at least 16 characters from a
 * token alphabet, two character classes, no repetition, and not a number, date, e-mail address or URL.
 */
export function looksUnpredictable(raw: string): boolean {
  const value = safeDecode(raw);
  if (value.length < MIN_LENGTH || value.length > MAX_LENGTH) return false;
  if (/[\s@<>"'`{}()[\]\\]/.test(value)) return false;
  if (/^(https?:)?\/\//i.test(value) || value.startsWith('/')) return false;
  // Counters, timestamps and dates change between loads too, but anyone can predict them.
  if (/^[\d:.,+\-/TZ]+$/i.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((re) => re.test(value)).length;
  if (classes < 2) return false;
  return bitsPerChar(value) >= MIN_BITS_PER_CHAR;
}

/** The shape of a signed token: a JWT (`eyJ…`) or an itsdangerous/Flask value (`payload.time.signature`). */
export function signedTokenShape(raw: string): 'jwt' | 'itsdangerous' | undefined {
  const value = safeDecode(raw);
  const jwt = /^(eyJ[\w-]+)\.([\w-]+)\.([\w-]*)$/.exec(value);
  if (jwt) {
    try {
      const header = JSON.parse(Buffer.from(jwt[1]!, 'base64url').toString('utf8')) as unknown;
      if (header && typeof header === 'object' && 'alg' in header) return 'jwt';
    } catch {
      // not JSON: fall through to the other shapes
    }
  }
  // itsdangerous: base64url payload (a leading dot when compressed), base64 timestamp, signature.
  if (/^\.?[\w-]{2,}\.[\w-]{4,8}\.[\w-]{20,}$/.test(value) && looksUnpredictable(value))
    return 'itsdangerous';
  return undefined;
}

function safeDecode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
