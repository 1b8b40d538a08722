import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScanConfig } from '../../src/config/parse.js';
import { Engine } from '../../src/engine/engine.js';
import { isParapetError } from '../../src/errors.js';
import { scan } from '../../src/scan.js';
import { pages, serve, type TestServer } from '../support/http-server.js';

const MB = 1024 * 1024;
let site: TestServer;
let raw: { origin: string; close(): Promise<void> };

beforeAll(async () => {
  const bomb = gzipSync(Buffer.alloc(64 * MB));
  site = await serve((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    switch (path) {
      case '/bomb':
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        return void res.end(bomb);
      case '/br':
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'br' });
        return void res.end(brotliCompressSync(Buffer.from('hello brotli')));
      case '/endless': {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let sent = 0;
        const pump = () => {
          // bounded: the server itself stops after 64 MB
          while (sent < 64 * MB && res.write(chunk)) sent += chunk.length;
          if (sent < 64 * MB) res.once('drain', pump);
          else res.end();
        };
        res.on('close', () => {
          sent = Number.POSITIVE_INFINITY;
        });
        return pump();
      }
      case '/big': {
        // 2 MiB of HTML, or its gzip: the retained-body budget must hold for both.
        const big = Buffer.alloc(2 * MB, 'b');
        if (req.headers['x-gzip']) {
          res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
          return void res.end(gzipSync(big));
        }
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': big.length });
        return void res.end(big);
      }
      case '/small':
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end(`<html>${'s'.repeat(50_000)}</html>`);
      case '/set-cookie':
        res.writeHead(200, {
          'content-type': 'text/plain',
          'set-cookie': `sid=${req.headers['x-sid']}; Path=/`,
        });
        return void res.end('set');
      case '/cookie':
        res.writeHead(200, { 'content-type': 'text/plain' });
        return void res.end(req.headers.cookie ?? '');
      case '/slow':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html>');
        return void setTimeout(() => res.end('</html>'), 5_000).unref();
      case '/loop':
        res.writeHead(302, { location: '/loop2' });
        return void res.end();
      case '/loop2':
        res.writeHead(302, { location: '/loop' });
        return void res.end();
      case '/away':
        res.writeHead(302, { location: 'http://elsewhere.test/' });
        return void res.end();
      case '/throttle': {
        const n = Number(req.headers['x-attempt'] ?? 0);
        if (site.requests.filter((r) => r.url === '/throttle').length === 1 && n === 0) {
          res.writeHead(429, { 'retry-after': '1' });
          return void res.end('slow down');
        }
        res.writeHead(200, { 'content-type': 'text/plain' });
        return void res.end('ok');
      }
      default:
        return pages({ '/': { body: '<html>ok</html>' } })(req, res);
    }
  });
  raw = await rawServer((socket) => {
    socket.once('data', () => {
      socket.end('HTTP/1.1 200 OK\r\nX-Bad\u0001Header: yes\r\nContent-Length: 2\r\n\r\nok');
    });
  });
});
afterAll(async () => {
  await site.close();
  await raw.close();
});

function engine(overrides: Record<string, unknown> = {}): Engine {
  return new Engine(parseScanConfig({ target: site.url, rate: 1000, ...overrides }));
}

describe('engine', () => {
  it('caps a decompression bomb at max-body and marks it truncated', async () => {
    const e = engine({ maxBodyBytes: MB });
    const ex = await e.send({ url: `${site.origin}/bomb`, initiator: 'test' });
    expect(ex.response?.status).toBe(200);
    expect(ex.response?.body.length).toBe(MB);
    expect(ex.response?.truncated).toBe(true);
    await e.close();
  });

  it('decodes brotli', async () => {
    const e = engine();
    const ex = await e.send({ url: `${site.origin}/br`, initiator: 'test' });
    expect(ex.response?.body).toBe('hello brotli');
    await e.close();
  });

  it('stops reading an endless body at the cap', async () => {
    const e = engine({ maxBodyBytes: 2 * MB });
    const ex = await e.send({ url: `${site.origin}/endless`, initiator: 'test' });
    expect(ex.response?.truncated).toBe(true);
    expect(ex.response?.bytes).toBe(2 * MB);
    await e.close();
  });

  it('gives up on a slow body after the timeout and keeps what arrived', async () => {
    const e = engine({ timeoutMs: 300 });
    const ex = await e.send({ url: `${site.origin}/slow`, initiator: 'test' });
    expect(ex.response?.body).toBe('<html>');
    expect(ex.error?.code).toBe('PARAPET_TIMEOUT');
    await e.close();
  });

  it('follows a redirect loop only up to the redirect limit', async () => {
    const e = engine({ maxRedirects: 5 });
    const ex = await e.send({ url: `${site.origin}/loop`, initiator: 'test', followRedirects: true });
    expect(ex.response?.status).toBe(302);
    expect(e.stats.requests).toBeLessThanOrEqual(2);
    await e.close();
  });

  it('records but does not follow a redirect out of scope', async () => {
    const e = engine();
    const ex = await e.send({ url: `${site.origin}/away`, initiator: 'test', followRedirects: true });
    expect(ex.response?.status).toBe(302);
    expect(e.stats.requests).toBe(1);
    await expect(e.send({ url: 'http://elsewhere.test/', initiator: 'test' })).rejects.toSatisfy((err) =>
      isParapetError(err, 'PARAPET_OUT_OF_SCOPE'),
    );
    await e.close();
  });

  it('refuses state-changing methods without --active', async () => {
    const e = engine();
    await expect(e.send({ url: site.url, method: 'POST', initiator: 'test' })).rejects.toSatisfy((err) =>
      isParapetError(err, 'PARAPET_METHOD_NOT_ALLOWED'),
    );
    await e.close();
  });

  it('honours Retry-After on 429 and retries once', async () => {
    const e = engine();
    const ex = await e.send({ url: `${site.origin}/throttle`, initiator: 'test' });
    expect(ex.response?.status).toBe(200);
    expect(e.exchanges.map((x) => x.response?.status)).toEqual([429, 200]);
    expect(e.notes.join(' ')).toMatch(/429/);
    await e.close();
  });

  it('records an invalid header block as a protocol error instead of crashing', async () => {
    const e = new Engine(parseScanConfig({ target: `${raw.origin}/` }));
    const ex = await e.send({ url: `${raw.origin}/`, initiator: 'test' });
    expect(ex.response).toBeUndefined();
    expect(ex.error?.code).toBe('PARAPET_PROTOCOL');
    await e.close();
  });

  it.each([
    ['plain', {}],
    ['gzip', { 'x-gzip': '1' }],
  ])('keeps at most 8 MiB of %s bodies read at once, cutting the rest short', async (_, headers) => {
    const e = engine({ concurrency: 8 });
    const big = await Promise.all(
      Array.from({ length: 8 }, () => e.send({ url: `${site.origin}/big`, initiator: 'test', headers })),
    );
    const whole = big.filter((ex) => ex.response?.body.length === 2 * MB);
    const cut = big.filter((ex) => !whole.includes(ex));
    // Bodies in flight together share the budget as they arrive: what all of them keep stays within
    // it, give or take the prefix each may keep; a cut body keeps at least its prefix.
    const kept = big.reduce((n, ex) => n + (ex.response?.body.length ?? 0), 0);
    expect(kept).toBeLessThanOrEqual(8 * MB + 8 * 64 * 1024);
    expect(whole.length).toBeGreaterThanOrEqual(1);
    expect(cut.length).toBeGreaterThanOrEqual(3);
    for (const ex of cut) {
      expect(ex.response?.truncated).toBe(true);
      expect(ex.response?.body.length).toBeGreaterThanOrEqual(64 * 1024);
    }
    expect([...e.prefixOnly].map((ex) => ex.id).sort()).toEqual(cut.map((ex) => ex.id).sort());
    expect(e.notes.join('\n')).toMatch(
      /kept 8 MiB of response bodies in memory; bodies read after that were cut short/,
    );
    // A body that fits in the prefix is never cut, however spent the budget.
    const small = await e.send({ url: `${site.origin}/small`, initiator: 'test' });
    expect([small.response?.body.length, small.response?.truncated]).toEqual([50_013, false]);
    await e.close();
  });

  it('keeps the cookies a request sets only when it uses the jar', async () => {
    const e = engine();
    const cookie = async () =>
      (await e.send({ url: `${site.origin}/cookie`, initiator: 'test' })).response?.body;
    await e.send({ url: `${site.origin}/set-cookie`, initiator: 'test', headers: { 'x-sid': 'mine' } });
    expect(await cookie()).toBe('sid=mine');
    // A request that manages its own cookies (a stranger's visit) must not replace the session.
    await e.send({
      url: `${site.origin}/set-cookie`,
      initiator: 'test',
      cookies: false,
      headers: { 'x-sid': 'stranger' },
    });
    expect(await cookie()).toBe('sid=mine');
    await e.close();
  });

  it('never sends more than the budget', async () => {
    const e = engine({ budget: 2 });
    await e.send({ url: site.url, initiator: 'test' });
    await e.send({ url: site.url, initiator: 'test' });
    await expect(e.send({ url: site.url, initiator: 'test' })).rejects.toSatisfy((err) =>
      isParapetError(err, 'PARAPET_BUDGET'),
    );
    await e.close();
  });
});

describe('scan entry errors', () => {
  it('a refused connection is one clear ParapetError', async () => {
    const closed = await rawServer(() => {});
    const origin = closed.origin;
    await closed.close();
    await expect(scan({ target: `${origin}/` })).rejects.toSatisfy(
      (err) =>
        isParapetError(err, 'PARAPET_CONNECTION_REFUSED') && !String((err as Error).message).includes('\n'),
    );
  });

  it('a malformed URL is PARAPET_INVALID_URL', async () => {
    await expect(scan({ target: 'ht!tp:/nope' })).rejects.toSatisfy((err) =>
      isParapetError(err, 'PARAPET_INVALID_URL'),
    );
    await expect(scan({ target: 'ftp://127.0.0.1/' })).rejects.toSatisfy((err) =>
      isParapetError(err, 'PARAPET_INVALID_URL'),
    );
  });

  it('a DNS failure is PARAPET_DNS (the .invalid TLD never resolves)', async () => {
    await expect(scan({ target: 'http://parapet-test.invalid/' })).rejects.toSatisfy((err) =>
      isParapetError(err, 'PARAPET_DNS'),
    );
  });
});

async function rawServer(
  onConnection: (s: Socket) => void,
): Promise<{ origin: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    onConnection(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
