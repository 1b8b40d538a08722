/**
 * Text from the target inside Markdown meant for a pull-request comment: it must not become markup,
 * links, HTML, @-mentions or a broken table. Every line break is folded into a space.
 */

/**
 * Plain text: Markdown punctuation backslash-escaped; `<`, `>`, `&`, `@` (mentions) and the `:` of `://`
 * and the dot of `www.` (bare-URL autolinks) as HTML entities.
 */
export function mdText(text: string): string {
  return oneLine(text)
    .replace(/([\\`*_{}[\]()#+\-.!|~])/g, '\\$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '&#64;')
    .replace(/:\/\//g, '&#58;//')
    .replace(/\b(www)\\\./gi, '$1&#46;');
}

/**
 * A code span that holds anything: fenced with more backticks than the text has in a row, padded when
 * it starts or ends with a backtick, pipes escaped for tables (GFM reads `\|` as `|` there).
 */
export function mdCode(text: string): string {
  const line = oneLine(text).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') || line === '' ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

function oneLine(text: string): string {
  return text
    .replace(/[\x00-\x1f\x7f-\x9f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
