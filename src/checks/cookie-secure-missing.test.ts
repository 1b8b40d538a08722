import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Handler,
  html,
  type Page,
  pages,
  serve,
  type TestServer,
} from '../../test/support/http-server.js';
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

/** The same pages over TLS, with a throw-away self-signed certificate for 127.0.0.1. */
async function serveTls(handler: Handler): Promise<{ origin: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-tls-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
    ].concat([
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ]),
    { stdio: 'ignore' },
  );
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    void handler(req, res);
  });
  rmSync(dir, { recursive: true, force: true });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let tls: { origin: string; close(): Promise<void> };
let plain: TestServer;
beforeAll(async () => {
  tls = await serveTls(pages(table));
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
