import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlaskApp, startFlask } from '../../test/support/flask.js';
import { html, type Page, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { rulesFor, scanWith } from '../../test/support/scan.js';
import type { ScanConfigInput } from '../config/schema.js';
import cookieHttponlyMissing from './cookie-httponly-missing.js';
import cookieSamesiteMissing from './cookie-samesite-missing.js';
import cookieSecureMissing from './cookie-secure-missing.js';
import check from './csrf-token-missing.js';

const SESSION = 'sid=u4QS2Zpo15MI3_blfUYtNbEGMhyHJaw-; Path=/; HttpOnly';
const STATIC_SECRET = '6772abd255d392e714d8fedc866762b1';
const random = () => randomBytes(24).toString('base64url');
const sidOf = (req: IncomingMessage) => /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];

/** A page with one form posting to `transfer` (relative to the case's path). */
function page(
  fields: string,
  cookie?: string | string[],
  opts: { method?: string; action?: string; head?: string } = {},
): Page {
  const form = `<form method="${opts.method ?? 'post'}" action="${opts.action ?? 'transfer'}">${fields}<input name="amount"><button>Send</button></form>`;
  return {
    headers: { 'content-type': 'text/html', ...(cookie ? { 'set-cookie': cookie } : {}) },
    body: html(form, opts.head),
  };
}
const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${value}">`;

interface Case {
  page: (req: IncomingMessage) => Page;
  config?: Partial<ScanConfigInput>;
}

const fires: Array<[string, Case]> = [
  ['no token; the session cookie has no SameSite', { page: () => page('', SESSION) }],
  ['a static hidden csrf_token with the value 1', { page: () => page(hidden('csrf_token', '1'), SESSION) }],
  [
    'no token; the session cookie is SameSite=None',
    { page: () => page('', `${SESSION}; SameSite=None; Secure`) },
  ],
  [
    'an unpredictable-looking hidden value that is the same for every session (not a token)',
    { page: () => page(hidden('build', STATIC_SECRET), SESSION) },
  ],
  [
    'no token; a cookie was given to the scan as its credential',
    { page: () => page(''), config: { credentials: { cookie: 'auth=9f8e7d6c5b4a39281706f5e4d3c2b1a0' } } },
  ],
];

const quiet: Array<[string, Case]> = [
  [
    'a hidden nonce that changes between loads, under an innocent name',
    { page: () => page(hidden('f', random()), SESSION) },
  ],
  [
    'a per-session token under an innocent name (constant within the session, new in a fresh one)',
    {
      page: (req) => {
        const sid = sidOf(req) ?? random();
        const token = createHmac('sha256', 'k').update(sid).digest('base64url');
        return page(hidden('f', token), sidOf(req) ? undefined : `sid=${sid}; Path=/; HttpOnly`);
      },
    },
  ],
  [
    'a constant unpredictable value named like a token (Laravel _token)',
    { page: () => page(hidden('_token', STATIC_SECRET), SESSION) },
  ],
  [
    'the page hands scripts a token in <meta name="csrf-token">',
    { page: () => page('', SESSION, { head: `<meta name="csrf-token" content="${random()}">` }) },
  ],
  ['a GET form', { page: () => page('', SESSION, { method: 'get' }) }],
  ['no cookie at all', { page: () => page('') }],
  ['only a preference cookie', { page: () => page('', 'theme=dark; Path=/') }],
  ['only an anti-CSRF cookie', { page: () => page('', `XSRF-TOKEN=${random()}; Path=/`) }],
  ['the session cookie is SameSite=Lax', { page: () => page('', `${SESSION}; SameSite=Lax`) }],
  ['the session cookie is SameSite=Strict', { page: () => page('', `${SESSION}; SameSite=Strict`) }],
  ['the session cookie is being deleted', { page: () => page('', 'sid=; Max-Age=0; Path=/') }],
  [
    'the session cookie is scoped to another path',
    { page: () => page('', `${SESSION.replace('Path=/', 'Path=/admin')}`) },
  ],
  [
    'the form posts to another site',
    { page: () => page('', SESSION, { action: 'https://payments.example/charge' }) },
  ],
  [
    'the API is authorised by an X-API-Key header only',
    {
      page: (req) =>
        req.headers['x-api-key'] === 'k-123456' ? page('') : { status: 401, body: 'key required' },
      config: { credentials: { headers: { 'X-API-Key': 'k-123456' } } },
    },
  ],
  [
    'the cookie given to the scan is one the site sets with SameSite=Lax',
    {
      page: () => page('', `${SESSION}; SameSite=Lax`),
      config: { credentials: { cookie: 'sid=u4QS2Zpo15MI3_blfUYtNbEGMhyHJaw-' } },
    },
  ],
];

const cases = new Map([...fires, ...quiet].map(([name, c], i) => [name, { path: `/c/${i}/`, ...c }]));
let site: TestServer;
beforeAll(async () => {
  const table: Record<string, (req: IncomingMessage) => Page> = {};
  for (const c of cases.values()) table[c.path] = c.page;
  site = await serve(pages(table));
});
afterAll(() => site.close());
const run = (name: string) => {
  const c = cases.get(name)!;
  return { url: site.origin + c.path, config: c.config ?? {} };
};

describe('csrf-token-missing', () => {
  it.each(fires)('fires: %s', async (name) => {
    const { url, config } = run(name);
    expect(await rulesFor(url, [check], config)).toEqual(['csrf-token-missing']);
  });
  it.each(quiet)('quiet: %s', async (name) => {
    const { url, config } = run(name);
    expect(await rulesFor(url, [check], config)).toEqual([]);
  });

  it('reports the form action and method, the masked hidden fields and the cookie that rides along', async () => {
    const { url } = run('a static hidden csrf_token with the value 1');
    const [finding] = (await scanWith(url, [check])).findings;
    expect(finding).toMatchObject({
      method: 'POST',
      url: `${url}transfer`,
      severity: 'medium',
      confidence: 'firm',
    });
    expect(finding!.evidence.excerpt).toContain('hidden fields: csrf_token=…');
    expect(finding!.evidence.excerpt).toContain('cookie: `sid` (no SameSite)');
    expect(finding!.evidence.excerpt).not.toContain('u4QS2Zpo15MI3');
  });

  it('loads the page once more to see a nonce change, and sends only GETs', async () => {
    const { url } = run('a hidden nonce that changes between loads, under an innocent name');
    const before = site.requests.length;
    await scanWith(url, [check]);
    const mine = site.requests.slice(before).filter((r) => r.url === new URL(url).pathname);
    expect(mine.length).toBe(2);
    expect(site.requests.every((r) => r.method === 'GET')).toBe(true);
  });
});

describe('Flask fixture (csrf.py), scanned with the CSRF and cookie checks', () => {
  const checks = [check, cookieHttponlyMissing, cookieSamesiteMissing, cookieSecureMissing];
  let vulnerable: FlaskApp;
  let fixed: FlaskApp;
  beforeAll(async () => {
    [vulnerable, fixed] = await Promise.all([startFlask('csrf', 'vulnerable'), startFlask('csrf', 'fixed')]);
  });
  afterAll(async () => {
    await Promise.all([vulnerable?.close(), fixed?.close()]);
  });

  it('vulnerable: token-less form, session cookie without SameSite and readable by scripts', async () => {
    expect(await rulesFor(vulnerable.url, checks)).toEqual([
      'cookie-httponly-missing',
      'cookie-samesite-missing',
      'csrf-token-missing',
    ]);
  });
  it('fixed: a signed per-load nonce and a Lax, HttpOnly session cookie', async () => {
    expect(await rulesFor(fixed.url, checks)).toEqual([]);
  });
  it('fixed: the nonce alone is recognised as a token when another cookie would ride along', async () => {
    const config = { credentials: { cookie: 'remember=9f8e7d6c5b4a39281706f5e4d3c2b1a0' } };
    expect(await rulesFor(fixed.url, [check], config)).toEqual([]);
    expect(await rulesFor(vulnerable.url, [check], config)).toEqual(['csrf-token-missing']);
  });
});
