import { Parser, QuoteType, Tokenizer } from 'htmlparser2';
import { headerValue, isRedirect } from '../../engine/exchange.js';
import type { RecordedResponse } from '../../types.js';

/**
 * Where a reflected marker sits in an HTML document, and whether the characters sent after it
 * survived unescaped there. A real tokenizer (htmlparser2's, with offsets) decides the context;
 * the characters are then read at the marker's own position, so markup of the page around it
 * never counts as ours.
 */

/**
 * Sent right after the marker: quotes of each kind, a closing tag, a space and an opening tag.
 * Indexes below refer to this string.
 */
export const PROBE_SUFFIX = `'"\`</x> <x>`;
const AT = {
  single: 0,
  double: 1,
  backtick: 2,
  closeLt: 3,
  slash: 4,
  closeName: 5,
  gt: 6,
  space: 7,
  lt: 8,
  name: 9,
};
/** Sent after the marker by the second probe for a marker found in a comment. */
export const COMMENT_SUFFIX = '--><x>';

/** Elements whose content is text to the HTML tokenizer: only their end tag gets out. */
const RAW_TEXT = new Set(['title', 'textarea', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'script']);
/** Attributes whose `javascript:` URL runs when the element is used. */
const URL_ATTRS: Record<string, readonly string[]> = {
  a: ['href', 'xlink:href'],
  area: ['href'],
  iframe: ['src'],
  frame: ['src'],
  form: ['action'],
  button: ['formaction'],
  input: ['formaction'],
  object: ['data'],
};
const JS_TYPES =
  /^(?:|module|(?:text|application)\/(?:x-)?(?:java|ecma)script(?:1\.[0-5])?|text\/jscript|text\/livescript)$/;
const MAX_TAG_CHARS = 64 * 1024;

export type Context =
  | { kind: 'text' }
  | { kind: 'raw-text'; tag: string }
  | { kind: 'script'; code: string; at: number }
  | {
      kind: 'attribute';
      tag: string;
      name: string;
      quote: 'double' | 'single' | 'unquoted';
      /** The whole tag's source, to read the attribute's decoded value. */
      tagSource: string;
    }
  | { kind: 'comment' }
  | { kind: 'tag'; tag: string }
  | { kind: 'other' };

export interface Reflection {
  /** Index of the marker in the body. */
  offset: number;
  context: Context;
}

/** Every place `marker` occurs in `html`, with the context the tokenizer puts it in. */
export function reflections(html: string, marker: string): Reflection[] {
  const offsets: number[] = [];
  for (let i = html.indexOf(marker); i !== -1 && offsets.length < 20; i = html.indexOf(marker, i + 1)) {
    offsets.push(i);
  }
  if (offsets.length === 0) return [];
  const spans = tokenSpans(html);
  return offsets.map((offset) => ({ offset, context: contextAt(spans, html, offset) }));
}

interface Spans {
  texts: Array<{ start: number; end: number; tag?: string; js?: boolean }>;
  attrs: Array<{
    start: number;
    end: number;
    tag: string;
    name: string;
    quote: QuoteType;
    tagStart: number;
  }>;
  tags: Array<{ start: number; end: number; tag: string }>;
  comments: Array<{ start: number; end: number }>;
  others: Array<{ start: number; end: number }>;
}

function tokenSpans(html: string): Spans {
  const spans: Spans = { texts: [], attrs: [], tags: [], comments: [], others: [] };
  let tag = '';
  let tagStart = 0;
  let attrName = '';
  let attrStart = -1;
  let attrEnd = -1;
  let attrs: Record<string, string> = {};
  /** The raw-text element whose content comes next, and whether it is JavaScript. */
  let rawTag: { tag: string; js: boolean } | undefined;
  const tokenizer = new Tokenizer(
    { decodeEntities: false },
    {
      ontext(start, end) {
        spans.texts.push({ start, end, ...(rawTag ? { tag: rawTag.tag, js: rawTag.js } : {}) });
      },
      onopentagname(start, end) {
        tag = html.slice(start, end).toLowerCase();
        tagStart = start - 1;
        attrs = {};
        rawTag = undefined;
      },
      onattribname(start, end) {
        attrName = html.slice(start, end).toLowerCase();
        attrStart = -1;
      },
      onattribdata(start, end) {
        if (attrStart === -1) attrStart = start;
        attrEnd = end;
      },
      onattribend(quote, end) {
        const start = attrStart === -1 ? end : attrStart;
        const stop = attrStart === -1 ? end : attrEnd;
        spans.attrs.push({ start, end: stop, tag, name: attrName, quote, tagStart });
        if (!(attrName in attrs)) attrs[attrName] = html.slice(start, stop);
        attrStart = -1;
      },
      onopentagend(end) {
        spans.tags.push({ start: tagStart, end, tag });
        if (RAW_TEXT.has(tag)) {
          const type = (attrs.type ?? '').trim().toLowerCase();
          rawTag = { tag, js: tag === 'script' && JS_TYPES.test(type) };
        }
      },
      onselfclosingtag(end) {
        spans.tags.push({ start: tagStart, end, tag });
      },
      onclosetag() {
        rawTag = undefined;
      },
      oncomment(start, end) {
        spans.comments.push({ start, end });
      },
      oncdata(start, end) {
        spans.others.push({ start, end });
      },
      ondeclaration(start, end) {
        spans.others.push({ start, end });
      },
      onprocessinginstruction(start, end) {
        spans.others.push({ start, end });
      },
      onattribentity() {},
      ontextentity() {},
      onend() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  return spans;
}

function contextAt(spans: Spans, html: string, offset: number): Context {
  const inside = (s: { start: number; end: number }) => s.start <= offset && offset < s.end;
  if (spans.comments.some(inside)) return { kind: 'comment' };
  const attr = spans.attrs.find(inside);
  if (attr) {
    const tag = spans.tags.find((t) => t.start === attr.tagStart);
    const end = tag ? tag.end + 1 : Math.min(html.length, attr.end + 1);
    return {
      kind: 'attribute',
      tag: attr.tag,
      name: attr.name,
      quote:
        attr.quote === QuoteType.Double ? 'double' : attr.quote === QuoteType.Single ? 'single' : 'unquoted',
      tagSource: html.slice(attr.tagStart, Math.min(end, attr.tagStart + MAX_TAG_CHARS)),
    };
  }
  const tag = spans.tags.find((t) => t.start <= offset && offset <= t.end);
  if (tag) return { kind: 'tag', tag: tag.tag };
  const text = spans.texts.find(inside);
  if (text) {
    if (text.js) return { kind: 'script', code: html.slice(text.start, text.end), at: offset - text.start };
    return text.tag ? { kind: 'raw-text', tag: text.tag } : { kind: 'text' };
  }
  return spans.others.some(inside) ? { kind: 'other' } : { kind: 'text' };
}

/**
 * For each character of `expected`, whether it appears at `at` in `text` exactly as sent (raw),
 * rather than escaped (an HTML entity, a %XX, and in script a backslash escape), stripped, or not
 * at all. Reading stops at the first character that is none of these: what follows is not ours.
 * In HTML a backslash escapes nothing: `\"` still closes an attribute.
 */
export function survivors(text: string, at: number, expected: string, js = false): boolean[] {
  const raw = Array.from(expected, () => false);
  const escapes = js ? JS_ESCAPE : HTML_ESCAPE;
  let p = at;
  for (let i = 0; i < expected.length && p < text.length; i++) {
    const ch = expected[i]!;
    if (!js && text[p] === '\\' && text[p + 1] === ch) p++;
    if (text[p] === ch) {
      raw[i] = true;
      p++;
      continue;
    }
    const m = escapes.exec(text.slice(p, p + 16));
    if (m) {
      p += m[0].length;
      continue;
    }
    if (text[p] === expected[i + 1]) continue; // this character was stripped
    break;
  }
  return raw;
}

const ENTITY = '&(?:#\\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?';
const PERCENT = '%[0-9a-fA-F]{2}';
const HTML_ESCAPE = new RegExp(`^(?:${ENTITY}|${PERCENT})`);
const JS_ESCAPE = new RegExp(
  `^(?:${ENTITY}|${PERCENT}|\\\\(?:u\\{[0-9a-fA-F]{1,6}\\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[^ux]))`,
);

export type Verdict =
  | { fires: true; where: string; why: string }
  | { fires: false; followUp?: 'comment' | 'url' };

/** Whether the marker (followed by PROBE_SUFFIX) at this reflection can run script. */
export function judge(html: string, marker: string, r: Reflection): Verdict {
  const s = survivors(html, r.offset + marker.length, PROBE_SUFFIX);
  const closeTag = s[AT.closeLt]! && s[AT.slash]! && s[AT.closeName]!;
  const ctx = r.context;
  switch (ctx.kind) {
    case 'text':
      return s[AT.lt]! && s[AT.name]!
        ? fire(
            'in page text',
            '`<` followed by a letter came back raw, so a tag (and its event handlers) can open',
          )
        : quiet();
    case 'raw-text':
      return closeTag
        ? fire(`inside <${ctx.tag}>`, `\`</\` came back raw, so \`</${ctx.tag}>\` closes the element early`)
        : quiet();
    case 'script': {
      if (closeTag)
        return fire('inside <script>', '`</` came back raw, so `</script>` ends the script early');
      return judgeJs(ctx.code, ctx.at, marker, 'inside <script>');
    }
    case 'attribute':
      return judgeAttribute(ctx, marker, s);
    case 'comment':
      return { fires: false, ...(s[AT.gt] ? { followUp: 'comment' as const } : {}) };
    case 'tag':
      return fire(
        `inside the <${ctx.tag}> tag`,
        'the value lands among the attributes, where it can add its own',
      );
    case 'other':
      return quiet();
  }
}

function judgeAttribute(ctx: Extract<Context, { kind: 'attribute' }>, marker: string, s: boolean[]): Verdict {
  const where = `in the ${ctx.name} attribute of <${ctx.tag}>`;
  if (ctx.quote === 'double' && s[AT.double]) {
    return fire(
      where,
      '`"` came back raw and closes the attribute, so new attributes (event handlers) follow',
    );
  }
  if (ctx.quote === 'single' && s[AT.single]) {
    return fire(
      where,
      "`'` came back raw and closes the attribute, so new attributes (event handlers) follow",
    );
  }
  if (ctx.quote === 'unquoted' && (s[AT.space] || s[AT.gt])) {
    return fire(where, 'the attribute is unquoted and a space or `>` came back raw, so it ends early');
  }
  const value = decodedAttribute(ctx.tagSource, ctx.name);
  if (value === undefined) return quiet();
  const at = value.indexOf(marker);
  if (at === -1) return quiet();
  // Entities are decoded before an event handler runs: `&#39;` is a quote to the script.
  if (ctx.name.startsWith('on')) {
    return judgeJs(value, at, marker, `${where} (an event handler)`);
  }
  if ((URL_ATTRS[ctx.tag] ?? []).includes(ctx.name)) {
    const url = value.replace(/^[\u0000-\u0020]{1,64}/, '');
    if (url.startsWith(marker)) return { fires: false, followUp: 'url' };
    const js = /^javascript:/i.exec(url.replace(/[\t\n\r]/g, ''));
    if (js) {
      const code = safeDecodeUri(url.slice(url.indexOf(':') + 1));
      const codeAt = code.indexOf(marker);
      if (codeAt !== -1) {
        return judgeJs(code, codeAt, marker, `${where} (a javascript: URL)`);
      }
    }
  }
  return quiet();
}

/** After the second probe (`javascript:` + marker): the URL attribute now starts with the scheme. */
export function judgeJavascriptUrl(marker: string, r: Reflection): Verdict {
  const ctx = r.context;
  if (ctx.kind !== 'attribute' || !(URL_ATTRS[ctx.tag] ?? []).includes(ctx.name)) return quiet();
  const value = decodedAttribute(ctx.tagSource, ctx.name);
  if (value === undefined || !value.includes(marker)) return quiet();
  const url = value.replace(/^[\u0000-\u0020]{1,64}/, '').replace(/[\t\n\r]/g, '');
  return /^javascript:/i.test(url)
    ? fire(
        `in the ${ctx.name} attribute of <${ctx.tag}>`,
        'a `javascript:` URL came back as the start of the link',
      )
    : quiet();
}

/** After the second probe (marker + COMMENT_SUFFIX): `-->` closes the comment and a tag opens. */
export function judgeComment(html: string, marker: string, r: Reflection): Verdict {
  if (r.context.kind !== 'comment') return quiet();
  const s = survivors(html, r.offset + marker.length, COMMENT_SUFFIX);
  return s.every(Boolean)
    ? fire('in an HTML comment', '`-->` and `<x` came back raw, so the comment closes and a tag opens')
    : quiet();
}

function judgeJs(code: string, at: number, marker: string, where: string): Verdict {
  const state = jsStateAt(code, at);
  const s = survivors(code, at + marker.length, PROBE_SUFFIX, true);
  switch (state.kind) {
    case 'code':
      return fire(where, 'the value is script code itself, outside any string');
    case 'string': {
      const i = state.quote === "'" ? AT.single : state.quote === '"' ? AT.double : AT.backtick;
      return s[i]
        ? fire(where, `the script string is delimited by \`${state.quote}\`, which came back unescaped`)
        : quiet();
    }
    case 'regex':
      return s[AT.slash]
        ? fire(where, 'the value sits in a regular expression and `/` came back unescaped')
        : quiet();
    case 'comment':
      return quiet();
  }
}

type JsState = { kind: 'code' } | { kind: 'string'; quote: string } | { kind: 'regex' } | { kind: 'comment' };

/** Characters after which `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = new Set([
  '',
  '(',
  ',',
  '=',
  ':',
  '[',
  '!',
  '&',
  '|',
  '?',
  '{',
  '}',
  ';',
  '+',
  '-',
  '*',
  '%',
  '<',
  '>',
  '~',
  '^',
]);

/**
 * The lexical state of JavaScript at `at`: in code, a string (which quote), a template literal, a
 * regular expression or a comment. An approximation that follows strings, templates with `${}`,
 * comments and regex literals; enough to know what a reflected value would have to escape.
 */
export function jsStateAt(code: string, at: number): JsState {
  let mode: 'code' | 'sq' | 'dq' | 'tpl' | 'line' | 'block' | 'regex' = 'code';
  let inClass = false;
  let last = '';
  let depth = 0;
  const templates: number[] = [];
  for (let i = 0; i < at && i < code.length; i++) {
    const c = code[i]!;
    const next = code[i + 1];
    switch (mode) {
      case 'code':
        if (c === "'") mode = 'sq';
        else if (c === '"') mode = 'dq';
        else if (c === '`') mode = 'tpl';
        else if (c === '/' && next === '/') mode = 'line';
        else if (c === '/' && next === '*') {
          mode = 'block';
          i++;
        } else if (c === '/' && BEFORE_REGEX.has(last)) {
          mode = 'regex';
          inClass = false;
        } else if (c === '{') depth++;
        else if (c === '}') {
          if (templates.length > 0 && templates[templates.length - 1] === depth) {
            templates.pop();
            mode = 'tpl';
          } else depth--;
        }
        if (mode === 'code' && !/\s/.test(c)) last = /[\w$)\]]/.test(c) ? 'x' : c;
        break;
      case 'sq':
      case 'dq':
        if (c === '\\') i++;
        else if (c === (mode === 'sq' ? "'" : '"') || c === '\n') {
          mode = 'code';
          last = 'x';
        }
        break;
      case 'tpl':
        if (c === '\\') i++;
        else if (c === '`') {
          mode = 'code';
          last = 'x';
        } else if (c === '$' && next === '{') {
          templates.push(depth);
          mode = 'code';
          last = '{';
          i++;
        }
        break;
      case 'line':
        if (c === '\n') mode = 'code';
        break;
      case 'block':
        if (c === '*' && next === '/') {
          mode = 'code';
          i++;
        }
        break;
      case 'regex':
        if (c === '\\') i++;
        else if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        else if ((c === '/' && !inClass) || c === '\n') {
          mode = 'code';
          last = 'x';
        }
        break;
    }
  }
  switch (mode) {
    case 'code':
      return { kind: 'code' };
    case 'sq':
      return { kind: 'string', quote: "'" };
    case 'dq':
      return { kind: 'string', quote: '"' };
    case 'tpl':
      return { kind: 'string', quote: '`' };
    case 'regex':
      return { kind: 'regex' };
    default:
      return { kind: 'comment' };
  }
}

/** An attribute's value as the browser sees it (entities decoded), from the tag's source. */
function decodedAttribute(tagSource: string, name: string): string | undefined {
  let value: string | undefined;
  const parser = new Parser(
    {
      onattribute(attr, v) {
        if (value === undefined && attr === name) value = v;
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.write(tagSource);
  parser.end();
  return value;
}

/**
 * Whether a browser renders the response as HTML: an HTML media type, or no usable type, no
 * `nosniff` and a body that sniffs as HTML (the MIME Sniffing Standard's patterns). Browsers do
 * not upgrade `text/plain` or JSON to HTML. Downloads and followed redirects are never rendered.
 */
export function rendersAsHtml(res: RecordedResponse): boolean {
  if (isRedirect(res.status) && headerValue(res.headers, 'location')) return false;
  if (/^\s*attachment/i.test(headerValue(res.headers, 'content-disposition') ?? '')) return false;
  const type = res.mediaType;
  if (type === 'text/html' || type === 'application/xhtml+xml') return true;
  if (type !== '' && type !== 'unknown/unknown' && type !== 'application/unknown' && type !== '*/*')
    return false;
  if (/(?:^|,)\s*nosniff\s*(?:,|$)/i.test(headerValue(res.headers, 'x-content-type-options') ?? ''))
    return false;
  return SNIFFS_AS_HTML.test(res.body.slice(0, 1445));
}

const SNIFFS_AS_HTML =
  /^[\t\n\f\r ]{0,1445}<(?:!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--)[ >]/i;

function safeDecodeUri(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function fire(where: string, why: string): Verdict {
  return { fires: true, where, why };
}

function quiet(): Verdict {
  return { fires: false };
}
