/**
 * The attacker's site for browser proofs: a tiny HTTP server on loopback serving the generated pages.
 * Its origin is on another *site* than the target (`localhost` against `127.0.0.1`, or the reverse),
 * so the browser applies its cross-site rules: framing checks, SameSite and Fetch Metadata.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AttackerSite {
  /** `http://localhost:<port>` (or `http://127.0.0.1:<port>` when the target is `localhost`). */
  readonly origin: string;
  /** Serves `html` at `path` and returns its URL. */
  serve(path: string, html: string): string;
  close(): Promise<void>;
}

export async function startAttacker(target: URL): Promise<AttackerSite> {
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const html = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (html === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : html);
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = target.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  const origin = `http://${host}:${port}`;
  return {
    origin,
    serve(path, html) {
      pages.set(path, html);
      return `${origin}${path}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
