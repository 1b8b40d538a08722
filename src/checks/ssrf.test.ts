import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlaskApp, startFlask } from '../../test/support/flask.js';
import { html, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import ssrf from './ssrf.js';

const active = { mode: 'active' } as const;
const summary = (r: {
  findings: Array<{ rule: string; subject?: string; method: string; confidence: string }>;
}) => r.findings.map((f) => [f.rule, f.subject, f.method, f.confidence]).sort();

describe('ssrf on the Flask link-preview app', () => {
  const apps: Partial<Record<'vulnerable' | 'fixed', FlaskApp>> = {};
  beforeAll(async () => {
    [apps.vulnerable, apps.fixed] = await Promise.all([
      startFlask('fetch_app', 'vulnerable'),
      startFlask('fetch_app', 'fixed'),
    ]);
  });
  afterAll(async () => {
    await Promise.all([apps.vulnerable?.close(), apps.fixed?.close()]);
  });

  it('fires: the preview parameter and the webhook field both fetch Parapet’s URL', async () => {
    const report = await scanWith(apps.vulnerable!.url, [ssrf], active);
    expect(summary(report)).toEqual([
      ['ssrf', 'callback_url', 'POST', 'confirmed'],
      ['ssrf', 'url', 'GET', 'confirmed'],
    ]);
    const preview = report.findings.find((f) => f.subject === 'url')!;
    expect(preview.evidence.detail).toMatch(/GET \/parapet-… from 127\.0\.0\.1; User-Agent: Python-urllib/);
    expect(new URL(preview.url).pathname).toBe('/preview');
  });

  it('quiet: both check the URL against an allow-list', async () => {
    expect(summary(await scanWith(apps.fixed!.url, [ssrf], active))).toEqual([]);
  });

  it('quiet: nothing is tried without --active', async () => {
    const report = await scanWith(apps.vulnerable!.url, [ssrf]);
    expect(summary(report)).toEqual([]);
    expect(report.coverage.checks).toEqual([
      { id: 'ssrf', category: 'injection', status: 'skipped', reason: 'needs --active' },
    ]);
  });
});

describe('ssrf on a Node site that only redirects to or shows the URL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serve(
      pages({
        '/': { body: html('<a href="/go?redirect=/home">home</a> <a href="/card?image=/logo.png">card</a>') },
        // An open redirect: the browser would go there, the server fetches nothing.
        '/go': (req) => ({
          status: 302,
          headers: { location: new URL(req.url ?? '/', 'http://x').searchParams.get('redirect') ?? '/' },
        }),
        // The URL is written into the page: a browser would load it, the server does not.
        '/card': (req) => ({
          body: html(`<img src="${new URL(req.url ?? '/', 'http://x').searchParams.get('image')}">`),
        }),
      }),
    );
  });
  afterAll(async () => {
    await server.close();
  });

  it('quiet: a redirect or an <img> naming the URL is not a server-side fetch', async () => {
    const report = await scanWith(server.url, [ssrf], active);
    expect(summary(report)).toEqual([]);
    const probed = server.requests.filter((r) => new URL(r.url, 'http://x').search.includes('parapet-'));
    expect(probed.map((r) => new URL(r.url, 'http://x').pathname).sort()).toEqual(['/card', '/go']);
  });
});
