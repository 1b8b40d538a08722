/** HTML escaping, and the little Markdown the knowledge base writes (fixes) rendered as safe HTML. */

/** Text and attribute values alike: every character that could end a text run or an attribute. */
export function esc(text: string): string {
  return text
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/`/g, '&#96;');
}

/** Inline Markdown: code spans, bold, italics and http(s) links; everything else escaped. */
function inline(raw: string): string {
  return raw
    .split(/(`[^`]+`)/)
    .map((part, i) => (i % 2 === 1 ? `<code>${esc(part.slice(1, -1))}</code>` : markup(esc(part))))
    .join('');
}

function markup(escaped: string): string {
  return escaped
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*(?=[\s).,;:!?]|$)/g, '$1<em>$2</em>')
    .replace(
      /\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g,
      (_, label: string, url: string) => `<a href="${url}" rel="noreferrer noopener">${label}</a>`,
    );
}

/**
 * Markdown → HTML for fixes: paragraphs, headings (as h5), lists, block quotes and fenced code (with a
 * language class). Everything is escaped first, so no raw HTML passes through.
 */
export function markdownToHtml(md: string): string {
  const out: string[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | undefined;
  let fence: { marker: string; lang: string; lines: string[]; strip: number } | undefined;
  const flush = () => {
    if (para.length > 0) out.push(`<p>${inline(para.join(' '))}</p>`);
    para = [];
    if (list) {
      const tag = list.ordered ? 'ol' : 'ul';
      out.push(`<${tag}>${list.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${tag}>`);
    }
    list = undefined;
  };
  for (const raw of md.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const mark = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(line);
    if (fence) {
      if (mark && mark[2]!.startsWith(fence.marker)) {
        const cls = fence.lang ? ` class="language-${esc(fence.lang)}"` : '';
        out.push(`<pre><code${cls}>${esc(fence.lines.join('\n'))}</code></pre>`);
        fence = undefined;
      } else {
        const lead = /^\s*/.exec(line)![0].length;
        fence.lines.push(line.slice(Math.min(lead, fence.strip)));
      }
      continue;
    }
    if (mark) {
      flush();
      fence = { marker: mark[2]!, lang: mark[3] ?? '', lines: [], strip: mark[1]!.length };
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    const heading = /^#{1,6}\s+(.*?)\s*#*$/.exec(line);
    if (heading) {
      flush();
      out.push(`<h5>${inline(heading[1]!)}</h5>`);
      continue;
    }
    const item = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      const ordered = /\d/.test(item[1]!);
      if (para.length > 0 || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[2]!);
      continue;
    }
    const quote = /^\s*>\s?(.*)$/.exec(line);
    if (quote) {
      flush();
      out.push(`<blockquote>${inline(quote[1]!)}</blockquote>`);
      continue;
    }
    if (list) list.items[list.items.length - 1] += ` ${line.trim()}`;
    else para.push(line.trim());
  }
  if (fence) out.push(`<pre><code>${esc(fence.lines.join('\n'))}</code></pre>`);
  flush();
  return out.join('\n');
}
