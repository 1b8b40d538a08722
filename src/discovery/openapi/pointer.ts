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

/**
 * Every string `$ref` in a document with the tokens leading to it, depth first. Bounded by
 * `maxNodes` (a document that big is refused by the caller anyway).
 */
export function refsIn(
  doc: unknown,
  maxNodes = 5_000_000,
): Array<{ holder: Record<string, unknown>; tokens: string[] }> {
  const out: Array<{ holder: Record<string, unknown>; tokens: string[] }> = [];
  const stack: Array<{ node: unknown; tokens: string[] }> = [{ node: doc, tokens: [] }];
  let visited = 0;
  while (stack.length > 0 && visited < maxNodes) {
    const { node, tokens } = stack.pop()!;
    visited++;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        if (typeof node[i] === 'object' && node[i] !== null)
          stack.push({ node: node[i], tokens: [...tokens, String(i)] });
      }
    } else if (isObject(node)) {
      if (typeof node.$ref === 'string') out.push({ holder: node, tokens });
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'object' && value !== null)
          stack.push({ node: value, tokens: [...tokens, key] });
      }
    }
  }
  return out;
}
