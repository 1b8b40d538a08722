import { Parser } from 'htmlparser2';
import type { Exchange } from '../types.js';

export interface HtmlForm {
  action: string | undefined;
  method: string;
  enctype: string;
  fields: Array<{ name: string; type: string; value: string }>;
}

export interface ParsedHtml {
  /** href/src values in document order (not yet resolved). */
  links: string[];
  scriptSrcs: string[];
  inlineScripts: string[];
  forms: HtmlForm[];
  /** `<meta http-equiv>` as lower-case name → content, in order. */
  metaHttpEquiv: Array<{ name: string; content: string }>;
  /** `<meta name>` as lower-case name → content, in order. */
  metaNames: Array<{ name: string; content: string }>;
  /** Elements that ask for their own referrer policy (`referrerpolicy`, `rel=noreferrer`), in order. */
  referrerPolicies: Array<{ tag: string; url: string; policy: string; noreferrer: boolean }>;
  base: string | undefined;
  /** Counts of interactive elements (buttons, inputs, links) — what a clickjacker would target. */
  interactive: number;
  /** Form controls a user would click or type into (buttons, visible inputs, selects, textareas). */
  controls: number;
  title: string;
}

const LINK_ATTRS: Record<string, string> = {
  a: 'href',
  area: 'href',
  iframe: 'src',
  frame: 'src',
  link: 'href',
};
const MAX_INLINE_SCRIPT_CHARS = 512 * 1024;
/**
 * Each list keeps its first entries only: the parse is cached for the whole scan, and a hostile page
 * of a hundred thousand links (or fields, or meta elements) would otherwise hold them all in memory.
 */
const MAX_ENTRIES = 1000;

function add<T>(list: T[], item: T): void {
  if (list.length < MAX_ENTRIES) list.push(item);
}

/** Parses HTML with a real (tolerant, streaming) parser; never throws. */
export function parseHtml(html: string): ParsedHtml {
  const out: ParsedHtml = {
    links: [],
    scriptSrcs: [],
    inlineScripts: [],
    forms: [],
    metaHttpEquiv: [],
    metaNames: [],
    referrerPolicies: [],
    base: undefined,
    interactive: 0,
    controls: 0,
    title: '',
  };
  const formStack: HtmlForm[] = [];
  let inScript = false;
  let inTitle = false;
  let scriptText = '';
  let selectField: { name: string; type: string; value: string } | undefined;
  let textarea: { name: string; type: string; value: string } | undefined;

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const linkAttr = LINK_ATTRS[name];
        if (linkAttr && attrs[linkAttr]) add(out.links, attrs[linkAttr]);
        const noreferrer = /(^|\s)noreferrer(\s|$)/i.test(attrs.rel ?? '');
        if (attrs.referrerpolicy !== undefined || noreferrer) {
          const url = attrs.href ?? attrs.src ?? attrs.action ?? '';
          add(out.referrerPolicies, {
            tag: name,
            url,
            policy: (attrs.referrerpolicy ?? '').toLowerCase(),
            noreferrer,
          });
        }
        switch (name) {
          case 'base':
            if (attrs.href && out.base === undefined) out.base = attrs.href;
            break;
          case 'script':
            if (attrs.src) add(out.scriptSrcs, attrs.src);
            else {
              inScript = true;
              scriptText = '';
            }
            break;
          case 'title':
            inTitle = true;
            break;
          case 'meta':
            if (attrs['http-equiv']) {
              add(out.metaHttpEquiv, {
                name: attrs['http-equiv'].toLowerCase(),
                content: attrs.content ?? '',
              });
            }
            if (attrs.name)
              add(out.metaNames, { name: attrs.name.trim().toLowerCase(), content: attrs.content ?? '' });
            break;
          case 'form': {
            const form: HtmlForm = {
              action: attrs.action,
              method: (attrs.method ?? 'get').toLowerCase(),
              enctype: (attrs.enctype ?? 'application/x-www-form-urlencoded').toLowerCase(),
              fields: [],
            };
            formStack.push(form);
            add(out.forms, form);
            break;
          }
          case 'input': {
            out.interactive++;
            if ((attrs.type ?? '').toLowerCase() !== 'hidden') out.controls++;
            const form = formStack[formStack.length - 1];
            if (form && attrs.name) {
              add(form.fields, {
                name: attrs.name,
                type: (attrs.type ?? 'text').toLowerCase(),
                value: attrs.value ?? '',
              });
            }
            break;
          }
          case 'button':
            out.interactive++;
            out.controls++;
            break;
          case 'a':
            out.interactive++;
            break;
          case 'select': {
            out.interactive++;
            out.controls++;
            const form = formStack[formStack.length - 1];
            if (form && attrs.name) {
              selectField = { name: attrs.name, type: 'select', value: '' };
              add(form.fields, selectField);
            }
            break;
          }
          case 'option':
            if (selectField && selectField.value === '') selectField.value = attrs.value ?? '';
            break;
          case 'textarea': {
            out.interactive++;
            out.controls++;
            const form = formStack[formStack.length - 1];
            if (form && attrs.name) {
              textarea = { name: attrs.name, type: 'textarea', value: '' };
              add(form.fields, textarea);
            }
            break;
          }
        }
      },
      ontext(text) {
        if (inScript && scriptText.length < MAX_INLINE_SCRIPT_CHARS) scriptText += text;
        else if (inTitle && out.title.length < 200) out.title += text;
        else if (textarea) textarea.value += text;
      },
      onclosetag(name) {
        if (name === 'script' && inScript) {
          inScript = false;
          if (scriptText.trim()) add(out.inlineScripts, scriptText);
        } else if (name === 'title') inTitle = false;
        else if (name === 'form') formStack.pop();
        else if (name === 'select') selectField = undefined;
        else if (name === 'textarea') textarea = undefined;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  out.title = out.title.trim();
  return out;
}

const cache = new WeakMap<Exchange, ParsedHtml>();

/** The parsed HTML of an exchange's body, parsed once and shared by discovery and checks. */
export function htmlOf(ex: Exchange): ParsedHtml {
  let parsed = cache.get(ex);
  if (!parsed) {
    parsed = parseHtml(ex.response?.body ?? '');
    cache.set(ex, parsed);
  }
  return parsed;
}
