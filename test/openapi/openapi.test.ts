/**
 * OpenAPI-driven scanning end to end: specs in every supported flavour read from files and URLs,
 * found where frameworks publish them, planned and sent, and accounted for in the report.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Check, defineCheck } from '../../src/checks/types.js';
import type { ScanConfigInput } from '../../src/config/schema.js';
import type { ApiDescription } from '../../src/discovery/openapi/types.js';
import { isParapetError } from '../../src/errors.js';
import type { Report } from '../../src/report/report.js';
import { renderText } from '../../src/reporters/text.js';
import { scan } from '../../src/scan.js';
import { fixture, legacy, petstore, shop } from '../fixtures/openapi/apis.js';
import { serve, type TestServer } from '../support/http-server.js';
import { scanWith } from '../support/scan.js';

/** A check that only keeps what discovery put on the site. */
function capture(): { check: Check; api: () => ApiDescription | undefined } {
  let api: ApiDescription | undefined;
  const check = defineCheck({
    meta: {
      id: 'capture',
      title: 'capture',
      category: 'inventory',
      mode: 'passive',
      since: '0.1.0',
      maxRequests: 0,
      rules: {},
    },
    // biome-ignore lint/correctness/useYield: records the site, reports nothing
    async *run(ctx) {
      api = ctx.site.api;
    },
  });
  return { check, api: () => api };
}

async function scanApi(url: string, config: Partial<ScanConfigInput> = {}) {
  const c = capture();
  const report = await scanWith(url, [c.check], config);
  return { report, api: c.api()! };
}

const sent = (server: TestServer) => server.requests.map((r) => `${r.method} ${r.url}`);

let pets: TestServer;
let shopApi: TestServer;
let springShop: TestServer;
let legacyApi: TestServer;
beforeAll(async () => {
  [pets, shopApi, springShop, legacyApi] = await Promise.all([
    serve(petstore('vulnerable')),
    serve(shop('vulnerable')),
    serve(shop('vulnerable', '/v3/api-docs')),
    serve(legacy()),
  ]);
});
afterAll(async () => {
  await Promise.all([pets, shopApi, springShop, legacyApi].map((s) => s.close()));
});

describe('OpenAPI 3.0, YAML, $refs across files', () => {
  let report: Report;
  let api: ApiDescription;
  let requests: string[];
  beforeAll(async () => {
    pets.requests.length = 0;
    ({ report, api } = await scanApi(pets.url, { spec: fixture('petstore-30/openapi.yaml') }));
    requests = sent(pets);
  });

  it('reads every operation, with references from other files resolved', () => {
    expect(api.version).toBe('3.0');
    expect(api.operations.map((o) => o.key)).toEqual([
      'GET /pets',
      'POST /pets',
      'GET /pets/{petId}',
      'DELETE /pets/{petId}',
      'GET /pets/{petId}/legacy-photo',
      'GET /store/inventory',
    ]);
    const getPet = api.operations.find((o) => o.operationId === 'getPet')!;
    expect(getPet.parameters).toMatchObject([{ name: 'petId', in: 'path', required: true }]);
    expect(getPet.responses.find((r) => r.status === '200')?.fields).toContain('owner.password_hash');
  });

  it('sends the reads on the target, with values from the schema', () => {
    expect(requests).toContain('GET /api/pets?species=cat');
    expect(requests).toContain('GET /api/pets/7');
    expect(requests).toContain('GET /api/store/inventory');
    expect(requests.some((r) => r.startsWith('POST') || r.startsWith('DELETE'))).toBe(false);
  });

  it('keeps the target origin when the servers name another host, and says so', () => {
    expect(api.baseUrl).toBe(`${pets.origin}/api`);
    expect(report.notes.join('\n')).toContain(
      `The spec's servers name http://localhost:5000; Parapet sent the operations to the scan target ${pets.origin}`,
    );
  });

  it('resolves security: global, overridden as public, and unused schemes', () => {
    const byId = Object.fromEntries(api.operations.map((o) => [o.operationId, o]));
    expect(byId.listPets!.auth).toBe('public');
    expect(byId.listPets!.security).toEqual([]);
    expect(byId.inventory!.auth).toBe('required');
    expect(byId.inventory!.security).toEqual([
      [{ name: 'apiKey', scopes: [], scheme: { type: 'apiKey', in: 'header', name: 'X-API-Key' } }],
    ]);
    expect(report.notes).toContain('The spec declares security scheme that no operation uses: legacyBasic.');
  });

  it('notes paths the crawl found that the spec does not document', () => {
    expect(report.notes).toContain(
      'Crawling found 1 path that answered but the spec does not document: /api/internal/stats.',
    );
  });

  it('gives the coverage: planned, run, skipped and why', () => {
    expect(report.coverage.operations).toEqual({
      source: fixture('petstore-30/openapi.yaml'),
      planned: 6,
      run: 4,
      skipped: 2,
      reasons: [
        { reason: 'needs --active', count: 1, operations: ['POST /pets'] },
        {
          reason: 'DELETE is never sent without an explicit opt-in',
          count: 1,
          operations: ['DELETE /pets/{petId}'],
        },
      ],
    });
    const text = renderText(report);
    expect(text).toContain('operations: 6 planned · 4 run · 2 skipped');
    expect(text).toContain('needs --active: POST /pets');
  });

  it('puts the responses among the exchanges every passive check reads', () => {
    const inventory = api.operations.find((o) => o.operationId === 'inventory')!;
    expect(inventory.exchange?.response?.status).toBe(401);
  });
});

describe('active mode', () => {
  it('sends writes with bodies generated from their schemas, and still never DELETE', async () => {
    pets.requests.length = 0;
    const { report } = await scanApi(pets.url, { spec: fixture('petstore-30/openapi.yaml'), mode: 'active' });
    expect(sent(pets)).toContain('POST /api/pets');
    expect(sent(pets).some((r) => r.startsWith('DELETE'))).toBe(false);
    expect(report.coverage.operations).toMatchObject({ planned: 6, run: 5, skipped: 1 });
  });
});

describe('a spec given as a URL', () => {
  it('follows same-origin references and notes that the document is public', async () => {
    const { report, api } = await scanApi(pets.url, { spec: `${pets.origin}/spec/openapi.yaml` });
    expect(api.origin).toBe('url');
    expect(api.operations).toHaveLength(6);
    expect(report.notes).toContain(
      `The API description is served publicly at ${pets.origin}/spec/openapi.yaml: anyone can list every operation it documents.`,
    );
  });
});

describe('OpenAPI 3.1, JSON, found at /openapi.json', () => {
  let api: ApiDescription;
  let report: Report;
  beforeAll(async () => {
    shopApi.requests.length = 0;
    ({ report, api } = await scanApi(shopApi.url));
  });

  it('is discovered without --spec and used', () => {
    expect(api.origin).toBe('discovered');
    expect(api.source).toBe(`${shopApi.origin}/openapi.json`);
    expect(api.version).toBe('3.1');
    expect(report.notes).toContain(
      `The API description is served publicly at ${shopApi.origin}/openapi.json: anyone can list every operation it documents.`,
    );
  });

  it('fills server variables and formats: dates, uuids, e-mails, headers', () => {
    expect(api.baseUrl).toBe(`${shopApi.origin}/v2`);
    const requests = sent(shopApi);
    expect(requests).toContain('GET /v2/orders?since=2024-01-01');
    expect(requests).toContain('GET /v2/orders/00000000-0000-4000-8000-000000000001');
    expect(requests).toContain('GET /v2/customers/parapet%40example.com');
    const orders = shopApi.requests.find((r) => r.url.startsWith('/v2/orders?'))!;
    expect(orders.headers['x-request-id']).toBe('00000000-0000-4000-8000-000000000001');
  });

  it('resolves required, optional and public security', () => {
    const auth = Object.fromEntries(api.operations.map((o) => [o.operationId, o.auth]));
    expect(auth).toMatchObject({ listOrders: 'required', exportOrders: 'optional', health: 'public' });
  });
});

describe('discovery at /v3/api-docs', () => {
  it('finds the document where springdoc publishes it', async () => {
    const { api } = await scanApi(springShop.url);
    expect(api.source).toBe(`${springShop.origin}/v3/api-docs`);
  });

  it('stays away from specs when none is published', async () => {
    const bare = await serve((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    try {
      const { report, api } = await scanApi(bare.url);
      expect(api).toBeUndefined();
      expect(report.coverage.operations).toBeUndefined();
    } finally {
      await bare.close();
    }
  });
});

describe('Swagger 2.0 with basePath', () => {
  it('plans under the base path and leaves log-out alone', async () => {
    legacyApi.requests.length = 0;
    const { report, api } = await scanApi(legacyApi.url, { spec: fixture('legacy-swagger20.yaml') });
    expect(api.version).toBe('2.0');
    expect(api.baseUrl).toBe(`${legacyApi.origin}/api/v1`);
    expect(sent(legacyApi)).toContain('GET /api/v1/users?role=admin');
    expect(sent(legacyApi)).toContain('GET /api/v1/users/1');
    expect(sent(legacyApi)).not.toContain('GET /api/v1/logout');
    expect(report.coverage.operations?.reasons).toContainEqual({
      reason: 'would end the session (log out)',
      count: 1,
      operations: ['GET /logout'],
    });
    const login = api.operations.find((o) => o.operationId === 'login')!;
    expect(login.request?.body).toBe('username=parapet&password=Parapet-Test-1');
  });
});

describe('a spec that cannot be read', () => {
  // Written at run time: the linter would refuse a broken YAML file in the repository.
  const dir = mkdtempSync(join(tmpdir(), 'parapet-spec-'));
  const syntax = join(dir, 'syntax.yaml');
  writeFileSync(
    syntax,
    "openapi: 3.0.3\ninfo:\n  title: Broken\n  version: '1'\npaths:\n  /users:\n    get:\n      responses: { '200': { description: ok }\n",
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a YAML syntax error names the line and column', async () => {
    const err = await scan({ target: pets.url, spec: syntax }).catch((e: unknown) => e);
    expect(isParapetError(err, 'PARAPET_SPEC')).toBe(true);
    expect((err as Error).message).toMatch(
      new RegExp(`^cannot read the spec ${syntax} at line 9, column 1: invalid YAML: \\S`),
    );
  });

  const cases: Array<[string, string]> = [
    [
      'broken/missing-ref.yaml',
      'at #/paths/~1users/get/responses/200: $ref "#/components/responses/Users" points to nothing',
    ],
    [
      'broken/bad-param.json',
      'at #/paths/~1users/get/parameters/0/in: must be one of path, query, header, cookie, not "querystring"',
    ],
    ['broken/not-a-spec.json', 'at #: not an OpenAPI or Swagger document'],
  ];
  it.each(cases)('%s: one error naming the file and the place, before any request', async (name, what) => {
    pets.requests.length = 0;
    const err = await scan({ target: pets.url, spec: fixture(name) }).catch((e: unknown) => e);
    expect(isParapetError(err, 'PARAPET_SPEC')).toBe(true);
    expect((err as Error).message).toContain(`cannot read the spec ${fixture(name)} ${what}`);
    expect((err as Error).message).not.toContain('\n');
    expect(pets.requests).toEqual([]);
  });

  it('a missing referenced file names it and where it is referenced', async () => {
    const err = await scan({ target: pets.url, spec: fixture('broken/missing-file.yaml') }).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toBe(
      `cannot read the spec ${fixture('broken/schemas/user.yaml')}: no such file (referenced from ${fixture('broken/missing-file.yaml')} at #/paths/~1users/get/responses/200/content/application~1json/schema)`,
    );
  });

  it('a published spec that is broken is a note, and the scan goes on', async () => {
    const broken = await serve((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(req.url === '/openapi.json' ? '{"openapi": "3.0.3", "paths": {"users": {}}}' : '{"ok":true}');
    });
    try {
      const { report, api } = await scanApi(broken.url);
      expect(api).toBeUndefined();
      expect(report.notes).toContain(
        `The API description published at ${broken.origin}/openapi.json could not be used: cannot read the spec ${broken.origin}/openapi.json at #/paths/users: a path must start with "/".`,
      );
    } finally {
      await broken.close();
    }
  });
});
