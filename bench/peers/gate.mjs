// A counting gate in front of one fixture: every scanner talks to the fixture through it, so requests
// are counted the same way for every tool. It is a reverse proxy for clients that use its URL as the
// target, and a forward proxy that refuses every other host for clients (wapiti) told to use it as
// their proxy: a request meant for anywhere but the fixture is recorded and answered 403, never sent.
// It also serves a scanner's callback endpoint (wapiti's SSRF probe) on an origin of its own, as a real
// endpoint is: the fixture may fetch its own origin, and that must not count as reaching the endpoint.
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

/**
 * wapiti's endpoint: the target is asked to fetch <endpoint>ssrf/<scan>/<request>/<hex param>/, and
 * wapiti then asks <endpoint>get_ssrf.php?id=<scan> which of those arrived. Resolves to `{ url, answer,
 * close }`; `answer(req, res)` serves a request for it, from the fixture or through the proxy.
 */
async function startEndpoint() {
  const hits = new Map();
  const answer = (req, res) => {
    const absolute = URL.canParse(req.url) ? new URL(req.url) : undefined;
    const path = absolute ? `${absolute.pathname}${absolute.search}` : req.url;
    const hit = /^\/ssrf\/([\w-]+)\/(\d+)\/([0-9a-f]+)\//.exec(path);
    const asked = /^\/get_ssrf\.php\?id=([\w-]+)$/.exec(path);
    let body = {};
    if (hit) {
      const [, scan, request, param] = hit;
      const byRequest = hits.get(scan) ?? {};
      hits.set(scan, byRequest);
      byRequest[request] ??= {};
      byRequest[request][param] ??= [];
      const seen = byRequest[request][param];
      const at = {
        method: req.method,
        url: path,
        ip: req.socket.remoteAddress,
        date: new Date().toISOString(),
      };
      if (seen.length < 10) seen.push(at);
    } else if (asked) body = hits.get(asked[1]) ?? {};
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = createServer(answer);
  const url = await listen(server);
  const close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url, answer, close };
}

/**
 * Starts a gate to `http://127.0.0.1:<upstreamPort>`. Returns `{ url, endpoint, counts, reset, close }`:
 * `endpoint` is the callback endpoint's URL (never counted); `counts()` is `{ requests, refused, firstAt }`
 * since the last `reset()` (refused: URLs outside the fixture; firstAt: performance.now() of the first
 * request passed on).
 */
export async function startGate(upstreamPort) {
  let requests = 0;
  let refused = [];
  let firstAt;
  let self = '';
  const endpoint = await startEndpoint();
  const endpointHost = new URL(endpoint.url).host;
  // Lenient parsing: the gate must not reject what the fixture itself would have answered.
  const server = createServer({ insecureHTTPParser: true }, (req, res) => {
    res.sendDate = false;
    let path = req.url ?? '/';
    if (!path.startsWith('/')) {
      const target = URL.canParse(path) ? new URL(path) : undefined;
      if (target?.protocol === 'http:' && target.host === endpointHost) {
        endpoint.answer(req, res);
        return;
      }
      if (target?.protocol !== 'http:' || target.host !== self) {
        refused.push(`${req.method} ${path}`);
        res.writeHead(403, { 'content-type': 'text/plain' }).end('outside the benchmark fixture');
        return;
      }
      path = `${target.pathname}${target.search}`;
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
    endpoint: endpoint.url,
    counts: () => ({ requests, refused: [...refused], firstAt }),
    reset: () => {
      requests = 0;
      refused = [];
      firstAt = undefined;
    },
    close: async () => {
      await new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await endpoint.close();
    },
  };
}
