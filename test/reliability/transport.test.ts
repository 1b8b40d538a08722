/** IPv6 loopback targets and TLS with a self-signed or an expired certificate. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isParapetError } from '../../src/errors.js';
import { expiredCert, type HostileServer, hostileServer, page } from '../support/hostile.js';
import { scanHostile } from '../support/hostile-scan.js';
import { selfSignedCert } from '../support/https-server.js';

const SITE = {
  '/': page(
    '<!doctype html><title>t</title><a href="/a">a</a><form method="post"><button>go</button></form>',
  ),
  '/a': page('<!doctype html><title>a</title>'),
};

describe('IPv6 loopback', () => {
  let server: HostileServer;
  beforeAll(async () => {
    server = await hostileServer(SITE, { host: '::1' });
  });
  afterAll(() => server.close());

  it('http://[::1]:port/ is crawled and judged like 127.0.0.1', async () => {
    expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+\/$/);
    const report = await scanHostile(server.url);
    expect(report.coverage.pages).toBeGreaterThan(1);
    const rules = report.findings.map((f) => `${f.rule}:${f.severity}`);
    expect(rules).toContain('clickjacking:high');
    // Loopback: transport findings are for information only.
    expect(rules).toContain('tls-missing:info');
  });
});

describe('TLS', () => {
  let selfSigned: HostileServer;
  let expired: HostileServer;
  beforeAll(async () => {
    selfSigned = await hostileServer(SITE, { tls: selfSignedCert() });
    expired = await hostileServer(SITE, { tls: expiredCert() });
  });
  afterAll(async () => {
    await selfSigned.close();
    await expired.close();
  });

  it.each([
    ['a self-signed', () => selfSigned],
    ['an expired', () => expired],
  ])('%s certificate: insecure scans it, otherwise one TLS error', async (_, server) => {
    const report = await scanHostile(server().url, { insecure: true });
    expect(report.coverage.pages).toBeGreaterThan(1);
    await expect(scanHostile(server().url)).rejects.toSatisfy(
      (err) =>
        isParapetError(err, 'PARAPET_TLS') &&
        /--insecure/.test((err as Error).message) &&
        !(err as Error).message.includes('\n'),
    );
  });
});
