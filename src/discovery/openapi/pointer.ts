/** JSON Pointer (RFC 6901) helpers, written as URI fragments (`#/paths/~1users/get`). */

export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(tokens: readonly (string | number)[]): string {
  return `#${tokens.map((t) => `/${escapeToken(String(t))}`).join('')}`;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deeper documents are refused: nothing legitimate nests this far, and resolvers recurse. */
export const MAX_DEPTH = 1_000;

interface Walk {
  node: unknown;
  key: string;
  parent: Walk | undefined;
  depth: number;
}

function tokensOf(entry: Walk): string[] {
  const tokens: string[] = [];
  for (let e: Walk | undefined = entry; e?.parent; e = e.parent) tokens.push(e.key);
  return tokens.reverse();
}

/**
 * Every string `$ref` in a document with the tokens leading to it, depth first. Throws a
 * RangeError past `MAX_DEPTH` levels; stops after `maxNodes` nodes.
 */
export function refsIn(
  doc: unknown,
  maxNodes = 5_000_000,
): Array<{ holder: Record<string, unknown>; tokens: string[] }> {
  const out: Array<{ holder: Record<string, unknown>; tokens: string[] }> = [];
  const stack: Walk[] = [{ node: doc, key: '', parent: undefined, depth: 0 }];
  let visited = 0;
  while (stack.length > 0 && visited < maxNodes) {
    const entry = stack.pop()!;
    const { node, depth } = entry;
    visited++;
    if (depth > MAX_DEPTH) throw new RangeError(`nested more than ${MAX_DEPTH} levels deep`);
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        if (typeof node[i] === 'object' && node[i] !== null)
          stack.push({ node: node[i], key: String(i), parent: entry, depth: depth + 1 });
      }
    } else if (isObject(node)) {
      if (typeof node.$ref === 'string') out.push({ holder: node, tokens: tokensOf(entry) });
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'object' && value !== null)
          stack.push({ node: value, key, parent: entry, depth: depth + 1 });
      }
    }
  }
  return out;
}
