/** Finding a published OpenAPI/Swagger document: where frameworks put it, and links the crawl saw. */
import { contentKind } from '../../engine/exchange.js';
import type { Exchange } from '../../types.js';

/** Where frameworks publish their document (FastAPI, springdoc, swagger-jsdoc, Swashbuckle, …). */
export const SPEC_PATHS = [
  '/openapi.json',
  '/swagger.json',
  '/v3/api-docs',
  '/api-docs',
  '/swagger/v1/swagger.json',
  '/openapi.yaml',
] as const;

/** Links to documents in pages and scripts the crawl fetched (Swagger UI's `url: "/api/openapi.json"`). */
const SPEC_LINK =
  /["'(=\s]((?:https?:\/\/[^\s"'<>()]+)?\/[\w./~-]*(?:openapi|swagger|api-docs)[\w.~-]*(?:\.json|\.ya?ml)?)["'\s)&]/gi;
const MAX_LINKS = 4;

/** A cheap test before parsing: a top-level `openapi` or `swagger` key near the start. */
export function looksLikeSpec(text: string): boolean {
  const head = text.slice(0, 4096);
  return (
    /^\s*\{[\s\S]*"(openapi|swagger)"\s*:\s*"[23]\./.test(head) ||
    /^(openapi|swagger)\s*:\s*["']?[23]\./m.test(head)
  );
}

/** Crawled responses that are themselves a spec (zero extra requests). */
export function crawledSpecs(exchanges: readonly Exchange[]): Exchange[] {
  return exchanges.filter(
    (ex) =>
      ex.request.method === 'GET' &&
      ex.response !== undefined &&
      ex.response.status >= 200 &&
      ex.response.status < 300 &&
      contentKind(ex.response) !== 'document' &&
      looksLikeSpec(ex.response.body),
  );
}

/**
 * Where to look, in order: spec links in crawled pages and scripts, then the usual paths under
 * the target's own path (when it has one) and at the root. Same-origin only, each once.
 */
export function specCandidates(exchanges: readonly Exchange[], target: URL): string[] {
  const out: string[] = [];
  const add = (raw: string, base: string) => {
    try {
      const url = new URL(raw, base);
      url.hash = '';
      if (url.origin === target.origin && !out.includes(url.href)) out.push(url.href);
    } catch {
      // not a URL
    }
  };
  let links = 0;
  for (const ex of exchanges) {
    const res = ex.response;
    if (!res || res.status >= 300 || links >= MAX_LINKS) continue;
    const kind = contentKind(res);
    if (kind !== 'document' && kind !== 'script') continue;
    for (const m of res.body.slice(0, 512 * 1024).matchAll(SPEC_LINK)) {
      if (links >= MAX_LINKS) break;
      const before = out.length;
      add(m[1]!, ex.request.url);
      if (out.length > before) links++;
    }
  }
  const base = target.pathname.replace(/\/+$/, '');
  if (base !== '') for (const p of SPEC_PATHS) add(`${base}${p}`, target.origin);
  for (const p of SPEC_PATHS) add(p, target.origin);
  return out;
}
