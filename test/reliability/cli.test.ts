/**
 * The CLI (`node dist/cli/main.js`, build first) against hostile targets: it ends within its budget,
 * its peak memory stays under 200 MB, it writes the report with notes of what it could not test,
 * and an interrupted scan still writes its partial report.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bomb,
  endlessChunked,
  expiredCert,
  type HostileServer,
  hostileServer,
  page,
  type RawHandler,
  respond,
  slowBody,
} from '../support/hostile.js';
import { runCli, startCli } from '../support/hostile-scan.js';
import { selfSignedCert } from '../support/https-server.js';

/** Peak resident memory of the whole CLI process, report writing included. */
const MEMORY_MB = 200;
/** Default body cap and concurrency; a budget and time limit that keep each run to seconds. */
const LIMITS = ['--budget', '60', '--max-time', '20', '--timeout', '3'];
const LINKS = `<!doctype html><title>t</title>${Array.from({ length: 30 }, (_, i) => `<a href="/p${i}">p</a>`).join(' ')}`;

/** What an unpaginated API answers: 60,000 user records, about 8 MB. */
const USERS = JSON.stringify(
  Array.from({ length: 60_000 }, (_, i) => ({ id: i, name: `user ${i}`, email: `user${i}@example.org` })),
);

function noise(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let x = 7;
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >> 16;
  }
  return out;
}

const heavy: Array<[string, () => RawHandler, RegExp]> = [
  [
    'gzip bombs',
    () => respond(200, { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' }, bomb('gzip', 1024)),
    /cut at 2 MiB/,
  ],
  [
    'brotli bombs',
    () => respond(200, { 'Content-Type': 'text/html', 'Content-Encoding': 'br' }, bomb('br', 1024)),
    /cut at 2 MiB/,
  ],
  ['endless chunked bodies', () => endlessChunked(), /cut at 2 MiB/],
  [
    'an 8 MB JSON listing of users',
    () => respond(200, { 'Content-Type': 'application/json' }, USERS),
    /cut at 2 MiB/,
  ],
  [
    '10 MB HTML pages',
    () => page(`<!doctype html><title>big</title>${'<p><a href="/x">x</a> lorem ipsum</p>'.repeat(300_000)}`),
    /cut at 2 MiB/,
  ],
  [
    '2 MiB of binary served as HTML',
    () => respond(200, { 'Content-Type': 'text/html' }, noise(2 * 1024 * 1024)),
    /./,
  ],
  [
    'deeply nested JSON',
    () => respond(200, { 'Content-Type': 'application/json' }, '['.repeat(2 * 1024 * 1024)),
    /cut at 2 MiB|./,
  ],
];

describe('memory and budget under hostile bodies (CLI)', () => {
  it.each(heavy)(`%s on every page: under ${MEMORY_MB} MB, report written`, async (_, hostile, note) => {
    const server = await hostileServer({ '/': page(LINKS), '*': hostile() });
    try {
      const run = await runCli(server.url, LIMITS);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.report?.stats.requests).toBeLessThanOrEqual(60);
      expect(run.report?.notes.join('\n')).toMatch(note);
      expect(run.peakRssMb).toBeGreaterThan(0);
      expect(run.peakRssMb).toBeLessThan(MEMORY_MB);
    } finally {
      await server.close();
    }
  });
});

describe('TLS and IPv6 (CLI)', () => {
  let selfSigned: HostileServer;
  let expired: HostileServer;
  let v6: HostileServer;
  let caFile: string;
  beforeAll(async () => {
    const site = { '/': page(LINKS) };
    const old = expiredCert();
    caFile = join(tmpdir(), `parapet-rel-ca-${process.pid}.pem`);
    writeFileSync(caFile, old.ca);
    selfSigned = await hostileServer(site, { tls: selfSignedCert() });
    expired = await hostileServer(site, { tls: old });
    v6 = await hostileServer(site, { host: '::1' });
  });
  afterAll(async () => {
    await Promise.all([selfSigned.close(), expired.close(), v6.close()]);
  });

  it('a self-signed certificate: one TLS error line and exit 2; --insecure scans it', async () => {
    const refused = await runCli(selfSigned.url, LIMITS);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^parapet: TLS failed for https:\/\/127\.0\.0\.1:\d+\/: .*--insecure.*\n$/,
    );
    expect(refused.report).toBeUndefined();
    const accepted = await runCli(selfSigned.url, [...LIMITS, '--insecure']);
    expect(accepted.code).toBe(0);
    expect(accepted.report?.config.insecure).toBe(true);
  });

  it('an expired certificate from a trusted CA: the error says it expired', async () => {
    const refused = await runCli(expired.url, LIMITS, { NODE_EXTRA_CA_CERTS: caFile });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^parapet: TLS failed for .*certificate has expired.*\n$/);
    const accepted = await runCli(expired.url, [...LIMITS, '--insecure'], { NODE_EXTRA_CA_CERTS: caFile });
    expect(accepted.code).toBe(0);
  });

  it('http://[::1]:port/', async () => {
    const run = await runCli(v6.url, LIMITS);
    expect(run.code).toBe(0);
    expect(run.report?.target).toBe(v6.url);
    expect(run.report?.coverage.pages).toBeGreaterThan(1);
  });
});

describe('interrupting a scan of a slow target (CLI)', () => {
  let slow: HostileServer;
  beforeAll(async () => {
    // The start page answers; every other page trickles a byte a second.
    slow = await hostileServer({ '/': page(LINKS), '*': slowBody(1_000) });
  });
  afterAll(() => slow.close());

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: the partial report is written, exit %i', async (signal, code) => {
    const before = slow.requests.length;
    const { child, done } = startCli(slow.url, ['--timeout', '60', '--max-time', '120']);
    // Once the crawl is waiting on the slow pages, interrupt.
    for (let i = 0; i < 400 && slow.requests.length < before + 5; i++)
      await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 300));
    child.kill(signal);
    const run = await done;
    expect(run.code).toBe(code);
    expect(run.report?.partial).toBe(true);
    expect(run.report?.notes.join('\n')).toMatch(/interrupted/);
    expect(run.stdout).toMatch(/partial · report written to/);
    expect(run.peakRssMb).toBeLessThan(MEMORY_MB);
  });
});
