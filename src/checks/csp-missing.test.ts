import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlask } from '../../test/support/flask.js';
import { html, type Page, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import type { Confidence, Severity } from '../types.js';
import cspMissing from './csp-missing.js';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const CSP = 'content-security-policy';
const doc = (headers: Record<string, string | string[]> = {}, body = html('<p>hello</p>')): Page => ({
  headers: { ...HTML, ...headers },
  body,
});
const FORM = html('<form method="post" action="/pay"><input name="amount"><button>Pay</button></form>');
const metaCsp = (content: string, body = '<p>x</p>') =>
  html(body, `<meta http-equiv="Content-Security-Policy" content="${content}">`);

// [case, page, severity, confidence, a phrase the detail must hold]
const fires: Array<[string, Page, Severity, Confidence, string]> = [
  ['no CSP at all', doc(), 'low', 'firm', 'No enforced Content-Security-Policy'],
  ['no CSP on a page with a form', doc({}, FORM), 'medium', 'firm', 'No enforced'],
  [
    "script-src 'unsafe-inline'",
    doc({ [CSP]: "script-src 'self' 'unsafe-inline'" }),
    'low',
    'firm',
    "'unsafe-inline'",
  ],
  [
    "default-src 'unsafe-inline' without script-src",
    doc({ [CSP]: "default-src 'self' 'unsafe-inline'; img-src *" }),
    'low',
    'firm',
    'default-src',
  ],
  [
    "script-src 'unsafe-inline' overrides a strict default-src",
    doc({ [CSP]: "default-src 'none'; script-src 'unsafe-inline'" }),
    'low',
    'firm',
    'script-src',
  ],
  [
    'CSP with only frame-ancestors',
    doc({ [CSP]: "frame-ancestors 'none'" }),
    'low',
    'firm',
    'does not restrict scripts',
  ],
  [
    'report-only CSP only',
    doc({ 'content-security-policy-report-only': "script-src 'self'" }),
    'low',
    'firm',
    'Report-Only header is present',
  ],
  ['meta CSP only (strict)', doc({}, metaCsp("script-src 'self'")), 'low', 'tentative', '<meta> element'],
  [
    "meta CSP only, with 'unsafe-inline'",
    doc({}, metaCsp("script-src 'unsafe-inline'")),
    'low',
    'firm',
    'The <meta> policy allows inline',
  ],
  ['empty CSP header', doc({ [CSP]: '' }), 'low', 'firm', 'No enforced'],
];

const quiet: Array<[string, Page]> = [
  ["script-src 'self'", doc({ [CSP]: "script-src 'self'" }, FORM)],
  ["default-src 'self' (fallback for scripts)", doc({ [CSP]: "default-src 'self'" }, FORM)],
  ["'unsafe-inline' neutralised by a nonce", doc({ [CSP]: "script-src 'nonce-r4nd0m' 'unsafe-inline'" })],
  [
    "'unsafe-inline' neutralised by a hash",
    doc({ [CSP]: "script-src 'sha256-B2yPHKaXnvFWtRChIbabYmUBFZdVfKKXHbWtWidDVF8=' 'unsafe-inline'" }),
  ],
  [
    "'unsafe-inline' neutralised by 'strict-dynamic'",
    doc({ [CSP]: "script-src 'strict-dynamic' 'nonce-abc' 'unsafe-inline' https:" }),
  ],
  [
    'second enforced policy blocks inline',
    doc({ [CSP]: ["script-src 'unsafe-inline'", "script-src 'self'"] }),
  ],
  ['two policies in one header', doc({ [CSP]: "frame-ancestors 'none', default-src 'self'" })],
  ['upper-case directive names', doc({ [CSP]: "SCRIPT-SRC 'SELF'" })],
  ['JSON', { headers: { 'content-type': 'application/json' }, body: '{}' }],
  [
    'redirect',
    { status: 302, headers: { ...HTML, location: 'http://outside.invalid/' }, body: html('moved') },
  ],
  ['error page', { ...doc({}, FORM), status: 500 }],
  ['HTML download', doc({ 'content-disposition': 'attachment; filename=a.html' })],
];

const table: Record<string, Page> = {};
[...fires, ...quiet].forEach(([, page], i) => {
  table[`/case/${i}`] = page;
});

let site: TestServer;
beforeAll(async () => {
  site = await serve(pages(table));
});
afterAll(() => site.close());

const findingsAt = async (path: string) => (await scanWith(`${site.origin}${path}`, [cspMissing])).findings;

describe('csp-missing', () => {
  it.each(fires.map(([name, , sev, conf, phrase], i) => [name, i, sev, conf, phrase] as const))(
    'fires: %s',
    async (_, i, severity, confidence, phrase) => {
      const findings = await findingsAt(`/case/${i}`);
      expect(findings.map((f) => [f.rule, f.severity, f.confidence, new URL(f.url).pathname])).toEqual([
        ['csp-missing', severity, confidence, `/case/${i}`],
      ]);
      expect(findings[0]!.evidence.detail).toContain(phrase);
    },
  );

  it.each(quiet.map(([name], i) => [name, fires.length + i] as const))('quiet: %s', async (_, i) => {
    expect(await findingsAt(`/case/${i}`)).toEqual([]);
  });

  it('quotes the policy it judged', async () => {
    const [finding] = await findingsAt('/case/2');
    expect(finding?.evidence.headers).toEqual({ [CSP]: "script-src 'self' 'unsafe-inline'" });
  });
});

describe('csp-missing on a Flask app', () => {
  const scanFlask = async (variant: 'vulnerable' | 'fixed') => {
    const app = await startFlask('framing', variant);
    try {
      return await scanWith(app.url, [cspMissing]);
    } finally {
      await app.close();
    }
  };

  it('fires on the vulnerable variant (medium: pages with forms)', async () => {
    const report = await scanFlask('vulnerable');
    expect(report.findings.map((f) => [new URL(f.url).pathname, f.severity]).sort()).toEqual([
      ['/', 'medium'],
      ['/account', 'medium'],
    ]);
  });

  it('is quiet on the fixed variant', async () => {
    expect((await scanFlask('fixed')).findings).toEqual([]);
  });
});
