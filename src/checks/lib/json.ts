import { jsonOfResponse } from '../../discovery/json.js';
import { contentKind } from '../../engine/exchange.js';
import type { Exchange } from '../../types.js';

/** Bounds on one document's walk: deep or huge documents are read in part, never exhaustively. */
const MAX_DEPTH = 24;
const MAX_NODES = 20_000;

export type JsonScalar = string | number | boolean | null;

export interface JsonLeaf {
  /** Where the value sits, arrays collapsed: `$.users[*].email`. */
  path: string;
  /** The same with array indexes: `$.users[3].email`. */
  at: string;
  /** The object key that holds the value ('' for an array item or the root). */
  key: string;
  /** The object keys on the way down, outermost first (the value's own key last). */
  keys: string[];
  /** Whether the value sits inside an array somewhere on its path. */
  inArray: boolean;
  value: JsonScalar;
}

/** The parsed body of a JSON response (shared, bounded parse), or undefined when it is not JSON. */
export function jsonOf(ex: Exchange): unknown {
  return ex.response && contentKind(ex.response) === 'json' ? jsonOfResponse(ex.response) : undefined;
}

/** Every scalar in `doc`, depth-first in document order, within the walk's bounds. */
export function jsonLeaves(doc: unknown): JsonLeaf[] {
  const out: JsonLeaf[] = [];
  interface Frame {
    node: unknown;
    path: string;
    at: string;
    key: string;
    keys: string[];
    inArray: boolean;
    depth: number;
  }
  const stack: Frame[] = [{ node: doc, path: '$', at: '$', key: '', keys: [], inArray: false, depth: 0 }];
  let visited = 0;
  while (stack.length > 0 && visited < MAX_NODES) {
    const f = stack.pop()!;
    visited++;
    const { node } = f;
    if (node === null || typeof node !== 'object') {
      if (node === undefined) continue;
      out.push({
        path: f.path,
        at: f.at,
        key: f.key,
        keys: f.keys,
        inArray: f.inArray,
        value: node as JsonScalar,
      });
      continue;
    }
    if (f.depth >= MAX_DEPTH) continue;
    const children: Frame[] = [];
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        children.push({
          node: item,
          path: `${f.path}[*]`,
          at: `${f.at}[${i}]`,
          key: '',
          keys: f.keys,
          inArray: true,
          depth: f.depth + 1,
        });
      });
    } else {
      for (const [k, v] of Object.entries(node)) {
        const step = pathStep(k);
        children.push({
          node: v,
          path: `${f.path}${step}`,
          at: `${f.at}${step}`,
          key: k,
          keys: [...f.keys, k],
          inArray: f.inArray,
          depth: f.depth + 1,
        });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

function pathStep(key: string): string {
  return /^[A-Za-z_$][\w$-]{0,63}$/.test(key) ? `.${key}` : `[${JSON.stringify(key.slice(0, 64))}]`;
}

/** A key compared loosely: `accessToken`, `access_token` and `Access-Token` are all `accesstoken`. */
export function normalKey(key: string): string {
  return key.toLowerCase().replace(/[\s_.-]/g, '');
}

/** Keys under which a document describes data rather than holds it: schemas, examples, messages, labels. */
const DESCRIPTIVE = new Set([
  'example',
  'examples',
  'schema',
  'schemas',
  'properties',
  'definitions',
  'components',
  'errors',
  'error',
  'messages',
  'labels',
  'translations',
  'i18n',
  'placeholders',
  'hints',
  'validation',
  'rules',
  'constraints',
]);

/** The leaf sits under a key that describes data (a schema, an example, an error message, a label). */
export function isDescriptive(leaf: JsonLeaf): boolean {
  return leaf.keys.slice(0, -1).some((k) => DESCRIPTIVE.has(normalKey(k)));
}

/** An OpenAPI/Swagger document or a JSON Schema: its examples are not data. */
export function isSpecDocument(doc: unknown): boolean {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false;
  const o = doc as Record<string, unknown>;
  return 'openapi' in o || 'swagger' in o || '$schema' in o || ('asyncapi' in o && 'info' in o);
}
