import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { bothVariants, startFlask } from '../../test/support/flask.js';
import { html, serveEach } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import type { ScanConfigInput } from '../config/schema.js';
import bflaAdminExposed from './bfla-admin-exposed.js';

const KEY = 'k_live_9Vd2pL7sQ4xJ1mN6';
const withKey: Partial<ScanConfigInput> = { credentials: { headers: { 'X-API-Key': KEY } } };

interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}
type Route = (authed: boolean, req: IncomingMessage) => Answer;

const json =
  (body: unknown): Route =>
  () => ({ body });
const page =
  (body: string): Route =>
  () => ({ headers: { 'content-type': 'text/html' }, body });
const guarded =
  (body: unknown): Route =>
  (authed) =>
    authed ? { body } : { status: 401, body: { error: 'unauthorized' } };
const users = [
  { id: 1, name: 'alice', email: 'alice@example.test', role: 'admin' },
  { id: 2, name: 'bob', email: 'bob@example.test', role: 'user' },
  { id: 3, name: 'carol', email: 'carol@example.test', role: 'user' },
];

interface Site {
  routes: Record<string, Route>;
  /** Links on the start page besides the API's own /api/v2/items. */
  links?: string[];
  /** What unknown paths get (default a JSON 404). */
  fallback?: Route;
  config?: Partial<ScanConfigInput>;
}

const fires: Array<[string, Site, string[]]> = [
  ['/admin/users lists users to anyone', { routes: { '/admin/users': json(users) } }, ['firm:/admin/users']],
  [
    'an admin API under the API prefix',
    { routes: { '/api/v2/admin': json({ settings: { signup: true }, feature_flags: ['beta'] }) } },
    ['firm:/api/v2/admin'],
  ],
  [
    'an admin dashboard page with no login form',
    {
      routes: {
        '/admin': page(html('<h1>Admin dashboard</h1><table><tr><td>alice</td><td>delete</td></tr></table>')),
      },
    },
    ['firm:/admin'],
  ],
  [
    'Go expvar at /debug/vars',
    { routes: { '/debug/vars': json({ cmdline: ['/srv/shop'], memstats: { Alloc: 1024 } }) } },
    ['firm:/debug/vars'],
  ],
  [
    'a Spring actuator that lists env and heapdump',
    {
      routes: {
        '/actuator': json({
          _links: { self: { href: '/actuator' }, env: { href: '/actuator/env' }, heapdump: {} },
        }),
      },
    },
    ['firm:/actuator'],
  ],
  [
    'an administrative link on the start page',
    { routes: { '/backoffice/orders': json([{ id: 1, total: 30 }]) }, links: ['/backoffice/orders'] },
    ['firm:/backoffice/orders'],
  ],
  [
    'a listing of every user under the API prefix',
    { routes: { '/api/v2/users': json(users) } },
    ['firm:/api/v2/users'],
  ],
  [
    "with a key: an admin route that refuses anonymous callers answers the scan's key",
    { routes: { '/admin/users': guarded(users) }, config: withKey },
    ['tentative:/admin/users'],
  ],
];

const quiet: Array<[string, Site]> = [
  [
    'a login page at /admin',
    {
      routes: {
        '/admin': page(
          html(
            '<h1>Admin login</h1><form method="post" action="/admin/login"><input name="user"><input type="password" name="pw"></form>',
          ),
        ),
      },
    },
  ],
  [
    'a catch-all that answers every path with the app shell',
    {
      routes: {},
      fallback: page(html('<h1>Shop dashboard</h1><div id="app"></div>', '<script src="/app.js"></script>')),
    },
  ],
  [
    'a catch-all that answers every path with the same JSON',
    { routes: {}, fallback: json({ service: 'shop', hint: 'see /api/v2/items' }) },
  ],
  [
    '/admin redirects to the login page',
    { routes: { '/admin': () => ({ status: 302, headers: { location: '/login' }, body: '' }) } },
  ],
  [
    'an actuator with only health and info',
    { routes: { '/actuator': json({ _links: { self: {}, health: {}, 'health-path': {}, info: {} } }) } },
  ],
  ['/api/v2/users answers only the caller', { routes: { '/api/v2/users': json([{ id: 7, name: 'me' }]) } }],
  [
    'admin routes refuse anonymous callers',
    { routes: { '/admin/users': guarded(users), '/admin': guarded({}) } },
  ],
  [
    "with a key: the admin route wants a role the scan's key lacks",
    {
      routes: { '/admin/users': (authed) => ({ status: authed ? 403 : 401, body: { error: 'forbidden' } }) },
      config: withKey,
    },
  ],
  [
    'an internal health check',
    { routes: { '/internal/health': json({ status: 'ok' }) }, links: ['/internal/health'] },
  ],
];

const sites: Site[] = [...fires.map((c) => c[1]), ...quiet.map((c) => c[1])];

function handler(site: Site) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const authed = req.headers['x-api-key'] === KEY;
    let answer: Answer;
    if (path === '/') {
      const links = ['/api/v2/items', ...(site.links ?? [])].map((l) => `<a href="${l}">${l}</a>`).join('');
      answer = { headers: { 'content-type': 'text/html' }, body: html(links) };
    } else if (path === '/api/v2/items') answer = { body: { items: [{ id: 1, name: 'widget' }] } };
    else {
      const route = site.routes[path] ?? site.fallback;
      answer = route ? route(authed, req) : { status: 404, body: { error: 'not found' } };
    }
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  };
}

const servers = serveEach(sites, handler);
const flask = bothVariants((variant) => startFlask('api_keys', variant));

/** `confidence:path` of each finding, sorted. */
async function summary(url: string, config?: Partial<ScanConfigInput>): Promise<string[]> {
  const report = await scanWith(url, [bflaAdminExposed], config);
  return report.findings.map((f) => `${f.confidence}:${new URL(f.url).pathname}`).sort();
}

describe('bfla-admin-exposed', () => {
  it.each(fires)('fires: %s', async (_, site, expected) => {
    expect(await summary(servers.get(site)!.url, site.config)).toEqual(expected);
  });

  it.each(quiet)('quiet: %s', async (_, site) => {
    expect(await summary(servers.get(site)!.url, site.config)).toEqual([]);
  });

  it('asks for a short, bounded list with GET only, under the API prefix it saw', async () => {
    const server = servers.get(quiet[6]![1])!;
    const before = server.requests.length;
    await scanWith(server.url, [bflaAdminExposed]);
    const asked = server.requests
      .slice(before)
      .filter((r) => !['/', '/api/v2/items', '/robots.txt', '/sitemap.xml'].includes(r.url));
    expect(asked.every((r) => r.method === 'GET')).toBe(true);
    const paths = asked.map((r) => r.url);
    expect(paths).toEqual(expect.arrayContaining(['/api/v2/admin', '/api/v2/admin/users', '/admin/users']));
    expect(paths.length).toBeLessThanOrEqual(bflaAdminExposed.meta.maxRequests + 12);
  });
});

describe('bfla-admin-exposed on Flask', () => {
  const key = { credentials: { headers: { 'X-API-Key': 'pk_user_4f9a2c7e1b8d6035' } } };

  it('fires on the admin user list open to anyone', async () => {
    expect(await summary(flask.vulnerable.url)).toEqual(['firm:/api/v1/admin/users']);
    expect(await summary(flask.vulnerable.url, key)).toEqual([
      'firm:/api/v1/admin/users',
      'tentative:/api/v1/users',
    ]);
  });

  it('is quiet when admin routes need the admin role', async () => {
    expect(await summary(flask.fixed.url)).toEqual([]);
    expect(await summary(flask.fixed.url, key)).toEqual([]);
  });
});
