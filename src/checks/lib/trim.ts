/**
 * Trimming without regexes. `/[ \t]+$/` is tried at every position of a long run of spaces that
 * does not reach the end, which is quadratic: a hostile header or `<meta>` content of a few hundred
 * kilobytes of spaces would stall the scan for minutes. These loops are linear.
 */
export function trimChars(value: string, chars: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && chars.includes(value[start]!)) start++;
  while (end > start && chars.includes(value[end - 1]!)) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/** HTTP's optional whitespace: tab and space only (a vertical tab or form feed stays, as in browsers). */
export const trimHttpTabOrSpace = (value: string): string => trimChars(value, '\t ');

/** The Infra standard's ASCII whitespace: tab, LF, FF, CR and space. */
export const trimAsciiWhitespace = (value: string): string => trimChars(value, '\t\n\f\r ');
