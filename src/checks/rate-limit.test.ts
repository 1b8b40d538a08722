import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlaskApp, startFlask } from '../../test/support/flask.js';
import { html, serve, type TestServer } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import type { Report } from '../report/report.js';
import bola from './bola.js';
import rateLimit from './rate-limit.js';
import sensitive from './sensitive-field-exposure.js';

/** How a site limits: its answer to the n-th request to a path (1-based) within the test. */
type Limiter = (n: number, req: IncomingMessage) => { status?: number; headers?: Record<string, string> };

const none: Limiter = () => ({});

interface SiteSpec {
  limiter: Limiter;
  /** Links on the start page (default: a JSON API). */
  links?: string[];
}

const fires: Array<[string, SiteSpec]> = [
  ['no limit at all', { limiter: none }],
  ['a limit far above the burst (429 after 1000)', { limiter: (n) => (n > 1000 ? { status: 429 } : {}) }],
];

const quiet: Array<[string, SiteSpec]> = [
  [
    '429 with Retry-After after 10 requests',
    { limiter: (n) => (n > 10 ? { status: 429, headers: { 'retry-after': '30' } } : {}) },
  ],
  ['429 without Retry-After after 25 requests', { limiter: (n) => (n > 25 ? { status: 429 } : {}) }],
  [
    'RateLimit headers without a 429',
    {
      limiter: () => ({
        headers: { ratelimit: 'limit=100, remaining=99, reset=50', 'ratelimit-policy': '100;w=60' },
      }),
    },
  ],
  [
    'X-RateLimit headers on every answer',
    { limiter: (n) => ({ headers: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': String(60 - n) } }) },
  ],
  [
    'X-Rate-Limit headers after a few requests',
    { limiter: (n) => (n > 5 ? { headers: { 'x-rate-limit-remaining': '0' } } : {}) },
  ],
  [
    'Retry-After on a 503 mid-burst',
    { limiter: (n) => (n > 15 ? { status: 503, headers: { 'retry-after': '5' } } : {}) },
  ],
  [
    'a WAF that blocks with 403 mid-burst (no judgement)',
    { limiter: (n) => (n > 12 ? { status: 403 } : {}) },
  ],
];

const specs: SiteSpec[] = [...fires.map((f) => f[1]), ...quiet.map((q) => q[1])];
const counts = new Map<string, number>();

function handle(req: IncomingMessage, res: ServerResponse): void {
  const m = /^\/s(\d+)(\/.*)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
  const spec = m ? specs[Number(m[1])] : undefined;
  if (!spec || !m) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const path = m[2]!;
  const key = `${m[1]}${path}`;
  const n = (counts.get(key) ?? 0) + 1;
  counts.set(key, n);
  const { status = 200, headers = {} } = spec.limiter(n, req);
  if (path === '/') {
    const links = (spec.links ?? ['api/status']).map((l) => `<a href="${l}">${l}</a>`).join('');
    res.writeHead(status, { 'content-type': 'text/html', ...headers }).end(html(links));
  } else if (path === '/api/status' || path === '/login') {
    const type = path === '/login' ? 'text/html' : 'application/json';
    res.writeHead(status, { 'content-type': type, ...headers });
    res.end(path === '/login' ? html('<form method="post"><input name="u"></form>') : '{"ok":true}');
  } else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
}

let server: TestServer;
let fixed: FlaskApp;
let vulnerable: FlaskApp;
beforeAll(async () => {
  [server, fixed, vulnerable] = await Promise.all([
    serve(handle),
    startFlask('bola', 'fixed'),
    startFlask('bola', 'vulnerable'),
  ]);
});
afterAll(async () => {
  await Promise.all([server?.close(), fixed?.close(), vulnerable?.close()]);
});

/** The site's start URL, its request counts reset (each scan meets the limiter afresh). */
function base(spec: SiteSpec): string {
  const i = specs.indexOf(spec);
  for (const key of counts.keys()) if (key.startsWith(`${i}/`)) counts.delete(key);
  return `${server.origin}/s${i}/`;
}
const ruleOf = (r: Report) => r.findings.filter((f) => f.rule === 'rate-limit-missing');
/** Requests the server saw for one site's path. */
const hits = (spec: SiteSpec, path: string) => counts.get(`${specs.indexOf(spec)}${path}`) ?? 0;

describe('rate-limit-missing', () => {
  it.each(fires)('fires: %s', async (_, spec) => {
    const report = await scanWith(base(spec), [rateLimit]);
    expect(ruleOf(report).map((f) => [new URL(f.url).pathname, f.confidence])).toEqual([
      [`/s${specs.indexOf(spec)}/api/status`, 'firm'],
    ]);
    expect(hits(spec, '/api/status')).toBe(41);
  });

  it.each(quiet)('quiet: %s', async (_, spec) => {
    const report = await scanWith(base(spec), [rateLimit]);
    expect(ruleOf(report)).toEqual([]);
    expect(report.partial).toBe(false);
    expect(report.coverage.checks).toEqual([{ id: 'rate-limit', category: 'resources', status: 'ran' }]);
    expect(report.notes.join('\n')).not.toMatch(/failed:/);
  });

  it('stops at the first 429 and never waits for Retry-After', async () => {
    const spec = quiet[0]![1];
    await scanWith(base(spec), [rateLimit]);
    // discovery's request, ten answered, one 429, and at most the few already in flight
    expect(hits(spec, '/api/status')).toBeGreaterThanOrEqual(12);
    expect(hits(spec, '/api/status')).toBeLessThanOrEqual(15);
  });

  it('sends no burst when limit headers were already recorded', async () => {
    const spec = quiet[2]![1];
    await scanWith(base(spec), [rateLimit]);
    expect(hits(spec, '/api/status')).toBe(1);
  });

  it('prefers a login endpoint seen via GET', async () => {
    const spec: SiteSpec = { limiter: none, links: ['api/status', 'login'] };
    specs.push(spec);
    const report = await scanWith(base(spec), [rateLimit]);
    expect(ruleOf(report).map((f) => new URL(f.url).pathname)).toEqual([`/s${specs.indexOf(spec)}/login`]);
    expect(hits(spec, '/login')).toBe(41);
  });

  it('notes an inconclusive burst instead of reporting', async () => {
    const spec = quiet.find(([name]) => name.startsWith('a WAF'))![1];
    const report = await scanWith(base(spec), [rateLimit]);
    expect(report.notes.join('\n')).toMatch(/answers 403 but no limit signal/);
  });

  it('when the burst trips a site-wide limit, the other checks still finish and the report completes', async () => {
    // Every path shares one budget: 15 requests per second, then 429 with Retry-After: 1.
    let windowStart = Date.now();
    let used = 0;
    const s = await serve((req, res) => {
      if (Date.now() - windowStart >= 1000) {
        windowStart = Date.now();
        used = 0;
      }
      if (++used > 15) {
        res
          .writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' })
          .end('{"error":"slow down"}');
        return;
      }
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const body =
        path === '/'
          ? { orders: ['/api/orders/1'], users: '/api/users' }
          : path === '/api/users'
            ? {
                users: [
                  { id: 1, password_hash: '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW' },
                ],
              }
            : /^\/api\/orders\/\d+$/.test(path)
              ? { id: Number(path.split('/').pop()), owner: path.endsWith('/1') ? 'alice' : 'bob', total: 3 }
              : undefined;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
    });
    try {
      const report = await scanWith(s.url, [rateLimit, bola, sensitive], {
        credentials: { bearer: 'alice-token' },
        rate: 200,
      });
      expect(ruleOf(report)).toEqual([]);
      expect(report.partial).toBe(false);
      expect(report.coverage.checks.map((c) => c.status)).toEqual(['ran', 'ran', 'ran']);
      expect(report.notes.join('\n')).not.toMatch(/failed:/);
      expect(report.findings.map((f) => f.rule)).toContain('sensitive-field-exposure');
    } finally {
      await s.close();
    }
  });
});

describe('rate-limit-missing on Flask', () => {
  it('vulnerable: nothing limits a burst', async () => {
    const report = await scanWith(vulnerable.url, [rateLimit], { credentials: { bearer: 'alice-token' } });
    expect(ruleOf(report).map((f) => f.confidence)).toEqual(['firm']);
  });

  it('fixed: the limiter answers 429 with Retry-After after 20 requests', async () => {
    const report = await scanWith(fixed.url, [rateLimit], { credentials: { bearer: 'carol-token' } });
    expect(ruleOf(report)).toEqual([]);
    expect(report.partial).toBe(false);
  });
});
