/** JSON writes to an object's URL and reading the object back: the active authorization probes share these. */
import type { Identity } from '../../engine/engine.js';
import type { Exchange } from '../../types.js';
import type { CheckContext } from '../types.js';
import { jsonOf, normalKey } from './json.js';
import { type JsonObject, objectOf } from './objects.js';
import { tryRequest } from './request.js';

type Ctx = Pick<CheckContext, 'request'>;

export interface Served {
  ex: Exchange;
  obj: JsonObject;
}

export function is2xx(ex: Exchange | undefined): boolean {
  const s = ex?.response?.status ?? 0;
  return s >= 200 && s < 300;
}

/** The JSON object a 2xx answer carries (out of its envelope), or undefined. */
export function servedObject(ex: Exchange | undefined): Served | undefined {
  if (!ex || !is2xx(ex)) return undefined;
  const obj = objectOf(jsonOf(ex));
  return obj ? { ex, obj } : undefined;
}

/** A fresh GET of the object as `identity`. */
export async function readObject(ctx: Ctx, url: string, identity: Identity): Promise<Served | undefined> {
  return servedObject(await tryRequest(ctx, { url, identity, headers: { accept: 'application/json' } }));
}

export function sendJson(
  ctx: Ctx,
  url: string,
  method: 'PATCH' | 'PUT' | 'POST',
  body: unknown,
  identity: Identity,
): Promise<Exchange | undefined> {
  return tryRequest(ctx, {
    url,
    method,
    identity,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
}

export interface Update {
  ex: Exchange;
  method: 'PATCH' | 'PUT';
}

/**
 * Sends `changes` to the object at `url`: PATCH with the changes alone, or, when the endpoint refuses
 * PATCH as a method (405, 501), PUT with the whole object as read and the changes over it.
 */
export async function updateObject(
  ctx: Ctx,
  url: string,
  original: JsonObject,
  changes: JsonObject,
  identity: Identity,
): Promise<Update | undefined> {
  const patch = await sendJson(ctx, url, 'PATCH', changes, identity);
  if (!patch) return undefined;
  const status = patch.response!.status;
  if (status !== 405 && status !== 501) return { ex: patch, method: 'PATCH' };
  const put = await sendJson(ctx, url, 'PUT', { ...original, ...changes }, identity);
  return put ? { ex: put, method: 'PUT' } : undefined;
}

/** Equal as JSON values (key order aside for objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as JsonObject;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

/** Names of fields whose value a person typed for show: a marker there breaks nothing. */
const HARMLESS =
  /^(name|title|label|subject|description|desc|note|notes|comment|comments|text|body|content|bio|about|summary|caption|item|displayname|nickname|memo|message)$/;

/** A string field of the object a marker can go into without harm (a title, a note), or undefined. */
export function harmlessField(obj: JsonObject): string | undefined {
  return Object.keys(obj).find((k) => typeof obj[k] === 'string' && HARMLESS.test(normalKey(k)));
}

/** `a: 1 → 2, b: (absent) → true`: what changed, as a person reads it. */
export function describeChanges(keys: readonly string[], before: JsonObject, after: JsonObject): string {
  const show = (o: JsonObject, k: string) => (k in o ? JSON.stringify(o[k]) : '(absent)');
  return keys.map((k) => `${k}: ${show(before, k)} → ${show(after, k)}`).join(', ');
}
