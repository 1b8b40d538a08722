import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlaskApp, startFlask } from '../../test/support/flask.js';
import { html, serve } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import check from './signature-replay.js';

interface SignedApp {
  kind: 'form' | 'link';
  /** Carries a nonce. */
  nonce?: boolean;
  /** Carries a Unix timestamp `ts`. */
  time?: boolean;
  /** The MAC covers ts. */
  signsTime?: boolean;
  /** ts must be within ten minutes of now. */
  checksTime?: boolean;
  /** The nonce is stored; a reuse is refused with 409, or with a 200 page saying so. */
  oneTime?: 'status' | 'text';
  /** Every submission is refused, the first one too. */
  refuseAll?: boolean;
}

const KEY = randomBytes(32);
const mac = (...parts: string[]) => createHmac('sha256', KEY).update(parts.join('|')).digest('hex');

/** What the app served and received: the signed parameters of each page, the body of each POST. */
interface Log {
  served: string[];
  posted: string[];
}

/** A page with one signed request (a POST form or a GET link) to /redeem, verified as `app` says. */
function signedApp(app: SignedApp, log: Log = { served: [], posted: [] }) {
  const used = new Set<string>();
  const signed = (amount: string, ts: string, nonce: string) =>
    mac(amount, app.signsTime ? ts : '', app.nonce ? nonce : '');
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/') {
      const ts = String(Math.floor(Date.now() / 1000));
      const nonce = randomBytes(12).toString('hex');
      const params: Array<[string, string]> = [['amount', '10']];
      if (app.time) params.push(['ts', ts]);
      if (app.nonce) params.push(['nonce', nonce]);
      params.push(['sig', signed('10', ts, nonce)]);
      log.served.push(new URLSearchParams(params).toString());
      const body =
        app.kind === 'form'
          ? `<form method="post" action="/redeem">${params.map(([n, v]) => `<input type="hidden" name="${n}" value="${v}">`).join('')}<button>Redeem</button></form>`
          : `<a href="/redeem?${new URLSearchParams(params)}">Redeem</a>`;
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(html(body));
      return;
    }
    if (url.pathname === '/redeem') {
      let body = '';
      for await (const chunk of req) body += chunk;
      if (req.method === 'POST') log.posted.push(body);
      const p = req.method === 'POST' ? new URLSearchParams(body) : url.searchParams;
      const [amount, ts, nonce, sig] = ['amount', 'ts', 'nonce', 'sig'].map((k) => p.get(k) ?? '');
      const refuse = (status: number, text: string) => {
        res.writeHead(status, { 'content-type': 'text/html' });
        res.end(html(`<p>${text}</p>`));
      };
      if (app.refuseAll || sig !== signed(amount!, ts!, nonce!)) return refuse(403, 'Invalid signature');
      if (app.checksTime && Math.abs(Date.now() / 1000 - Number(ts)) > 600)
        return refuse(403, 'Link expired');
      if (app.oneTime) {
        if (used.has(nonce!)) return refuse(app.oneTime === 'text' ? 200 : 409, 'This link was already used');
        used.add(nonce!);
      }
      return refuse(200, `Redeemed ${amount} credits`);
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  };
}

async function scanApp(app: SignedApp, config: Parameters<typeof scanWith>[2] = {}) {
  const log: Log = { served: [], posted: [] };
  const server = await serve(signedApp(app, log));
  try {
    return { report: await scanWith(server.url, [check], { mode: 'active', ...config }), server, log };
  } finally {
    await server.close();
  }
}

const oneTime = { nonce: true, oneTime: 'status', time: true, signsTime: true, checksTime: true } as const;

const fires: Array<[string, SignedApp, RegExp]> = [
  ['a signed POST form without nonce', { kind: 'form' }, /accepted a second time/],
  ['a one-time link whose nonce is never stored', { kind: 'link', nonce: true }, /accepted a second time/],
  [
    'a link whose time is neither signed nor checked',
    { kind: 'link', time: true },
    /30 days ago.*not enforced/,
  ],
  [
    'a one-time form whose time is checked but not signed',
    { ...oneTime, kind: 'form', signsTime: false },
    /moved one second earlier.*does not cover `ts`/,
  ],
];

const quiet: Array<[string, SignedApp]> = [
  ['a one-time form: nonce stored, time signed and checked', { ...oneTime, kind: 'form' }],
  ['a one-time link: nonce stored, time signed and checked', { ...oneTime, kind: 'link' }],
  ['a reuse refused with a 200 page saying so', { ...oneTime, kind: 'form', oneTime: 'text' }],
  [
    'a reusable link without nonce, its expiry signed and checked',
    { kind: 'link', time: true, signsTime: true, checksTime: true },
  ],
  ['a signed link without nonce or time (reusable by design)', { kind: 'link' }],
  ['a form the server refuses even the first time', { kind: 'form', refuseAll: true }],
];

describe('signature-replay', () => {
  it.each(fires)('fires: %s', async (_, app, detail) => {
    const { report } = await scanApp(app);
    expect(report.findings.map((f) => [f.rule, f.method, new URL(f.url).pathname, f.confidence])).toEqual([
      ['signature-replay', app.kind === 'form' ? 'POST' : 'GET', '/redeem', 'confirmed'],
    ]);
    expect(report.findings[0]!.evidence.detail).toMatch(detail);
  });

  it.each(quiet)('quiet: %s', async (_, app) => {
    const { report } = await scanApp(app);
    expect(report.findings).toEqual([]);
  });

  it('submits the form first exactly as the page serves it, and only then replays it', async () => {
    const { log } = await scanApp({ kind: 'form', ...oneTime });
    // first use and replay of the page's copy, then a fresh copy with the time moved, twice
    expect(log.posted).toHaveLength(4);
    expect(log.posted[0]).toBe(log.served[0]);
    expect(log.posted[1]).toBe(log.posted[0]);
    for (const [i, body] of log.posted.slice(2).entries()) {
      const fresh = new URLSearchParams(log.served[i + 1]);
      const sent = new URLSearchParams(body);
      expect(sent.get('nonce')).toBe(fresh.get('nonce'));
      expect(sent.get('sig')).toBe(fresh.get('sig'));
      expect(sent.get('ts')).not.toBe(fresh.get('ts'));
    }
  });

  it('says when the first, unchanged submission is refused', async () => {
    const { report } = await scanApp({ kind: 'form', refuseAll: true });
    expect(report.notes.join('\n')).toMatch(
      /refused the first time, unchanged \(answered 403\); it was not replayed/,
    );
  });
});

describe('signature-replay on Flask', () => {
  let vulnerable: FlaskApp;
  let fixed: FlaskApp;
  beforeAll(async () => {
    [vulnerable, fixed] = await Promise.all([
      startFlask('signed_links', 'vulnerable'),
      startFlask('signed_links', 'fixed'),
    ]);
  });
  afterAll(async () => {
    await Promise.all([vulnerable?.close(), fixed?.close()]);
  });

  it('fires on the form and the one-time link of the vulnerable app, not on the reusable download link', async () => {
    const report = await scanWith(vulnerable.url, [check], { mode: 'active' });
    const found = report.findings.map((f) => [f.method, new URL(f.url).pathname]).sort();
    expect(found).toEqual([
      ['GET', '/claim'],
      ['POST', '/redeem'],
    ]);
    for (const f of report.findings) {
      expect(f.confidence).toBe('confirmed');
      expect(f.evidence.detail).toMatch(/accepted a second time.*does not cover `ts`/);
    }
  });

  it('is quiet on the fixed app', async () => {
    const report = await scanWith(fixed.url, [check], { mode: 'active' });
    expect(report.findings).toEqual([]);
  });
});
