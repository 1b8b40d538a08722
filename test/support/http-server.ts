import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export interface TestServer {
  url: string;
  origin: string;
  /** Requests the server received (method and URL), for assertions on what Parapet sent. */
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Serves `handler` on 127.0.0.1 at a free port. */
export function serve(handler: Handler): Promise<TestServer> {
  return listen('http', (onRequest) => createServer(onRequest), handler);
}

/**
 * One server per row, started before the tests of the current file or describe block and closed after
 * them: `servers.get(row)!.url` inside a test.
 */
export function serveEach<K>(rows: readonly K[], handler: (row: K) => Handler): Map<K, TestServer> {
  const servers = new Map<K, TestServer>();
  beforeAll(async () => {
    await Promise.all(rows.map(async (row) => servers.set(row, await serve(handler(row)))));
  });
  afterAll(async () => {
    await Promise.all([...servers.values()].map((s) => s.close()));
  });
  return servers;
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Starts a server made by `make` (http or https) that records requests and runs `handler`. */
export async function listen(
  scheme: 'http' | 'https',
  make: (onRequest: RequestListener) => Server,
  handler: Handler,
): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server = make((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    Promise.resolve(handler(req, res)).catch((err) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `${scheme}://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Page {
  status?: number;
  headers?: Record<string, string | string[]>;
  body?: string;
}

/** A site from a table of paths; unknown paths get a plain 404. */
export function pages(table: Record<string, Page | ((req: IncomingMessage) => Page)>): Handler {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const entry = table[path];
    const page: Page =
      typeof entry === 'function'
        ? entry(req)
        : (entry ?? { status: 404, body: 'not found', headers: { 'content-type': 'text/plain' } });
    res.statusCode = page.status ?? 200;
    for (const [k, v] of Object.entries(page.headers ?? { 'content-type': 'text/html; charset=utf-8' }))
      res.setHeader(k, v);
    if (!res.hasHeader('content-type') && page.headers && !('content-type' in page.headers)) {
      // a page that sets headers but no content type is served without one on purpose
    }
    res.end(req.method === 'HEAD' ? undefined : (page.body ?? ''));
  };
}

export const html = (body: string, head = ''): string =>
  `<!doctype html><html><head><title>t</title>${head}</head><body>${body}</body></html>`;
