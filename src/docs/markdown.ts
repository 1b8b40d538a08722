/** Small Markdown helpers for the generated docs. */

/** A table cell: one line, pipes escaped. */
export function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

export function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

export interface Heading {
  level: number;
  text: string;
}

/** The ATX headings of a Markdown text, skipping fenced code blocks. */
export function headings(markdown: string): Heading[] {
  const out: Heading[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (m) {
      const marker = m[1]!;
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && m[2]!.trim() === '')
        fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const h = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) out.push({ level: h[1]!.length, text: h[2]! });
  }
  return out;
}

/** Replaces the body of each `<!-- generated:name -->…<!-- /generated:name -->` region of `doc`. */
export function fillRegions(doc: string, regions: Record<string, string>): string {
  let out = doc;
  for (const [name, body] of Object.entries(regions)) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = out.indexOf(open);
    const end = out.indexOf(close);
    if (start < 0 || end < start) throw new Error(`missing region ${open} … ${close}`);
    out = `${out.slice(0, start + open.length)}\n${body.trim()}\n${out.slice(end)}`;
  }
  return out;
}
