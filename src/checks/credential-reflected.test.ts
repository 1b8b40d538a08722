import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { bothVariants, startFlask } from '../../test/support/flask.js';
import { serveEach } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import type { ScanConfigInput } from '../config/schema.js';
import credentialReflected from './credential-reflected.js';

/** How the API answers a key it does not know: `key` is what it read, `req` the request. */
type Refuse = (
  key: string,
  req: IncomingMessage,
  url: URL,
) => { headers?: Record<string, string>; body: unknown };

interface Site {
  refuse: Refuse;
  /** The header the API reads its key from (default X-API-Key). */
  header?: string;
  config?: Partial<ScanConfigInput>;
}

const bearerOf = (req: IncomingMessage) => (req.headers.authorization ?? '').replace(/^Bearer /, '');

const fires: Array<[string, Site]> = [
  [
    'the 401 repeats the X-API-Key value',
    { refuse: (key) => ({ body: { error: `invalid API key ${key}` } }) },
  ],
  [
    'a debug header echoes the Authorization header',
    {
      refuse: (_, req) => ({
        headers: { 'x-debug-auth': req.headers.authorization ?? '' },
        body: { error: 'unauthorized' },
      }),
    },
  ],
  [
    'the error repeats the bearer token',
    { refuse: (_, req) => ({ body: { error: 'invalid token', token: bearerOf(req) } }) },
  ],
  [
    'the error repeats the ?token value',
    {
      refuse: (_, __, url) => ({ body: { error: `unknown token "${url.searchParams.get('token') ?? ''}"` } }),
    },
  ],
  [
    "the user's own key header is read and echoed",
    {
      header: 'x-tenant-key',
      refuse: (key) => ({ body: { error: `no tenant for ${key}` } }),
      config: { credentials: { headers: { 'X-Tenant-Key': 'tenant-real-key-7d1f0a9c' } } },
    },
  ],
];

const quiet: Array<[string, Site]> = [
  ['a generic 401', { refuse: () => ({ body: { error: 'unauthorized' } }) }],
  [
    'the request URL echoed in a self link',
    { refuse: (_, req) => ({ body: { error: 'unauthorized', links: { self: req.url } } }) },
  ],
  [
    'a redirect to the login page that carries the URL',
    {
      refuse: (_, req) => ({
        headers: { location: `/login?next=${encodeURIComponent(req.url ?? '/')}` },
        body: { error: 'login required' },
      }),
    },
  ],
];

const sites: Site[] = [...fires.map((c) => c[1]), ...quiet.map((c) => c[1])];

function handler(site: Site) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"service":"api","links":["/api/items"]}');
      return;
    }
    const key =
      (req.headers[site.header ?? 'x-api-key'] as string | undefined) ??
      url.searchParams.get('token') ??
      url.searchParams.get('api_key') ??
      '';
    const { headers, body } = site.refuse(key, req, url);
    res
      .writeHead(headers?.location ? 302 : 401, { 'content-type': 'application/json', ...headers })
      .end(JSON.stringify(body));
  };
}

const servers = serveEach(sites, handler);
const flask = bothVariants((variant) => startFlask('api_keys', variant));

async function rules(site: Site): Promise<string[]> {
  const report = await scanWith(servers.get(site)!.url, [credentialReflected], site.config);
  return report.findings.map((f) => `${f.rule}:${f.confidence}:${new URL(f.url).pathname}`);
}

describe('credential-reflected', () => {
  it.each(fires)('fires: %s', async (_, site) => {
    expect(await rules(site)).toEqual(['credential-reflected:confirmed:/api/items']);
  });

  it.each(quiet)('quiet: %s', async (_, site) => {
    expect(await rules(site)).toEqual([]);
  });

  it('sends a fresh canary in the usual places, anonymously, never the real key', async () => {
    const site = fires[4]![1];
    const server = servers.get(site)!;
    const before = server.requests.length;
    const first = await scanWith(server.url, [credentialReflected], site.config);
    await scanWith(server.url, [credentialReflected], site.config);
    const sent = server.requests.slice(before).filter((r) => /parapet-canary-/.test(JSON.stringify(r)));
    expect(sent.length).toBeGreaterThan(0);
    expect(JSON.stringify(sent)).not.toContain('tenant-real-key');
    const canaries = new Set(sent.map((r) => /parapet-canary-([0-9a-f]+)/.exec(JSON.stringify(r))![1]));
    expect(canaries.size).toBe(2);
    const withHeader = sent.find((r) => r.headers['x-tenant-key'] !== undefined)!;
    expect(withHeader.headers.authorization).toMatch(/^Bearer parapet-canary-[0-9a-f]+-b$/);
    const withQuery = sent.find((r) => r.url.includes('?'))!;
    expect([...new URL(withQuery.url, 'http://x').searchParams.keys()]).toEqual([
      'api_key',
      'apikey',
      'key',
      'token',
      'access_token',
    ]);
    expect(first.findings[0]!.evidence.detail).toMatch(
      /sent in the X-Tenant-Key header, the token query parameter came back in the body/,
    );
    expect(first.findings[0]!.evidence.excerpt).toMatch(/no tenant for parapet-canary-/);
  });
});

describe('credential-reflected on Flask', () => {
  it('fires on the API that repeats an invalid key', async () => {
    const report = await scanWith(flask.vulnerable.url, [credentialReflected]);
    expect(report.findings.map((f) => [f.rule, f.confidence])).toEqual([
      ['credential-reflected', 'confirmed'],
    ]);
    expect(report.findings[0]!.evidence.detail).toMatch(/X-API-Key header, the api_key query parameter/);
  });

  it('is quiet on the API with generic 401s', async () => {
    expect((await scanWith(flask.fixed.url, [credentialReflected])).findings).toEqual([]);
  });
});
