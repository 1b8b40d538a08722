import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlask } from '../../test/support/flask.js';
import { html, type Page, serve, type TestServer } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import reflectedXss from './reflected-xss.js';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const doc = (body: string, headers: Record<string, string> = HTML, status = 200): Page => ({
  status,
  headers,
  body,
});
/** HTML-escapes the five characters (what good template engines do). */
const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
/** Escapes `& < > "` but not `'` (older PHP htmlspecialchars defaults, many hand-written helpers). */
const escNoApos = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** JSON for a script, with `<` escaped so `</script>` cannot appear. */
const jsString = (s: string) => JSON.stringify(s).replace(/</g, '\\u003c');

type Render = (q: string) => Page;

// Each case renders the parameter `q` into a page.
const fires: Array<[string, Render]> = [
  ['page text', (q) => doc(html(`<p>Results for ${q}</p>`))],
  ['double-quoted attribute', (q) => doc(html(`<input name="q" value="${q}">`))],
  [
    "single-quoted attribute, `'` left unescaped",
    (q) => doc(html(`<input name='q' value='${escNoApos(q)}'>`)),
  ],
  [
    'unquoted attribute, escaped but a space gets through',
    (q) => doc(html(`<input name=q value=${esc(q)}>`)),
  ],
  [
    'double-quoted attribute with backslash-escaped quotes',
    (q) => doc(html(`<input value="${q.replace(/"/g, '\\"').replace(/</g, '&lt;')}">`)),
  ],
  [
    'script string, quote unescaped',
    (q) => doc(html(`<script>var q = "${q.replace(/</g, '\\u003c')}";</script>`)),
  ],
  [
    'script, JSON.stringify (`</script>` gets out)',
    (q) => doc(html(`<script>var q = ${JSON.stringify(q)};</script>`)),
  ],
  [
    'script code, not in a string',
    (q) => doc(html(`<script>var page = ${q.replace(/</g, '\\u003c')};</script>`)),
  ],
  [
    'event handler, HTML-escaped (entities decode first)',
    (q) => doc(html(`<button onclick="find('${esc(q)}')">go</button>`)),
  ],
  ['javascript: URL in a link', (q) => doc(html(`<a href="${esc(q)}">back</a>`))],
  ['textarea content', (q) => doc(html(`<textarea>${q}</textarea>`))],
  ['title', (q) => doc(`<!doctype html><html><head><title>${q}</title></head><body>x</body></html>`)],
  ['HTML comment that can be closed', (q) => doc(html(`<!-- search for ${q} -->`))],
  ['served without a content type, sniffed as HTML', (q) => doc(html(`<p>${q}</p>`), {})],
  ['a 404 error page', (q) => doc(html(`<p>No results for ${q}</p>`), HTML, 404)],
];

const quiet: Array<[string, Render]> = [
  ['HTML-escaped text', (q) => doc(html(`<p>Results for ${esc(q)}</p>`))],
  ['HTML-escaped attribute', (q) => doc(html(`<input value="${esc(q)}">`))],
  ["double-quoted attribute where only `'` survives", (q) => doc(html(`<input value="${escNoApos(q)}">`))],
  [
    'JSON as application/json',
    (q) =>
      doc(JSON.stringify({ q, html: `<b>${q}</b>` }).replace(/\\"/g, '"'), {
        'content-type': 'application/json',
      }),
  ],
  [
    'text/plain with nosniff',
    (q) => doc(`<p>${q}</p>`, { 'content-type': 'text/plain', 'x-content-type-options': 'nosniff' }),
  ],
  ['text/plain without nosniff', (q) => doc(`<html><p>${q}</p>`, { 'content-type': 'text/plain' })],
  ['no content type but nosniff', (q) => doc(html(`<p>${q}</p>`), { 'x-content-type-options': 'nosniff' })],
  ['no content type, not sniffable as HTML', (q) => doc(`Results: <p>${q}</p>`, {})],
  [
    'an HTML download',
    (q) => doc(html(`<p>${q}</p>`), { ...HTML, 'content-disposition': 'attachment; filename="r.html"' }),
  ],
  ['URL-encoded in the page', (q) => doc(html(`<p>Results for ${encodeURIComponent(q)}</p>`))],
  ['tags stripped, quotes escaped', (q) => doc(html(`<p>Results for ${esc(q.replace(/<[^>]*>/g, ''))}</p>`))],
  ['script string with JSON and `<` escaped', (q) => doc(html(`<script>var q = ${jsString(q)};</script>`))],
  [
    'HTML-escaped inside a script string (entities stay text in script)',
    (q) => doc(html(`<script>var q = '${esc(q)}';</script>`)),
  ],
  [
    'JSON data block with `<` escaped',
    (q) => doc(html(`<script type="application/json">{"q":${jsString(q)}}</script>`)),
  ],
  ['textarea, escaped', (q) => doc(html(`<textarea>${esc(q)}</textarea>`))],
  [
    'comment that cannot be closed (`--` removed)',
    (q) => doc(html(`<!-- search for ${q.replace(/-/g, '')} -->`)),
  ],
  [
    'link with the value after a path',
    (q) => doc(html(`<a href="/search?q=${encodeURIComponent(q)}">again</a>`)),
  ],
  [
    'link whose scheme is checked',
    (q) => doc(html(`<a href="${esc(/^https?:/i.test(q) ? q : `/${q}`)}">back</a>`)),
  ],
  [
    'redirect that echoes in its body',
    (q) => doc(html(`<a href="${q}">moved</a>`), { ...HTML, location: '/' }, 302),
  ],
];

const cases = [...fires, ...quiet];

let site: TestServer;
beforeAll(async () => {
  site = await serve((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const query = /^\/case\/(\d+)$/.exec(url.pathname);
    const path = /^\/path\/([^/]+)$/.exec(url.pathname);
    let answer: Page;
    if (query) answer = cases[Number(query[1])]![1](url.searchParams.get('q') ?? '');
    else if (path) answer = doc(html(`<h1>No item ${decodeURIComponent(path[1]!)}</h1>`), HTML, 404);
    else answer = { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
    res.statusCode = answer.status ?? 200;
    for (const [k, v] of Object.entries(answer.headers ?? {})) res.setHeader(k, v);
    res.end(answer.body ?? '');
  });
});
afterAll(() => site.close());

const scanCase = (i: number) => scanWith(`${site.origin}/case/${i}?q=hello`, [reflectedXss]);

describe('reflected-xss', () => {
  it.each(fires.map(([name], i) => [name, i] as const))('fires: %s', async (_, i) => {
    const report = await scanCase(i);
    expect(report.findings.map((f) => [f.rule, f.severity, f.confidence, new URL(f.url).pathname])).toEqual([
      ['reflected-xss', 'high', 'firm', `/case/${i}`],
    ]);
  });

  it.each(quiet.map(([name], i) => [name, fires.length + i] as const))('quiet: %s', async (_, i) => {
    expect((await scanCase(i)).findings).toEqual([]);
  });

  it('fires on a path segment reflected into an error page', async () => {
    const report = await scanWith(`${site.origin}/path/1`, [reflectedXss]);
    expect(report.findings.map((f) => f.evidence.detail)).toEqual([
      expect.stringContaining('Path segment 2'),
    ]);
  });

  it('shows the probe URL and the markup around the reflection, and sends at most two probes', async () => {
    const before = site.requests.length;
    const i = fires.findIndex(([name]) => name === 'javascript: URL in a link');
    const report = await scanCase(i);
    const [finding] = report.findings;
    expect(finding?.evidence.request).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/case\/\d+\?q=javascript%3Aprp[0-9a-f]{10}$/,
    );
    expect(finding?.evidence.excerpt).toMatch(/<a href="javascript:prp[0-9a-f]{10}">/);
    expect(finding?.evidence.detail).toContain('href attribute of <a>');
    const probes = site.requests.slice(before).filter((r) => r.url.includes('prp'));
    // Two for the parameter q; the id-like path segment (`/case/<n>`) is a point of its own.
    expect(probes.filter((r) => r.url.startsWith(`/case/${i}?q=`)).length).toBe(2);
  });

  it('names the context in the evidence', async () => {
    const i = fires.findIndex(([name]) => name.startsWith('event handler'));
    const [finding] = (await scanCase(i)).findings;
    expect(finding?.evidence.detail).toContain('onclick attribute of <button> (an event handler)');
    expect(finding?.remediation.text).toBeTruthy();
  });
});

describe('reflected-xss on a Flask app', () => {
  const scanFlask = async (variant: 'vulnerable' | 'fixed') => {
    const app = await startFlask('debug_app', variant);
    try {
      return await scanWith(app.url, [reflectedXss]);
    } finally {
      await app.close();
    }
  };

  it('fires on the search page that formats q into markup, and on the debugger page', async () => {
    const report = await scanFlask('vulnerable');
    // Werkzeug's debugger writes the exception message (which quotes the bad id) into <title> unescaped.
    expect(report.findings.map((f) => [new URL(f.url).pathname, f.evidence.detail]).sort()).toEqual([
      ['/item', expect.stringContaining('inside <title>')],
      ['/search', expect.stringContaining('came back unescaped')],
    ]);
  });

  it('is quiet when Jinja escapes q', async () => {
    expect((await scanFlask('fixed')).findings).toEqual([]);
  });
});
