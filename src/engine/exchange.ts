import type { Exchange, HeaderMap, RecordedResponse } from '../types.js';

/** All values of a header, in the order received (names are case-insensitive). */
export function headerValues(headers: HeaderMap | undefined, name: string): string[] {
  return headers?.[name.toLowerCase()] ?? [];
}

/** A header's values joined as HTTP allows (`, `), or undefined when absent. */
export function headerValue(headers: HeaderMap | undefined, name: string): string | undefined {
  const values = headerValues(headers, name);
  return values.length === 0 ? undefined : values.join(', ');
}

const MIME_ESSENCE = /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * The media type (lower-case, no parameters) a browser takes from Content-Type, after Fetch's
 * "extract a MIME type": over every value of every field line, the last valid one wins, so
 * `text/html` sent twice is still HTML and `text/html, application/json` is JSON. '' when none.
 */
export function mediaTypeOf(headers: HeaderMap | undefined): string {
  let essence = '';
  for (const line of headerValues(headers, 'content-type')) {
    for (const value of line.split(',')) {
      const candidate = value.split(';')[0]!.trim().toLowerCase();
      if (MIME_ESSENCE.test(candidate) && candidate !== '*/*') essence = candidate;
    }
  }
  return essence;
}

export type ContentKind =
  | 'document'
  | 'json'
  | 'script'
  | 'style'
  | 'image'
  | 'text'
  | 'xml'
  | 'other'
  | 'none';

/** What a browser would treat the response as, from its media type (and a sniff when absent). */
export function contentKind(res: RecordedResponse | undefined): ContentKind {
  if (!res) return 'none';
  const t = res.mediaType;
  if (t === 'text/html' || t === 'application/xhtml+xml') return 'document';
  if (t === 'application/json' || t.endsWith('+json')) return 'json';
  if (/^(text|application)\/(x-)?(java|ecma)script$/.test(t)) return 'script';
  if (t === 'text/css') return 'style';
  if (t.startsWith('image/')) return 'image';
  if (t === 'application/xml' || t === 'text/xml' || t.endsWith('+xml')) return 'xml';
  if (t === 'text/plain') return 'text';
  if (t === '') {
    if (res.body.length === 0) return 'none';
    return /^\s*(<!doctype html|<html|<head|<body)/i.test(res.body) ? 'document' : 'other';
  }
  return 'other';
}

export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx';

export function statusClass(status: number): StatusClass {
  return `${Math.min(5, Math.max(1, Math.floor(status / 100)))}xx` as StatusClass;
}

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** `GET http://host/path` */
export function requestLine(ex: Exchange): string {
  return `${ex.request.method} ${ex.request.url}`;
}
