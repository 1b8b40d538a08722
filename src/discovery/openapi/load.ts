/**
 * Reads an OpenAPI/Swagger document: the file or URL, JSON or YAML, with its `$ref`s to other
 * files (local specs) or to the same origin (remote specs), dereferenced by @readme/openapi-parser.
 * Anything that stops Parapet from reading it is one PARAPET_SPEC error naming the file and the place.
 */
import { readFile, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ParapetError } from '../../errors.js';
import type { Exchange } from '../../types.js';
import { nestsDeeperThan } from '../json.js';
import { isObject, MAX_DEPTH, pointer, refsIn } from './pointer.js';
import type { SpecVersion } from './types.js';

/** Larger documents are refused: a spec is configuration, not data. */
export const MAX_SPEC_BYTES = 32 * 1024 * 1024;
/** The most documents one spec may pull in through `$ref`s. */
const MAX_DOCUMENTS = 50;
/** Where documents reached by `$ref` are kept inside the root while the parser resolves them. */
const BUNDLE_KEY = 'x-parapet-bundle';

export interface LoadedSpec {
  /** The location as given (file path or URL). */
  source: string;
  document: Record<string, unknown>;
  version: SpecVersion;
  /** The HTTP exchange that carried the root document, for remote specs. */
  exchange?: Exchange;
}

interface RefSite {
  label: string;
  where: string;
  ref: string;
}

/** Fetches one document over HTTP (through the engine); undefined `text` means it could not. */
export type SpecFetcher = (url: string) => Promise<{ text?: string; problem?: string; exchange?: Exchange }>;

export interface LoadOptions {
  /** Fetches http(s) documents; without it, only files can be read. */
  fetch?: SpecFetcher;
  /** Whether a referenced http(s) URL may be fetched (the scan's scope). */
  inScope?: (url: string) => boolean;
}

/** `source` is a file path or an http(s) URL. */
export async function loadSpec(source: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const rootUrl = locationOf(source);
  const docs = new Map<string, { label: string; doc: unknown }>();
  const root = await readDocument(rootUrl, source, source, options);
  docs.set(rootUrl.href, { label: source, doc: root.doc });
  const version = specVersion(root.doc, source);

  // Documents reached through `$ref`, breadth first, each read once.
  const queue = [rootUrl.href];
  const rewrites: Array<{
    holder: Record<string, unknown>;
    target: string;
    fragment: string;
    from: RefSite;
  }> = [];
  while (queue.length > 0) {
    const href = queue.shift()!;
    const { label, doc } = docs.get(href)!;
    let refs: ReturnType<typeof refsIn>;
    try {
      refs = refsIn(doc);
    } catch (err) {
      throw specError(label, undefined, (err as Error).message);
    }
    for (const { holder, tokens } of refs) {
      const ref = holder.$ref as string;
      const hash = ref.indexOf('#');
      const docPart = hash === -1 ? ref : ref.slice(0, hash);
      const fragment = hash === -1 ? '' : ref.slice(hash + 1);
      let target: URL;
      try {
        target = docPart === '' ? new URL(href) : new URL(docPart, href);
      } catch {
        throw specError(label, pointer(tokens), `$ref ${JSON.stringify(ref)} is not a valid reference`);
      }
      target.hash = '';
      const refused = refusal(target, rootUrl, options);
      if (refused) throw specError(label, pointer(tokens), `$ref ${JSON.stringify(ref)} ${refused}`);
      if (!docs.has(target.href)) {
        if (docs.size >= MAX_DOCUMENTS) {
          throw specError(label, pointer(tokens), `more than ${MAX_DOCUMENTS} documents are referenced`);
        }
        const refLabel = labelFor(target, rootUrl, source);
        const loaded = await readDocument(target, refLabel, `${label} at ${pointer(tokens)}`, options);
        docs.set(target.href, { label: refLabel, doc: loaded.doc });
        queue.push(target.href);
      }
      rewrites.push({ holder, target: target.href, fragment, from: { label, where: pointer(tokens), ref } });
    }
  }

  // Every document becomes part of the root, so that each `$ref` is internal for the parser.
  const others = [...docs.keys()].filter((href) => href !== rootUrl.href);
  const prefix = new Map<string, string>([
    [rootUrl.href, ''],
    ...others.map((href, i): [string, string] => [href, `/${BUNDLE_KEY}/${i}`]),
  ]);
  // Where each rewritten `$ref` was written, to name it if it points to nothing.
  const located = new Map<string, RefSite>();
  for (const { holder, target, fragment, from } of rewrites) {
    const internal = `#${prefix.get(target)}${fragment}`;
    if (!located.has(internal)) located.set(internal, from);
    holder.$ref = internal;
  }
  const document = root.doc as Record<string, unknown>;
  if (others.length > 0) document[BUNDLE_KEY] = others.map((href) => docs.get(href)!.doc);

  // Loaded on first use: scans without a spec do not pay for the parser.
  const { dereference } = await import('@readme/openapi-parser');
  try {
    await dereference(document as never, {
      resolve: { external: false },
      dereference: { circular: true },
    });
  } catch (err) {
    const e = err as { name?: string; message?: string };
    const missing = /Missing \$ref pointer "([^"]*)"/.exec(e.message ?? '');
    if (missing) {
      const from = located.get(missing[1]!) ?? { label: source, where: '#', ref: missing[1]! };
      throw specError(from.label, from.where, `$ref ${JSON.stringify(from.ref)} points to nothing`);
    }
    throw specError(source, undefined, e.message ?? String(err));
  }
  delete document[BUNDLE_KEY];
  return { source, document, version, ...(root.exchange ? { exchange: root.exchange } : {}) };
}

/** One line: `cannot read the spec <file> at <pointer or line>: <what>`. */
export function specError(file: string, where: string | undefined, what: string): ParapetError {
  return new ParapetError(
    'PARAPET_SPEC',
    `cannot read the spec ${file}${where ? ` at ${where}` : ''}: ${what}`,
  );
}

function locationOf(source: string): URL {
  if (/^https?:\/\//i.test(source)) {
    try {
      return new URL(source);
    } catch {
      throw specError(source, undefined, 'not a valid URL');
    }
  }
  return pathToFileURL(source);
}

/** Why a `$ref` target may not be read (undefined when it may). */
function refusal(target: URL, root: URL, options: LoadOptions): string | undefined {
  if (target.protocol === 'file:') {
    return root.protocol === 'file:' ? undefined : 'names a local file from a remote spec';
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return `uses ${target.protocol}, which Parapet does not follow`;
  }
  if (root.protocol !== 'file:' && target.origin !== root.origin) {
    return `points to another origin (${target.origin}); only same-origin references are followed`;
  }
  if (!options.fetch || !(options.inScope?.(target.href) ?? false)) {
    return `points to ${target.origin}, which is outside the scan's scope`;
  }
  return undefined;
}

function labelFor(target: URL, root: URL, source: string): string {
  if (target.protocol !== 'file:' || root.protocol !== 'file:') return target.href;
  const rel = relative(fileURLToPath(new URL('.', root)), fileURLToPath(target));
  const base = source.includes('/') ? source.slice(0, source.lastIndexOf('/') + 1) : '';
  return `${base}${rel}`;
}

async function readDocument(
  url: URL,
  label: string,
  referrer: string,
  options: LoadOptions,
): Promise<{ doc: unknown; exchange?: Exchange }> {
  let text: string;
  let exchange: Exchange | undefined;
  if (url.protocol === 'file:') {
    const path = fileURLToPath(url);
    try {
      const info = await stat(path);
      if (info.isDirectory()) throw specError(label, undefined, 'is a directory, not a file');
      if (info.size > MAX_SPEC_BYTES)
        throw specError(label, undefined, `is larger than ${MAX_SPEC_BYTES} bytes`);
      text = await readFile(path, 'utf8');
    } catch (err) {
      if (err instanceof ParapetError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(err);
      throw specError(label, undefined, label === referrer ? why : `${why} (referenced from ${referrer})`);
    }
  } else {
    if (!options.fetch) throw specError(label, undefined, 'remote documents cannot be fetched here');
    const got = await options.fetch(url.href);
    if (got.text === undefined) throw specError(label, undefined, got.problem ?? 'could not be fetched');
    text = got.text;
    exchange = got.exchange;
  }
  return { doc: parseText(text, label), ...(exchange ? { exchange } : {}) };
}

/** JSON or YAML; a syntax error names its line and column. */
export function parseText(text: string, label: string): unknown {
  const trimmed = text.replace(/^\uFEFF/, '');
  // Both parsers spend memory per level before they can fail; no real spec nests this deep.
  if (nestsDeeperThan(trimmed, MAX_DEPTH)) {
    throw specError(label, undefined, `nested more than ${MAX_DEPTH} levels deep`);
  }
  if (/^\s*[{[]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch (err) {
      // JSON with comments or trailing commas is still valid YAML often enough: try that next.
      const yaml = tryYaml(trimmed);
      if (yaml.ok) return yaml.value;
      const message = (err as Error).message;
      const at = /at position (\d+)/.exec(message);
      const where = at ? lineColumn(trimmed, Number(at[1])) : undefined;
      throw specError(label, where, `invalid JSON: ${message.replace(/\s*in JSON at position \d+.*$/, '')}`);
    }
  }
  const yaml = tryYaml(trimmed);
  if (yaml.ok) return yaml.value;
  const e = yaml.error;
  if (e instanceof YAMLParseError) {
    const pos = e.linePos?.[0];
    const first = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw specError(label, pos ? `line ${pos.line}, column ${pos.col}` : undefined, `invalid YAML: ${first}`);
  }
  throw specError(label, undefined, `invalid YAML: ${e instanceof Error ? e.message : String(e)}`);
}

function tryYaml(text: string): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: parseYaml(text, { merge: true, uniqueKeys: false }) };
  } catch (error) {
    return { ok: false, error };
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${col}`;
}

function specVersion(doc: unknown, label: string): SpecVersion {
  if (!isObject(doc)) throw specError(label, '#', 'the document is not an object');
  const swagger = doc.swagger;
  const openapi = doc.openapi;
  if (swagger !== undefined) {
    if (String(swagger) === '2.0') return '2.0';
    throw specError(label, '#/swagger', `Swagger ${JSON.stringify(swagger)} is not supported (only 2.0)`);
  }
  if (typeof openapi === 'string') {
    if (/^3\.0(\.\d+)?(-.+)?$/.test(openapi)) return '3.0';
    if (/^3\.1(\.\d+)?(-.+)?$/.test(openapi)) return '3.1';
    throw specError(label, '#/openapi', `OpenAPI ${openapi} is not supported (3.0 and 3.1 are)`);
  }
  if (openapi !== undefined) throw specError(label, '#/openapi', 'must be a version string such as "3.1.0"');
  throw specError(label, '#', 'not an OpenAPI or Swagger document (no "openapi" or "swagger" field)');
}
