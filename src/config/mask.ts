/** `abcd…`: the first four characters of a secret, never more than half of it. */
export function maskSecret(value: string): string {
  const keep = Math.min(4, Math.floor(value.length / 2));
  return `${value.slice(0, keep)}…`;
}

/** Replaces every occurrence of each secret in `text` with its mask. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (out.includes(s)) out = out.split(s).join(maskSecret(s));
  }
  return out;
}

/** Deeply redacts every string in a JSON-like value. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[redact(k, secrets)] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/** Long token-like runs (JWTs, keys) in free text shown as their first characters only. */
export function maskTokens(text: string): string {
  return text.replace(/[\w+/=.-]{16,}/g, (t) => maskSecret(t));
}
