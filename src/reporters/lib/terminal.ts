/** Terminal text helpers shared by the text reporter and the CLI's `explain`: colour, cleaning, wrapping, Markdown. */
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

export function colors(enabled: boolean): Colors {
  return pc.createColors(enabled);
}

const ANSI = /\x1b\[[0-9;]*m/g;

export function visibleLength(text: string): number {
  return text.replace(ANSI, '').length;
}

/**
 * Text that came from the target (headers, bodies, URLs) must not drive the terminal: control
 * characters (escape sequences, carriage returns, backspaces) become `?`. Tabs become spaces; newlines stay.
 */
export function clean(text: string): string {
  return text
    .replace(/\t/g, '  ')
    .replace(/\r\n?/g, '\n')
    .replace(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/g, '?');
}

/**
 * Word-wraps one paragraph to `width` columns: `first` prefixes the first line, `rest` the others.
 * A word longer than a line (a URL) stays whole on its own line so it can still be copied.
 */
export function wrap(text: string, width: number, first = '', rest = first): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    const room = width - visibleLength(line) - (empty ? 0 : 1);
    if (!empty && visibleLength(word) > room) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** Inline Markdown for a terminal: emphasis markers dropped, links as `text (url)`, code kept in backticks. */
export function inline(text: string, c: Colors): string {
  return text
    .replace(/`([^`]+)`/g, (_, code: string) => c.cyan(`\`${code}\``))
    .replace(/\*\*([^*]+)\*\*/g, (_, s: string) => c.bold(s))
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*(?=[\s).,;:!?]|$)/g, (_, pre: string, s: string) => pre + c.italic(s))
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, url: string) =>
      label === url ? url : `${label} (${url})`,
    );
}

/**
 * Renders Markdown as terminal lines under `indent`: paragraphs and list items wrapped, headings in bold,
 * fenced code indented four more columns without its fences (and never wrapped), tables kept as they are.
 */
export function markdownLines(md: string, width: number, indent: string, c: Colors): string[] {
  const out: string[] = [];
  let para: { first: string; rest: string; text: string[] } | undefined;
  let fence: { marker: string; strip: number } | undefined;
  const flush = () => {
    if (para) out.push(...wrap(inline(para.text.join(' '), c), width, para.first, para.rest));
    para = undefined;
  };
  const blank = () => {
    if (out.length > 0 && out[out.length - 1] !== '') out.push('');
  };
  for (const raw of clean(md).split('\n')) {
    const line = raw.trimEnd();
    const fenceMark = /^(\s*)(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (fenceMark && fenceMark[2]!.startsWith(fence.marker)) {
        fence = undefined;
        continue;
      }
      const lead = /^\s*/.exec(line)![0].length;
      out.push(line === '' ? '' : `${indent}    ${c.cyan(line.slice(Math.min(lead, fence.strip)))}`);
      continue;
    }
    if (fenceMark) {
      flush();
      fence = { marker: fenceMark[2]!, strip: fenceMark[1]!.length };
      continue;
    }
    if (line.trim() === '') {
      flush();
      blank();
      continue;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      blank();
      out.push(indent + c.bold(inline(heading[1]!, c)));
      continue;
    }
    if (/^\s*\|/.test(line)) {
      flush();
      out.push(indent + line.trim());
      continue;
    }
    const item = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      flush();
      const nest = ' '.repeat(Math.min(8, item[1]!.length));
      const marker = /\d/.test(item[2]!) ? item[2]! : '•';
      para = {
        first: `${indent}${nest}${marker} `,
        rest: `${indent}${nest}${' '.repeat(marker.length + 1)}`,
        text: [item[3]!],
      };
      continue;
    }
    const quote = /^\s*>\s?(.*)$/.exec(line);
    if (quote && !para) {
      para = { first: `${indent}│ `, rest: `${indent}│ `, text: [quote[1]!] };
      continue;
    }
    if (para) para.text.push(quote ? quote[1]! : line.trim());
    else para = { first: indent, rest: indent, text: [line.trim()] };
  }
  flush();
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  while (out.length > 0 && out[0] === '') out.shift();
  return out;
}

/** Display names of the stacks the knowledge base writes fixes for. */
export const STACK_NAMES: Record<string, string> = {
  generic: 'any stack',
  flask: 'Flask',
  django: 'Django',
  fastapi: 'FastAPI',
  express: 'Express',
  rails: 'Rails',
  spring: 'Spring',
  aspnet: 'ASP.NET Core',
  go: 'Go',
  laravel: 'Laravel',
  nginx: 'nginx',
  apache: 'Apache httpd',
  caddy: 'Caddy',
};

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** `n thing` / `n things`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
