import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlask } from '../../test/support/flask.js';
import { html, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import cors from './cors.js';

/** The CORS headers a server answers with, given the request. */
type Policy = (req: IncomingMessage) => Record<string, string | string[]>;

const echo = (req: IncomingMessage) => req.headers.origin ?? '';
const withCreds = { 'access-control-allow-credentials': 'true' };
const none: Record<string, string> = {};

interface SiteOptions {
  /** Only the API answers with the policy's headers. */
  apiOnly?: boolean;
  /** Status of OPTIONS requests (default 204). */
  preflightStatus?: number;
}

/** A page linking to a JSON API; every response carries `policy`'s headers. */
function corsSite(
  policy: Policy,
  { apiOnly = false, preflightStatus = 204 }: SiteOptions = {},
): Promise<TestServer> {
  const page = (body: string, type: string, api: boolean) => (req: IncomingMessage) => ({
    status: req.method === 'OPTIONS' ? preflightStatus : 200,
    headers: { 'content-type': type, vary: 'Origin', ...(api || !apiOnly ? policy(req) : {}) },
    body,
  });
  return serve(
    pages({
      '/': page(html('<a href="/api/me">me</a>'), 'text/html; charset=utf-8', false),
      '/api/me': page(JSON.stringify({ user: 'alice' }), 'application/json', true),
    }),
  );
}

const fires: Array<[string, Policy, string[], SiteOptions?]> = [
  [
    'any origin echoed',
    (r) => ({ 'access-control-allow-origin': echo(r) }),
    ['cors-reflected-origin:medium'],
  ],
  [
    'any origin echoed with credentials',
    (r) => ({ 'access-control-allow-origin': echo(r), ...withCreds }),
    ['cors-reflected-origin:high'],
  ],
  [
    'echo only on the API',
    (r) => ({ 'access-control-allow-origin': echo(r), ...withCreds }),
    ['cors-reflected-origin:high'],
    { apiOnly: true },
  ],
  [
    'prefix allow-list (startsWith the target host)',
    (r) =>
      /^http:\/\/127\.0\.0\.1/.test(echo(r))
        ? { 'access-control-allow-origin': echo(r), ...withCreds }
        : none,
    ['cors-reflected-origin:high'],
  ],
  [
    'preflight echoes the origin, the GET does not',
    (r) =>
      r.method === 'OPTIONS'
        ? { 'access-control-allow-origin': echo(r), ...withCreds, 'access-control-allow-methods': 'PUT' }
        : none,
    ['cors-reflected-origin:high'],
  ],
  [
    '* with credentials',
    () => ({ 'access-control-allow-origin': '*', ...withCreds }),
    ['cors-wildcard-credentials:low'],
  ],
  [
    'null allowed with credentials',
    (r) => (echo(r) === 'null' ? { 'access-control-allow-origin': 'null', ...withCreds } : none),
    ['cors-wildcard-credentials:high'],
  ],
  [
    'null allowed without credentials',
    (r) => (echo(r) === 'null' ? { 'access-control-allow-origin': 'null' } : none),
    ['cors-wildcard-credentials:low'],
  ],
];

const quiet: Array<[string, Policy, SiteOptions?]> = [
  ['no CORS at all', () => ({})],
  [
    'a fixed allow-listed origin',
    () => ({ 'access-control-allow-origin': 'https://app.example.test', ...withCreds }),
  ],
  ['* without credentials (a public API)', () => ({ 'access-control-allow-origin': '*' })],
  [
    'a proper subdomain allow-list',
    (r) =>
      /^https:\/\/[a-z0-9-]+\.example\.test$/.test(echo(r))
        ? { 'access-control-allow-origin': echo(r) }
        : none,
  ],
  [
    'the origin echoed next to another value (browsers refuse the list)',
    (r) => ({ 'access-control-allow-origin': [echo(r), 'https://app.example.test'], ...withCreds }),
  ],
  [
    'a failed preflight (405) that echoes the origin',
    (r) => (r.method === 'OPTIONS' ? { 'access-control-allow-origin': echo(r), ...withCreds } : none),
    { preflightStatus: 405 },
  ],
];

/** `rule:severity` pairs a scan reports, distinct and sorted. */
async function summary(url: string): Promise<string[]> {
  const report = await scanWith(url, [cors]);
  return [...new Set(report.findings.map((f) => `${f.rule}:${f.severity}`))].sort();
}

const servers: TestServer[] = [];
async function site(policy: Policy, options?: SiteOptions): Promise<TestServer> {
  const s = await corsSite(policy, options);
  servers.push(s);
  return s;
}
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('cors', () => {
  it.each(fires)('fires: %s', async (_, policy, expected, options) => {
    const s = await site(policy, options);
    expect(await summary(s.url)).toEqual(expected);
  });

  it.each(quiet)('quiet: %s', async (_, policy, options) => {
    const s = await site(policy, options);
    expect(await summary(s.url)).toEqual([]);
  });

  it('reports one finding per URL, proven by the response, with a fresh attacker origin per scan', async () => {
    const s = await site((r) => ({ 'access-control-allow-origin': echo(r), ...withCreds }));
    const first = await scanWith(s.url, [cors]);
    await scanWith(s.url, [cors]);
    const paths = first.findings.map((f) => new URL(f.url).pathname).sort();
    expect(paths).toEqual(['/', '/api/me']);
    expect(first.findings.every((f) => f.confidence === 'confirmed' && f.method === 'GET')).toBe(true);
    expect(first.findings[0]!.evidence.headers?.['access-control-allow-credentials']).toBe('true');
    const attackers = new Set(
      s.requests
        .map((r) => r.headers.origin)
        .filter((o): o is string => /^https:\/\/[0-9a-f]+\.parapet-attacker\.test$/.test(o ?? '')),
    );
    expect(attackers.size).toBe(2);
    expect(s.requests.every((r) => r.method === 'GET' || r.method === 'OPTIONS')).toBe(true);
    expect(first.coverage.checks.find((c) => c.id === 'cors')?.status).toBe('ran');
  });

  it('with credentials, probes the per-user API among many', async () => {
    const open = { headers: { 'content-type': 'application/json' }, body: '[]' };
    const s = await serve(
      pages({
        '/': { body: html(['a', 'b', 'c', 'private'].map((p) => `<a href="/api/${p}">${p}</a>`).join('')) },
        '/api/a': open,
        '/api/b': open,
        '/api/c': open,
        '/api/private': (req) =>
          req.headers.authorization === 'Bearer tok-123'
            ? {
                headers: {
                  'content-type': 'application/json',
                  'cache-control': 'private',
                  ...(req.headers.origin ? { 'access-control-allow-origin': echo(req), ...withCreds } : {}),
                },
                body: '{"user":"alice"}',
              }
            : { status: 401, headers: { 'content-type': 'application/json' }, body: '{}' },
      }),
    );
    servers.push(s);
    const report = await scanWith(s.url, [cors], { credentials: { bearer: 'tok-123' } });
    expect(report.findings.map((f) => [f.rule, f.severity, new URL(f.url).pathname])).toEqual([
      ['cors-reflected-origin', 'high', '/api/private'],
    ]);
  });

  it('names the preflight when only the preflight is permissive', async () => {
    const s = await site((r) =>
      r.method === 'OPTIONS' ? { 'access-control-allow-origin': echo(r), ...withCreds } : none,
    );
    const report = await scanWith(s.url, [cors]);
    expect(report.findings.map((f) => f.method)).toEqual(['OPTIONS', 'OPTIONS']);
  });
});

describe('cors on Flask', () => {
  it('fires on an after_request hook that echoes the Origin with credentials', async () => {
    const app = await startFlask('cors', 'vulnerable');
    try {
      const report = await scanWith(app.url, [cors]);
      const api = report.findings.find((f) => f.url === `${app.origin}/api/me`);
      expect(api).toMatchObject({ rule: 'cors-reflected-origin', severity: 'high', confidence: 'confirmed' });
    } finally {
      await app.close();
    }
  });

  it('is quiet on a fixed allow-list', async () => {
    const app = await startFlask('cors', 'fixed');
    try {
      expect((await scanWith(app.url, [cors])).findings).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
