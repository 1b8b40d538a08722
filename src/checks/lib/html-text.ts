import { Parser } from 'htmlparser2';

const MAX_TEXT_CHARS = 512 * 1024;
const WRITE_CHARS = 64 * 1024;
/** Elements whose text no reader sees. */
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'head']);
/** Where a site publishes its own contact details: not data about its users. */
const CONTACT = new Set(['footer', 'address', 'header', 'nav']);
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/**
 * The text a reader sees on the page's body, outside the site's own contact areas (footer, header,
 * nav, address) and outside `mailto:` links; elements are separated by line breaks.
 */
export function bodyText(html: string): string {
  const parts: string[] = [];
  let size = 0;
  const open: Array<{ name: string; skip: boolean }> = [];
  let skipping = 0;
  // Blank lines carry nothing: one break stands for a run of tags.
  const lineBreak = () => {
    if (parts[parts.length - 1] !== '\n') parts.push('\n');
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        lineBreak();
        if (VOID.has(name)) return;
        const skip =
          HIDDEN.has(name) ||
          CONTACT.has(name) ||
          (name === 'a' && /^\s*mailto:/i.test(attrs.href ?? '')) ||
          attrs.hidden !== undefined;
        open.push({ name, skip });
        if (skip) skipping++;
      },
      onclosetag(name) {
        lineBreak();
        if (VOID.has(name)) return;
        // Close up to the matching element (the parser already balances most markup).
        for (let i = open.length - 1; i >= 0; i--) {
          if (open[i]!.name !== name) continue;
          for (const el of open.splice(i)) if (el.skip) skipping--;
          break;
        }
      },
      ontext(text) {
        if (skipping > 0 || size >= MAX_TEXT_CHARS) return;
        parts.push(text);
        size += text.length;
      },
    },
    { decodeEntities: true },
  );
  // Fed in slices so that a huge page stops being parsed once the text limit is reached.
  for (let at = 0; at < html.length && size < MAX_TEXT_CHARS; at += WRITE_CHARS) {
    parser.write(html.slice(at, at + WRITE_CHARS));
  }
  parser.end();
  return parts.join('');
}
