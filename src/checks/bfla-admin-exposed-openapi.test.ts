import { describe, expect, it } from 'vitest';
import { type Handler, serveEach } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import type { ScanConfigInput } from '../config/schema.js';
import check from './bfla-admin-exposed.js';

const KEY = 'k_live_7Hq2Zp9LmX4cR1vB';
const withKey: Partial<ScanConfigInput> = { credentials: { headers: { 'X-API-Key': KEY } } };

/** How a documented operation answers: open to anyone, or only with the scan's key. */
type Access = 'open' | 'keyed' | 'closed';

interface Operation {
  path: string;
  tags?: string[];
  operationId?: string;
  /** `[]` declares the operation public. */
  security?: unknown[];
  access: Access;
  body: unknown;
}

interface Site {
  operations: Operation[];
  config?: Partial<ScanConfigInput>;
}

function specOf(site: Site): unknown {
  const paths: Record<string, unknown> = {};
  for (const op of site.operations) {
    paths[op.path] = {
      get: {
        ...(op.tags ? { tags: op.tags } : {}),
        ...(op.operationId ? { operationId: op.operationId } : {}),
        ...(op.security ? { security: op.security } : {}),
        responses: { '200': { description: 'ok' } },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Shop', version: '1' },
    components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-API-Key' } } },
    security: [{ key: [] }],
    paths,
  };
}

const oneUser = [{ id: 1, name: 'alice', email: 'alice@example.test', role: 'admin' }];

const fires: Array<[string, Site, string[], string]> = [
  [
    'an admin-tagged operation serves data to anyone',
    { operations: [{ path: '/internal/users', tags: ['admin'], access: 'open', body: oneUser }] },
    ['firm:/internal/users'],
    'GET /internal/users (tag admin)',
  ],
  [
    'an operation whose operationId names it administrative, under an ordinary path',
    {
      operations: [
        {
          path: '/api/orders/export',
          operationId: 'adminExportOrders',
          access: 'open',
          body: [{ id: 1, total: 30 }],
        },
      ],
    },
    ['firm:/api/orders/export'],
    'GET /api/orders/export (operationId adminExportOrders)',
  ],
  [
    "with a key: a management-tagged operation refuses anonymous callers but answers the scan's key",
    {
      operations: [
        { path: '/api/reports', tags: ['Management'], access: 'keyed', body: [{ id: 1, revenue: 1200 }] },
      ],
      config: withKey,
    },
    ['tentative:/api/reports'],
    'GET /api/reports (tag Management)',
  ],
];

const quiet: Array<[string, Site]> = [
  [
    'an admin-tagged operation refuses anonymous callers',
    { operations: [{ path: '/api/reports', tags: ['admin'], access: 'closed', body: [{ id: 1 }] }] },
  ],
  [
    'an admin-tagged operation the description declares public',
    {
      operations: [
        { path: '/api/announcements', tags: ['admin'], security: [], access: 'open', body: [{ id: 1 }] },
      ],
    },
  ],
  [
    'an ordinary operation serves data to anyone',
    { operations: [{ path: '/api/products', tags: ['catalog'], access: 'open', body: [{ id: 1 }] }] },
  ],
  [
    'an admin-tagged status operation answers only an outcome',
    { operations: [{ path: '/api/ops/status', tags: ['internal'], access: 'open', body: { status: 'ok' } }] },
  ],
];

const sites: Site[] = [...fires.map((c) => c[1]), ...quiet.map((c) => c[1])];
function handler(site: Site): Handler {
  const spec = JSON.stringify(specOf(site));
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const authed = req.headers['x-api-key'] === KEY;
    const op = site.operations.find((o) => o.path === path);
    let status = 200;
    let body: string;
    if (path === '/') body = JSON.stringify({ name: 'shop api' });
    else if (path === '/openapi.json') body = spec;
    else if (!op) [status, body] = [404, JSON.stringify({ error: 'not found' })];
    else if (op.access === 'open' || (op.access === 'keyed' && authed)) body = JSON.stringify(op.body);
    else [status, body] = [401, JSON.stringify({ error: 'unauthorized' })];
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  };
}

const servers = serveEach(sites, handler);

describe('bfla-admin-exposed with an OpenAPI description', () => {
  it.each(fires)('fires: %s', async (_, site, expected, quoted) => {
    const report = await scanWith(servers.get(site)!.url, [check], site.config);
    const found = report.findings.filter((f) => f.rule === 'bfla-admin-exposed');
    expect(found.map((f) => `${f.confidence}:${new URL(f.url).pathname}`).sort()).toEqual(expected);
    expect(found[0]!.evidence.detail).toContain(quoted);
  });

  it.each(quiet)('quiet: %s', async (_, site) => {
    const report = await scanWith(servers.get(site)!.url, [check], site.config);
    expect(report.findings.map((f) => f.url)).toEqual([]);
  });

  it('asks for documented operations with GET only', async () => {
    const server = servers.get(fires[0]![1])!;
    const before = server.requests.length;
    await scanWith(server.url, [check]);
    const asked = server.requests.slice(before);
    expect(asked.every((r) => r.method === 'GET')).toBe(true);
    expect(asked.map((r) => r.url)).toContain('/internal/users');
  });
});
