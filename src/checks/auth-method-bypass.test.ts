import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { bothVariants, startFlask } from '../../test/support/flask.js';
import { serveEach } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import type { ScanConfigInput } from '../config/schema.js';
import authMethodBypass from './auth-method-bypass.js';

const KEY = 'k_live_3Hs8vN1qW6zX0cT5';
const withKey: Partial<ScanConfigInput> = { credentials: { headers: { 'X-API-Key': KEY } } };
const DATA: Record<string, unknown> = {
  '/api/items': { items: [{ id: 1, name: 'widget', price: 4 }] },
  '/api/me': { id: 7, name: 'alice', plan: 'pro' },
};
const override = (req: IncomingMessage) =>
  (req.headers['x-http-method-override'] as string | undefined) ?? req.method;

interface Site {
  /** Whether the key check runs for this request. */
  checks: (req: IncomingMessage) => boolean;
  /** OPTIONS past the check: 204 with Allow (default), the GET body, or a description of the endpoint. */
  options?: 'allow' | 'data' | 'describe';
  /** HEAD answers without a Content-Length. */
  headNoLength?: boolean;
  /** A front server answers every HEAD with 200 and the same length, before routing. */
  headCatchAll?: boolean;
  config?: Partial<ScanConfigInput>;
}

const getOnly = (req: IncomingMessage) => req.method === 'GET';
const notOptions = (req: IncomingMessage) => req.method !== 'OPTIONS';

const fires: Array<[string, Site, string[]]> = [
  ['the key check only runs for GET', { checks: getOnly }, ['HEAD:firm']],
  ['OPTIONS skips the check and serves the data', { checks: notOptions, options: 'data' }, ['OPTIONS:firm']],
  [
    'the check skips preflights and honours X-HTTP-Method-Override',
    { checks: (req) => override(req) !== 'OPTIONS' },
    ['X-HTTP-Method-Override:confirmed'],
  ],
  [
    'the key check only runs for GET, scanned with a key',
    { checks: getOnly, config: withKey },
    ['HEAD:firm'],
  ],
];

const quiet: Array<[string, Site]> = [
  ['every method checked', { checks: () => true }],
  ['every method checked, scanned with a key', { checks: () => true, config: withKey }],
  ['OPTIONS skips the check and answers 204 with Allow', { checks: notOptions }],
  ['OPTIONS skips the check and describes the endpoint', { checks: notOptions, options: 'describe' }],
  ['HEAD skips the check but gives no length', { checks: getOnly, headNoLength: true }],
  ['a front server answers HEAD 200 for every path', { checks: () => true, headCatchAll: true }],
];

const sites: Site[] = [...fires.map((c) => c[1]), ...quiet.map((c) => c[1])];

function handler(site: Site) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const json = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...extra });
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify(body));
    };
    if (req.method === 'HEAD' && site.headCatchAll) {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '512' }).end();
      return;
    }
    if (path === '/') return json(200, { service: 'shop', links: Object.keys(DATA) });
    const data = DATA[path];
    if (data === undefined) return json(404, { error: 'not found' });
    if (site.checks(req) && req.headers['x-api-key'] !== KEY)
      return json(401, { error: 'unauthorized' }, { 'www-authenticate': 'ApiKey' });
    if (req.method === 'OPTIONS') {
      if (site.options === 'data') return json(200, data);
      if (site.options === 'describe')
        return json(200, { name: 'Items', description: '', renders: ['application/json'], parses: [] });
      res.writeHead(204, { allow: 'GET, HEAD, OPTIONS' }).end();
      return;
    }
    const text = JSON.stringify(data);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (!(req.method === 'HEAD' && site.headNoLength))
      headers['content-length'] = String(Buffer.byteLength(text));
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : text);
  };
}

const servers = serveEach(sites, handler);
const flask = bothVariants((variant) => startFlask('api_keys', variant));

/** `subject:confidence` of each finding, sorted. */
async function summary(url: string, config?: Partial<ScanConfigInput>): Promise<string[]> {
  const report = await scanWith(url, [authMethodBypass], config);
  return report.findings.map((f) => `${f.subject}:${f.confidence}`).sort();
}

describe('auth-method-bypass', () => {
  it.each(fires)('fires: %s', async (_, site, expected) => {
    expect(await summary(servers.get(site)!.url, site.config)).toEqual(expected);
  });

  it.each(quiet)('quiet: %s', async (_, site) => {
    expect(await summary(servers.get(site)!.url, site.config)).toEqual([]);
  });

  it('sends only safe methods and overrides, and folds the endpoints one hook opens into one finding', async () => {
    const server = servers.get(fires[0]![1])!;
    const before = server.requests.length;
    const report = await scanWith(server.url, [authMethodBypass]);
    const sent = server.requests.slice(before);
    expect(new Set(sent.map((r) => r.method))).toEqual(new Set(['GET', 'HEAD', 'OPTIONS']));
    const overrides = sent.map((r) => r.headers['x-http-method-override']).filter((v) => v !== undefined);
    expect(new Set(overrides)).toEqual(new Set(['HEAD', 'OPTIONS']));
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      method: 'HEAD',
      url: `${server.origin}/api/{path}`,
      instances: 2,
      identity: 'anonymous',
    });
    expect(report.findings[0]!.evidence.detail).toMatch(
      /GET without credentials was refused \(401 with WWW-Authenticate: ApiKey\), but HEAD answered 200 with Content-Length: \d+/,
    );
  });
});

describe('auth-method-bypass on Flask', () => {
  const key = { credentials: { headers: { 'X-API-Key': 'pk_user_4f9a2c7e1b8d6035' } } };

  it('fires on the before_request hook that only checks GET', async () => {
    expect(await summary(flask.vulnerable.url)).toEqual(['HEAD:firm']);
    expect(await summary(flask.vulnerable.url, key)).toEqual(['HEAD:firm']);
  });

  it('is quiet when every method is checked', async () => {
    expect(await summary(flask.fixed.url)).toEqual([]);
    expect(await summary(flask.fixed.url, key)).toEqual([]);
  });
});

// ---- with --active: a write carried past the check by an override header --------------------------

interface WriteApi {
  /** The key check reads the overridden method (else the method on the wire). */
  hookReadsOverride: boolean;
  /** POST (without an override) updates the profile too, and the key check does not guard it. */
  postOpen?: boolean;
}

function writeHandler(api: WriteApi) {
  const profile = { id: 7, name: 'alice', plan: 'pro' };
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (path === '/') return json(200, { me: '/api/me' });
    if (path !== '/api/me') return json(404, { error: 'not found' });
    // The key check guards a table of methods; the router honours the override header afterwards.
    const seenByCheck = api.hookReadsOverride ? override(req) : req.method;
    if (['GET', 'HEAD', 'PATCH'].includes(seenByCheck ?? '') && req.headers['x-api-key'] !== KEY)
      return json(401, { error: 'unauthorized' });
    const routed = override(req);
    if (routed === 'GET' || routed === 'HEAD') return json(200, profile);
    if (routed === 'PATCH' || (routed === 'POST' && api.postOpen))
      return json(200, { ...profile, updated: true });
    if (routed === 'OPTIONS') {
      res.writeHead(204, { allow: 'GET, HEAD, PATCH' }).end();
      return;
    }
    return json(405, { error: 'method not allowed' });
  };
}

const writeFires: Array<[string, WriteApi]> = [
  ['the key check sees POST, the router runs PATCH', { hookReadsOverride: false }],
];
const writeQuiet: Array<[string, WriteApi]> = [
  ['the key check reads the overridden method too', { hookReadsOverride: true }],
  ['POST itself is open (not an override bypass)', { hookReadsOverride: false, postOpen: true }],
];

describe('auth-method-bypass with --active (writes through an override header)', () => {
  const writeServers = serveEach(
    [...writeFires, ...writeQuiet].map((r) => r[1]),
    writeHandler,
  );
  const activeWithKey = { ...withKey, mode: 'active' } as const;

  it.each(writeFires)('fires: %s', async (_, api) => {
    const server = writeServers.get(api)!;
    const report = await scanWith(server.url, [authMethodBypass], activeWithKey);
    expect(report.findings.map((f) => [f.subject, f.method, f.confidence])).toEqual([
      ['X-HTTP-Method-Override: PATCH', 'POST', 'confirmed'],
    ]);
    expect(report.findings[0]!.evidence.detail).toMatch(/PATCH without credentials was refused \(401\)/);
    // Only empty bodies, and no method but PATCH is ever named.
    const writes = server.requests.filter((r) => r.method === 'PATCH' || r.method === 'POST');
    expect(writes.length).toBeGreaterThan(0);
    const named = server.requests.map((r) => r.headers['x-http-method-override']).filter(Boolean);
    expect(new Set(named)).toEqual(new Set(['HEAD', 'OPTIONS', 'PATCH']));
  });

  it.each(writeQuiet)('quiet: %s', async (_, api) => {
    const report = await scanWith(writeServers.get(api)!.url, [authMethodBypass], activeWithKey);
    expect(report.findings).toEqual([]);
  });

  it('quiet: without --active no write is sent', async () => {
    const server = writeServers.get(writeFires[0]![1])!;
    const before = server.requests.length;
    const report = await scanWith(server.url, [authMethodBypass], withKey);
    expect(report.findings).toEqual([]);
    expect(server.requests.slice(before).filter((r) => r.method === 'PATCH' || r.method === 'POST')).toEqual(
      [],
    );
  });
});
