import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { bothVariants, startFlask } from '../../test/support/flask.js';
import { serveEach } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import type { ScanConfigInput } from '../config/schema.js';
import authMissing from './auth-missing.js';

const KEY = 'k_live_5Jq8wT2xV9mB4nR7';
const withKey: Partial<ScanConfigInput> = { credentials: { headers: { 'X-API-Key': KEY } } };

interface Answer {
  status?: number;
  type?: string;
  headers?: Record<string, string>;
  body: unknown;
}
/** What a route answers, given whether the caller sent the key. */
type Route = (authed: boolean) => Answer;

const open =
  (body: unknown): Route =>
  () => ({ body });
const guarded =
  (body: unknown): Route =>
  (authed) =>
    authed
      ? { body }
      : { status: 401, headers: { 'www-authenticate': 'ApiKey' }, body: { error: 'unauthorized' } };
const orders = guarded([{ id: 1, total: 30 }]);
const customers = [
  { name: 'alice', email: 'alice@example.test' },
  { name: 'bob', email: 'bob@example.test' },
];
const reports = [
  { id: 1, quarter: 'Q1', revenue: 1200 },
  { id: 2, quarter: 'Q2', revenue: 1500 },
];

interface Site {
  routes: Record<string, Route>;
  config?: Partial<ScanConfigInput>;
}

const fires: Array<[string, Site, string]> = [
  [
    'an export with e-mail addresses next to guarded siblings',
    {
      routes: {
        '/api/v1/orders': orders,
        '/api/v1/customers': guarded(customers),
        '/api/v1/export': open(customers),
      },
    },
    'critical:firm:/api/v1/export',
  ],
  [
    'a report list next to a guarded sibling',
    { routes: { '/api/v1/orders': orders, '/api/v1/reports': open(reports) } },
    'high:tentative:/api/v1/reports',
  ],
  [
    'a health check that leaks a database password',
    {
      routes: {
        '/api/v1/orders': orders,
        '/api/v1/health': open({ status: 'ok', db_password: 'hunter2-prod' }),
      },
    },
    'critical:firm:/api/v1/health',
  ],
  [
    'siblings refused with a 403 that names the missing key',
    {
      routes: {
        '/api/v1/orders': (authed) =>
          authed ? { body: [] } : { status: 403, body: { error: 'API key missing' } },
        '/api/v1/export': open(customers),
      },
    },
    'critical:firm:/api/v1/export',
  ],
  [
    'with a key: anonymous callers get what the key holder gets',
    { routes: { '/api/v1/orders': orders, '/api/v1/reports': open(reports) }, config: withKey },
    'high:firm:/api/v1/reports',
  ],
];

const quiet: Array<[string, Site]> = [
  [
    'the OpenAPI document next to guarded siblings',
    {
      routes: {
        '/api/v1/orders': orders,
        '/api/v1/openapi.json': open({ openapi: '3.0.3', info: { title: 'shop' }, paths: {} }),
      },
    },
  ],
  [
    'a health check next to guarded siblings',
    {
      routes: {
        '/api/v1/orders': orders,
        '/api/v1/health': open({ status: 'ok', version: '2.1', uptime: 3600 }),
      },
    },
  ],
  [
    'the service descriptor at / next to guarded routes',
    { routes: { '/orders': orders, '/customers': guarded(customers) } },
  ],
  [
    'a service descriptor at an API root next to guarded routes',
    {
      routes: {
        '/api/orders': orders,
        '/api/v2': open({ name: 'shop', version: '2.1', links: ['/api/orders'] }),
      },
    },
  ],
  [
    'a static file next to guarded ones',
    {
      routes: {
        '/assets/private.json': guarded({ plan: 'x' }),
        '/assets/manifest.json': open({ name: 'shop', icons: [{ src: '/i.png' }] }),
      },
    },
  ],
  [
    'a public API with no guarded sibling',
    { routes: { '/api/v1/reports': open(reports), '/api/v1/products': open(reports) } },
  ],
  [
    'an anonymous session probe next to guarded siblings',
    {
      routes: {
        '/api/v1/orders': orders,
        '/api/v1/me': open({ user: null, authenticated: false, roles: [] }),
      },
    },
  ],
  [
    "with a key: a sibling refuses the key's role, an open public endpoint",
    {
      routes: {
        '/api/v1/admin': () => ({ status: 403, body: { error: 'forbidden: admin role required' } }),
        '/api/v1/products': open(reports),
      },
      config: withKey,
    },
  ],
  [
    'a bare 403 from a firewall next to open data',
    {
      routes: {
        '/api/v1/orders': () => ({ status: 403, type: 'text/html', body: '<h1>Request blocked</h1>' }),
        '/api/v1/reports': open(reports),
      },
    },
  ],
  [
    'open data in another section than the guarded one',
    { routes: { '/api/v1/orders': orders, '/catalog/items': open(reports) } },
  ],
  [
    'with a key: anonymous callers get a public subset',
    {
      routes: {
        '/api/v1/orders': orders,
        '/api/v1/products': (authed) => ({
          body: authed ? [1, 2, 3, 4, 5, 6].map((id) => ({ id, name: `p${id}` })) : [{ id: 1, name: 'p1' }],
        }),
      },
      config: withKey,
    },
  ],
  [
    'with a key: everything guarded',
    { routes: { '/api/v1/orders': orders, '/api/v1/export': guarded(customers) }, config: withKey },
  ],
];

const sites: Site[] = [...fires.map((c) => c[1]), ...quiet.map((c) => c[1])];

/** A JSON API: `/` links every route; unknown paths get a JSON 404. */
function handler(site: Site) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route =
      path === '/' ? open({ service: 'shop', links: Object.keys(site.routes) }) : site.routes[path];
    const a = route ? route(req.headers['x-api-key'] === KEY) : { status: 404, body: { error: 'not found' } };
    const type = a.type ?? 'application/json';
    res.writeHead(a.status ?? 200, { 'content-type': type, ...a.headers });
    res.end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
  };
}

const servers = serveEach(sites, handler);
const flask = bothVariants((variant) => startFlask('api_keys', variant));

/** `severity:confidence:path` of each finding. */
async function summary(url: string, config?: Partial<ScanConfigInput>): Promise<string[]> {
  const report = await scanWith(url, [authMissing], config);
  return report.findings.map((f) => `${f.severity}:${f.confidence}:${new URL(f.url).pathname}`);
}

describe('auth-missing', () => {
  it.each(fires)('fires: %s', async (_, site, expected) => {
    expect(await summary(servers.get(site)!.url, site.config)).toEqual([expected]);
  });

  it.each(quiet)('quiet: %s', async (_, site) => {
    expect(await summary(servers.get(site)!.url, site.config)).toEqual([]);
  });

  it('names the sensitive fields and the sibling that refused', async () => {
    const report = await scanWith(servers.get(fires[0]![1])!.url, [authMissing]);
    expect(report.findings[0]!.evidence.detail).toMatch(
      /answered 200 with data to a caller without credentials\. 2 sibling endpoints under \/api\/v1 refuse anonymous callers \(\/api\/v1\/\w+: 401 with WWW-Authenticate: ApiKey\)\. It carries sensitive fields: email\./,
    );
  });

  it('with a key, asks again anonymously with GET only and no key', async () => {
    const site = fires[4]![1];
    const server = servers.get(site)!;
    const before = server.requests.length;
    const report = await scanWith(server.url, [authMissing], site.config);
    const checkRequests = server.requests.slice(before).filter((r) => r.headers['x-api-key'] === undefined);
    expect(checkRequests.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/v1/orders',
      'GET /api/v1/reports',
    ]);
    expect(report.findings[0]!.identity).toBe('anonymous');
  });
});

describe('auth-missing on Flask', () => {
  const key = { credentials: { headers: { 'X-API-Key': 'pk_user_4f9a2c7e1b8d6035' } } };

  it('fires on the export left out of the key check, with and without a key', async () => {
    expect(await summary(flask.vulnerable.url)).toEqual(['critical:firm:/api/v1/export']);
    expect(await summary(flask.vulnerable.url, key)).toEqual(['critical:firm:/api/v1/export']);
  });

  it('is quiet on the API that guards everything but its descriptor, health check and OpenAPI document', async () => {
    expect(await summary(flask.fixed.url)).toEqual([]);
    expect(await summary(flask.fixed.url, key)).toEqual([]);
  });
});
