import { isSoft404 } from '../../discovery/crawl.js';
import { jsonOfResponse } from '../../discovery/json.js';
import { contentKind } from '../../engine/exchange.js';
import type { Exchange } from '../../types.js';

/** Keys error envelopes are made of: `{"error": "…"}`, `{"message": "Not found", "status": 404}`, RFC 9457. */
const ENVELOPE_KEYS = new Set([
  'error',
  'errors',
  'message',
  'msg',
  'detail',
  'details',
  'status',
  'statuscode',
  'code',
  'title',
  'type',
  'instance',
  'success',
  'ok',
  'reason',
  'path',
  'timestamp',
  'requestid',
  'request_id',
  'traceid',
  'trace_id',
]);

/**
 * The response carries data: a 2xx with a non-empty body that is not the target's answer to a URL
 * that cannot exist, and, for JSON, not an empty value or a bare error or status envelope.
 */
export function servesData(ex: Exchange, notFound: Exchange | undefined): boolean {
  const res = ex.response;
  if (!res || res.status < 200 || res.status >= 300 || res.status === 204 || res.status === 205) return false;
  if (ex === notFound || isSoft404(ex, notFound)) return false;
  if (res.body.trim() === '') return false;
  if (contentKind(res) !== 'json') return true;
  const value = jsonOfResponse(res);
  return value === undefined || hasData(value);
}

function hasData(value: unknown): boolean {
  if (value === null || value === '' || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value !== 'object') return true;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return false;
  if (entries.every(([k]) => ENVELOPE_KEYS.has(k.toLowerCase()))) return false;
  // `{"items": [], "next": null}`: an envelope around nothing.
  return entries.some(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0) && !isEmptyObject(v));
}

function isEmptyObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}
