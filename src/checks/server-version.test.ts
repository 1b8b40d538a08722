import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bothVariants, startFlask } from '../../test/support/flask.js';
import { html, serve, type TestServer } from '../../test/support/http-server.js';
import { rulesFor, scanWith } from '../../test/support/scan.js';
import check from './server-version.js';

type Banners = Record<string, string | string[]>;

const fires: Array<[string, Banners]> = [
  ['nginx/1.18.0', { server: 'nginx/1.18.0' }],
  ['Apache/2.4.41 (Ubuntu)', { server: 'Apache/2.4.41 (Ubuntu)' }],
  ['Werkzeug/3.0.1 Python/3.11.2', { server: 'Werkzeug/3.0.1 Python/3.11.2' }],
  ['Microsoft-IIS/10.0', { server: 'Microsoft-IIS/10.0' }],
  ['Jetty(9.4.44.v20210927)', { server: 'Jetty(9.4.44.v20210927)' }],
  ['a versioned Server line next to a plain one', { server: ['Werkzeug/2.2.2 Python/3.11.2', 'custom'] }],
  ['X-Powered-By: PHP/8.1.2', { 'x-powered-by': 'PHP/8.1.2' }],
  ['X-Powered-By: Phusion Passenger(R) 6.0.18', { 'x-powered-by': 'Phusion Passenger(R) 6.0.18' }],
  ['X-AspNet-Version: 4.0.30319', { 'x-aspnet-version': '4.0.30319' }],
  ['X-AspNetMvc-Version: 5.2', { 'x-aspnetmvc-version': '5.2' }],
  ['X-Generator: Drupal 10', { 'x-generator': 'Drupal 10 (https://www.drupal.org)' }],
  ['Via with a versioned comment', { via: '1.1 varnish (Varnish/6.0)' }],
];

const quiet: Array<[string, Banners]> = [
  ['nginx without a version', { server: 'nginx' }],
  ['Apache without a version', { server: 'Apache' }],
  ['X-Powered-By: Express', { 'x-powered-by': 'Express' }],
  ['X-Powered-By: ASP.NET', { 'x-powered-by': 'ASP.NET' }],
  ['X-Powered-By: Next.js', { 'x-powered-by': 'Next.js' }],
  ['cloudflare', { server: 'cloudflare' }],
  ['an edge server id that is not a version', { server: 'ECS (dcb/7EA3)' }],
  ["Tomcat's constant connector token", { server: 'Apache-Coyote/1.1' }],
  ['a digit inside a product name', { server: 'hypercorn-h11' }],
  ['Via: only the protocol version', { via: '1.1 vegur' }],
  ['Via: protocol and a host with a port', { via: '1.1 10.0.0.1:8080, 2.0 edge-3.example' }],
  ['Via: a comment without a version', { via: '1.1 abc123.cloudfront.net (CloudFront)' }],
  ['X-Generator without a version', { 'x-generator': 'Hugo' }],
  ['a version in an unrelated header', { 'x-app-build': 'release/2.4.1' }],
];

const rows = new Map<string, Banners>();
[...fires, ...quiet].forEach(([, banners], i) => {
  rows.set(`r${i}`, banners);
});

let rowServer: TestServer;
let twoBanners: TestServer;
beforeAll(async () => {
  rowServer = await serve((req, res) => {
    const key = new URL(req.url ?? '/', 'http://x').pathname.split('/')[1] ?? '';
    const banners = rows.get(key);
    res.statusCode = banners ? 200 : 404;
    res.setHeader('content-type', 'text/html');
    for (const [name, value] of Object.entries(banners ?? {})) res.setHeader(name, value);
    res.end(html('page'));
  });
  // nginx in front of PHP: both banners on every response, error pages included.
  twoBanners = await serve((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    res.setHeader('server', 'nginx/1.18.0');
    res.setHeader('x-powered-by', 'PHP/8.1.2-1ubuntu2.14');
    res.setHeader('content-type', 'text/html');
    res.statusCode = path === '/' || path === '/a' ? 200 : 404;
    res.end(html(path === '/' ? '<a href="/a">a</a>' : 'page'));
  });
});
afterAll(async () => {
  await Promise.all([rowServer.close(), twoBanners.close()]);
});

describe('server-version-disclosure', () => {
  it.each(fires.map(([name], i) => [name, i] as const))('fires: %s', async (_, i) => {
    expect(await rulesFor(`${rowServer.origin}/r${i}/`, [check])).toEqual(['server-version-disclosure']);
  });

  it.each(quiet.map(([name], i) => [name, i + fires.length] as const))('quiet: %s', async (_, i) => {
    expect(await rulesFor(`${rowServer.origin}/r${i}/`, [check])).toEqual([]);
  });

  it('one finding for the origin, quoting every versioned banner', async () => {
    const report = await scanWith(twoBanners.url, [check]);
    expect(report.findings).toHaveLength(1);
    const f = report.findings[0]!;
    expect(f).toMatchObject({ rule: 'server-version-disclosure', severity: 'low', url: twoBanners.origin });
    // the two pages and the not-found probe
    expect(f.instances).toBe(3);
    expect(f.evidence.headers).toEqual({ server: 'nginx/1.18.0', 'x-powered-by': 'PHP/8.1.2-1ubuntu2.14' });
    expect(f.evidence.detail).toContain('nginx/1.18.0, PHP/8.1.2');
  });
});

describe('server-version-disclosure on a Flask app (test/fixtures/flask/headers.py)', () => {
  const flask = bothVariants((variant) => startFlask('headers', variant));

  it("vulnerable: the werkzeug dev server's Server banner", async () => {
    const report = await scanWith(flask.vulnerable.url, [check]);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]!.url).toBe(flask.vulnerable.origin);
    expect(report.findings[0]!.evidence.headers?.server).toMatch(/^Werkzeug\/[\d.]+ Python\/[\d.]+$/);
  });

  it('fixed: the banner without versions', async () => {
    expect(await rulesFor(flask.fixed.url, [check])).toEqual([]);
  });
});
