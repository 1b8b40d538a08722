import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { expectValidReport, reportSchemaErrors } from '../../test/support/report-schema.js';
import { scanWith } from '../../test/support/scan.js';
import { defineCheck } from '../checks/types.js';
import { REPORT_SCHEMA_ID, REPORT_SCHEMA_PATH, renderReportSchema } from '../docs/report-schema.js';
import { headerValue } from '../engine/exchange.js';
import { REPORT_SCHEMA_VERSION, type Report } from './report.js';
import { ReportSchema } from './schema.js';

const committed = readFileSync(new URL(`../../${REPORT_SCHEMA_PATH}`, import.meta.url), 'utf8');

/** A stand-in check (the real ones live in other files) so the report carries a full finding. */
const banner = defineCheck({
  meta: {
    id: 'test-banner',
    title: 'Banner (test)',
    category: 'inventory',
    mode: 'passive',
    since: '0.1.0',
    maxRequests: 0,
    rules: {
      'server-version-disclosure': { title: 'Server banner', severity: 'low', owasp: 'API8', cwe: 497 },
    },
  },
  async *run(ctx) {
    for (const ex of ctx.exchanges({ kind: 'document' })) {
      if (!headerValue(ex.response?.headers, 'server')) continue;
      yield ctx.finding('server-version-disclosure', ex, {
        confidence: 'firm',
        detail: 'The Server header names a version.',
        headers: ['server'],
        excerpt: ex.response?.body ?? '',
      });
    }
  },
});

let site: TestServer;
let report: Report;
beforeAll(async () => {
  const headers = { 'content-type': 'text/html; charset=utf-8', server: 'nginx/1.25.3' };
  site = await serve(
    pages({
      '/': {
        headers,
        body: html('<a href="/a">a</a><form method="post" action="/login"><input name="u"></form>'),
      },
      '/a': { headers, body: html('a') },
    }),
  );
  report = await scanWith(site.url, [banner], { credentials: { headers: { 'X-API-Key': 'k-0123456789' } } });
});
afterAll(() => site.close());

describe('report schema', () => {
  it('the committed docs/report-schema.json is what the generator produces now', () => {
    expect(committed).toBe(renderReportSchema());
  });

  it('names its draft, its $id, a title and the schema version', () => {
    const schema = JSON.parse(committed);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(REPORT_SCHEMA_ID);
    expect(schema.$id).toContain(REPORT_SCHEMA_VERSION);
    expect(schema.title).toContain(REPORT_SCHEMA_VERSION);
    expect(schema.properties.schemaVersion.const).toBe(REPORT_SCHEMA_VERSION);
  });

  it('a real report validates against the committed JSON Schema and the zod schema', () => {
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.config.credentialHeaders).toEqual(['x-api-key']);
    expectValidReport(report);
    expect(ReportSchema.safeParse(report).error).toBeUndefined();
  });

  const broken: Array<[string, (r: Report) => unknown]> = [
    ['score above 100', (r) => ({ ...r, score: 101 })],
    ['unknown grade', (r) => ({ ...r, grade: 'E' })],
    ['other schema version', (r) => ({ ...r, schemaVersion: '0.9.0' })],
    ['unknown top-level field', (r) => ({ ...r, extra: true })],
    ['start time not a date-time', (r) => ({ ...r, startedAt: 'yesterday' })],
    [
      'finding without fingerprint',
      (r) => ({ ...r, findings: r.findings.map(({ fingerprint: _, ...f }) => f) }),
    ],
    [
      'finding with unknown severity',
      (r) => ({ ...r, findings: r.findings.map((f) => ({ ...f, severity: 'urgent' })) }),
    ],
    [
      'category score not an integer',
      (r) => ({ ...r, categories: r.categories.map((c) => ({ ...c, score: 1.5 })) }),
    ],
    [
      'stack part without evidence',
      (r) => ({ ...r, stack: { ...r.stack, server: [{ id: 'nginx', name: 'nginx' }] } }),
    ],
  ];
  it.each(broken)('rejects a report with %s', (_, mutate) => {
    const bad = mutate(report);
    expect(reportSchemaErrors(bad)).not.toEqual([]);
    expect(ReportSchema.safeParse(bad).success).toBe(false);
  });
});
