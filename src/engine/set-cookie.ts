/** A Set-Cookie header parsed as RFC 6265 §5.2 does: name, value and attributes. */
export interface SetCookie {
  name: string;
  value: string;
  /** Attribute names lower-case; the last occurrence of each wins (as in browsers). */
  attributes: Record<string, string>;
  raw: string;
}

export function parseSetCookie(header: string): SetCookie | undefined {
  const parts = header.split(';');
  const pair = parts.shift() ?? '';
  const eq = pair.indexOf('=');
  // A nameless pair (`=v` or `v`) is a cookie with an empty name in RFC 6265bis; ignore it here.
  if (eq <= 0) return undefined;
  const name = pair.slice(0, eq).trim();
  const value = pair
    .slice(eq + 1)
    .trim()
    .replace(/^"(.*)"$/, '$1');
  if (!name) return undefined;
  const attributes: Record<string, string> = {};
  for (const part of parts) {
    const i = part.indexOf('=');
    const key = (i < 0 ? part : part.slice(0, i)).trim().toLowerCase();
    if (!key) continue;
    attributes[key] = i < 0 ? '' : part.slice(i + 1).trim();
  }
  return { name, value, attributes, raw: header };
}

/** True when the cookie is deleted by this header (Max-Age <= 0 or an Expires in the past). */
export function isDeletion(c: SetCookie, now: number): boolean {
  const maxAge = c.attributes['max-age'];
  if (maxAge !== undefined && /^-?\d+$/.test(maxAge)) return Number(maxAge) <= 0;
  const expires = c.attributes.expires;
  if (expires !== undefined) {
    const t = Date.parse(expires);
    return !Number.isNaN(t) && t <= now;
  }
  return false;
}

/** Cookies per origin, as a browser would send them back (path and expiry are simplified). */
export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  store(origin: string, setCookies: readonly string[], now: number): void {
    for (const header of setCookies) {
      const c = parseSetCookie(header);
      if (!c) continue;
      let jar = this.byOrigin.get(origin);
      if (!jar) {
        jar = new Map();
        this.byOrigin.set(origin, jar);
      }
      if (isDeletion(c, now)) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
  }

  header(origin: string): string | undefined {
    const jar = this.byOrigin.get(origin);
    if (!jar || jar.size === 0) return undefined;
    return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}
