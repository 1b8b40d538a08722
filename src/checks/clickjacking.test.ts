import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlask } from '../../test/support/flask.js';
import { html, type Page, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import type { Severity } from '../types.js';
import clickjacking from './clickjacking.js';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const doc = (headers: Record<string, string | string[]> = {}, body = html('<p>hello</p>')): Page => ({
  headers: { ...HTML, ...headers },
  body,
});
const FORM = html('<form method="post" action="/pay"><input name="amount"></form>');

// [case, page, expected severity]
const fires: Array<[string, Page, Severity]> = [
  ['no framing headers', doc(), 'medium'],
  ['a form makes it high', doc({}, FORM), 'high'],
  ['a button alone makes it high', doc({}, html('<button onclick="go()">Delete account</button>')), 'high'],
  ['a session cookie makes it high', doc({ 'set-cookie': 'sessionid=abc123; HttpOnly; Path=/' }), 'high'],
  ['X-Frame-Options ALLOW-FROM', doc({ 'x-frame-options': 'ALLOW-FROM https://partner.test' }), 'medium'],
  ['X-Frame-Options ALLOWALL', doc({ 'x-frame-options': 'ALLOWALL' }), 'medium'],
  ['X-Frame-Options misspelt SAME-ORIGIN', doc({ 'x-frame-options': 'SAME-ORIGIN' }), 'medium'],
  ['X-Frame-Options empty', doc({ 'x-frame-options': '' }), 'medium'],
  [
    'frame-ancestors * beats X-Frame-Options DENY',
    doc({ 'content-security-policy': 'frame-ancestors *', 'x-frame-options': 'DENY' }),
    'medium',
  ],
  [
    'frame-ancestors https: allows any https attacker',
    doc({ 'content-security-policy': "frame-ancestors 'self' https:" }),
    'medium',
  ],
  [
    'duplicate frame-ancestors: the first (*) wins',
    doc({ 'content-security-policy': "frame-ancestors *; frame-ancestors 'none'" }),
    'medium',
  ],
  [
    'CSP Report-Only does not protect',
    doc({ 'content-security-policy-report-only': "frame-ancestors 'none'" }),
    'medium',
  ],
  [
    'frame-ancestors in <meta> does not protect',
    doc({}, html('<p>x</p>', `<meta http-equiv="Content-Security-Policy" content="frame-ancestors 'none'">`)),
    'medium',
  ],
  [
    'X-Frame-Options in <meta> does not protect',
    doc({}, html('<p>x</p>', '<meta http-equiv="X-Frame-Options" content="DENY">')),
    'medium',
  ],
  [
    'CSP without frame-ancestors and no XFO',
    doc({ 'content-security-policy': "default-src 'self'" }),
    'medium',
  ],
  ['HTML served without a content type (sniffed)', { headers: {}, body: html('<p>sniffed</p>') }, 'medium'],
  ['XHTML document', doc({ 'content-type': 'application/xhtml+xml' }), 'medium'],
  ['201 Created page', { ...doc(), status: 201 }, 'medium'],
];

const quiet: Array<[string, Page]> = [
  ['X-Frame-Options DENY', doc({ 'x-frame-options': 'DENY' }, FORM)],
  ['X-Frame-Options sameorigin (any case)', doc({ 'x-frame-options': 'sameorigin' }, FORM)],
  ['X-Frame-Options "SAMEORIGIN, SAMEORIGIN"', doc({ 'x-frame-options': 'SAMEORIGIN, SAMEORIGIN' })],
  ['several distinct X-Frame-Options values incl. deny', doc({ 'x-frame-options': ['DENY', 'SAMEORIGIN'] })],
  ["frame-ancestors 'none'", doc({ 'content-security-policy': "frame-ancestors 'none'" }, FORM)],
  [
    "frame-ancestors 'self'",
    doc({ 'content-security-policy': "default-src 'self'; frame-ancestors 'self'" }),
  ],
  [
    'frame-ancestors names partner hosts only',
    doc({ 'content-security-policy': 'frame-ancestors https://partner.example *.example.com' }),
  ],
  [
    "frame-ancestors 'none' beats X-Frame-Options ALLOWALL",
    doc({ 'content-security-policy': "frame-ancestors 'none'", 'x-frame-options': 'ALLOWALL' }),
  ],
  [
    'second CSP header blocks',
    doc({ 'content-security-policy': ['frame-ancestors *', "frame-ancestors 'self'"] }),
  ],
  [
    'report-only * does not switch X-Frame-Options off',
    doc({ 'content-security-policy-report-only': 'frame-ancestors *', 'x-frame-options': 'DENY' }),
  ],
  ['JSON is not a document', { headers: { 'content-type': 'application/json' }, body: '{"ok":true}' }],
  ['image', { headers: { 'content-type': 'image/png' }, body: 'PNG' }],
  ['script', { headers: { 'content-type': 'text/javascript' }, body: 'var a = 1;' }],
  ['stylesheet', { headers: { 'content-type': 'text/css' }, body: 'p{}' }],
  ['plain text', { headers: { 'content-type': 'text/plain' }, body: 'hello' }],
  [
    'redirect with an HTML body',
    { status: 302, headers: { ...HTML, location: 'http://outside.invalid/' }, body: html('moved') },
  ],
  ['404 error page', { ...doc({}, FORM), status: 404 }],
  ['500 error page', { ...doc({}, FORM), status: 500 }],
  ['401 login wall', { ...doc({}, FORM), status: 401 }],
  ['204 No Content', { status: 204, headers: HTML }],
  [
    'HTML download (Content-Disposition: attachment)',
    doc({ 'content-disposition': 'attachment; filename="report.html"' }),
  ],
  ['empty HTML body', doc({}, '')],
];

const table: Record<string, Page> = {};
[...fires, ...quiet].forEach(([, page], i) => {
  table[`/case/${i}`] = page;
});
table['/list'] = doc({}, html('<a href="/items/1">1</a><a href="/items/2">2</a><a href="/items/3">3</a>'));
for (const id of [1, 2, 3]) table[`/items/${id}`] = doc({}, html(`<p>item ${id}</p>`));
table['/api/'] = { headers: { 'content-type': 'application/json' }, body: '{"users":"/api/users"}' };
table['/api/users'] = { headers: { 'content-type': 'application/json' }, body: '[]' };

let site: TestServer;
beforeAll(async () => {
  site = await serve(pages(table));
});
afterAll(() => site.close());

const findingsAt = async (path: string) => (await scanWith(`${site.origin}${path}`, [clickjacking])).findings;

describe('clickjacking', () => {
  it.each(fires.map(([name, , severity], i) => [name, i, severity] as const))(
    'fires: %s',
    async (_, i, severity) => {
      const findings = await findingsAt(`/case/${i}`);
      expect(findings.map((f) => [f.rule, f.severity, f.confidence, new URL(f.url).pathname])).toEqual([
        ['clickjacking', severity, 'firm', `/case/${i}`],
      ]);
    },
  );

  it.each(quiet.map(([name], i) => [name, fires.length + i] as const))('quiet: %s', async (_, i) => {
    expect(await findingsAt(`/case/${i}`)).toEqual([]);
  });

  it('quotes the framing headers and the reason', async () => {
    const i = fires.findIndex(([name]) => name.startsWith('frame-ancestors * beats'));
    const [finding] = await findingsAt(`/case/${i}`);
    expect(finding?.evidence.headers).toEqual({
      'x-frame-options': 'DENY',
      'content-security-policy': 'frame-ancestors *',
    });
    expect(finding?.evidence.detail).toContain('lets any origin frame the page');
    expect(finding?.evidence.detail).toContain('X-Frame-Options (DENY) is ignored');
    expect(finding?.description).toContain('invisible frame');
    expect(finding?.remediation.text).toContain("frame-ancestors 'none'");
  });

  it('reports one finding per URL pattern', async () => {
    const findings = await findingsAt('/list');
    expect(findings.map((f) => [new URL(f.url.replace(/[{}]/g, '')).pathname, f.instances]).sort()).toEqual([
      ['/items/id', 3],
      ['/list', 1],
    ]);
  });

  it("does not report the scan's own not-found probe on a catch-all site", async () => {
    const spa = await serve((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(html('<div id="app"></div>'));
    });
    try {
      const report = await scanWith(spa.url, [clickjacking]);
      expect(report.findings.map((f) => new URL(f.url).pathname)).toEqual(['/']);
    } finally {
      await spa.close();
    }
  });

  it('leaves a JSON API alone with at most one note', async () => {
    const report = await scanWith(`${site.origin}/api/`, [clickjacking]);
    expect(report.findings).toEqual([]);
    expect(report.notes.filter((n) => n.startsWith('clickjacking:'))).toHaveLength(1);
  });
});

describe('clickjacking on a Flask app', () => {
  const scanFlask = async (variant: 'vulnerable' | 'fixed') => {
    const app = await startFlask('framing', variant);
    try {
      return await scanWith(app.url, [clickjacking]);
    } finally {
      await app.close();
    }
  };

  it('fires on the vulnerable variant (high: forms and a session cookie), not on JSON or the redirect', async () => {
    const report = await scanFlask('vulnerable');
    expect(report.findings.map((f) => [new URL(f.url).pathname, f.severity]).sort()).toEqual([
      ['/', 'high'],
      ['/account', 'high'],
    ]);
  });

  it('is quiet on the fixed variant', async () => {
    const report = await scanFlask('fixed');
    expect(report.findings).toEqual([]);
    expect(report.coverage.pages).toBeGreaterThanOrEqual(3);
  });
});
