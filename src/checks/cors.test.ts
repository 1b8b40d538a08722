import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlaskApp, startFlask } from '../../test/support/flask.js';
import { html, serve, type TestServer } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import cors from './cors.js';

/** The CORS headers a site answers with, given the request. */
type Policy = (req: IncomingMessage) => Record<string, string | string[]>;

interface Site {
  policy: Policy;
  /** Only the API answers with the policy's headers. */
  apiOnly?: boolean;
  /** Status of OPTIONS requests (default 204). */
  preflightStatus?: number;
}

const echo = (req: IncomingMessage) => req.headers.origin ?? '';
const withCreds = { 'access-control-allow-credentials': 'true' };
const none: Record<string, string> = {};
const echoAll: Policy = (r) => ({ 'access-control-allow-origin': echo(r), ...withCreds });

const fires: Array<[string, Site, string[]]> = [
  [
    'any origin echoed',
    { policy: (r) => ({ 'access-control-allow-origin': echo(r) }) },
    ['cors-reflected-origin:medium'],
  ],
  ['any origin echoed with credentials', { policy: echoAll }, ['cors-reflected-origin:high']],
  ['echo only on the API', { policy: echoAll, apiOnly: true }, ['cors-reflected-origin:high']],
  [
    'prefix allow-list (starts with the target host)',
    { policy: (r) => (/^http:\/\/127\.0\.0\.1/.test(echo(r)) ? echoAll(r) : none) },
    ['cors-reflected-origin:high'],
  ],
  [
    'preflight echoes the origin, the GET does not',
    {
      policy: (r) =>
        r.method === 'OPTIONS' ? { ...echoAll(r), 'access-control-allow-methods': 'PUT' } : none,
    },
    ['cors-reflected-origin:high'],
  ],
  [
    '* with credentials',
    { policy: () => ({ 'access-control-allow-origin': '*', ...withCreds }) },
    ['cors-wildcard-credentials:low'],
  ],
  [
    'null allowed with credentials',
    { policy: (r) => (echo(r) === 'null' ? { 'access-control-allow-origin': 'null', ...withCreds } : none) },
    ['cors-wildcard-credentials:high'],
  ],
  [
    'null allowed without credentials',
    { policy: (r) => (echo(r) === 'null' ? { 'access-control-allow-origin': 'null' } : none) },
    ['cors-wildcard-credentials:low'],
  ],
];

const quiet: Array<[string, Site]> = [
  ['no CORS at all', { policy: () => none }],
  [
    'a fixed allow-listed origin',
    { policy: () => ({ 'access-control-allow-origin': 'https://app.example.test', ...withCreds }) },
  ],
  ['* without credentials (a public API)', { policy: () => ({ 'access-control-allow-origin': '*' }) }],
  [
    'a proper subdomain allow-list',
    { policy: (r) => (/^https:\/\/[a-z0-9-]+\.example\.test$/.test(echo(r)) ? echoAll(r) : none) },
  ],
  [
    'the origin echoed next to another value (browsers refuse the list)',
    {
      policy: (r) => ({ 'access-control-allow-origin': [echo(r), 'https://app.example.test'], ...withCreds }),
    },
  ],
  [
    'a failed preflight (405) that echoes the origin',
    { policy: (r) => (r.method === 'OPTIONS' ? echoAll(r) : none), preflightStatus: 405 },
  ],
];

/** Every case as its own small site under `/<n>/`: a page linking to a JSON API. */
const sites: Site[] = [...fires.map((c) => c[1]), ...quiet.map((c) => c[1])];
const base = (site: Site) => `${server.origin}/${sites.indexOf(site)}/`;

function handle(req: IncomingMessage, res: ServerResponse): void {
  const [, index, ...rest] = new URL(req.url ?? '/', 'http://x').pathname.split('/');
  const site = sites[Number(index)];
  const path = rest.join('/');
  if (!site || (path !== '' && path !== 'api/me')) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const api = path === 'api/me';
  res.writeHead(req.method === 'OPTIONS' ? (site.preflightStatus ?? 204) : 200, {
    'content-type': api ? 'application/json' : 'text/html; charset=utf-8',
    vary: 'Origin',
    ...(api || !site.apiOnly ? site.policy(req) : none),
  });
  res.end(api ? '{"user":"alice"}' : html('<a href="api/me">me</a>'));
}

/** `rule:severity` pairs a scan reports, distinct and sorted. */
async function summary(url: string): Promise<string[]> {
  const report = await scanWith(url, [cors]);
  return [...new Set(report.findings.map((f) => `${f.rule}:${f.severity}`))].sort();
}

let server: TestServer;
let vulnerable: FlaskApp;
let fixed: FlaskApp;
beforeAll(async () => {
  [server, vulnerable, fixed] = await Promise.all([
    serve(handle),
    startFlask('cors', 'vulnerable'),
    startFlask('cors', 'fixed'),
  ]);
});
afterAll(async () => {
  await Promise.all([server?.close(), vulnerable?.close(), fixed?.close()]);
});

describe('cors', () => {
  it.each(fires)('fires: %s', async (_, site, expected) => {
    expect(await summary(base(site))).toEqual(expected);
  });

  it.each(quiet)('quiet: %s', async (_, site) => {
    expect(await summary(base(site))).toEqual([]);
  });

  it('reports one finding per URL, proven by the response, with a fresh attacker origin per scan', async () => {
    const url = base(fires[1]![1]);
    const before = server.requests.length;
    const first = await scanWith(url, [cors]);
    await scanWith(url, [cors]);
    expect(first.findings.map((f) => new URL(f.url).pathname).sort()).toEqual(['/1/', '/1/api/me']);
    expect(first.findings.every((f) => f.confidence === 'confirmed' && f.method === 'GET')).toBe(true);
    expect(first.findings[0]!.evidence.headers?.['access-control-allow-credentials']).toBe('true');
    const sent = server.requests.slice(before);
    const attackers = new Set(
      sent
        .map((r) => r.headers.origin)
        .filter((o) => /^https:\/\/[0-9a-f]+\.parapet-attacker\.test$/.test(o ?? '')),
    );
    expect(attackers.size).toBe(2);
    expect(sent.every((r) => r.method === 'GET' || r.method === 'OPTIONS')).toBe(true);
    expect(first.coverage.checks.find((c) => c.id === 'cors')?.status).toBe('ran');
  });

  it('fires on an allow-list that only checks the end of the domain name', async () => {
    // Served as `localhost`, so the probe can use a name: `https://<random>localhost` ends with it.
    const endsWith: Site = { policy: (r) => (/localhost$/.test(echo(r)) ? echoAll(r) : none) };
    sites.push(endsWith);
    const url = base(endsWith).replace('127.0.0.1', 'localhost');
    const report = await scanWith(url, [cors]);
    expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([['cors-reflected-origin', 'high']]);
    expect(report.findings[0]!.evidence.detail).toContain('ends with the domain name');
  });

  it('names the preflight when only the preflight is permissive', async () => {
    const site = fires.find(([name]) => name.startsWith('preflight'))![1];
    const report = await scanWith(base(site), [cors]);
    expect(report.findings.map((f) => f.method)).toEqual(['OPTIONS', 'OPTIONS']);
  });

  it('with credentials, probes the per-user API among many', async () => {
    const open = (res: ServerResponse) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    const s = await serve((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/') {
        const links = ['a', 'b', 'c', 'private'].map((p) => `<a href="/api/${p}">${p}</a>`).join('');
        res.writeHead(200, { 'content-type': 'text/html' }).end(html(links));
      } else if (path === '/api/private') {
        if (req.headers.authorization !== 'Bearer tok-123') {
          res.writeHead(401, { 'content-type': 'application/json' }).end('{}');
          return;
        }
        const cors = req.headers.origin ? echoAll(req) : none;
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'private', ...cors });
        res.end('{"user":"alice"}');
      } else if (/^\/api\/[abc]$/.test(path)) open(res);
      else res.writeHead(404).end();
    });
    try {
      const report = await scanWith(s.url, [cors], { credentials: { bearer: 'tok-123' } });
      expect(report.findings.map((f) => [f.rule, f.severity, new URL(f.url).pathname])).toEqual([
        ['cors-reflected-origin', 'high', '/api/private'],
      ]);
    } finally {
      await s.close();
    }
  });
});

describe('cors on Flask', () => {
  it('fires on an after_request hook that echoes the Origin with credentials', async () => {
    const report = await scanWith(vulnerable.url, [cors]);
    const api = report.findings.find((f) => f.url === `${vulnerable.origin}/api/me`);
    expect(api).toMatchObject({ rule: 'cors-reflected-origin', severity: 'high', confidence: 'confirmed' });
  });

  it('is quiet on a fixed allow-list', async () => {
    expect((await scanWith(fixed.url, [cors])).findings).toEqual([]);
  });
});
