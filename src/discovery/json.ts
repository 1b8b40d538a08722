import type { Exchange, RecordedResponse } from '../types.js';

/**
 * Deeper documents are not parsed: V8's JSON.parse is iterative but costs microseconds per level,
 * so a hostile 2 MB `[[[[…` would cost seconds per response; and walking it recursively would
 * overflow the stack. Real APIs nest a few dozen levels.
 */
export const MAX_JSON_DEPTH = 512;

/** The parsed JSON text, or undefined when it is not JSON or nests deeper than `maxDepth`. */
export function parseJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (nestsDeeperThan(text, maxDepth)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether brackets and braces outside strings nest deeper than `limit` (one linear pass). */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

const cache = new WeakMap<RecordedResponse, { value: unknown }>();

/** The parsed JSON body of an exchange (undefined when not JSON or too deep), parsed once and shared. */
export function jsonOf(ex: Exchange): unknown {
  return ex.response ? jsonOfResponse(ex.response) : undefined;
}

/** The same, by response: every check shares this one parse (a hostile body is parsed at most once). */
export function jsonOfResponse(res: RecordedResponse): unknown {
  let entry = cache.get(res);
  if (!entry) {
    entry = { value: parseJson(res.body) };
    cache.set(res, entry);
  }
  return entry.value;
}
