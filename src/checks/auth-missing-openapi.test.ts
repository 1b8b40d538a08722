import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pages, serve, type TestServer } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import check from './auth-missing.js';

const JSON_TYPE = { 'content-type': 'application/json' };

/** A spec that secures /api/reports and declares /api/catalog public; the app enforces neither. */
const spec = {
  openapi: '3.0.3',
  info: { title: 'Reports', version: '1' },
  components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
  security: [{ bearerAuth: [] }],
  paths: {
    '/api/reports': { get: { responses: { '200': { description: 'reports' } } } },
    '/api/catalog': { get: { security: [], responses: { '200': { description: 'catalog' } } } },
  },
};

let api: TestServer;
beforeAll(async () => {
  api = await serve(
    pages({
      '/': { headers: JSON_TYPE, body: JSON.stringify({ name: 'reports api' }) },
      '/openapi.json': { headers: JSON_TYPE, body: JSON.stringify(spec) },
      '/api/reports': {
        headers: JSON_TYPE,
        body: JSON.stringify([{ id: 1, total: 1200, customer: 'ACME' }]),
      },
      '/api/catalog': { headers: JSON_TYPE, body: JSON.stringify([{ id: 1, name: 'widget' }]) },
    }),
  );
});
afterAll(() => api.close());

describe('auth-missing with an OpenAPI description', () => {
  it('confirms an operation the spec secures that serves data without credentials, quoting the spec', async () => {
    const report = await scanWith(api.url, [check]);
    const found = report.findings.filter((f) => f.rule === 'auth-missing');
    expect(found.map((f) => [new URL(f.url).pathname, f.confidence])).toEqual([
      ['/api/reports', 'confirmed'],
    ]);
    expect(found[0]!.evidence.detail).toContain('GET /api/reports requires bearerAuth (http bearer)');
  });
});
