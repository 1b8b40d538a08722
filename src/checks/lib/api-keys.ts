/** Where APIs read keys from, and the key-like credentials a scan was given. */
import type { Credentials } from '../../config/schema.js';

/** Query parameters APIs commonly read a key or token from. */
export const KEY_QUERY_NAMES = ['api_key', 'apikey', 'key', 'token', 'access_token'] as const;

/** The header most APIs read a key from when the user named none. */
export const DEFAULT_KEY_HEADER = 'X-API-Key';

export interface KeyCredential {
  /** The header that carries it, as the user wrote it (`X-API-Key`, `Authorization`). */
  header: string;
  /** The key, or the token of a bearer credential (without `Bearer `). */
  value: string;
  bearer: boolean;
}

/**
 * The scan's credentials that could travel in a URL instead: each key header (anything but
 * Cookie and a non-bearer Authorization) and a bearer token. Basic and cookie credentials have no
 * query form.
 */
export function keyCredentials(creds: Credentials | undefined): KeyCredential[] {
  if (!creds) return [];
  const out: KeyCredential[] = [];
  for (const [header, value] of Object.entries(creds.headers)) {
    const lower = header.toLowerCase();
    if (lower === 'cookie' || value.trim() === '') continue;
    if (lower === 'authorization') {
      const m = /^\s*bearer\s+(\S+)\s*$/i.exec(value);
      if (m) out.push({ header, value: m[1]!, bearer: true });
      continue;
    }
    out.push({ header, value, bearer: false });
  }
  if (creds.bearer && !out.some((c) => c.bearer))
    out.push({ header: 'Authorization', value: creds.bearer, bearer: true });
  return out;
}

/**
 * Query parameter names to offer a credential under: the common ones, and for a key header its own
 * name, lower-cased and as written (`x-api-key`, `X-API-Key`).
 */
export function queryNamesFor(cred: KeyCredential): string[] {
  const names: string[] = cred.bearer ? ['access_token', 'token', ...KEY_QUERY_NAMES] : [...KEY_QUERY_NAMES];
  if (!cred.bearer) names.push(cred.header.toLowerCase(), cred.header);
  return [...new Set(names)];
}

/** `url` with one more query parameter (replacing one of the same name). */
export function withQueryParam(url: string, name: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(name, value);
  return u.href;
}
