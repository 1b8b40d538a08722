import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { bothVariants, startFlask } from '../../test/support/flask.js';
import { html, serveEach } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import type { ScanConfigInput } from '../config/schema.js';
import type { Report } from '../report/report.js';
import apiKeyInQuery from './api-key-in-query.js';

/** A key with characters that URL encoding changes: the report must not carry it in any form. */
const KEY = 'k+live/7Qx9=Zr2MvB8wT4p';
const FLASK_KEY = 'pk_user_4f9a2c7e1b8d6035';
const withKey: Partial<ScanConfigInput> = { credentials: { headers: { 'X-API-Key': KEY } } };
const withBearer: Partial<ScanConfigInput> = { credentials: { bearer: KEY } };
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MTk5OTk5OTk5OX0.c2lnbmF0dXJlLWJ5dGVz';

interface Site {
  /** Query parameters the API also reads the key from (besides X-API-Key and Authorization: Bearer). */
  queryNames?: string[];
  /** No authentication at all. */
  open?: boolean;
  /** Extra markup on the start page. */
  page?: string;
  /** JSON served at /api/links (linked from the start page when set). */
  links?: unknown;
  config?: Partial<ScanConfigInput>;
}

const fires: Array<[string, Site, string[]]> = [
  ['the key accepted as ?api_key', { queryNames: ['api_key'], config: withKey }, ['api_key:confirmed']],
  [
    "the key accepted under the header's own name",
    { queryNames: ['X-API-Key'], config: withKey },
    ['X-API-Key:confirmed'],
  ],
  [
    'a key in a custom header, accepted under its name',
    { queryNames: ['x-partner'], config: { credentials: { headers: { 'X-Partner': KEY } } } },
    ['x-partner:confirmed'],
  ],
  [
    'a bearer token accepted as ?access_token',
    { queryNames: ['access_token'], config: withBearer },
    ['access_token:confirmed'],
  ],
  [
    'a page links to the API with a key in the query',
    { page: '<a href="/api/items?api_key=live_8f3kQ29xLmP4">items</a>' },
    ['api_key:firm'],
  ],
  [
    'a GET form carries a key in a hidden field',
    {
      page: '<form action="/api/search"><input type="hidden" name="apikey" value="a83kd92jf0sl2m4n"><input name="q"></form>',
    },
    ['apikey:firm'],
  ],
  ['JSON hands out a link with a JWT', { links: { next: `/api/items?auth=${JWT}` } }, ['auth:firm']],
  [
    'a script source carries a session id',
    { page: '<script src="/static/app.js?sessionid=9fk2l3m4n5b6v7c8"></script>' },
    ['sessionid:tentative'],
  ],
];

const quiet: Array<[string, Site]> = [
  ['a header-only key API', { config: withKey }],
  ['a header-only bearer API', { config: withBearer }],
  ['an API that needs no key at all', { open: true, config: withKey }],
  [
    'a link to another origin with a browser key (a maps script)',
    {
      page: '<script src="https://maps.example.test/js?key=AIzaSyD4xK2mP9qL7vB3nR8tW1yZ5cF6hJ0gE"></script>',
    },
  ],
  [
    'a presigned download link',
    {
      page: '<a href="/files/report.pdf?X-Amz-Credential=AKIAEXAMPLE%2F20240101&X-Amz-Signature=9f8e7d6c5b4a39281706f5e4d3c2b1a0">report</a>',
    },
  ],
  [
    'an anti-CSRF token on a link',
    { page: '<a href="/settings/reset?csrf_token=8f2k4m6n8p0r2t4v">reset</a>' },
  ],
  ['an OAuth state that is a JWT', { page: `<a href="/oauth/callback?state=${JWT}">continue</a>` }],
  ['a short, guessable token value', { page: '<a href="/api/items?token=demo">demo</a>' }],
];

const sites: Site[] = [...fires.map((c) => c[1]), ...quiet.map((c) => c[1])];

function authorised(site: Site, req: IncomingMessage, url: URL): boolean {
  if (site.open) return true;
  if (
    req.headers['x-api-key'] === KEY ||
    req.headers['x-partner'] === KEY ||
    req.headers.authorization === `Bearer ${KEY}`
  )
    return true;
  return (site.queryNames ?? []).some((n) => url.searchParams.get(n) === KEY);
}

function handler(site: Site) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/') {
      const links = `<a href="/api/items">items</a><a href="/api/me">me</a>${site.links ? '<a href="/api/links">links</a>' : ''}`;
      res.writeHead(200, { 'content-type': 'text/html' }).end(html(`${links}${site.page ?? ''}`));
    } else if (url.pathname === '/api/links' && site.links) json(200, site.links);
    else if (url.pathname === '/api/items' || url.pathname === '/api/me') {
      if (!authorised(site, req, url)) json(401, { error: 'unauthorized' });
      else if (url.pathname === '/api/me') json(200, { id: 7, name: 'alice', plan: 'pro' });
      else
        json(200, {
          items: [
            { id: 1, name: 'widget' },
            { id: 2, name: 'gadget' },
          ],
        });
    } else json(404, { error: 'not found' });
  };
}

/** `subject:confidence` of each finding, sorted; the key never shows in the report. */
async function summary(site: Site): Promise<string[]> {
  const report = await scanWith(servers.get(site)!.url, [apiKeyInQuery], site.config);
  expectNoKey(report, KEY);
  return report.findings.map((f) => `${f.subject}:${f.confidence}`).sort();
}

const servers = serveEach(sites, handler);
const flask = bothVariants((variant) => startFlask('api_keys', variant));

describe('api-key-in-query', () => {
  it.each(fires)('fires: %s', async (_, site, expected) => {
    expect(await summary(site)).toEqual(expected);
  });

  it.each(quiet)('quiet: %s', async (_, site) => {
    expect(await summary(site)).toEqual([]);
  });

  it('proves it with an anonymous request, stops at the first accepted name ', async () => {
    const site = fires[0]![1];
    const server = servers.get(site)!;
    const before = server.requests.length;
    const report = await scanWith(server.url, [apiKeyInQuery], site.config);
    const [f] = report.findings;
    expect(f).toMatchObject({ rule: 'api-key-in-query', method: 'GET', identity: 'anonymous', instances: 2 });
    expect(f!.url).toBe(`${server.origin}/api/{path}`);
    const sent = server.requests.slice(before).filter((r) => r.url.includes('?'));
    // api_key is the first name tried: nothing more is offered once it is accepted
    expect(sent.map((r) => new URL(r.url, 'http://x').searchParams.keys().next().value)).toEqual([
      'api_key',
      'api_key',
    ]);
    expect(sent.every((r) => r.headers['x-api-key'] === undefined && r.method === 'GET')).toBe(true);
  });

  it('notes that it could not test when no endpoint needed the key', async () => {
    const site = quiet[2]![1];
    const report = await scanWith(servers.get(site)!.url, [apiKeyInQuery], site.config);
    expect(report.notes.join('\n')).toMatch(/api-key-in-query: no endpoint among \d tried refused/);
  });
});

describe('api-key-in-query on Flask', () => {
  const key = { credentials: { headers: { 'X-API-Key': FLASK_KEY } } };

  it('fires on the API that also reads ?api_key', async () => {
    const report = await scanWith(flask.vulnerable.url, [apiKeyInQuery], key);
    expect(report.findings.map((f) => [f.rule, f.subject, f.confidence])).toEqual([
      ['api-key-in-query', 'api_key', 'confirmed'],
    ]);
    expectNoKey(report, FLASK_KEY);
  });

  it('is quiet on the API that reads the header only', async () => {
    expect((await scanWith(flask.fixed.url, [apiKeyInQuery], key)).findings).toEqual([]);
    expect((await scanWith(flask.fixed.url, [apiKeyInQuery])).findings).toEqual([]);
  });
});

function expectNoKey(report: Report, key: string): void {
  const text = JSON.stringify(report);
  for (const form of [key, encodeURIComponent(key), new URLSearchParams({ k: key }).toString().slice(2)])
    expect(text).not.toContain(form);
}
