/**
 * Plausible values for parameters and bodies, from what the schema says: its examples, default,
 * enum or const first, then its type and format (ids as small integers, uuids, dates, e-mails).
 * `variant` asks for the n-th value, so that a path parameter can be tried with more than one.
 */
import { isObject } from './pointer.js';
import type { Schema } from './types.js';

const MAX_DEPTH = 5;
const MAX_PROPERTIES = 40;
const ID_NAME = /(^id$|_id$|Id$|^uuid$|_uuid$|Uuid$)/;

export interface ValueOptions {
  /** The property or parameter name (ids get small integers). */
  name?: string;
  /** Which value: 0 is the example or default, 1 and more are others of the same kind. */
  variant?: number;
  /** Building a request: read-only properties are left out. */
  forRequest?: boolean;
}

export function sampleValue(schema: Schema | undefined, options: ValueOptions = {}): unknown {
  return sample(schema, options.name ?? '', options.variant ?? 0, options.forRequest ?? true, 0, new Set());
}

function sample(
  raw: unknown,
  name: string,
  variant: number,
  forRequest: boolean,
  depth: number,
  path: Set<unknown>,
): unknown {
  if (!isObject(raw)) return byName(name, variant);
  const schema = merged(raw);
  if (path.has(raw)) {
    // A cycle (a node whose parent is a node): an empty value of the right type ends it.
    const type = typeOf(schema);
    return type === 'object' ? {} : type === 'array' ? [] : byName(name, variant);
  }
  if (variant === 0) {
    const given = declared(schema);
    if (given !== undefined) return given;
  } else if (Array.isArray(schema.examples) && schema.examples.length > variant) {
    return schema.examples[variant];
  }
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.filter((v) => v !== null);
    if (values.length > 0) return values[variant % values.length];
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options)) {
      const first = options.find((o) => isObject(o) && o.type !== 'null');
      if (first) return sample(first, name, variant, forRequest, depth, path);
    }
  }
  const type = typeOf(schema);
  path.add(raw);
  try {
    switch (type) {
      case 'integer':
      case 'number':
        return numberFor(schema, name, variant, type === 'integer');
      case 'boolean':
        return variant % 2 === 0;
      case 'array': {
        if (depth >= MAX_DEPTH) return [];
        const count = Math.min(2, Math.max(1, Number(schema.minItems ?? 1)));
        return Array.from({ length: count }, (_, i) =>
          sample(schema.items, singular(name), variant + i, forRequest, depth + 1, path),
        );
      }
      case 'object':
        return depth >= MAX_DEPTH ? {} : objectFor(schema, variant, forRequest, depth, path);
      case 'null':
        return null;
      default:
        return stringFor(schema, name, variant);
    }
  } finally {
    path.delete(raw);
  }
}

/** `allOf` parts folded into one schema (properties and required lists joined). */
function merged(schema: Schema): Schema {
  if (!Array.isArray(schema.allOf)) return schema;
  const out: Schema = { ...schema, allOf: undefined };
  const properties: Record<string, unknown> = { ...(isObject(schema.properties) ? schema.properties : {}) };
  const required = new Set<string>(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  for (const part of schema.allOf) {
    if (!isObject(part)) continue;
    const p = merged(part);
    for (const [k, v] of Object.entries(p)) {
      if (k === 'properties' && isObject(v)) Object.assign(properties, v);
      else if (k === 'required' && Array.isArray(v)) for (const r of v) required.add(String(r));
      else if (out[k] === undefined) out[k] = v;
    }
  }
  if (Object.keys(properties).length > 0) out.properties = properties;
  if (required.size > 0) out.required = [...required];
  return out;
}

function declared(schema: Schema): unknown {
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  return undefined;
}

function typeOf(schema: Schema): string {
  const t = schema.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) {
    const first = t.find((x) => x !== 'null');
    if (typeof first === 'string') return first;
  }
  if (isObject(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return 'string';
}

function numberFor(schema: Schema, name: string, variant: number, integer: boolean): number {
  const min = bound(schema.minimum, schema.exclusiveMinimum, 1);
  const max = bound(schema.maximum, schema.exclusiveMaximum, -1);
  let value = ID_NAME.test(name) || integer ? 1 + variant : 1.5 + variant;
  if (min !== undefined && value < min) value = Math.ceil(min) + variant;
  if (max !== undefined && value > max) value = integer ? Math.floor(max) : max;
  return value;
}

/** A lower (`dir` 1) or upper (-1) bound from OpenAPI 3.0 (boolean exclusive) or 3.1 (numeric) keywords. */
function bound(limit: unknown, exclusive: unknown, dir: 1 | -1): number | undefined {
  if (typeof exclusive === 'number') return exclusive + dir;
  if (typeof limit !== 'number') return undefined;
  return exclusive === true ? limit + dir : limit;
}

const UUIDS = [
  '00000000-0000-4000-8000-000000000001',
  '00000000-0000-4000-8000-000000000002',
  '00000000-0000-4000-8000-000000000003',
];

function stringFor(schema: Schema, name: string, variant: number): string {
  const n = variant + 1;
  const byFormat: Record<string, () => string> = {
    uuid: () => UUIDS[variant % UUIDS.length]!,
    date: () => `2024-01-${String(n).padStart(2, '0')}`,
    'date-time': () => `2024-01-${String(n).padStart(2, '0')}T12:00:00Z`,
    time: () => '12:00:00',
    email: () => (variant === 0 ? 'parapet@example.com' : `parapet${n}@example.com`),
    'idn-email': () => 'parapet@example.com',
    uri: () => 'https://example.com/',
    url: () => 'https://example.com/',
    'uri-reference': () => '/',
    hostname: () => 'example.com',
    ipv4: () => `192.0.2.${n}`,
    ipv6: () => `2001:db8::${n}`,
    byte: () => Buffer.from(`parapet${n}`).toString('base64'),
    password: () => 'Parapet-Test-1',
    int32: () => String(n),
    int64: () => String(n),
  };
  const format = typeof schema.format === 'string' ? schema.format.toLowerCase() : '';
  let value = byFormat[format]?.() ?? byName(name, variant);
  const pattern = typeof schema.pattern === 'string' ? safeRegExp(schema.pattern) : undefined;
  if (pattern && !pattern.test(value)) {
    const fit = [
      String(n),
      `${n}${n}${n}`,
      'abc',
      'ABC',
      'a1',
      'A1',
      UUIDS[0]!,
      '2024-01-01',
      'parapet',
    ].find((c) => pattern.test(c));
    if (fit) value = fit;
  }
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  if (value.length < minLength) value = value.padEnd(Math.min(minLength, 1000), 'x');
  if (value.length > maxLength) value = value.slice(0, Math.max(1, maxLength));
  return value;
}

/** With no schema to go by: ids are small integers, everything else a word. */
function byName(name: string, variant: number): string {
  if (ID_NAME.test(name)) return String(variant + 1);
  if (/e-?mail/i.test(name))
    return variant === 0 ? 'parapet@example.com' : `parapet${variant + 1}@example.com`;
  return variant === 0 ? 'parapet' : `parapet${variant + 1}`;
}

function objectFor(schema: Schema, variant: number, forRequest: boolean, depth: number, path: Set<unknown>) {
  const out: Record<string, unknown> = {};
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  let count = 0;
  for (const [name, sub] of Object.entries(properties)) {
    if (count >= MAX_PROPERTIES) break;
    if (!isObject(sub)) continue;
    if (forRequest && sub.readOnly === true) continue;
    if (!forRequest && sub.writeOnly === true) continue;
    // Optional properties only when the spec gives a value for them: a minimal, valid object.
    if (!required.has(name) && depth > 0 && declared(sub) === undefined) continue;
    if (!required.has(name) && depth === 0 && declared(sub) === undefined && required.size > 0) continue;
    out[name] = sample(sub, name, variant, forRequest, depth + 1, path);
    count++;
  }
  return out;
}

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

function safeRegExp(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'u');
  } catch {
    return undefined;
  }
}

/** A value as it travels in a path segment, query string or header (arrays joined with commas). */
export function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(asText).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
