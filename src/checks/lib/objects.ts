import { asObject, identityValues } from './caller.js';
import { normalKey } from './json.js';

export type JsonObject = Record<string, unknown>;

/** Keys that wrap the payload (`{"data": {...}}`) and keys that may sit beside it. */
const WRAPPERS = ['data', 'result', 'item', 'record', 'object'];
const ENVELOPE_KEYS = new Set(['meta', 'links', 'status', 'success', 'message', 'ok', 'included']);

/** The object a JSON response is about, out of an envelope like `{"data": {...}, "meta": {...}}`. */
export function objectOf(doc: unknown): JsonObject | undefined {
  const obj = asObject(doc);
  if (!obj) return undefined;
  for (const w of WRAPPERS) {
    const inner = asObject(obj[w]);
    if (inner && Object.keys(obj).every((k) => k === w || ENVELOPE_KEYS.has(normalKey(k)))) return inner;
  }
  return obj;
}

/** The objects of a listing: a top-level array of objects, or the first such array in an envelope. */
export function listItems(doc: unknown): JsonObject[] {
  const pick = (v: unknown): JsonObject[] | undefined => {
    if (!Array.isArray(v) || v.length === 0) return undefined;
    const objs = v.map(asObject);
    return objs.every(Boolean) ? (objs as JsonObject[]) : undefined;
  };
  const top = pick(doc);
  if (top) return top;
  const obj = asObject(doc);
  if (!obj) return [];
  for (const v of Object.values(obj)) {
    const items = pick(v);
    if (items) return items;
  }
  return [];
}

/** The value of the first key whose normalised name is in `names` (in the order of `names`). */
function field(obj: JsonObject, names: readonly string[]): { key: string; value: unknown } | undefined {
  const byName = new Map(Object.keys(obj).map((k) => [normalKey(k), k]));
  for (const n of names) {
    const key = byName.get(n);
    if (key !== undefined && obj[key] !== null && obj[key] !== undefined) return { key, value: obj[key] };
  }
  return undefined;
}

/** The object's own id (`id`, `uuid`, `_id`), as a string. */
export function idOf(obj: JsonObject): string | undefined {
  const f = field(obj, ['id', 'uuid', 'key']);
  return f && (typeof f.value === 'string' || typeof f.value === 'number') ? String(f.value) : undefined;
}

/** Fields that say whose object this is, strongest first. */
const OWNER_FIELDS = [
  'owner',
  'ownerid',
  'userid',
  'user',
  'accountid',
  'customerid',
  'owneremail',
  'ownerusername',
  'ownername',
];
/** Fields that name a person without saying they own the object (the object may be that person). */
const PERSON_FIELDS = ['username', 'email'];

export interface Owner {
  /** The field as the server spelled it. */
  key: string;
  /** The values naming the owner (an id, a name, an e-mail), lower-cased. */
  values: Set<string>;
}

/**
 * Who owns the object, from its owner field (`owner`, `user_id`, `account_id`…; an object value
 * gives its id, username and e-mail). With `persons`, `username` and `email` count as well.
 */
export function ownerOf(obj: JsonObject, persons = false): Owner | undefined {
  const f = field(obj, persons ? [...OWNER_FIELDS, ...PERSON_FIELDS] : OWNER_FIELDS);
  if (!f) return undefined;
  if (typeof f.value === 'string' || typeof f.value === 'number') {
    const v = String(f.value).trim().toLowerCase();
    return v === '' ? undefined : { key: f.key, values: new Set([v]) };
  }
  const values = identityValues(f.value);
  return values.size > 0 ? { key: f.key, values } : undefined;
}

/** Whether the owner is (one of the names of) the caller. */
export function ownedBy(owner: Owner, caller: ReadonlySet<string>): boolean {
  for (const v of owner.values) if (caller.has(v)) return true;
  return false;
}

function scalarEntries(obj: JsonObject): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    if (v === null || typeof v !== 'object') out.set(k, JSON.stringify(v));
  }
  return out;
}

/** Two objects share a shape: most of their keys are the same (≥ 80 % of the union). */
export function sameShape(a: JsonObject, b: JsonObject): boolean {
  const ka = new Set(Object.keys(a));
  const kb = Object.keys(b);
  if (ka.size < 2 || kb.length < 2) return false;
  const common = kb.filter((k) => ka.has(k)).length;
  return common / new Set([...ka, ...kb]).size >= 0.8;
}

/**
 * Two answers carry the same object: equal, or the same shape with the same id and owner and most
 * plain values equal (a per-viewer flag or a timestamp may differ).
 */
export function sameObject(a: JsonObject, b: JsonObject): boolean {
  if (JSON.stringify(a) === JSON.stringify(b)) return true;
  if (!sameShape(a, b) || idOf(a) !== idOf(b)) return false;
  const oa = ownerOf(a, true);
  const ob = ownerOf(b, true);
  if (oa && ob && [...oa.values].join() !== [...ob.values].join()) return false;
  const sa = scalarEntries(a);
  const sb = scalarEntries(b);
  if (sa.size === 0) return false;
  let equal = 0;
  for (const [k, v] of sa) if (sb.get(k) === v) equal++;
  return equal / sa.size >= 0.7;
}
