import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html, type Page, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { serveHttps } from '../../test/support/https-server.js';
import { rulesFor, scanWith } from '../../test/support/scan.js';
import check from './cookie-secure-missing.js';

const FLASK = 'eyJ1aWQiOiIzZjJhOWMifQ.awRb9A.KAc75ej8XgwNfreYbPc1IwhWGyE';
const HEX = '08aa331967097f8b6e84d7050ed60878';
const RANDOM = 'u4QS2Zpo15MI3_blfUYtNbEGMhyHJaw-';

const fires: Array<[string, string]> = [
  ['Flask session over https without Secure', `session=${FLASK}; HttpOnly; SameSite=Lax; Path=/`],
  [
    'ASP.NET Core auth cookie without Secure',
    `.AspNetCore.Cookies=CfDJ8${RANDOM}; path=/; samesite=lax; httponly`,
  ],
];
const quiet: Array<[string, string]> = [
  ['session with Secure', `session=${FLASK}; Secure; HttpOnly; SameSite=Lax; Path=/`],
  ['__Host- cookie without Secure (browsers refuse to store it)', `__Host-sid=${HEX}; Path=/`],
  ['preference cookie', 'theme=dark; Path=/'],
  ['anti-CSRF cookie', `XSRF-TOKEN=${RANDOM}; Path=/`],
];

const cases = new Map([...fires, ...quiet].map(([name, cookie], i) => [name, { path: `/c/${i}/`, cookie }]));
const table: Record<string, Page> = {};
for (const { path, cookie } of cases.values()) {
  table[path] = {
    headers: { 'content-type': 'text/html', 'set-cookie': cookie },
    body: html('<p>hello</p>'),
  };
}

let tls: TestServer;
let plain: TestServer;
beforeAll(async () => {
  tls = await serveHttps(pages(table));
  plain = await serve(pages(table));
});
afterAll(async () => {
  await tls.close();
  await plain.close();
});
const httpsUrl = (name: string) => tls.origin + cases.get(name)!.path;

describe('cookie-secure-missing', () => {
  it.each(fires)('fires: %s', async (name) => {
    expect(await rulesFor(httpsUrl(name), [check], { insecure: true })).toEqual(['cookie-secure-missing']);
  });
  it.each(quiet)('quiet: %s', async (name) => {
    expect(await rulesFor(httpsUrl(name), [check], { insecure: true })).toEqual([]);
  });
  it('quiet: the same cookie on a plain-http target (that is tls-missing, not this rule)', async () => {
    const name = 'Flask session over https without Secure';
    expect(await rulesFor(plain.origin + cases.get(name)!.path, [check])).toEqual([]);
  });

  it('quotes the Set-Cookie header with the value masked', async () => {
    const report = await scanWith(httpsUrl('Flask session over https without Secure'), [check], {
      insecure: true,
    });
    expect(report.findings[0]).toMatchObject({ severity: 'low', confidence: 'firm', category: 'transport' });
    expect(report.findings[0]!.evidence.excerpt).toBe(
      'Set-Cookie: session=eyJ1…; HttpOnly; SameSite=Lax; Path=/',
    );
  });
});
