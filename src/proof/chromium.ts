/** Playwright's view of a response, in Parapet's terms. */
import type { HeaderMap } from '../types.js';

/** Playwright's headers (lower-case names, repeated values joined by newlines) as Parapet's HeaderMap. */
export function headerMap(headers: Record<string, string>): HeaderMap {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.split('\n')]));
}
