/**
 * Hostile and broken HTTP servers on loopback, written on raw `node:net` (or `node:tls`) sockets so
 * that they can break HTTP in ways a real server library would refuse to: slow or missing answers,
 * resets, lying Content-Length, compression bombs, invalid header bytes, endless header blocks,
 * HTTP/1.0 close-delimited bodies. Every loop and timer is bounded, and `close()` ends them all.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer as createNetServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import type { KeyPair } from './https-server.js';

export interface RawRequest {
  method: string;
  /** The request target as sent (path and query). */
  path: string;
  /** Header names lower-case. */
  headers: Record<string, string>;
}

/** The socket, with a `timer` helper whose timers die with the socket (and with the server). */
export interface Conn {
  socket: Socket;
  /** Calls `fn` every `ms` until it returns false or the connection closes. */
  every(ms: number, fn: () => boolean): void;
  /** Calls `fn` once after `ms` unless the connection closed first. */
  after(ms: number, fn: () => void): void;
  /** Writes unless the socket is gone; false when it is. */
  write(data: string | Buffer): boolean;
  /** Read the next request on this connection once the handler returns. */
  keepAlive(): void;
}

/**
 * Handles one request. The connection is the handler's (it usually ends or destroys it) unless it
 * calls `conn.keepAlive()`, after which the next request on it is read.
 */
export type RawHandler = (conn: Conn, req: RawRequest) => void;

export interface HostileServer {
  origin: string;
  url: string;
  /** Every request target received, in order. */
  requests: string[];
  close(): Promise<void>;
}

export interface HostileOptions {
  /** '127.0.0.1' (default) or '::1'. */
  host?: '127.0.0.1' | '::1';
  /** Serve TLS with this key pair. */
  tls?: KeyPair;
}

const MAX_HEAD = 64 * 1024;

/** Serves `routes` (by path, query ignored; '*' for any other path) on a raw socket server. */
export async function hostileServer(
  routes: Record<string, RawHandler>,
  opts: HostileOptions = {},
): Promise<HostileServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const onConnection = (socket: Socket) => {
    sockets.add(socket);
    const timers = new Set<NodeJS.Timeout>();
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      for (const t of timers) clearTimeout(t);
      timers.clear();
    });
    const conn: Conn = {
      socket,
      every(ms, fn) {
        const t = setInterval(() => {
          if (socket.destroyed || !fn()) {
            clearInterval(t);
            timers.delete(t);
          }
        }, ms);
        timers.add(t);
      },
      after(ms, fn) {
        const t = setTimeout(() => {
          timers.delete(t);
          if (!socket.destroyed) fn();
        }, ms);
        timers.add(t);
      },
      write(data) {
        if (socket.destroyed || socket.writableEnded) return false;
        socket.write(data);
        return true;
      },
      keepAlive() {
        keepAlive = true;
      },
    };
    let keepAlive = false;
    let buffered = Buffer.alloc(0);
    let busy = false;
    const onData = (chunk: Buffer) => {
      if (busy) return;
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) {
          if (buffered.length > MAX_HEAD) socket.destroy();
          return;
        }
        const req = parseHead(buffered.subarray(0, end).toString('latin1'));
        const bodyLength = Number(req.headers['content-length'] ?? 0) || 0;
        if (buffered.length < end + 4 + bodyLength) return;
        buffered = buffered.subarray(end + 4 + bodyLength);
        requests.push(req.path);
        const path = req.path.split('?')[0]!;
        const handler = routes[path] ?? routes['*'] ?? notFound;
        keepAlive = false;
        handler(conn, req);
        if (!keepAlive) {
          busy = true;
          return;
        }
      }
    };
    socket.on('data', onData);
  };
  const server: Server = opts.tls
    ? createTlsServer({ key: opts.tls.key, cert: opts.tls.cert }, onConnection)
    : createNetServer(onConnection);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `${opts.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    origin,
    url: `${origin}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function parseHead(head: string): RawRequest {
  const [line = '', ...rest] = head.split('\r\n');
  const [method = 'GET', path = '/'] = line.split(' ');
  const headers: Record<string, string> = {};
  for (const h of rest) {
    const i = h.indexOf(':');
    if (i > 0) headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
  }
  return { method, path, headers };
}

// ── Building blocks ──────────────────────────────────────────────────────────────────────────────

type Headers = Array<[string, string]> | Record<string, string>;

/** A response head: status line and headers exactly as given (duplicates allowed). */
export function head(status: number, headers: Headers = {}, version = 'HTTP/1.1'): string {
  const list = Array.isArray(headers) ? headers : Object.entries(headers);
  return `${version} ${status} X\r\n${list.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

/** A complete response with a correct Content-Length; the connection stays open for the next request. */
export function respond(status: number, headers: Headers, body: string | Buffer = ''): RawHandler {
  const data = typeof body === 'string' ? Buffer.from(body) : body;
  const list = Array.isArray(headers) ? headers : Object.entries(headers);
  return (conn, req) => {
    conn.write(head(status, [...list, ['Content-Length', String(data.length)]]));
    if (req.method !== 'HEAD') conn.write(data);
    conn.keepAlive();
  };
}

export const notFound: RawHandler = respond(404, { 'Content-Type': 'text/plain' }, 'not found');

export const page = (body: string, headers: Headers = {}): RawHandler =>
  respond(200, { 'Content-Type': 'text/html; charset=utf-8', ...Object.fromEntries(entries(headers)) }, body);

function entries(h: Headers): Array<[string, string]> {
  return Array.isArray(h) ? h : Object.entries(h);
}

/** Raw bytes, then the connection closes. */
export const raw =
  (data: string | Buffer): RawHandler =>
  (conn) => {
    conn.socket.end(data);
  };

/** Accepts the request and never answers (the server closes it after `maxMs`). */
export const silent =
  (maxMs = 60_000): RawHandler =>
  (conn) => {
    conn.after(maxMs, () => conn.socket.destroy());
  };

/** Sends the status line and the start of a header, then one more header byte every `ms` (at most `maxBytes`). */
export const slowHeaders =
  (ms: number, maxBytes = 4096): RawHandler =>
  (conn) => {
    conn.write('HTTP/1.1 200 OK\r\nX-Slow: ');
    let sent = 0;
    conn.every(ms, () => conn.write('a') && ++sent < maxBytes);
  };

/** Headers at once, then one body byte every `ms` (at most `maxBytes`). */
export const slowBody =
  (ms: number, maxBytes = 4096, contentType = 'text/html'): RawHandler =>
  (conn) => {
    conn.write(head(200, { 'Content-Type': contentType, 'Content-Length': String(maxBytes) }));
    conn.write('<');
    let sent = 1;
    conn.every(ms, () => conn.write('a') && ++sent < maxBytes);
  };

/** Announces `declared` bytes, sends `sent` of them, then resets the connection (TCP RST). */
export const resetMidBody =
  (declared = 100_000, sent = 1000): RawHandler =>
  (conn) => {
    conn.write(head(200, { 'Content-Type': 'text/html', 'Content-Length': String(declared) }));
    conn.write(`<html>${'a'.repeat(Math.max(0, sent - 6))}`);
    conn.after(20, () => conn.socket.resetAndDestroy());
  };

/** A chunked body that never ends (bounded at `maxBytes` so a runaway test still stops). */
export const endlessChunked =
  (maxBytes = 512 * 1024 * 1024): RawHandler =>
  (conn) => {
    conn.write(head(200, { 'Content-Type': 'text/html', 'Transfer-Encoding': 'chunked' }));
    const chunk = Buffer.from(`10000\r\n${'<p>'.padEnd(0x10000, 'a')}\r\n`);
    let sent = 0;
    const pump = () => {
      while (sent < maxBytes && !conn.socket.destroyed) {
        sent += 0x10000;
        if (!conn.socket.write(chunk)) return void conn.socket.once('drain', pump);
      }
      conn.socket.end();
    };
    pump();
  };

/**
 * Content-Length says `declared`; the body has `actual` bytes. Shorter: the connection then closes
 * early. Longer: the extra bytes arrive where the next response should start, and the connection stays.
 */
export const lengthLie =
  (declared: number, actual: number): RawHandler =>
  (conn) => {
    conn.write(head(200, { 'Content-Type': 'text/html', 'Content-Length': String(declared) }));
    conn.write(`<html>${'a'.repeat(Math.max(0, actual - 6))}`);
    if (actual < declared) {
      conn.after(50, () => conn.socket.end());
      return;
    }
    conn.keepAlive();
  };

const bombCache = new Map<string, Buffer>();

/**
 * `mib` MiB of one repeated byte, compressed with `coding` (cached: a bomb is built once per file).
 * gzip allows several members in one body, so a large gzip bomb is one 64 MiB member repeated.
 */
export function bomb(coding: 'gzip' | 'deflate' | 'br', mib: number): Buffer {
  const key = `${coding}:${mib}`;
  let out = bombCache.get(key);
  if (!out) {
    const unit = Math.min(mib, 64);
    const plain = Buffer.alloc(unit * 1024 * 1024, 'a');
    if (coding === 'gzip') {
      const member = gzipSync(plain, { level: 9 });
      out = Buffer.concat(Array.from({ length: Math.ceil(mib / unit) }, () => member));
    } else if (coding === 'deflate') {
      out = deflateSync(plain, { level: 9 });
    } else {
      out = brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    }
    bombCache.set(key, out);
  }
  return out;
}

/** A redirect to `location` (status 302 unless given). */
export const redirect = (location: string, status = 302): RawHandler =>
  respond(status, { Location: location, 'Content-Type': 'text/plain' }, 'moved');

/** An HTTP/1.0 answer: no Content-Length, no keep-alive, the body ends when the connection closes. */
export const http10 =
  (body: string, contentType = 'text/html'): RawHandler =>
  (conn) => {
    conn.write(head(200, { 'Content-Type': contentType }, 'HTTP/1.0'));
    conn.socket.end(body);
  };

// ── Certificates ─────────────────────────────────────────────────────────────────────────────────

export interface ExpiredCert extends KeyPair {
  /** The CA that signed it (PEM), to trust it so that expiry is the only fault. */
  ca: string;
}

/**
 * A certificate for 127.0.0.1 that expired in 2020, signed by a throw-away CA (OpenSSL 3.0's `req`
 * cannot back-date, `ca -startdate/-enddate` can).
 */
export function expiredCert(): ExpiredCert {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-expired-'));
  const ssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    ssl([
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=parapet-test-ca',
    ]);
    ssl(['req', ...ec, '-keyout', 'key.pem', '-out', 'req.csr', '-subj', '/CN=127.0.0.1']);
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '01\n');
    writeFileSync(
      join(dir, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = test',
        '[test]',
        'dir = .',
        'database = index.txt',
        'serial = serial',
        'new_certs_dir = .',
        'default_md = sha256',
        'policy = any',
        'x509_extensions = ext',
        '[any]',
        'commonName = supplied',
        '[ext]',
        'subjectAltName = IP:127.0.0.1',
        '',
      ].join('\n'),
    );
    ssl([
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-cert',
      'ca.pem',
      '-keyfile',
      'ca.key',
      '-in',
      'req.csr',
      '-out',
      'cert.pem',
      '-startdate',
      '20200101000000Z',
      '-enddate',
      '20200102000000Z',
    ]);
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    return { key: read('key.pem'), cert: read('cert.pem'), ca: read('ca.pem') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
