import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bothVariants, startFlask } from '../../test/support/flask.js';
import { html, type Page, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { rulesFor, scanWith } from '../../test/support/scan.js';
import check from './content-type-options.js';

type Headers = Record<string, string | string[]>;

/** Each row is a small site under `/<row>/`: a page, JSON, a script and text, all sent with the row's headers. */
const fires: Array<[string, Headers]> = [
  ['no header', {}],
  ['sniff', { 'x-content-type-options': 'sniff' }],
  ['no-sniff (a different word)', { 'x-content-type-options': 'no-sniff' }],
  ['quoted "nosniff"', { 'x-content-type-options': '"nosniff"' }],
  ['nosniff second in a list', { 'x-content-type-options': 'sniff, nosniff' }],
  ['nosniff second after an empty value', { 'x-content-type-options': ', nosniff' }],
  ['nosniff on the second header line only', { 'x-content-type-options': ['no', 'nosniff'] }],
  ['misspelled header name', { 'content-type-options': 'nosniff' }],
];

const quiet: Array<[string, Headers]> = [
  ['nosniff', { 'x-content-type-options': 'nosniff' }],
  ['NoSniff (case-insensitive)', { 'x-content-type-options': 'NoSniff' }],
  ['NOSNIFF', { 'x-content-type-options': 'NOSNIFF' }],
  ['nosniff with surrounding spaces', { 'x-content-type-options': '  nosniff  ' }],
  ['nosniff, nosniff', { 'x-content-type-options': 'nosniff, nosniff' }],
  ['nosniff first, junk after', { 'x-content-type-options': 'nosniff, sniff' }],
  ['nosniff on two header lines', { 'x-content-type-options': ['nosniff', 'nosniff'] }],
  ['nosniff then another line', { 'x-content-type-options': ['nosniff', 'no'] }],
];

function rowSite(row: Headers): Record<string, Page> {
  const with_ = (type: string) => ({ 'content-type': type, ...row });
  return {
    '': {
      headers: with_('text/html; charset=utf-8'),
      body: html('<a href="data">d</a><a href="notes">n</a><script src="app"></script>'),
    },
    data: { headers: with_('application/json'), body: '{"ok":true}' },
    notes: { headers: with_('text/plain'), body: 'plain text' },
    app: { headers: with_('text/javascript'), body: 'var a = 1;' },
  };
}

/** Responses the rule does not judge: only the page itself is a sniffable 2xx, and it has nosniff. */
const notJudged: Record<string, Page> = {
  '': {
    headers: { 'content-type': 'text/html', 'x-content-type-options': 'nosniff' },
    body: html(
      '<a href="img">i</a><a href="font">f</a><a href="css">c</a><a href="missing">m</a><a href="boom">b</a><a href="moved">r</a><a href="empty">e</a>',
    ),
  },
  img: { headers: { 'content-type': 'image/png' }, body: '\x89PNG\r\n' },
  font: { headers: { 'content-type': 'font/woff2' }, body: 'wOF2' },
  css: { headers: { 'content-type': 'text/css' }, body: 'body{}' },
  missing: { status: 404, headers: { 'content-type': 'text/html' }, body: html('not here') },
  boom: { status: 500, headers: { 'content-type': 'text/plain' }, body: 'error' },
  moved: { status: 302, headers: { location: './', 'content-type': 'text/html' }, body: html('moved') },
  empty: { status: 204, headers: {} },
};

const rows = new Map<string, Record<string, Page>>();
[...fires, ...quiet].forEach(([, headers], i) => {
  rows.set(`r${i}`, rowSite(headers));
});
rows.set('notjudged', notJudged);
// Unknown types are what browsers sniff hardest.
rows.set('untyped', {
  '': {
    headers: { 'content-type': 'text/html', 'x-content-type-options': 'nosniff' },
    body: html('<a href="blob">b</a><a href="bin">x</a>'),
  },
  blob: { headers: {}, body: 'hello <b>there</b>' },
  bin: { headers: { 'content-type': 'application/octet-stream' }, body: 'raw bytes' },
});

let rowServer: TestServer;
let staticGap: TestServer;
let everywhere: TestServer;
let scattered: TestServer;

const nosniff = { 'x-content-type-options': 'nosniff' };
beforeAll(async () => {
  rowServer = await serve((req, res) => {
    const [, row = '', file = ''] = new URL(req.url ?? '/', 'http://x').pathname.split('/');
    const site = rows.get(row);
    const page = site?.[file];
    return pages({ [req.url?.split('?')[0] ?? '/']: page ?? { status: 404, body: 'no' } })(req, res);
  });
  // The app sets nosniff, the static file handler does not.
  staticGap = await serve(
    pages({
      '/': {
        headers: { 'content-type': 'text/html', ...nosniff },
        body: html(
          '<a href="/about">a</a><script src="/static/a.js"></script><script src="/static/b.js"></script>',
        ),
      },
      '/about': { headers: { 'content-type': 'text/html', ...nosniff }, body: html('about') },
      '/static/a.js': { headers: { 'content-type': 'text/javascript' }, body: 'var a;' },
      '/static/b.js': { headers: { 'content-type': 'text/javascript' }, body: 'var b;' },
    }),
  );
  // No response has it: one finding for the origin.
  everywhere = await serve(
    pages({
      '/': {
        body: html('<a href="/a">a</a><a href="/b">b</a><a href="/api/items">i</a><a href="/docs/x">x</a>'),
      },
      '/a': { body: html('a') },
      '/b': { body: html('b') },
      '/api/items': { headers: { 'content-type': 'application/json' }, body: '[]' },
      '/docs/x': { headers: { 'content-type': 'text/plain' }, body: 'x' },
    }),
  );
  // Missing in many sections but not everywhere: still one finding for the origin.
  const sections = ['a', 'b', 'c', 'd', 'e'];
  scattered = await serve(
    pages({
      '/': {
        headers: { 'content-type': 'text/html', ...nosniff },
        body: html(sections.map((s) => `<a href="/${s}/x">${s}</a>`).join('')),
      },
      ...Object.fromEntries(
        sections.map((s) => [`/${s}/x`, { headers: { 'content-type': 'text/plain' }, body: s }]),
      ),
    }),
  );
});
afterAll(async () => {
  await Promise.all([rowServer, staticGap, everywhere, scattered].map((s) => s.close()));
});

const rowUrl = (i: number) => `${rowServer.origin}/r${i}/`;

describe('content-type-options-missing', () => {
  it.each(fires.map(([name], i) => [name, i] as const))('fires: %s', async (_, i) => {
    expect(await rulesFor(rowUrl(i), [check])).toEqual(['content-type-options-missing']);
  });

  it.each(quiet.map(([name], i) => [name, i + fires.length] as const))('quiet: %s', async (_, i) => {
    expect(await rulesFor(rowUrl(i), [check])).toEqual([]);
  });

  it('fires: responses with no or an unknown Content-Type', async () => {
    const report = await scanWith(`${rowServer.origin}/untyped/`, [check]);
    expect(report.findings.map((f) => f.rule)).toEqual(['content-type-options-missing']);
    expect(report.findings[0]!.instances).toBe(2);
  });

  it('quiet: images, fonts, CSS, errors, redirects and empty responses are not judged', async () => {
    expect(await rulesFor(`${rowServer.origin}/notjudged/`, [check])).toEqual([]);
  });

  it('one finding for the origin when every response lacks it', async () => {
    const report = await scanWith(everywhere.url, [check]);
    expect(report.findings).toHaveLength(1);
    const f = report.findings[0]!;
    expect(f).toMatchObject({
      rule: 'content-type-options-missing',
      severity: 'low',
      url: everywhere.origin,
      instances: 5,
    });
    expect(f.evidence.detail).toContain('5 of 5 responses');
  });

  it('one finding for the section that lacks it when the rest of the site has it', async () => {
    const report = await scanWith(staticGap.url, [check]);
    expect(report.findings.map((f) => [f.url, f.instances])).toEqual([
      [`${staticGap.origin}/static/{path}`, 2],
    ]);
    expect(report.findings[0]!.evidence.headers?.['content-type']).toBe('text/javascript');
  });

  it('one finding for the origin when the gap spans many sections', async () => {
    const report = await scanWith(scattered.url, [check]);
    expect(report.findings.map((f) => [f.url, f.instances])).toEqual([[scattered.origin, 5]]);
    expect(report.findings[0]!.evidence.detail).toContain('5 of 6 responses');
  });
});

describe('content-type-options-missing on a Flask app (test/fixtures/flask/headers.py)', () => {
  const flask = bothVariants((variant) => startFlask('headers', variant));

  it('vulnerable: one finding for the origin covering page, JSON and script', async () => {
    const report = await scanWith(flask.vulnerable.url, [check]);
    expect(report.findings.map((f) => [f.rule, f.url, f.instances])).toEqual([
      ['content-type-options-missing', flask.vulnerable.origin, 4],
    ]);
  });

  it('fixed: after_request sets nosniff everywhere', async () => {
    expect(await rulesFor(flask.fixed.url, [check])).toEqual([]);
  });
});
