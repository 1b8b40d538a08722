import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bothVariants, startFlask } from '../../test/support/flask.js';
import { html, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import check from './referrer-policy.js';

interface Row {
  /** Referrer-Policy header value (an array sends several header lines). */
  header?: string | string[];
  head?: string;
  body?: string;
  /** Appended to the row's start URL: the query or path that may carry a secret. */
  at?: string;
  status?: number;
  type?: string;
}

const TOKEN = 'f3a91c0d5e7b42a8b6c1d9e0';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXNpZw';
const offsite = '<a href="https://partner.example/help">help</a><img src="https://cdn.example/p.gif">';

/** [name, row, severity, confidence] */
const fires: Array<[string, Row, 'low' | 'medium', 'firm' | 'tentative']> = [
  ['unsafe-url header', { header: 'unsafe-url' }, 'low', 'firm'],
  ['no-referrer-when-downgrade header', { header: 'no-referrer-when-downgrade' }, 'low', 'firm'],
  ['UNSAFE-URL (tokens match case-insensitively)', { header: 'UNSAFE-URL' }, 'low', 'firm'],
  ['last valid token wins: no-referrer, unsafe-url', { header: 'no-referrer, unsafe-url' }, 'low', 'firm'],
  [
    'unknown tokens are skipped: unsafe-url, brand-new-policy',
    { header: 'unsafe-url, brand-new-policy' },
    'low',
    'firm',
  ],
  ['last of two header lines wins', { header: ['strict-origin', 'unsafe-url'] }, 'low', 'firm'],
  [
    'meta unsafe-url overrides a safe header',
    { header: 'no-referrer', head: '<meta name="referrer" content="unsafe-url">' },
    'low',
    'firm',
  ],
  ['meta legacy keyword always', { head: '<meta name="referrer" content="always">' }, 'low', 'firm'],
  [
    'the last valid meta wins',
    { head: '<meta name="referrer" content="no-referrer"><meta name="Referrer" content="unsafe-url">' },
    'low',
    'firm',
  ],
  [
    'meta in the body still counts',
    { body: '<meta name="referrer" content="no-referrer-when-downgrade">' },
    'low',
    'firm',
  ],
  [
    'a per-element no-referrer does not fix the document policy',
    { header: 'unsafe-url', body: '<a href="https://partner.example/" referrerpolicy="no-referrer">p</a>' },
    'low',
    'firm',
  ],
  [
    'token in the URL and unsafe-url',
    { header: 'unsafe-url', at: `reset?token=${TOKEN}`, body: offsite },
    'medium',
    'firm',
  ],
  [
    'JWT in any parameter and no-referrer-when-downgrade',
    { header: 'no-referrer-when-downgrade', at: `view?t=${JWT}` },
    'medium',
    'firm',
  ],
  [
    'session id in the path and unsafe-url',
    { header: 'unsafe-url', at: `cart;jsessionid=${TOKEN}` },
    'medium',
    'firm',
  ],
  [
    'token in the URL and an element asking for unsafe-url cross-origin',
    {
      header: 'strict-origin-when-cross-origin',
      at: `reset?token=${TOKEN}`,
      body: '<img src="https://cdn.example/p.gif" referrerpolicy="unsafe-url">',
    },
    'medium',
    'firm',
  ],
  [
    'token in the URL and no policy at all (browser default only)',
    { at: `reset?access_token=${TOKEN}` },
    'low',
    'tentative',
  ],
];

const quiet: Array<[string, Row]> = [
  ['no policy: browsers default to strict-origin-when-cross-origin', {}],
  ['strict-origin-when-cross-origin', { header: 'strict-origin-when-cross-origin' }],
  ['no-referrer', { header: 'no-referrer' }],
  ['same-origin', { header: 'same-origin' }],
  ['strict-origin', { header: 'strict-origin' }],
  ['origin', { header: 'origin' }],
  ['origin-when-cross-origin (only the origin leaves)', { header: 'origin-when-cross-origin' }],
  ['last valid token wins: unsafe-url, no-referrer', { header: 'unsafe-url, no-referrer' }],
  [
    'an unknown last token is skipped: no-referrer, unsafe-url-please',
    { header: 'no-referrer, unsafe-url-please' },
  ],
  [
    'meta no-referrer overrides an unsafe header',
    { header: 'unsafe-url', head: '<meta name="referrer" content="no-referrer">' },
  ],
  [
    'meta legacy keyword never overrides an unsafe header',
    { header: 'unsafe-url', head: '<meta name="referrer" content="never">' },
  ],
  [
    'an invalid meta leaves the safe header in force',
    { header: 'no-referrer', head: '<meta name="referrer" content="whatever">' },
  ],
  ['an empty meta changes nothing', { header: 'same-origin', head: '<meta name="referrer" content="">' }],
  [
    'token in the URL with a strict policy',
    { header: 'no-referrer', at: `reset?token=${TOKEN}`, body: offsite },
  ],
  [
    'token in the URL with meta no-referrer',
    { at: `reset?token=${TOKEN}`, head: '<meta name="referrer" content="no-referrer">' },
  ],
  [
    'element unsafe-url on a page whose URL carries nothing',
    {
      body: '<iframe src="https://maps.example/embed" referrerpolicy="no-referrer-when-downgrade"></iframe>',
    },
  ],
  [
    'token in the URL, element unsafe-url but rel=noreferrer',
    {
      header: 'same-origin',
      at: `reset?token=${TOKEN}`,
      body: '<a href="https://partner.example/" referrerpolicy="unsafe-url" rel="noreferrer">p</a>',
    },
  ],
  [
    'token in the URL, element unsafe-url to the same origin',
    {
      header: 'same-origin',
      at: `reset?token=${TOKEN}`,
      body: '<a href="/elsewhere" referrerpolicy="unsafe-url">p</a>',
    },
  ],
  [
    'short or word-like values under secret-sounding names',
    { at: 'list?key=title&code=US&token=abc&session=short' },
  ],
  ['JSON with unsafe-url is not a document', { header: 'unsafe-url', type: 'application/json' }],
  ['an error page with unsafe-url', { header: 'unsafe-url', status: 404 }],
];

const rows = new Map<string, Row>();
[...fires.map(([, row]) => row), ...quiet.map(([, row]) => row)].forEach((row, i) => {
  rows.set(`r${i}`, row);
});

let rowServer: TestServer;
let siteWide: TestServer;
beforeAll(async () => {
  rowServer = await serve((req, res) => {
    const key = new URL(req.url ?? '/', 'http://x').pathname.split('/')[1] ?? '';
    const row = rows.get(key);
    if (!row) {
      res.statusCode = 404;
      res.end('no');
      return;
    }
    res.statusCode = row.status ?? 200;
    res.setHeader('content-type', row.type ?? 'text/html; charset=utf-8');
    if (row.header !== undefined) res.setHeader('referrer-policy', row.header);
    res.end(row.type ? '{"ok":true}' : html(row.body ?? 'page', row.head ?? ''));
  });
  // The same leaky header on every page, and one page whose URL carries a token.
  const leaky = { 'content-type': 'text/html', 'referrer-policy': 'unsafe-url' };
  siteWide = await serve(
    pages({
      '/': {
        headers: leaky,
        body: html(`<a href="/a">a</a><a href="/b">b</a><a href="/reset?token=${TOKEN}">reset</a>`),
      },
      '/a': { headers: leaky, body: html('a') },
      '/b': { headers: leaky, body: html('b') },
      '/reset': { headers: leaky, body: html(offsite) },
    }),
  );
});
afterAll(async () => {
  await Promise.all([rowServer.close(), siteWide.close()]);
});

const rowUrl = (i: number, row: Row) => `${rowServer.origin}/r${i}/${row.at ?? ''}`;

describe('referrer-policy-missing', () => {
  it.each(fires.map(([name, row, severity, confidence], i) => [name, row, severity, confidence, i] as const))(
    'fires: %s',
    async (_, row, severity, confidence, i) => {
      const report = await scanWith(rowUrl(i, row), [check]);
      expect(report.findings.map((f) => [f.rule, f.severity, f.confidence])).toEqual([
        ['referrer-policy-missing', severity, confidence],
      ]);
    },
  );

  it.each(quiet.map(([name, row], i) => [name, row, i + fires.length] as const))(
    'quiet: %s',
    async (_, row, i) => {
      const report = await scanWith(rowUrl(i, row), [check]);
      expect(report.findings).toEqual([]);
    },
  );

  it('one low finding for the site and one medium for the page whose URL carries a token, masked', async () => {
    const report = await scanWith(siteWide.url, [check]);
    const found = report.findings.map((f) => [f.severity, f.url, f.instances]);
    expect(found).toEqual([
      ['medium', `${siteWide.origin}/reset?token=f3a9…`, 1],
      ['low', siteWide.origin, 3],
    ]);
    const medium = report.findings[0]!;
    expect(medium.evidence.request).toBe(`GET ${siteWide.origin}/reset?token=f3a9…`);
    expect(medium.evidence.headers).toEqual({ 'referrer-policy': 'unsafe-url' });
    expect(medium.evidence.detail).toContain('https://partner.example');
    expect(JSON.stringify(report.findings)).not.toContain(TOKEN);
  });
});

describe('referrer-policy-missing on a Flask app (test/fixtures/flask/headers.py)', () => {
  const flask = bothVariants((variant) => startFlask('headers', variant));

  it('vulnerable: medium on the reset page whose token would leak, low for the unsafe-url site', async () => {
    const report = await scanWith(flask.vulnerable.url, [check]);
    expect(report.findings.map((f) => [f.severity, f.url])).toEqual([
      [
        'medium',
        expect.stringMatching(new RegExp(`^${flask.vulnerable.origin}/reset\\?token=[0-9a-f]{4}…$`)),
      ],
      ['low', flask.vulnerable.origin],
    ]);
    expect(report.findings[0]!.evidence.detail).toContain('https://help.example');
  });

  it('fixed: a strict Referrer-Policy from after_request', async () => {
    expect((await scanWith(flask.fixed.url, [check])).findings).toEqual([]);
  });
});
