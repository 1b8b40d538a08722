import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { html, pages, serve, type TestServer } from '../support/http-server.js';

let site: TestServer;
beforeAll(async () => {
  site = await serve(
    pages({
      '/': {
        body: html(
          '<a href="/about">about</a><a href="/logout">out</a><form method="post" action="/login"><input name="u"></form><script src="/app.js"></script>',
        ),
      },
      '/about': {
        body: html(
          '<a href="/items/1">1</a><a href="/items/2">2</a><a href="/items/3">3</a><a href="/items/4">4</a><a href="/api/data">api</a>',
        ),
      },
      '/items/1': { body: html('one') },
      '/items/2': { body: html('two') },
      '/items/3': { body: html('three') },
      '/items/4': { body: html('four') },
      '/api/data': {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ next: '/api/next', self: 'http://elsewhere.test/x' }),
      },
      '/api/next': { headers: { 'content-type': 'application/json' }, body: '{}' },
      '/app.js': { headers: { 'content-type': 'text/javascript' }, body: 'var a = 1;' },
      '/robots.txt': {
        headers: { 'content-type': 'text/plain' },
        body: 'User-agent: *\nDisallow: /secret-admin\n',
      },
      '/secret-admin': { body: html('admin') },
    }),
  );
});
afterAll(() => site.close());

describe('discovery', () => {
  it('crawls links, JSON paths, robots.txt and scripts; never follows logout or other origins', async () => {
    // Discovery alone: probing checks would add their own requests to /items/….
    const report = await scan({ target: site.url }, { checks: [] });
    const paths = site.requests.map((r) => r.url);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/',
        '/about',
        '/api/data',
        '/api/next',
        '/app.js',
        '/robots.txt',
        '/secret-admin',
      ]),
    );
    expect(paths).not.toContain('/logout');
    // three URLs per pattern at most
    expect(paths.filter((p) => p.startsWith('/items/')).length).toBe(3);
    expect(site.requests.every((r) => ['GET', 'HEAD', 'OPTIONS'].includes(r.method))).toBe(true);
    expect(report.coverage.forms).toBe(1);
    expect(report.stats.requests).toBe(site.requests.length);
  });

  it('stops at the request budget', async () => {
    const before = site.requests.length;
    const report = await scan({ target: site.url, budget: 4 });
    expect(site.requests.length - before).toBeLessThanOrEqual(4);
    expect(report.stats.requests).toBeLessThanOrEqual(4);
  });
});
