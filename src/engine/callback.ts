import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request that reached the listener. */
export interface CallbackHit {
  token: string;
  method: string;
  /** The path and query as received. */
  path: string;
  /** Request headers as received (lower-case names; repeated headers joined with `, `). */
  headers: Record<string, string>;
  remoteAddress: string;
  at: number;
}

/** Requests kept at most: a target that floods the listener cannot grow memory. */
const MAX_HITS = 100;
const TOKEN_PATH = /^\/parapet-([0-9a-f]{24})(?:[/?#]|$)/;

/**
 * A short-lived HTTP listener for out-of-band proofs: a probe hands the target a unique URL on it, and a
 * request for that URL proves the target fetched it. Only paths carrying a token it issued are recorded;
 * every request is answered with a small fixed text and its body is not read.
 */
export class CallbackListener {
  private readonly hits: CallbackHit[] = [];
  private readonly issued = new Set<string>();
  private lastHit = 0;

  private constructor(
    private readonly server: Server,
    /** `http://host:port` as the target must write it. */
    readonly base: string,
  ) {}

  /**
   * Listens on the port of `host` (`host:port`; a free one when none is given). A loopback host binds to
   * that host only; any other host binds every interface, since the address the target reaches may be
   * a NAT or container address this machine does not own.
   */
  static async open(host: string): Promise<CallbackListener> {
    const where = new URL(`http://${host}`);
    const name = where.hostname.replace(/^\[(.*)\]$/, '$1');
    const bind = isLoopback(name) ? (name === 'localhost' ? '127.0.0.1' : name) : undefined;
    let self: CallbackListener | undefined;
    const server = createServer((req, res) => {
      self?.record(req.method ?? 'GET', req.url ?? '/', req.headers, req.socket.remoteAddress ?? '');
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' }).end('parapet callback\n');
    });
    server.keepAliveTimeout = 500;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(where.port === '' ? 0 : Number(where.port), bind, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    self = new CallbackListener(server, `http://${where.hostname}:${port}`);
    return self;
  }

  /** A fresh URL on the listener; a request for it (or below it) counts as a hit for its token. */
  url(): { token: string; url: string } {
    const token = randomBytes(12).toString('hex');
    this.issued.add(token);
    return { token, url: `${this.base}/parapet-${token}` };
  }

  private record(
    method: string,
    path: string,
    raw: Record<string, string | string[] | undefined>,
    from: string,
  ) {
    const m = TOKEN_PATH.exec(path);
    if (!m || !this.issued.has(m[1]!) || this.hits.length >= MAX_HITS) return;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) if (v !== undefined) headers[k] = [v].flat().join(', ');
    this.lastHit = Date.now();
    this.hits.push({
      token: m[1]!,
      method,
      path: path.slice(0, 300),
      headers,
      remoteAddress: from,
      at: this.lastHit,
    });
  }

  /** The hits so far, oldest first. */
  received(): readonly CallbackHit[] {
    return this.hits;
  }

  /**
   * Waits until `quietMs` passed since `since` (the last probe) and since the last hit, until `done()`
   * holds (every token came back, say), or until `signal` aborts; never longer than three times
   * `quietMs` after `since`.
   */
  async settle(
    since: number,
    quietMs: number,
    signal?: AbortSignal,
    done: () => boolean = () => false,
  ): Promise<void> {
    const latest = since + 3 * quietMs;
    for (;;) {
      if (done() || signal?.aborted) return;
      const until = Math.min(latest, Math.max(since, this.lastHit) + quietMs);
      const wait = Math.min(until - Date.now(), 100);
      if (until - Date.now() <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(finish, wait);
        function finish() {
          clearTimeout(timer);
          signal?.removeEventListener('abort', finish);
          resolve();
        }
        signal?.addEventListener('abort', finish, { once: true });
      });
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * The host[:port] the target should call back to: the configured one, or 127.0.0.1 when the target
 * itself is on this machine's loopback. Undefined when neither applies (the probe cannot run).
 */
export function callbackHostFor(target: URL, configured: string | undefined): string | undefined {
  if (configured) return configured;
  return isLoopback(target.hostname.replace(/^\[(.*)\]$/, '$1')) ? '127.0.0.1' : undefined;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1';
}
