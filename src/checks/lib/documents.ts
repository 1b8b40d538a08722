import { headerValue } from '../../engine/exchange.js';
import type { Exchange } from '../../types.js';
import type { CheckContext } from '../types.js';

/**
 * The 2xx HTML documents a browser would render as a page: not downloads
 * (`Content-Disposition: attachment`), not empty bodies or 204/205, and not the answer to the
 * scan's own not-found probe (a catch-all page at a URL that does not exist).
 */
export function renderedDocuments(ctx: Pick<CheckContext, 'exchanges' | 'site'>): Exchange[] {
  return ctx.exchanges({ kind: 'document', status: '2xx' }).filter((ex) => {
    const res = ex.response!;
    if (ex === ctx.site.notFound || res.status === 204 || res.status === 205) return false;
    if (/^\s*attachment/i.test(headerValue(res.headers, 'content-disposition') ?? '')) return false;
    // A test, not trim(): trimming copies the whole body.
    return ex.request.method === 'HEAD' || /\S/.test(res.body);
  });
}
