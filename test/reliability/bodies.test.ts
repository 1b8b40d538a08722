/** Bodies built to exhaust memory or time: endless, lying about their length, compressed bombs, huge or deep. */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bomb,
  endlessChunked,
  type HostileServer,
  hostileServer,
  lengthLie,
  page,
  type RawHandler,
  respond,
} from '../support/hostile.js';
import { notesOf, scanHostile } from '../support/hostile-scan.js';

const KIB = 1024;
const MIB = 1024 * KIB;
const CAP = 512 * KIB;
const LINKS =
  '<!doctype html><title>t</title><a href="/a">a</a> <a href="/b">b</a> <a href="/api/items">c</a>';

/** The hostile answer at every path but the start page (which links to some of them). */
function everywhere(hostile: RawHandler): Record<string, RawHandler> {
  return { '/': page(LINKS), '*': hostile };
}

const encoded = (coding: string, body: Buffer, type = 'text/html'): RawHandler =>
  respond(200, { 'Content-Type': type, 'Content-Encoding': coding }, body);

/** A body whose Content-Length claims `claimed` bytes while the bomb that follows is much longer. */
const shortClaim =
  (claimed: number, body: Buffer): RawHandler =>
  (conn) => {
    conn.write(
      `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: ${claimed}\r\n\r\n`,
    );
    conn.write(body);
    conn.keepAlive();
  };

function deepJson(levels: number): string {
  return `${'{"a":['.repeat(levels)}"/deep"${']}'.repeat(levels)}`;
}

/** About 10 MB of HTML: a form and 230 000 links and paragraphs. */
function tenMegabytes(): string {
  return `<!doctype html><title>big</title><form method="post" action="/f"><input name="q"></form>${'<div><a href="/x?i=1">x</a> lorem ipsum</div>'.repeat(230_000)}`;
}

function binary(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let x = 12345;
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >> 16;
  }
  return out;
}

interface Row {
  name: string;
  routes: () => Record<string, RawHandler>;
  /** What the report's notes must say (undefined: nothing in particular). */
  note?: RegExp;
  maxBodyBytes?: number;
}

const rows: Row[] = [
  {
    name: 'an endless chunked body',
    routes: () => everywhere(endlessChunked()),
    note: /cut at 512 KiB \(--max-body\)/,
  },
  {
    name: 'Content-Length larger than the body (connection closes early)',
    routes: () => everywhere(lengthLie(100_000, 2_000)),
    note: /cut short \(connection reset or closed\)/,
  },
  {
    name: 'Content-Length smaller than the body (garbage where the next response should be)',
    routes: () => everywhere(lengthLie(100, 5_000)),
  },
  {
    name: 'a gzip bomb (1 GiB from 1 MiB)',
    routes: () => everywhere(encoded('gzip', bomb('gzip', 1024))),
    note: /cut at 512 KiB/,
  },
  {
    name: 'a deflate bomb',
    routes: () => everywhere(encoded('deflate', bomb('deflate', 64))),
    note: /cut at 512 KiB/,
  },
  {
    name: 'a brotli bomb (64 MiB from about 100 bytes)',
    routes: () => everywhere(encoded('br', bomb('br', 64))),
    note: /cut at 512 KiB/,
  },
  {
    name: 'a gzip bomb in a body that claims a small Content-Length',
    routes: () => everywhere(shortClaim(4_000, bomb('gzip', 64))),
  },
  {
    name: 'stacked codings (gzip, gzip) over a bomb',
    routes: () => everywhere(encoded('gzip, gzip', gzipSync(bomb('gzip', 64)))),
    note: /not decoded \(invalid framing or content encoding\)/,
  },
  {
    name: 'a double-gzipped bomb that declares one gzip',
    routes: () => everywhere(encoded('gzip', gzipSync(bomb('gzip', 64)))),
  },
  {
    name: 'brotli declared over a gzip bomb',
    routes: () => everywhere(encoded('br', bomb('gzip', 64))),
    note: /not decoded/,
  },
  {
    name: 'an unknown content coding',
    routes: () => everywhere(encoded('zstd', bomb('gzip', 64))),
    note: /not decoded/,
  },
  {
    name: 'a 10 MB HTML page (cut at the cap)',
    routes: () => ({ '/': page(LINKS), '/a': page(tenMegabytes()) }),
    note: /cut at 512 KiB/,
  },
  {
    name: 'a 10 MB HTML page read whole (16 MiB cap)',
    routes: () => ({
      '/': page(LINKS),
      '/a': page(tenMegabytes(), { 'Set-Cookie': 'session=0123456789abcdefABCDEF0123; Path=/' }),
    }),
    maxBodyBytes: 16 * MIB,
  },
  {
    name: 'JSON nested 100 000 levels deep',
    routes: () => everywhere(respond(200, { 'Content-Type': 'application/json' }, deepJson(100_000))),
  },
  {
    name: 'an unclosed JSON array 512 KiB deep',
    routes: () => everywhere(respond(200, { 'Content-Type': 'application/json' }, '['.repeat(CAP))),
  },
  {
    name: 'invalid UTF-8 in an HTML page',
    routes: () =>
      everywhere(
        respond(
          200,
          { 'Content-Type': 'text/html; charset=utf-8' },
          Buffer.concat([
            Buffer.from('<!doctype html><title>'),
            Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
            Buffer.from('</title><a href="/\xff">x</a>'),
          ]),
        ),
      ),
  },
  {
    name: 'binary content served as text/html',
    routes: () => everywhere(respond(200, { 'Content-Type': 'text/html' }, binary(CAP))),
  },
  {
    name: 'binary content served as JSON with an unknown charset',
    routes: () =>
      everywhere(respond(200, { 'Content-Type': 'application/json; charset=x-parapet' }, binary(64 * KIB))),
  },
];

describe('hostile bodies on every page but the start page', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s', async (_, row) => {
    const server = await hostileServer(row.routes());
    try {
      const report = await scanHostile(server.url, { maxBodyBytes: row.maxBodyBytes ?? CAP });
      expect(report.coverage.checks.filter((c) => c.status === 'failed')).toEqual([]);
      if (row.note) expect(notesOf(report)).toMatch(row.note);
    } finally {
      await server.close();
    }
  });
});

describe('a hostile start page', () => {
  let server: HostileServer;
  beforeAll(async () => {
    server = await hostileServer({
      '/': encoded('gzip', bomb('gzip', 1024)),
      '/json': respond(200, { 'Content-Type': 'application/json' }, deepJson(100_000)),
      '*': endlessChunked(),
    });
  });
  afterAll(() => server.close());

  it.each([
    ['a gzip bomb', '/', /cut at 512 KiB/],
    ['deep JSON', '/json', /./],
    ['an endless body', '/endless', /cut at 512 KiB/],
  ])('%s: a report with a note', async (_, path, note) => {
    const report = await scanHostile(`${server.origin}${path}`, { maxBodyBytes: CAP });
    expect(report.coverage.checks.filter((c) => c.status === 'failed')).toEqual([]);
    expect(notesOf(report)).toMatch(note);
  });
});
