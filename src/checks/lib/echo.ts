import type { Exchange } from '../../types.js';

/**
 * The request already carried `text` (in its URL, decoded or not, its headers or its body), so a
 * response containing it may only be echoing Parapet. Case-insensitive.
 */
export function requestCarries(ex: Exchange, text: string): boolean {
  const needle = text.toLowerCase();
  const req = ex.request;
  let url = req.url;
  try {
    url = decodeURIComponent(req.url);
  } catch {
    // a malformed escape: compare the raw URL
  }
  const hay = [url, req.body ?? '', ...Object.values(req.headers)];
  return hay.some((h) => h.toLowerCase().includes(needle));
}
