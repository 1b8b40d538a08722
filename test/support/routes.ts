import type { IncomingMessage, ServerResponse } from 'node:http';
import { html, type Page } from './http-server.js';

export const HTML_TYPE = { 'content-type': 'text/html; charset=utf-8' };
export const JSON_TYPE = { 'content-type': 'application/json' };

/** An HTML page. */
export const page = (body: string, status = 200): Page => ({ status, headers: HTML_TYPE, body });
/** A JSON document. */
export const json = (value: unknown, status = 200, headers: Record<string, string> = JSON_TYPE): Page => ({
  status,
  headers,
  body: JSON.stringify(value),
});

export type Route = Page | ((url: URL, req: IncomingMessage) => Page);

/** A site: pages by path (fixed, or computed from the URL), and what every other path answers. */
export interface Site {
  routes: Record<string, Route>;
  /** Unknown paths (the scan's not-found probe included); a plain-text 404 when absent. */
  notFound?: Page;
}

/** A home page linking to `/items?id=1`; `/items` answers `error` when the id is not a number. */
export function withItems(error: Page, extra: Record<string, Route> = {}): Site {
  return {
    routes: {
      '/': page(html('<a href="/items?id=1">item</a>')),
      '/items': (url) =>
        /^\d+$/.test(url.searchParams.get('id') ?? '') ? page(html('<h1>lamp</h1>')) : error,
      ...extra,
    },
  };
}

/** Serves a Site (HEAD gets headers only). */
export function siteHandler(site: Site) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const route = site.routes[url.pathname];
    const answer: Page =
      typeof route === 'function'
        ? route(url, req)
        : (route ??
          site.notFound ?? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' });
    res.statusCode = answer.status ?? 200;
    for (const [k, v] of Object.entries(answer.headers ?? HTML_TYPE)) res.setHeader(k, v);
    res.end(req.method === 'HEAD' ? undefined : (answer.body ?? ''));
  };
}
