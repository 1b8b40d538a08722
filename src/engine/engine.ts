import { Agent, request as undiciRequest } from 'undici';
import { credentialHeaders } from '../config/credentials.js';
import type { ScanConfig } from '../config/schema.js';
import { fromNetworkError, ParapetError } from '../errors.js';
import type { Exchange, HeaderMap, RecordedResponse } from '../types.js';
import { bytesToText, type Decoded, decodeBody } from './decode.js';
import { headerValue, headerValues, isRedirect, mediaTypeOf } from './exchange.js';
import { HostPacer, retryAfterMs, Semaphore, sleep } from './limits.js';
import { buildLoginRequest, type LoginRequest, tokenAt } from './login.js';
import { CookieJar, parseSetCookie } from './set-cookie.js';

/** primary: the given credentials; secondary: `--auth2`'s (a second user, for authorization tests). */
export type Identity = 'primary' | 'secondary' | 'anonymous';

export interface SendOptions {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Whose credentials go along; defaults to 'primary' (which is anonymous when none were given). */
  identity?: Identity;
  /**
   * Use this identity's cookie jar: send the cookies the server set earlier and keep the ones it sets
   * now (default true). False for requests that manage their cookies themselves (a stranger, a forged
   * cross-site request): their answers must not replace the scan's session.
   */
  cookies?: boolean;
  /** Follow in-scope redirects, recording each hop (default false). */
  followRedirects?: boolean;
  /** On 429/503, wait for Retry-After (bounded) and try once more (default true). */
  retryThrottled?: boolean;
  /** Who is asking: 'discovery' or a check id. */
  initiator: string;
}

/** Logging in again after an expiry: at most this often per scan. */
const MAX_RELOGINS = 2;

export type EngineEvent =
  | { type: 'exchange'; exchange: Exchange; sent: number; budget: number }
  | { type: 'throttled'; host: string; waitMs: number };

/** Methods that change nothing on the server (RFC 9110 §9.2.1; TRACK is IIS's TRACE). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'TRACK']);
/**
 * Retained body text across all exchanges, in bytes of memory (a character outside Latin-1 makes
 * V8 store the whole string at two bytes a character); past it new bodies keep only a prefix. With
 * the rest of a scan this keeps a CLI scan under 200 MB whatever the target sends.
 */
const RETAINED_BODY_BYTES = 8 * 1024 * 1024;
const PREFIX_AFTER_RETAIN_LIMIT = 64 * 1024;
/** The longest a throttled request waits for Retry-After before giving up on the retry. */
const MAX_RETRY_WAIT_MS = 5_000;
/** After this many retries in a row that were throttled again, a host is not retried any more. */
const MAX_FUTILE_RETRIES = 3;

/**
 * The one HTTP client of a scan. Every request goes through it: scope, method policy, budget,
 * concurrency, per-host pacing, timeouts, body cap, decompression, redirects and Retry-After.
 * It records every Exchange.
 */
export class Engine {
  readonly exchanges: Exchange[] = [];
  private sent = 0;
  private bytes = 0;
  private retainedBytes = 0;
  /** Exchanges whose body was cut to a prefix because the retained-body limit was reached. */
  readonly prefixOnly = new Set<Exchange>();
  private readonly allowedOrigins: Set<string>;
  private readonly semaphore: Semaphore;
  /** Decompressions at once: each holds its window (brotli's up to 16 MiB) and output until done. */
  private readonly decoders = new Semaphore(2);
  private readonly pacer: HostPacer;
  private readonly agent: Agent;
  private jars = {
    primary: new CookieJar(),
    secondary: new CookieJar(),
    anonymous: new CookieJar(),
  };
  private readonly credentials: Record<Exclude<Identity, 'anonymous'>, Record<string, string>>;
  private readonly deadline: number;
  readonly notes: string[] = [];
  private throttledHosts = new Set<string>();
  /** Retries in a row that were throttled again, per host. */
  private readonly futileRetries = new Map<string, number>();
  /** The scan's time limit was reached: what remains untested is noted. */
  timedOut = false;
  /** Secrets learned during the scan (tokens and session cookies from logging in): masked in reports. */
  readonly runtimeSecrets: string[] = [];
  private readonly loginRequest: LoginRequest | undefined;
  private loggedIn = false;
  private relogins = 0;
  private relogin: Promise<boolean> | undefined;
  /** Paths that answered the primary identity with something other than 401: a 401 there later means expiry. */
  private readonly authorisedPaths = new Set<string>();
  private lastAuthorised: string | undefined;

  constructor(
    readonly config: ScanConfig,
    private readonly signal: AbortSignal = new AbortController().signal,
    private readonly onEvent: (e: EngineEvent) => void = () => {},
  ) {
    this.allowedOrigins = new Set([new URL(config.target).origin, ...config.scope]);
    this.semaphore = new Semaphore(config.concurrency);
    this.pacer = new HostPacer(config.rate);
    this.credentials = {
      primary: credentialHeaders(config.credentials),
      secondary: credentialHeaders(config.secondCredentials),
    };
    this.deadline = Date.now() + config.maxDurationMs;
    this.loginRequest = config.login
      ? buildLoginRequest(config.login.request, config.target, config.login.variables)
      : undefined;
    this.agent = new Agent({
      connect: { timeout: config.timeoutMs, rejectUnauthorized: !config.insecure },
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.timeoutMs,
      maxHeaderSize: 64 * 1024,
      connections: config.concurrency,
      keepAliveTimeout: 4_000,
    });
  }

  /** Whether credentials were given for an identity (primary by default). */
  hasCredentials(identity: Exclude<Identity, 'anonymous'> = 'primary'): boolean {
    return (identity === 'primary' && this.loggedIn) || Object.keys(this.credentials[identity]).length > 0;
  }

  /** Runs the login recipe; throws PARAPET_LOGIN_FAILED with the reason when it yields nothing. */
  async login(): Promise<void> {
    const failure = await this.runLogin();
    if (failure) throw new ParapetError('PARAPET_LOGIN_FAILED', `login failed: ${failure}`);
  }

  /** Logs in; returns why it failed, or undefined on success. */
  private async runLogin(): Promise<string | undefined> {
    const req = this.loginRequest;
    const login = this.config.login;
    if (!req || !login) return 'no login recipe';
    const ex = await this.attempt(
      {
        url: req.url,
        method: req.method,
        headers: req.headers,
        body: req.body,
        initiator: 'login',
        identity: 'primary',
      },
      req.method,
    );
    const res = ex.response;
    if (!res) return `${req.method} ${req.url} failed: ${ex.error?.message ?? 'no response'}`;
    if (res.status >= 400) return `${req.method} ${req.url} answered ${res.status}`;
    if (login.tokenPath) {
      const token = tokenAt(res.body, login.tokenPath);
      if (!token) return `the answer of ${req.method} ${req.url} has no string at ${login.tokenPath}`;
      this.runtimeSecrets.push(token);
      const header = (login.tokenHeader ?? 'authorization').toLowerCase();
      this.credentials.primary[header] = login.tokenHeader ? token : `Bearer ${token}`;
    } else {
      const cookies = headerValues(res.headers, 'set-cookie');
      if (cookies.length === 0) return `${req.method} ${req.url} set no cookie and no --token-path was given`;
      for (const c of cookies) {
        const value = parseSetCookie(c)?.value;
        if (value && value.length >= 8) this.runtimeSecrets.push(value);
      }
    }
    this.loggedIn = true;
    return undefined;
  }

  /** After a 401 where the primary identity was served before: log in again (shared by concurrent callers). */
  private reloginOnce(url: string): Promise<boolean> {
    if (!this.loggedIn) return Promise.resolve(false);
    if (!this.relogin) {
      this.relogins++;
      this.relogin = (
        this.relogins > MAX_RELOGINS ? Promise.resolve('it expired too often') : this.runLogin()
      )
        .then((failure) => {
          if (!failure) {
            this.notes.push(`The session expired (401 at ${url}); Parapet logged in again.`);
            return true;
          }
          this.loggedIn = false;
          delete this.credentials.primary[(this.config.login?.tokenHeader ?? 'authorization').toLowerCase()];
          this.jars.primary = new CookieJar();
          this.notes.push(
            `The session expired (401 at ${url}) and logging in again failed (${failure}): the rest of the scan ran unauthenticated.`,
          );
          return false;
        })
        .finally(() => {
          this.relogin = undefined;
        });
    }
    return this.relogin;
  }

  get stats(): { requests: number; bytes: number; budget: number } {
    return { requests: this.sent, bytes: this.bytes, budget: this.config.budget };
  }

  get remainingBudget(): number {
    return this.config.budget - this.sent;
  }

  inScope(url: string): boolean {
    try {
      return this.allowedOrigins.has(new URL(url).origin);
    } catch {
      return false;
    }
  }

  /** Adds an origin to the scope (the target's own https upgrade, say). */
  allowOrigin(origin: string): void {
    this.allowedOrigins.add(origin);
  }

  async close(): Promise<void> {
    await this.agent.destroy().catch(() => {});
  }

  /**
   * Sends one request (and, if asked, follows in-scope redirects). Network failures are recorded
   * on the returned Exchange; policy violations (scope, budget, method, abort) throw ParapetError.
   */
  async send(opts: SendOptions): Promise<Exchange> {
    let ex = await this.sendOnce(opts);
    if (!opts.followRedirects) return ex;
    const seen = new Set([ex.request.url]);
    for (let hop = 0; hop < this.config.maxRedirects; hop++) {
      const location =
        ex.response && isRedirect(ex.response.status) && headerValues(ex.response.headers, 'location')[0];
      if (!location) return ex;
      let next: string;
      try {
        next = new URL(location, ex.request.url).href;
      } catch {
        return ex;
      }
      if (!this.inScope(next) || seen.has(next)) return ex;
      seen.add(next);
      // 303 turns any method but HEAD into GET; 307/308 keep it (301/302 too: we never POST by default).
      const method = ex.response!.status === 303 && opts.method !== 'HEAD' ? 'GET' : opts.method;
      ex = await this.sendOnce({
        ...opts,
        url: next,
        method,
        body: method === 'GET' ? undefined : opts.body,
      });
    }
    return ex;
  }

  private async sendOnce(opts: SendOptions): Promise<Exchange> {
    const method = (opts.method ?? 'GET').toUpperCase();
    if (!this.inScope(opts.url)) {
      throw new ParapetError('PARAPET_OUT_OF_SCOPE', `${opts.url} is outside the scan scope`);
    }
    if (this.config.mode !== 'active' && !SAFE_METHODS.has(method)) {
      throw new ParapetError(
        'PARAPET_METHOD_NOT_ALLOWED',
        `${method} needs --active (asked by ${opts.initiator})`,
      );
    }
    let ex = await this.attempt(opts, method);
    const status = ex.response?.status;
    if ((status === 429 || status === 503) && opts.retryThrottled !== false) {
      ex = await this.retryThrottled(ex, opts, method, status);
    } else if (status !== undefined && status !== 429 && status !== 503) {
      // The host serves again: its throttling was a burst, so retries are worth it once more.
      this.futileRetries.delete(new URL(opts.url).host);
    }
    if (this.loggedIn && ex.identity === 'primary' && ex.response) {
      const path = new URL(opts.url).pathname;
      if (ex.response.status !== 401) {
        this.authorisedPaths.add(path);
        this.lastAuthorised = opts.url;
      } else if ((await this.sessionExpired(path)) && (await this.reloginOnce(opts.url))) {
        ex = await this.attempt(opts, method);
      }
    }
    return ex;
  }

  /**
   * After a 429 or 503: wait for Retry-After (at most MAX_RETRY_WAIT_MS, default 1 s) and try once
   * more. A host whose retries keep being refused is not retried any more: it throttles everything,
   * and each retry would only spend budget and time.
   */
  private async retryThrottled(
    first: Exchange,
    opts: SendOptions,
    method: string,
    status: number,
  ): Promise<Exchange> {
    const host = new URL(opts.url).host;
    const header = headerValue(first.response?.headers, 'retry-after');
    const wait = retryAfterMs(header, Date.now()) ?? 1_000;
    const futile = this.futileRetries.get(host) ?? 0;
    const retry = futile < MAX_FUTILE_RETRIES && wait <= MAX_RETRY_WAIT_MS;
    if (!this.throttledHosts.has(host)) {
      this.throttledHosts.add(host);
      this.notes.push(
        retry
          ? `${host} answered ${status}; Parapet slowed down and retried (Retry-After honoured up to ${MAX_RETRY_WAIT_MS / 1000} s).`
          : `${host} answered ${status} and asked to wait ${duration(wait)} (Retry-After: ${header}), longer than Parapet waits (${MAX_RETRY_WAIT_MS / 1000} s): such answers were not retried.`,
      );
    }
    if (!retry || Date.now() + wait >= this.deadline) return first;
    this.pacer.pause(host, Date.now() + wait);
    this.onEvent({ type: 'throttled', host, waitMs: wait });
    const again = await this.attempt(opts, method);
    const refused = again.response?.status === 429 || again.response?.status === 503;
    // Read again: concurrent retries to the same host count together.
    const inARow = refused ? (this.futileRetries.get(host) ?? 0) + 1 : 0;
    this.futileRetries.set(host, inARow);
    if (inARow === MAX_FUTILE_RETRIES) {
      this.notes.push(
        `${host} kept answering ${again.response!.status} after waiting, ${MAX_FUTILE_RETRIES} times in a row: Parapet stopped retrying there.`,
      );
    }
    return again;
  }

  /**
   * A 401 means expiry when the path served this identity before, or when a URL that did
   * now answers 401 too (one extra request); otherwise the path simply needs more rights.
   */
  private async sessionExpired(path: string): Promise<boolean> {
    if (this.authorisedPaths.has(path)) return true;
    const canary = this.lastAuthorised;
    if (!canary) return false;
    const probe = await this.attempt({ url: canary, initiator: 'session-check', identity: 'primary' }, 'GET');
    return probe.response?.status === 401;
  }

  private checkLimits(countsAgainstBudget: boolean): void {
    if (this.signal.aborted) throw new ParapetError('PARAPET_ABORTED', 'the scan was interrupted');
    if (countsAgainstBudget && this.sent >= this.config.budget) {
      throw new ParapetError('PARAPET_BUDGET', `request budget of ${this.config.budget} spent`);
    }
    if (Date.now() >= this.deadline) {
      if (!this.timedOut)
        this.notes.push(
          `The scan time limit (${this.config.maxDurationMs} ms) was reached; later requests were not sent.`,
        );
      this.timedOut = true;
      throw new ParapetError('PARAPET_BUDGET', `scan time limit of ${this.config.maxDurationMs} ms reached`);
    }
  }

  private async attempt(opts: SendOptions, method: string): Promise<Exchange> {
    this.checkLimits(true);
    this.sent++;
    const url = new URL(opts.url);
    const release = await this.semaphore.acquire();
    try {
      const wait = this.pacer.reserve(url.host, Date.now());
      if (wait > 0) await sleep(wait, this.signal).catch(() => {});
      this.checkLimits(false);
      return await this.exchange(opts, method, url);
    } finally {
      release();
    }
  }

  private buildHeaders(opts: SendOptions, url: URL): { identity: Identity; headers: Record<string, string> } {
    const wanted = opts.identity ?? 'primary';
    const identity: Identity =
      opts.initiator === 'login'
        ? 'primary'
        : wanted !== 'anonymous' && this.hasCredentials(wanted)
          ? wanted
          : 'anonymous';
    const headers: Record<string, string> = {
      'user-agent': this.config.userAgent,
      accept: 'text/html,application/json;q=0.9,*/*;q=0.8',
      'accept-encoding': 'gzip, deflate, br',
      // The login request itself carries no stale token.
      ...(identity !== 'anonymous' && opts.initiator !== 'login' ? this.credentials[identity] : {}),
    };
    for (const [k, v] of Object.entries(opts.headers ?? {})) headers[k.toLowerCase()] = v;
    if (opts.cookies !== false) {
      const jarCookie = this.jars[identity].header(url.origin);
      if (jarCookie) headers.cookie = headers.cookie ? `${headers.cookie}; ${jarCookie}` : jarCookie;
    }
    return { identity, headers };
  }

  /**
   * Reads and decodes a body within the body cap and the scan's retained-body budget. Bodies read
   * at the same time share the budget as they arrive; once it is spent, a body stops at its prefix
   * (compressed input is read whole, decoded at most to the prefix, a few at a time).
   */
  private async readBody(
    body: AsyncIterable<Buffer> & { destroy(): void },
    headers: HeaderMap,
    signal: AbortSignal,
  ): Promise<{ raw: RawBody; decoded: Decoded; cut: boolean; reserved: number }> {
    const max = this.config.maxBodyBytes;
    const prefix = Math.min(PREFIX_AFTER_RETAIN_LIMIT, max);
    const encoding = headerValue(headers, 'content-encoding');
    if (!encoding || encoding.trim().toLowerCase() === 'identity') {
      let reserved = 0;
      const room = (size: number, more: number): number => {
        const allowed =
          this.retainedBytes + more <= RETAINED_BODY_BYTES
            ? more
            : Math.max(0, Math.min(more, prefix - size));
        this.retainedBytes += allowed;
        reserved += allowed;
        return allowed;
      };
      const raw = await readCapped(body, max, signal, room);
      return { raw, decoded: { data: raw.data, truncated: false }, cut: raw.cutForBudget === true, reserved };
    }
    const raw = await readCapped(body, max, signal);
    const release = await this.decoders.acquire();
    try {
      // No more than the budget has room for, at least the prefix; reserved up front, as the
      // other decoder must see it.
      const cap = Math.max(prefix, Math.min(max, RETAINED_BODY_BYTES - this.retainedBytes));
      this.retainedBytes += cap;
      const decoded = await decodeBody(raw.data, encoding, cap);
      this.retainedBytes -= cap - decoded.data.length;
      return { raw, decoded, cut: decoded.truncated && cap < max, reserved: decoded.data.length };
    } finally {
      release();
    }
  }

  private async exchange(opts: SendOptions, method: string, url: URL): Promise<Exchange> {
    const { identity, headers } = this.buildHeaders(opts, url);
    const startedAt = Date.now();
    const ex: Exchange = {
      id: this.exchanges.length + 1,
      request: { method, url: url.href, headers, ...(opts.body !== undefined ? { body: opts.body } : {}) },
      startedAt,
      durationMs: 0,
      initiator: opts.initiator,
      identity,
    };
    const timeout = AbortSignal.timeout(this.config.timeoutMs);
    const signal = AbortSignal.any([this.signal, timeout]);
    try {
      const res = await undiciRequest(url, {
        method: method as 'GET',
        headers,
        body: opts.body,
        dispatcher: this.agent,
        signal,
      });
      const resHeaders = normalizeHeaders(res.headers);
      const { raw, decoded, cut, reserved } = await this.readBody(res.body, resHeaders, signal);
      const contentType = headerValue(resHeaders, 'content-type');
      const truncated = raw.truncated || decoded.truncated || cut;
      const data = decoded.data;
      if (cut) {
        if (this.prefixOnly.size === 0) {
          this.notes.push(
            `The scan kept ${RETAINED_BODY_BYTES / (1024 * 1024)} MiB of response bodies in memory; bodies read after that were cut short (each keeps at least its first ${PREFIX_AFTER_RETAIN_LIMIT / 1024} KiB).`,
          );
        }
        this.prefixOnly.add(ex);
      }
      const body = method === 'HEAD' ? '' : bytesToText(data, contentType);
      this.retainedBytes += body.length * (/[^\u0000-\u00ff]/.test(body) ? 2 : 1) - reserved;
      this.bytes += raw.data.length;
      const response: RecordedResponse = {
        status: res.statusCode,
        headers: resHeaders,
        body,
        bytes: raw.data.length,
        truncated,
        mediaType: mediaTypeOf(resHeaders),
      };
      ex.response = response;
      if (raw.error) ex.error = { code: raw.error.code, message: raw.error.message };
      else if (decoded.problem) ex.error = { code: 'PARAPET_PROTOCOL', message: decoded.problem };
      if (opts.cookies !== false) {
        this.jars[identity].store(url.origin, headerValues(resHeaders, 'set-cookie'), Date.now());
      }
    } catch (err) {
      if (this.signal.aborted) throw new ParapetError('PARAPET_ABORTED', 'the scan was interrupted');
      const mapped = timeout.aborted
        ? new ParapetError(
            'PARAPET_TIMEOUT',
            `timed out after ${this.config.timeoutMs} ms waiting for ${url.href}`,
          )
        : fromNetworkError(err, url.href);
      ex.error = { code: mapped.code, message: mapped.message };
    }
    ex.durationMs = Date.now() - startedAt;
    this.exchanges.push(ex);
    this.onEvent({ type: 'exchange', exchange: ex, sent: this.sent, budget: this.config.budget });
    return ex;
  }
}

/** `40 s`, `15 min`, `3 h`, `12 days`. */
function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}

function normalizeHeaders(raw: Record<string, string | string[] | undefined>): HeaderMap {
  const out: HeaderMap = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const list = Array.isArray(value) ? value : [value];
    const existing = out[key];
    if (existing) existing.push(...list);
    else out[key] = [...list];
  }
  return out;
}

interface RawBody {
  data: Buffer;
  truncated: boolean;
  /** Cut short because `room` allowed no more (the shared body budget), not by the cap. */
  cutForBudget?: boolean;
  error?: { code: string; message: string };
}

/**
 * Reads at most `cap` bytes, and no more than `room` grants chunk by chunk (given the bytes read
 * so far and the chunk's size); a body cut by a timeout or reset keeps what arrived.
 */
async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): void },
  cap: number,
  signal: AbortSignal,
  room?: (size: number, more: number) => number,
): Promise<RawBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const capped = Math.min(chunk.length, cap - size);
      const granted = room ? room(size, capped) : capped;
      if (granted < chunk.length) {
        chunks.push(chunk.subarray(0, granted));
        size += granted;
        body.destroy();
        return {
          data: Buffer.concat(chunks, size),
          truncated: true,
          ...(granted < capped ? { cutForBudget: true } : {}),
        };
      }
      chunks.push(chunk);
      size += chunk.length;
    }
    return { data: Buffer.concat(chunks, size), truncated: false };
  } catch (err) {
    body.destroy();
    const mapped = signal.aborted
      ? new ParapetError('PARAPET_TIMEOUT', 'the body did not arrive within the timeout')
      : fromNetworkError(err, 'response body');
    if (size === 0 && !signal.aborted) throw err;
    return {
      data: Buffer.concat(chunks, size),
      truncated: true,
      error: { code: mapped.code, message: mapped.message },
    };
  }
}
