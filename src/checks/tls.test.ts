import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html, type Page, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { serveHttps } from '../../test/support/https-server.js';
import { scanWith } from '../../test/support/scan.js';
import type { ScanConfigInput } from '../config/schema.js';
import tls from './tls.js';

const STS = 'strict-transport-security';
const doc = (headers: Record<string, string | string[]> = {}): Page => ({
  headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
  body: html('<p>hello</p>'),
});

/** https start documents, by path, with the Strict-Transport-Security they send. */
const hstsFires: Array<[string, string | string[] | undefined]> = [
  ['no header', undefined],
  ['max-age=0 (removes the policy)', 'max-age=0'],
  ['max-age missing', 'includeSubDomains'],
  ['duplicate directive', 'max-age=31536000; max-age=31536000'],
  ['max-age not a number', 'max-age=1y'],
  ['negative max-age', 'max-age=-1'],
  ['unterminated quoted value', 'max-age="31536000'],
  ['only the first of two headers counts', ['max-age=0', 'max-age=31536000']],
];
const hstsQuiet: Array<[string, string]> = [
  ['a year with includeSubDomains and preload', 'max-age=31536000; includeSubDomains; preload'],
  ['a quoted max-age', 'max-age="31536000"'],
  ['case and whitespace', ' MAX-AGE = 600 ;includesubdomains; '],
  ['an unknown directive', 'max-age=600; report-uri="https://r.example.test/"'],
];
const hstsPath = (name: string) => `/hsts/${encodeURIComponent(name)}`;

let secure: TestServer;
let plain: TestServer;
beforeAll(async () => {
  const table: Record<string, Page> = {};
  for (const [name, value] of [...hstsFires, ...hstsQuiet])
    table[hstsPath(name)] = doc(value ? { [STS]: value } : {});
  secure = await serveHttps(pages(table));
  plain = await serve(
    pages({
      '/plain': doc({ [STS]: 'max-age=31536000' }),
      '/to-https': { status: 301, headers: { location: `${secure.origin}${hstsPath('no header')}` } },
      '/to-https-in-scope': {
        status: 301,
        headers: { location: `${secure.origin}${hstsPath('no header')}` },
      },
      '/upgrade-on-request': (req: IncomingMessage) =>
        req.headers['upgrade-insecure-requests'] === '1'
          ? { status: 307, headers: { location: `${secure.origin}/`, vary: 'Upgrade-Insecure-Requests' } }
          : doc(),
      '/meta-refresh': { body: html('', `<meta http-equiv="refresh" content="0; url='${secure.origin}/'">`) },
      '/elsewhere': { status: 302, headers: { location: 'http://127.0.0.2:9/' } },
    }),
  );
});
afterAll(async () => {
  await Promise.all([secure?.close(), plain?.close()]);
});

/** `rule:severity` pairs a scan reports, sorted. */
async function summary(url: string, config: Partial<ScanConfigInput> = {}): Promise<string[]> {
  const report = await scanWith(url, [tls], { insecure: true, ...config });
  return report.findings.map((f) => `${f.rule}:${f.severity}`).sort();
}

describe('tls: hsts-missing on https', () => {
  // The test server is 127.0.0.1: loopback hosts get info-level transport findings.
  it.each(hstsFires)('fires: %s', async (name) => {
    expect(await summary(`${secure.origin}${hstsPath(name)}`)).toEqual(['hsts-missing:info']);
  });

  it.each(hstsQuiet)('quiet: %s', async (name) => {
    expect(await summary(`${secure.origin}${hstsPath(name)}`)).toEqual([]);
  });

  it('says why the policy is not valid', async () => {
    const report = await scanWith(`${secure.origin}${hstsPath('duplicate directive')}`, [tls], {
      insecure: true,
    });
    expect(report.findings[0]!.evidence.detail).toContain('max-age appears more than once');
    expect(report.findings[0]!.evidence.headers).toEqual({ [STS]: 'max-age=31536000; max-age=31536000' });
  });
});

describe('tls: tls-missing on plain http', () => {
  it('fires at info, not high, for a loopback host; no hsts-missing on plain http', async () => {
    const before = plain.requests.length;
    const report = await scanWith(`${plain.origin}/plain`, [tls]);
    expect(report.findings.map((f) => [f.rule, f.severity, f.confidence])).toEqual([
      ['tls-missing', 'info', 'confirmed'],
    ]);
    // The second request asked for an upgrade the way a browser does.
    const sent = plain.requests.slice(before).filter((r) => r.url === '/plain');
    expect(sent.map((r) => r.headers['upgrade-insecure-requests'])).toEqual([undefined, '1']);
  });

  const quiet: Array<[string, string, Partial<ScanConfigInput>?]> = [
    ['a redirect to https only when the browser asks for an upgrade', '/upgrade-on-request'],
    ['a meta refresh to https', '/meta-refresh'],
  ];
  it.each(quiet)('quiet: %s', async (_, path) => {
    expect(await summary(`${plain.origin}${path}`)).toEqual([]);
  });

  it("follows the same host's upgrade to https and judges HSTS there instead", async () => {
    // Discovery adds https://<same host> to the scope when the start URL redirects there.
    expect(await summary(`${plain.origin}/to-https`)).toEqual(['hsts-missing:info']);
  });

  it('judges HSTS on the https page an in-scope redirect leads to', async () => {
    expect(await summary(`${plain.origin}/to-https-in-scope`, { scope: [secure.origin] })).toEqual([
      'hsts-missing:info',
    ]);
  });

  it('notes a redirect to another http origin instead of guessing', async () => {
    const report = await scanWith(`${plain.origin}/elsewhere`, [tls]);
    expect(report.findings).toEqual([]);
    expect(report.notes.some((n) => n.startsWith('tls: ') && n.includes('http://127.0.0.2:9/'))).toBe(true);
  });
});
