import { Parser } from 'htmlparser2';
import { jsonOfResponse } from '../../discovery/json.js';
import { contentKind } from '../../engine/exchange.js';
import { PARTS } from '../../fingerprint/parts.js';
import type { RecordedResponse } from '../../types.js';
import { ERROR_PAGE_SIGNATURES, type ErrorPageSignature } from './error-pages.js';

/** One error-page signature seen in one response. */
export interface ErrorPageHit {
  signature: ErrorPageSignature;
  /** What matched: the two markers, or the trace's header and first frames (one per line). */
  excerpt: string;
  /** Frame lines counted (traces only). */
  frames: number;
}

/** How much of a body is read. Django's debug page puts its DEBUG footer after the settings dump. */
export const ERROR_SCAN_CHARS = 1_000_000;
const MAX_LINE = 1_000;
const MAX_JSON_STRINGS = 20_000;
const QUOTED_FRAMES = 4;
const MAX_MARKER = 160;

/** Elements that do not break a line of text: a frame split over `<code>`/`<a>` stays one line. */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'font',
  'i',
  'kbd',
  'label',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
]);

const cache = new WeakMap<RecordedResponse, readonly ErrorPageHit[]>();

/**
 * Every error-page signature the response shows, in table order (computed once per response).
 * A trace frame line counts for the first trace signature whose pattern it matches.
 */
export function errorPageHits(res: RecordedResponse | undefined): readonly ErrorPageHit[] {
  if (!res) return [];
  let hits = cache.get(res);
  if (!hits) {
    hits = computeHits(res);
    cache.set(res, hits);
  }
  return hits;
}

/** The signature's description as the start of a sentence. */
export function titleOf(sig: ErrorPageSignature): string {
  return sig.description.charAt(0).toUpperCase() + sig.description.slice(1);
}

/** `Flask (Python)`, `Java`: the stack a signature names, for evidence. */
export function stackLabel(sig: ErrorPageSignature): string {
  const lang = PARTS[sig.language].name;
  return sig.framework ? `${PARTS[sig.framework].name} (${lang})` : lang;
}

function computeHits(res: RecordedResponse): ErrorPageHit[] {
  const kind = contentKind(res);
  if (kind !== 'document' && kind !== 'json' && kind !== 'text' && kind !== 'xml' && kind !== 'other') {
    return [];
  }
  const raw = res.body.slice(0, ERROR_SCAN_CHARS);
  if (raw.trim() === '') return [];
  const out: ErrorPageHit[] = [];
  for (const sig of ERROR_PAGE_SIGNATURES) {
    if (sig.kind !== 'debugger' || (sig.media && sig.media !== kind)) continue;
    const first = sig.pattern.exec(raw);
    if (!first) continue;
    const second = sig.also.exec(raw);
    if (!second) continue;
    const markers = first[0] === second[0] ? [first[0]] : [first[0], second[0]];
    out.push({ signature: sig, excerpt: markers.map(clip).join(' … '), frames: 0 });
  }
  out.push(...traceHits(readerText(res, raw, kind)));
  return out;
}

function traceHits(text: string): ErrorPageHit[] {
  const traces = ERROR_PAGE_SIGNATURES.filter((s) => s.kind === 'trace');
  const counts = traces.map(() => 0);
  const quoted: string[][] = traces.map(() => []);
  const headers: Array<string | undefined> = traces.map(() => undefined);
  for (const full of lines(text)) {
    const line = full.length > MAX_LINE ? full.slice(0, MAX_LINE) : full.trimEnd();
    const trimmed = line.trim();
    if (trimmed === '') continue;
    let claimed = false;
    traces.forEach((sig, i) => {
      if (sig.header && headers[i] === undefined && sig.header.test(trimmed)) headers[i] = trimmed;
      if (claimed || !sig.pattern.test(line)) return;
      claimed = true;
      counts[i]!++;
      if (quoted[i]!.length < QUOTED_FRAMES) quoted[i]!.push(trimmed);
    });
  }
  const out: ErrorPageHit[] = [];
  traces.forEach((sig, i) => {
    if (counts[i]! < sig.frames || (sig.header && headers[i] === undefined)) return;
    const head = headers[i];
    out.push({
      signature: sig,
      excerpt: [...(head ? [head] : []), ...quoted[i]!].join('\n'),
      frames: counts[i]!,
    });
  });
  return out;
}

/** The body as a reader sees it: markup dropped, entities and JSON escapes decoded. */
function readerText(res: RecordedResponse, raw: string, kind: string): string {
  if (kind === 'document' || kind === 'xml') return markupText(raw);
  // The whole body is parsed once for every reader (depth-bounded); a cut or longer one is unescaped.
  if (kind === 'json') return jsonText(raw === res.body ? jsonOfResponse(res) : undefined, raw);
  return raw;
}

/** The lines of a text, without splitting it into one array first (a 1 MB page has 100k lines). */
function* lines(text: string): Generator<string> {
  const breaks = /\r\n|\r|\n/g;
  let from = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    yield text.slice(from, m.index);
    from = m.index + m[0].length;
  }
  yield text.slice(from);
}

function markupText(html: string): string {
  const parts: string[] = [];
  let inStyle = false;
  // Blank lines are skipped by the reader: one break stands for a run of block elements.
  const lineBreak = () => {
    if (parts[parts.length - 1] !== '\n') parts.push('\n');
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (!INLINE.has(name)) lineBreak();
        if (name === 'style') inStyle = true;
      },
      onclosetag(name) {
        if (!INLINE.has(name)) lineBreak();
        if (name === 'style') inStyle = false;
      },
      ontext(text) {
        if (!inStyle) parts.push(text);
      },
      // Traces left in comments are as readable as any other text of the page.
      oncomment(text) {
        parts.push('\n', text, '\n');
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return parts.join('');
}

/** Every string in the parsed JSON, one after the other; without a parse, the text unescaped. */
function jsonText(value: unknown, raw: string): string {
  if (value === undefined) return unescapeJson(raw);
  const strings: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0 && strings.length < MAX_JSON_STRINGS) {
    const v = stack.pop();
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    else if (v && typeof v === 'object') {
      const values = Object.values(v);
      for (let i = values.length - 1; i >= 0; i--) stack.push(values[i]);
    }
  }
  return strings.join('\n');
}

const JSON_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', '/': '/' };

function unescapeJson(raw: string): string {
  const out: string[] = [];
  let from = 0;
  for (let i = raw.indexOf('\\'); i !== -1 && i < raw.length - 1; i = raw.indexOf('\\', i + 2)) {
    const decoded = JSON_ESCAPES[raw[i + 1]!];
    if (decoded === undefined) continue;
    out.push(raw.slice(from, i), decoded);
    from = i + 2;
  }
  out.push(raw.slice(from));
  return out.join('');
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_MARKER ? `${flat.slice(0, MAX_MARKER)}…` : flat;
}
