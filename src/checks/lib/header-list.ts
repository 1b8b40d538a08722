import { trimHttpTabOrSpace } from './trim.js';

/**
 * The values of a header as the Fetch Standard's "get, decode, and split" sees them: every field
 * line joined, split on commas outside double quotes, HTTP tab or space trimmed from each value.
 * Quotes are kept, so `"nosniff"` is not `nosniff` — as browsers decide.
 */
export function splitHeaderValues(lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  const input = lines.join(', ');
  const values: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      current += c;
      if (c === '\\' && i + 1 < input.length) current += input[++i];
      else if (c === '"') quoted = false;
    } else if (c === '"') {
      quoted = true;
      current += c;
    } else if (c === ',') {
      values.push(trimHttpTabOrSpace(current));
      current = '';
    } else current += c;
  }
  values.push(trimHttpTabOrSpace(current));
  return values;
}
