/** Broken, duplicated, conflicting and enormous header blocks, and HTTP/1.0 servers. */
import { describe, expect, it } from 'vitest';
import { isParapetError } from '../../src/errors.js';
import type { Report } from '../../src/report/report.js';
import { head, hostileServer, http10, page, type RawHandler, raw, respond } from '../support/hostile.js';
import { notesOf, scanHostile } from '../support/hostile-scan.js';

const DOC = '<!doctype html><title>t</title><form method="post" action="/f"><button>go</button></form>';
const LINKS = `${DOC}<a href="/a">a</a> <a href="/b">b</a>`;
const rulesOf = (r: Report) => [...new Set(r.findings.map((f) => f.rule))].sort();

/** Headers one every 10 ms, without end (bounded by the server at 100 000). */
const endlessHeaders: RawHandler = (conn) => {
  conn.write('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n');
  let n = 0;
  conn.every(1, () => conn.write(`X-Filler-${n}: ${'a'.repeat(200)}\r\n`) && ++n < 100_000);
};

const broken: Array<[string, RawHandler]> = [
  [
    'a control byte in a header name',
    raw(`${head(200, { 'X-Bad\u0001Name': 'x', 'Content-Length': '2' })}ok`),
  ],
  ['a NUL byte in a header value', raw(`${head(200, { 'X-Bad': 'a\u0000b', 'Content-Length': '2' })}ok`)],
  [
    'a header line without a colon',
    raw('HTTP/1.1 200 OK\r\nthis is not a header\r\nContent-Length: 2\r\n\r\nok'),
  ],
  ['a garbage status line', raw('HTTQ/9.9 two hundred\r\n\r\nok')],
  [
    'two different Content-Lengths',
    raw(
      `${head(200, [
        ['Content-Length', '2'],
        ['Content-Length', '5'],
      ])}ok`,
    ),
  ],
  [
    'one header of 100 KiB',
    raw(`${head(200, { 'X-Huge': 'a'.repeat(100 * 1024), 'Content-Length': '2' })}ok`),
  ],
  [
    '10 000 small headers',
    raw(
      `${head(
        200,
        Array.from({ length: 10_000 }, (_, i) => [`X-H${i}`, 'v'] as [string, string]),
      )}ok`,
    ),
  ],
  ['a header block that never ends', endlessHeaders],
];

describe('broken header blocks behind a working start page', () => {
  it.each(broken)('%s: noted as invalid HTTP', async (_, hostile) => {
    const server = await hostileServer({ '/': page(LINKS), '*': hostile });
    try {
      const report = await scanHostile(server.url);
      expect(notesOf(report)).toMatch(/failed \(invalid HTTP\)/);
    } finally {
      await server.close();
    }
  });

  it('an invalid start page is one clear protocol error', async () => {
    const server = await hostileServer({ '*': broken[0]![1] });
    try {
      await expect(scanHostile(server.url)).rejects.toSatisfy(
        (err) => isParapetError(err, 'PARAPET_PROTOCOL') && !String((err as Error).message).includes('\n'),
      );
    } finally {
      await server.close();
    }
  });
});

describe('duplicate and conflicting headers', () => {
  const scanOf = async (headers: Array<[string, string]>, body = DOC) => {
    const server = await hostileServer({ '*': respond(200, headers, body) });
    try {
      return await scanHostile(server.url);
    } finally {
      await server.close();
    }
  };

  it('Content-Type twice with the same value: still an HTML page', async () => {
    const report = await scanOf([
      ['Content-Type', 'text/html'],
      ['Content-Type', 'text/html; charset=utf-8'],
    ]);
    expect(rulesOf(report)).toContain('clickjacking');
  });

  it('HTML then JSON Content-Type: the last one counts, as in browsers (no page findings)', async () => {
    const report = await scanOf([
      ['Content-Type', 'text/html'],
      ['Content-Type', 'application/json'],
    ]);
    expect(rulesOf(report)).not.toContain('clickjacking');
  });

  it("two CSPs: the one with frame-ancestors 'none' protects, whatever the other says", async () => {
    const report = await scanOf([
      ['Content-Type', 'text/html'],
      ['Content-Security-Policy', 'default-src *'],
      ['Content-Security-Policy', "frame-ancestors 'none'"],
    ]);
    expect(rulesOf(report)).not.toContain('clickjacking');
  });

  it('X-Frame-Options DENY and SAMEORIGIN: several distinct values refuse every frame', async () => {
    const report = await scanOf([
      ['Content-Type', 'text/html'],
      ['X-Frame-Options', 'DENY'],
      ['X-Frame-Options', 'SAMEORIGIN'],
    ]);
    expect(rulesOf(report)).not.toContain('clickjacking');
  });

  it('two Set-Cookie headers: both judged', async () => {
    const report = await scanOf([
      ['Content-Type', 'text/html'],
      ['Set-Cookie', 'sessionid=0123456789abcdefABCDEF01; Path=/'],
      ['Set-Cookie', 'auth_token=ZYXWVUT9876543210zyxwvu; Path=/; HttpOnly'],
    ]);
    const httponly = report.findings.filter((f) => f.rule === 'cookie-httponly-missing');
    expect(httponly.map((f) => f.evidence.detail).join(' ')).toContain('sessionid');
    expect(httponly.map((f) => f.evidence.detail).join(' ')).not.toContain('auth_token');
  });
});

describe('HTTP/1.0 servers', () => {
  it('no keep-alive and close-delimited bodies: scanned like any other', async () => {
    const server = await hostileServer({
      '/': http10(LINKS),
      '*': http10('<!doctype html><title>x</title><p>x</p>'),
    });
    try {
      const report = await scanHostile(server.url);
      expect(report.coverage.pages).toBeGreaterThan(2);
      expect(rulesOf(report)).toContain('clickjacking');
      expect(notesOf(report)).not.toMatch(/failed|cut short/);
    } finally {
      await server.close();
    }
  });
});
