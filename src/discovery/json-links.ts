const MAX_NODES = 50_000;
const MAX_LINKS = 200;

/** Path-like strings (`/v1/users/7`) and absolute http(s) URLs found in a parsed JSON document (see `jsonOf`). */
export function jsonLinks(doc: unknown): string[] {
  if (doc === undefined) return [];
  const links: string[] = [];
  const stack: unknown[] = [doc];
  let visited = 0;
  while (stack.length > 0 && visited < MAX_NODES && links.length < MAX_LINKS) {
    const node = stack.pop();
    visited++;
    if (typeof node === 'string') {
      if (looksLikeLink(node)) links.push(node);
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
    } else if (node && typeof node === 'object') {
      for (const v of Object.values(node)) stack.push(v);
    }
  }
  return links;
}

function looksLikeLink(s: string): boolean {
  if (s.length < 2 || s.length > 300 || /\s/.test(s)) return false;
  if (/^https?:\/\//i.test(s)) return true;
  return /^\/[\w~.%-]/.test(s) && !s.startsWith('//');
}
