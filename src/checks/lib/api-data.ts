/** Reading API answers: is a response data, how alike are two answers, does it carry sensitive fields. */

import { jsonOfResponse } from '../../discovery/json.js';
import { contentKind } from '../../engine/exchange.js';
import type { RecordedResponse } from '../../types.js';
import { isSensitiveName } from './sensitive-names.js';

/** Leaves compared per answer; enough for any page of results a scan looks at. */
const MAX_LEAVES = 5_000;
const MAX_TOKENS = 5_000;
/** Keys of an answer that reports an outcome (an error, a health status) rather than data. */
const ENVELOPE_KEYS = new Set([
  'error',
  'errors',
  'error_description',
  'message',
  'msg',
  'detail',
  'details',
  'status',
  'statuscode',
  'status_code',
  'code',
  'title',
  'type',
  'reason',
  'success',
  'ok',
  'instance',
  'timestamp',
  'path',
  'trace_id',
  'traceid',
  'request_id',
  'requestid',
]);

/** The response's JSON value (one shared, bounded parse), or undefined when it is not JSON. */
export function jsonOf(res: RecordedResponse): unknown {
  const kind = contentKind(res);
  const jsonish =
    kind === 'json' ||
    ((res.mediaType === '' || res.mediaType === 'text/plain') && /^\s*[[{]/.test(res.body));
  return jsonish ? jsonOfResponse(res) : undefined;
}

export type DataKind = 'json' | 'xml' | 'csv';

/**
 * What kind of data a 2xx answer carries, or undefined when it carries none: JSON that holds more than
 * an outcome (`{}`, `[]`, `{"status":"ok"}`, `{"error":…}`, `{"user":null}` are not data), a non-empty
 * XML document or a CSV table.
 */
export function dataKind(res: RecordedResponse | undefined): DataKind | undefined {
  if (!res || res.status < 200 || res.status > 299) return undefined;
  const json = jsonOf(res);
  if (json !== undefined) return isDataValue(json) ? 'json' : undefined;
  const kind = contentKind(res);
  if (kind === 'xml' && /<[a-z]/i.test(res.body)) return 'xml';
  if (res.mediaType === 'text/csv' && res.body.trim().split(/\r?\n/).length >= 2) return 'csv';
  return undefined;
}

/** Data is an array with items, or an object with a filled field beyond the envelope (`{"user": null}` is not). */
function isDataValue(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (!v || typeof v !== 'object') return false;
  return Object.entries(v).some(([k, x]) => !ENVELOPE_KEYS.has(k.toLowerCase()) && isFilled(x));
}

function isFilled(v: unknown): boolean {
  if (typeof v === 'string') return v.trim() !== '';
  if (typeof v === 'number') return true;
  if (Array.isArray(v)) return v.length > 0;
  return v !== null && typeof v === 'object' && Object.keys(v).length > 0;
}

/**
 * How alike two answers are, from 0 to 1. JSON is compared leaf by leaf (`path=value`, array positions
 * ignored, so a reordered list still matches); other bodies by their sets of words.
 */
export function similarity(a: RecordedResponse, b: RecordedResponse): number {
  const ja = jsonOf(a);
  const jb = jsonOf(b);
  if (ja !== undefined && jb !== undefined) return overlap(leaves(ja), leaves(jb));
  if (ja !== undefined || jb !== undefined) return 0;
  const ta = a.body.replace(/\s+/g, ' ').trim();
  const tb = b.body.replace(/\s+/g, ' ').trim();
  if (ta === tb) return 1;
  return overlap(tokens(ta), tokens(tb));
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / Math.max(a.size, b.size);
}

function leaves(root: unknown): Set<string> {
  const out = new Set<string>();
  const stack: Array<[string, unknown]> = [['', root]];
  while (stack.length > 0 && out.size < MAX_LEAVES) {
    const [path, v] = stack.pop()!;
    if (Array.isArray(v)) {
      if (v.length === 0) out.add(`${path}=[]`);
      for (const item of v) stack.push([`${path}[]`, item]);
    } else if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      if (entries.length === 0) out.add(`${path}={}`);
      for (const [k, x] of entries) stack.push([`${path}.${k}`, x]);
    } else {
      out.add(`${path}=${JSON.stringify(v)}`);
    }
  }
  return out;
}

function tokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of text.split(/\W+/)) {
    if (t.length >= 2) out.add(t);
    if (out.size >= MAX_TOKENS) break;
  }
  return out;
}

/**
 * Names of the fields in an answer that hold secrets or personal data with a value (a string or a
 * number, not `null`, `""` or a flag): JSON object keys anywhere, or the header row of a CSV table.
 */
export function sensitiveFields(res: RecordedResponse | undefined, limit = 5): string[] {
  if (!res) return [];
  const found = new Set<string>();
  const json = jsonOf(res);
  if (json !== undefined) {
    const stack: unknown[] = [json];
    let visited = 0;
    while (stack.length > 0 && visited < MAX_LEAVES && found.size < limit) {
      const v = stack.pop();
      visited++;
      if (Array.isArray(v)) stack.push(...v.slice(0, 200));
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (isSensitiveName(k) && (hasValue(x) || hasNestedValue(x))) found.add(k);
          else if (x && typeof x === 'object') stack.push(x);
        }
      }
    }
  } else if (res.mediaType === 'text/csv') {
    const header = res.body.split(/\r?\n/, 1)[0] ?? '';
    for (const col of header.split(/[,;\t]/)) {
      const name = col.trim().replace(/^"|"$/g, '');
      if (isSensitiveName(name)) found.add(name);
    }
  }
  return [...found].slice(0, limit);
}

function hasValue(v: unknown): boolean {
  return (typeof v === 'string' && v.trim() !== '') || typeof v === 'number';
}

/** `"card": {"number": "4111…"}`: an object under a sensitive name that holds a value. */
function hasNestedValue(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).some(hasValue);
}
