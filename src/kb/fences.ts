/** Fenced code blocks in knowledge-base Markdown, with the attributes of their info string. */

export interface Fence {
  /** The language word of the info string (`python`), '' when there is none. */
  lang: string;
  /** `key=value` attributes after the language, e.g. `{ fix: 'flask' }` for "```python fix=flask". */
  attrs: Record<string, string>;
  code: string;
  /** False when the Markdown ends inside the fence. */
  closed: boolean;
}

/**
 * The fences of a Markdown text. A snippet marked `fix=<stack>` is the one the tests apply to a
 * vulnerable fixture of that stack (`src/kb/verified.test.ts`), so its text is the tested text.
 */
export function codeFences(markdown: string): Fence[] {
  const out: Fence[] = [];
  let open: { marker: string; lang: string; attrs: Record<string, string>; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(line);
    if (open) {
      if (m && m[1]![0] === open.marker[0] && m[1]!.length >= open.marker.length && m[2]!.trim() === '') {
        out.push({ lang: open.lang, attrs: open.attrs, code: open.lines.join('\n'), closed: true });
        open = undefined;
      } else {
        open.lines.push(line);
      }
      continue;
    }
    if (!m) continue;
    const [lang = '', ...rest] = m[2]!.trim().split(/\s+/).filter(Boolean);
    const attrs: Record<string, string> = {};
    for (const word of rest) {
      const eq = word.indexOf('=');
      if (eq > 0) attrs[word.slice(0, eq)] = word.slice(eq + 1);
    }
    open = { marker: m[1]!, lang, attrs, lines: [] };
  }
  if (open) out.push({ lang: open.lang, attrs: open.attrs, code: open.lines.join('\n'), closed: false });
  return out;
}
