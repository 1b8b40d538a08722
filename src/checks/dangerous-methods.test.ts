import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { html, serve, type TestServer } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import type { Confidence, Severity } from '../types.js';
import dangerousMethods from './dangerous-methods.js';

interface Behaviour {
  /** How TRACE and TRACK are answered: echoed back (optionally with headers a proxy adds), or refused. */
  trace?: 'echo' | 'echo-behind-proxy' | 'catch-all' | 'json-headers' | 'fixed-text';
  /** The Allow header OPTIONS answers with, and its status. */
  allow?: string;
  optionsStatus?: number;
  /** The home page's body (HTML), or JSON. */
  home?: string;
  json?: boolean;
}

/** The request as a TRACE echo shows it: request line, then the headers as received. */
function echo(req: IncomingMessage, extra: Record<string, string> = {}): string {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  for (const [k, v] of Object.entries(extra)) lines.push(`${k}: ${v}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** What the server answers: status, headers and body. */
type Answer = [number, Record<string, string>, string];

function answer(b: Behaviour, req: IncomingMessage): Answer {
  const method = req.method ?? 'GET';
  if (method === 'TRACE') {
    const proxied: Record<string, string> = { 'X-Forwarded-For': '10.1.2.3', 'X-Internal-Auth': 'svc-token' };
    switch (b.trace) {
      case 'echo':
        return [200, { 'content-type': 'message/http' }, echo(req)];
      case 'echo-behind-proxy':
        return [200, { 'content-type': 'message/http' }, echo(req, proxied)];
      case 'catch-all':
        return [200, { 'content-type': 'text/html' }, html('<div id="app"></div>')];
      case 'json-headers':
        return [
          200,
          { 'content-type': 'application/json' },
          JSON.stringify({ method, headers: req.headers }),
        ];
      case 'fixed-text':
        return [200, { 'content-type': 'text/plain' }, 'TRACE / HTTP/1.1\r\nHost: example\r\n\r\n'];
      default:
        return [405, {}, ''];
    }
  }
  if (method === 'OPTIONS') return [b.optionsStatus ?? 204, { allow: b.allow ?? 'GET, HEAD, OPTIONS' }, ''];
  if (new URL(req.url ?? '/', 'http://x').pathname !== '/') return [404, {}, 'not found'];
  return b.json
    ? [200, { 'content-type': 'application/json' }, '{"items":"/items"}']
    : [200, { 'content-type': 'text/html' }, html(b.home ?? '<p>home</p>')];
}

function handler(b: Behaviour) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const [status, headers, body] = answer(b, req);
    res.statusCode = status;
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.end(body);
  };
}

// [case, behaviour, [method, severity, confidence]]
const fires: Array<[string, Behaviour, [string, Severity, Confidence]]> = [
  ['TRACE echoes the request', { trace: 'echo' }, ['TRACE', 'medium', 'firm']],
  ['TRACE echo shows headers a proxy added', { trace: 'echo-behind-proxy' }, ['TRACE', 'medium', 'firm']],
  [
    'Allow advertises PUT and DELETE on a page',
    { allow: 'GET, HEAD, PUT, DELETE, OPTIONS' },
    ['OPTIONS', 'low', 'tentative'],
  ],
  [
    'Allow on a 405 advertises WebDAV writes',
    { allow: 'OPTIONS, GET, HEAD, PROPFIND, MKCOL, COPY, MOVE', optionsStatus: 405 },
    ['OPTIONS', 'low', 'tentative'],
  ],
];

const quiet: Array<[string, Behaviour]> = [
  ['TRACE and TRACK refused, only read methods allowed', {}],
  ['TRACE answered by a catch-all page', { trace: 'catch-all' }],
  ['headers reflected as JSON (no request line)', { trace: 'json-headers' }],
  ['a fixed text that looks like an echo (no canary)', { trace: 'fixed-text' }],
  ['Allow lists POST among read methods', { allow: 'GET, HEAD, POST, OPTIONS' }],
  [
    'DELETE used by the page’s own form (`_method`)',
    {
      allow: 'GET, HEAD, POST, DELETE',
      home: '<form method="post" action="/"><input type="hidden" name="_method" value="delete"><button>Delete</button></form>',
    },
  ],
  ['a JSON API that allows writes', { allow: 'GET, PUT, DELETE, PATCH', json: true }],
  ['Allow on a 404', { allow: 'GET, PUT, DELETE', optionsStatus: 404 }],
];

const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function scanBehaviour(b: Behaviour, config = {}) {
  const server = await serve(handler(b));
  servers.push(server);
  return { server, report: await scanWith(server.url, [dangerousMethods], config) };
}

describe('dangerous-methods', () => {
  it.each(fires)('fires: %s', async (_, behaviour, [method, severity, confidence]) => {
    const { report } = await scanBehaviour(behaviour);
    expect(report.findings.map((f) => [f.rule, f.method, f.severity, f.confidence])).toEqual([
      ['dangerous-methods', method, severity, confidence],
    ]);
  });

  it.each(quiet)('quiet: %s', async (_, behaviour) => {
    expect((await scanBehaviour(behaviour)).report.findings).toEqual([]);
  });

  it('fires on a TRACK echo when TRACE is refused (IIS)', async () => {
    // Node's HTTP parser rejects TRACK, so this server speaks HTTP/1.1 by hand.
    const sockets = new Set<Socket>();
    const raw = createServer((socket) => {
      sockets.add(socket);
      let head = '';
      socket.on('data', (chunk) => {
        head += chunk.toString('latin1');
        if (!head.includes('\r\n\r\n')) return;
        const request = head.slice(0, head.indexOf('\r\n\r\n') + 4);
        const method = request.split(' ', 1)[0];
        const [status, type, body] =
          method === 'TRACK'
            ? ['200 OK', 'message/http', request]
            : method === 'GET'
              ? ['200 OK', 'text/html', html('<p>home</p>')]
              : ['405 Method Not Allowed', 'text/plain', ''];
        socket.end(
          `HTTP/1.1 ${status}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      });
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = raw.address() as { port: number };
      const report = await scanWith(`http://127.0.0.1:${port}/`, [dangerousMethods]);
      expect(report.findings.map((f) => [f.rule, f.method, f.severity, f.confidence])).toEqual([
        ['dangerous-methods', 'TRACK', 'medium', 'firm'],
      ]);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => raw.close(resolve));
    }
  });

  it('names the headers the echo added and the advertised methods', async () => {
    const proxy = await scanBehaviour({ trace: 'echo-behind-proxy' });
    expect(proxy.report.findings[0]?.evidence.detail).toContain('x-forwarded-for, x-internal-auth');
    const dav = await scanBehaviour({ allow: 'GET, HEAD, PUT, DELETE' });
    expect(dav.report.findings[0]?.evidence.detail).toContain('PUT, DELETE');
    expect(dav.report.findings[0]?.evidence.headers).toEqual({ allow: 'GET, HEAD, PUT, DELETE' });
  });

  it('sends TRACE in safe mode, without credentials or cookies, and never a write method', async () => {
    const { server } = await scanBehaviour({ trace: 'echo' }, { credentials: { bearer: 'fixture-token' } });
    const trace = server.requests.find((r) => r.method === 'TRACE');
    expect(trace?.headers.authorization).toBeUndefined();
    expect(trace?.headers.cookie).toBeUndefined();
    expect(trace?.headers['x-parapet-canary']).toMatch(/^[0-9a-f]{16}$/);
    expect(
      server.requests.every((r) => ['GET', 'HEAD', 'OPTIONS', 'TRACE', 'TRACK'].includes(r.method)),
    ).toBe(true);
  });
});
