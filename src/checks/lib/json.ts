import { jsonOfResponse } from '../../discovery/json.js';
import { contentKind } from '../../engine/exchange.js';
import type { Exchange } from '../../types.js';

/** Bounds on one document's walk: deep or huge documents are read in part, never exhaustively. */
const MAX_DEPTH = 24;
const MAX_NODES = 20_000;

export type JsonScalar = string | number | boolean | null;

export interface JsonLeaf {
  /** Where the value sits, arrays collapsed: `$.users[*].email`. */
  readonly path: string;
  /** The same with array indexes: `$.users[3].email`. */
  readonly at: string;
  /** The object key that holds the value ('' for an array item or the root). */
  readonly key: string;
  /** The object keys on the way down, outermost first (the value's own key last). */
  readonly keys: string[];
  /** The key that names the value: its own, or for an array item the nearest one above ('' at the root). */
  readonly owner: string;
  /** Whether the value sits inside an array somewhere on its path. */
  readonly inArray: boolean;
  /** Whether a key above the value's own (see `keys`) says the document describes data. */
  readonly described: boolean;
  readonly value: JsonScalar;
}

/** One step down from the root: an object key, or an array index (`key` undefined). */
interface Step {
  readonly up: Step | undefined;
  readonly key: string | undefined;
  readonly index: number;
  /** The collapsed path to here, once built (shared by every leaf below). */
  path?: string;
}

/**
 * A scalar and the steps to it. Paths are built on first use: a listing has tens of thousands of
 * leaves and the checks read the path of a few.
 */
class Leaf implements JsonLeaf {
  private atCache: string | undefined;
  private keysCache: string[] | undefined;
  constructor(
    private readonly step: Step | undefined,
    readonly inArray: boolean,
    readonly described: boolean,
    readonly value: JsonScalar,
  ) {}

  get key(): string {
    return this.step?.key ?? '';
  }

  get path(): string {
    return collapsedPath(this.step);
  }

  get at(): string {
    this.atCache ??= render(this.step);
    return this.atCache;
  }

  get owner(): string {
    for (let s = this.step; s; s = s.up) if (s.key !== undefined) return s.key;
    return '';
  }

  get keys(): string[] {
    if (!this.keysCache) {
      const keys: string[] = [];
      for (let s = this.step; s; s = s.up) if (s.key !== undefined) keys.push(s.key);
      this.keysCache = keys.reverse();
    }
    return this.keysCache;
  }
}

function collapsedPath(step: Step | undefined): string {
  if (!step) return '$';
  step.path ??= `${collapsedPath(step.up)}${step.key !== undefined ? pathStep(step.key) : '[*]'}`;
  return step.path;
}

/** The path with array indexes. */
function render(step: Step | undefined): string {
  const parts: string[] = [];
  for (let s = step; s; s = s.up) parts.push(s.key !== undefined ? pathStep(s.key) : `[${s.index}]`);
  return `$${parts.reverse().join('')}`;
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
    step: Step | undefined;
    inArray: boolean;
    /** A key on the way down is descriptive: all of them, and all but the last one. */
    anyDescriptive: boolean;
    aboveDescriptive: boolean;
    depth: number;
  }
  const stack: Frame[] = [
    { node: doc, step: undefined, inArray: false, anyDescriptive: false, aboveDescriptive: false, depth: 0 },
  ];
  let visited = 0;
  while (stack.length > 0 && visited < MAX_NODES) {
    const f = stack.pop()!;
    visited++;
    const { node } = f;
    if (node === null || typeof node !== 'object') {
      if (node !== undefined) out.push(new Leaf(f.step, f.inArray, f.aboveDescriptive, node as JsonScalar));
      continue;
    }
    if (f.depth >= MAX_DEPTH) continue;
    const depth = f.depth + 1;
    // Pushed last to first, so that they come off the stack in document order; no more of them than
    // the walk can still visit (a hostile array of a million items costs nothing past the bound).
    const room = Math.max(0, MAX_NODES - visited - stack.length);
    if (Array.isArray(node)) {
      for (let i = Math.min(node.length, room) - 1; i >= 0; i--) {
        stack.push({
          ...f,
          node: node[i],
          step: { up: f.step, key: undefined, index: i },
          inArray: true,
          depth,
        });
      }
    } else {
      const keys = Object.keys(node);
      for (let i = Math.min(keys.length, room) - 1; i >= 0; i--) {
        const key = keys[i]!;
        stack.push({
          node: (node as Record<string, unknown>)[key],
          step: { up: f.step, key, index: -1 },
          inArray: f.inArray,
          anyDescriptive: f.anyDescriptive || DESCRIPTIVE.has(normalKey(key)),
          aboveDescriptive: f.anyDescriptive,
          depth,
        });
      }
    }
  }
  return out;
}

function pathStep(key: string): string {
  return /^[A-Za-z_$][\w$-]{0,63}$/.test(key) ? `.${key}` : `[${JSON.stringify(key.slice(0, 64))}]`;
}

/** A key compared loosely: `accessToken`, `access_token` and `Access-Token` are all `accesstoken`. */
export function normalKey(key: string): string {
  let normal = normalKeys.get(key);
  if (normal === undefined) {
    normal = key.toLowerCase().replace(/[\s_.-]/g, '');
    // Keys repeat across a listing's items; the cache is bounded for documents that do not repeat.
    if (normalKeys.size >= MAX_NORMAL_KEYS) normalKeys.clear();
    normalKeys.set(key, normal);
  }
  return normal;
}

const MAX_NORMAL_KEYS = 4_096;
const normalKeys = new Map<string, string>();

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
  return leaf.described;
}

/** An OpenAPI/Swagger document or a JSON Schema: its examples are not data. */
export function isSpecDocument(doc: unknown): boolean {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false;
  const o = doc as Record<string, unknown>;
  return 'openapi' in o || 'swagger' in o || '$schema' in o || ('asyncapi' in o && 'info' in o);
}
