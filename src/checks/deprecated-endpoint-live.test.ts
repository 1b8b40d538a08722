import { afterAll, describe, expect, it } from 'vitest';
import { startFlask } from '../../test/support/flask.js';
import { type Handler, type Page, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import check from './deprecated-endpoint-live.js';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Page => ({
  status,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
});
const DATA = json({
  items: [
    { id: 1, name: 'first' },
    { id: 2, name: 'second' },
  ],
});

/** A minimal OpenAPI 3.0 document; `ops` maps `GET /path` to extra operation fields. */
function spec(ops: Record<string, Record<string, unknown>>): Page {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, extra] of Object.entries(ops)) {
    const [method, path] = key.split(' ') as [string, string];
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = { responses: { '200': { description: 'ok' } }, ...extra };
  }
  return json({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths });
}

const deprecated = { deprecated: true };

const fires: Array<[string, Handler]> = [
  [
    'a deprecated operation that still serves data',
    pages({ '/openapi.json': spec({ 'GET /api/reports/legacy': deprecated }), '/api/reports/legacy': DATA }),
  ],
  [
    'a deprecated operation that announces its Sunset but still serves data',
    pages({
      '/openapi.json': spec({ 'GET /api/reports/legacy': deprecated }),
      '/api/reports/legacy': {
        ...DATA,
        headers: { 'content-type': 'application/json', sunset: 'Wed, 01 Jul 2026 00:00:00 GMT' },
      },
    }),
  ],
  [
    'a deprecated operation with a path parameter',
    pages({
      '/openapi.json': spec({
        'GET /api/users/{id}/old-profile': {
          ...deprecated,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        },
      }),
      '/api/users/1/old-profile': json({ id: 1, email: 'a@example.com' }),
    }),
  ],
  [
    '/v1 beside /v2, found by crawling',
    pages({ '/': json({ links: ['/api/v2/items'] }), '/api/v2/items': DATA, '/api/v1/items': DATA }),
  ],
  [
    '/v1 beside /v2, the spec documenting only /v2',
    pages({
      '/openapi.json': spec({ 'GET /api/v2/items': {} }),
      '/api/v2/items': DATA,
      '/api/v1/items': DATA,
    }),
  ],
  ['/v0 beside /v1', pages({ '/': json({ links: ['/v1/items'] }), '/v1/items': DATA, '/v0/items': DATA })],
];

const catchAll: Handler = (req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ links: ['/api/v2/items'] }));
  } else if (path === '/api/v2/items') {
    res.setHeader('content-type', 'application/json');
    res.end(DATA.body);
  } else {
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><html><body><div id="app"></div></body></html>');
  }
};
const anyVersion: Handler = (req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  res.setHeader('content-type', 'application/json');
  if (path === '/') res.end(JSON.stringify({ links: ['/api/v2/items'] }));
  else if (/^\/api\/v\d+\/items$/.test(path)) res.end(DATA.body);
  else {
    res.statusCode = 404;
    res.end('{"error":"not found"}');
  }
};

const quiet: Array<[string, Handler]> = [
  [
    'a deprecated operation that is gone (410)',
    pages({
      '/openapi.json': spec({ 'GET /api/reports/legacy': deprecated }),
      '/api/reports/legacy': json({ error: 'gone' }, 410),
    }),
  ],
  [
    'a deprecated operation that is removed (404)',
    pages({ '/openapi.json': spec({ 'GET /api/reports/legacy': deprecated }) }),
  ],
  [
    'a deprecated operation that redirects to its replacement',
    pages({
      '/openapi.json': spec({ 'GET /api/reports/legacy': deprecated }),
      '/api/reports/legacy': { status: 301, headers: { location: '/api/reports' } },
      '/api/reports': DATA,
    }),
  ],
  [
    'a deprecated operation that asks for credentials',
    pages({
      '/openapi.json': spec({ 'GET /api/reports/legacy': deprecated }),
      '/api/reports/legacy': json({ error: 'unauthorized' }, 401),
    }),
  ],
  [
    'a deprecated operation that answers an empty list',
    pages({
      '/openapi.json': spec({ 'GET /api/reports/legacy': deprecated }),
      '/api/reports/legacy': json([]),
    }),
  ],
  [
    'a deprecated operation that answers 200 with an error envelope',
    pages({
      '/openapi.json': spec({ 'GET /api/reports/legacy': deprecated }),
      '/api/reports/legacy': json({ error: 'this endpoint was retired', code: 'RETIRED' }),
    }),
  ],
  [
    'a deprecated write, not sent in safe mode',
    pages({ '/openapi.json': spec({ 'POST /api/reports/legacy': deprecated }), '/api/reports/legacy': DATA }),
  ],
  ['/v1 that answers 404', pages({ '/': json({ links: ['/api/v2/items'] }), '/api/v2/items': DATA })],
  [
    '/v1 that answers 200 with an error envelope',
    pages({
      '/': json({ links: ['/api/v2/items'] }),
      '/api/v2/items': DATA,
      '/api/v1/items': json({ status: 410, message: 'API v1 was retired' }),
    }),
  ],
  ['/v1 that is the catch-all page (soft 404)', catchAll],
  ['a router that answers any version segment alike', anyVersion],
  [
    '/v1 the spec documents as a current version',
    pages({
      '/openapi.json': spec({ 'GET /api/v2/items': {}, 'GET /api/v1/items': {} }),
      '/api/v2/items': DATA,
      '/api/v1/items': DATA,
    }),
  ],
  ['no version segments at all', pages({ '/': json({ links: ['/api/items'] }), '/api/items': DATA })],
];

const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});
async function reportFor(handler: Handler) {
  const server = await serve(handler);
  servers.push(server);
  return scanWith(server.url, [check]);
}

describe('deprecated-endpoint-live', () => {
  it.each(fires)('fires: %s', async (_, handler) => {
    const report = await reportFor(handler);
    expect(report.findings.map((f) => f.rule)).toEqual(['deprecated-endpoint-live']);
  });

  it.each(quiet)('quiet: %s', async (_, handler) => {
    const report = await reportFor(handler);
    expect(report.findings).toEqual([]);
  });

  it('names the deprecated operation, its template and its Sunset', async () => {
    const report = await reportFor(fires[2]![1]);
    const f = report.findings[0]!;
    expect(f.url).toMatch(/\/api\/users\/\{id\}\/old-profile$/);
    expect(f.confidence).toBe('firm');
    expect(f.severity).toBe('medium');
    expect(f.evidence.detail).toBe(
      'The spec marks GET /api/users/{id}/old-profile deprecated, yet it answered 200 with a JSON body of 32 characters.',
    );
    const sunset = (await reportFor(fires[1]![1])).findings[0]!;
    expect(sunset.evidence.headers).toEqual({ sunset: 'Wed, 01 Jul 2026 00:00:00 GMT' });
  });

  it('reports the older version once, at the older path', async () => {
    const report = await reportFor(fires[3]![1]);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]!.url).toMatch(/\/api\/v1\/items$/);
    expect(report.findings[0]!.evidence.detail).toMatch(
      /^\/api\/v1 still answers \(200, a JSON body of \d+ characters\) beside the current \/api\/v2;/,
    );
  });

  it('says why a router that ignores the version is not judged, and which deprecated writes were not sent', async () => {
    expect((await reportFor(anyVersion)).notes).toContain(
      'deprecated-endpoint-live: /api answers any version segment (even v99) alike; older versions were not judged there.',
    );
    expect((await reportFor(quiet[6]![1])).notes).toContain(
      'deprecated-endpoint-live: 1 deprecated operation was not tried (POST /api/reports/legacy): the scan does not send it in this mode.',
    );
  });

  it.each([
    ['vulnerable', ['GET /api/v1/reports', 'GET /api/v2/reports/summary']],
    ['fixed', []],
  ] as const)('a Flask API publishing its spec, %s', async (variant, expected) => {
    const app = await startFlask('inventory', variant);
    try {
      const report = await scanWith(app.url, [check]);
      const found = report.findings.map((f) => `${f.method} ${new URL(f.url).pathname}`).sort();
      expect(found).toEqual(expected);
    } finally {
      await app.close();
    }
  });
});
