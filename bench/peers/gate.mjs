// A counting gate in front of one fixture: every scanner talks to the fixture through it, so requests
// are counted the same way for every tool. It is a reverse proxy for clients that use its URL as the
// target, and a forward proxy that refuses every other host for clients (wapiti) told to use it as
// their proxy: a request meant for anywhere but the fixture is recorded and answered 403, never sent.
import { createServer, request } from 'node:http';
import { listen } from '../lib.mjs';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Raw header pairs without hop-by-hop headers, as the flat array node:http accepts. */
function endToEnd(raw) {
  const out = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (!HOP_BY_HOP.has(raw[i].toLowerCase())) out.push(raw[i], raw[i + 1]);
  }
  return out;
}

/** Paths under this prefix are a scanner's own callback endpoint: answered here, never counted. */
export const ENDPOINT_PATH = '/.bench-endpoint/';

/**
 * Starts a gate to `http://127.0.0.1:<upstreamPort>`. Returns `{ url, counts, reset, close }`:
 * `counts()` is `{ requests, refused, firstAt }` since the last `reset()` (refused: URLs outside the
 * fixture; firstAt: performance.now() of the first request passed on).
 */
export async function startGate(upstreamPort) {
  let requests = 0;
  let refused = [];
  let firstAt;
  let self = '';
  // Lenient parsing: the gate must not reject what the fixture itself would have answered.
  const server = createServer({ insecureHTTPParser: true }, (req, res) => {
    res.sendDate = false;
    let path = req.url ?? '/';
    if (!path.startsWith('/')) {
      const target = URL.canParse(path) ? new URL(path) : undefined;
      if (target?.protocol !== 'http:' || target.host !== self) {
        refused.push(`${req.method} ${path}`);
        res.writeHead(403, { 'content-type': 'text/plain' }).end('outside the benchmark fixture');
        return;
      }
      path = `${target.pathname}${target.search}`;
    }
    if (path.startsWith(ENDPOINT_PATH)) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    requests++;
    firstAt ??= performance.now();
    const upstream = request(
      {
        host: '127.0.0.1',
        port: upstreamPort,
        method: req.method,
        path,
        headers: endToEnd(req.rawHeaders),
        timeout: 30_000,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.rawHeaders));
        answer.pipe(res);
      },
    );
    upstream.on('timeout', () => upstream.destroy(new Error('upstream timeout')));
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end();
    });
    req.pipe(upstream);
  });
  server.on('connect', (req, socket) => {
    refused.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  // A request too malformed for node:http still counts as one the tool sent.
  server.on('clientError', (err, socket) => {
    if (String(err.code).startsWith('HPE_')) requests++;
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  const url = await listen(server);
  self = new URL(url).host;
  return {
    url,
    counts: () => ({ requests, refused: [...refused], firstAt }),
    reset: () => {
      requests = 0;
      refused = [];
      firstAt = undefined;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
