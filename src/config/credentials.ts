import type { Credentials } from './schema.js';

/** The request headers that carry the configured identity. */
export function credentialHeaders(creds: Credentials | undefined): Record<string, string> {
  if (!creds) return {};
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(creds.headers)) headers[name.toLowerCase()] = value;
  if (creds.bearer) headers.authorization = `Bearer ${creds.bearer}`;
  if (creds.basic) headers.authorization = `Basic ${Buffer.from(creds.basic).toString('base64')}`;
  if (creds.cookie) headers.cookie = creds.cookie;
  return headers;
}

/**
 * Every string that must never appear in output: header values, tokens, passwords,
 * encoded forms of them (base64, URL encoding) and each cookie value.
 */
export function secretValues(creds: Credentials | undefined): string[] {
  if (!creds) return [];
  const out = new Set<string>();
  const add = (v: string | undefined) => {
    if (!v || v.length < 3) return;
    out.add(v);
    // A check may offer a key in a query string (api-key-in-query): its URL-encoded forms too.
    out.add(encodeURIComponent(v));
    out.add(new URLSearchParams({ v }).toString().slice(2));
  };
  for (const value of Object.values(creds.headers)) {
    add(value);
    // `Bearer abc` given as a raw header: the token alone must be masked too.
    const m = /^\s*\S+\s+(\S{3,})\s*$/.exec(value);
    if (m) add(m[1]);
  }
  add(creds.bearer);
  if (creds.basic) {
    add(creds.basic);
    add(creds.basic.slice(creds.basic.indexOf(':') + 1));
    add(Buffer.from(creds.basic).toString('base64'));
  }
  if (creds.cookie) {
    add(creds.cookie);
    for (const pair of creds.cookie.split(';')) add(pair.slice(pair.indexOf('=') + 1).trim());
  }
  // Longest first, so a value that contains another is replaced whole.
  return [...out].sort((a, b) => b.length - a.length);
}
