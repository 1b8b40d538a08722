import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { bothVariants, startFlask } from '../../test/support/flask.js';
import { html, serve, type TestServer } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import check, { FOREIGN_ORIGIN } from './csrf-cross-origin-accepted.js';

interface App {
  /** SameSite attribute of the session cookie. */
  sameSite?: 'Lax' | 'Strict';
  /** `session`: a random token per session, checked; `static`: one value for everyone; `unbound`: any token the app ever issued. */
  token?: 'session' | 'static' | 'unbound';
  checkOrigin?: boolean;
  checkFetchSite?: boolean;
  /** Accepts submissions without a session (a newsletter form). */
  public?: boolean;
  /** Refuses with 200 and an error text instead of a 4xx. */
  refuseWith200?: boolean;
  /** Refuses by redirecting to the login page. */
  refuseToLogin?: boolean;
  /** The session is an X-API-Key header, not a cookie. */
  apiKey?: boolean;
  action?: string;
  method?: 'get' | 'post';
  enctype?: string;
}

const API_KEY = 'k-7d1c4f0e9a2b46c8b3e5';
const STATIC_TOKEN = 'Qm9vdHN0cmFwU3RhdGljVG9rZW4x';

/** A transfer form behind a cookie session, protected (or not) as `app` says. */
function transferApp(app: App = {}) {
  const sessions = new Map<string, string[]>();
  const issued = new Set<string>();
  const action = app.action ?? '/transfer';
  return async (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const sid = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const known = sid !== undefined && sessions.has(sid);
    if (req.method === 'GET' && url.pathname === '/') {
      let id = known ? sid! : undefined;
      if (!id && !app.apiKey) {
        id = randomBytes(16).toString('hex');
        sessions.set(id, []);
        res.setHeader(
          'set-cookie',
          `sid=${id}; Path=/; HttpOnly${app.sameSite ? `; SameSite=${app.sameSite}` : ''}`,
        );
      }
      const token =
        app.token === 'static' ? STATIC_TOKEN : app.token ? randomBytes(18).toString('base64url') : undefined;
      if (token && app.token === 'session' && id) sessions.set(`${id}:token`, [token]);
      if (token) issued.add(token);
      const rows = (id ? (sessions.get(id) ?? []) : []).map((t) => `<li>${t}</li>`).join('');
      res.setHeader('content-type', 'text/html');
      res.end(
        html(
          `<form method="${app.method ?? 'post'}" action="${action}"${app.enctype ? ` enctype="${app.enctype}"` : ''}>${token ? `<input type="hidden" name="csrf_token" value="${token}">` : ''}<input name="to"><input name="amount"><button>Send</button></form><ul>${rows}</ul>`,
        ),
      );
      return;
    }
    if (url.pathname === action && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const fields = formFields(req.headers['content-type'] ?? '', body);
      const refuse = (status: number, text: string) => {
        if (app.refuseToLogin) {
          res.writeHead(302, { location: '/login' });
          res.end();
        } else {
          res.writeHead(app.refuseWith200 ? 200 : status, { 'content-type': 'text/html' });
          res.end(html(`<p>${text}</p>`));
        }
      };
      if (app.apiKey ? req.headers['x-api-key'] !== API_KEY : !known && !app.public)
        return refuse(403, 'Please log in');
      if (app.checkOrigin && req.headers.origin !== `http://${req.headers.host}`)
        return refuse(403, 'Origin not allowed');
      if (app.checkFetchSite && req.headers['sec-fetch-site'] === 'cross-site')
        return refuse(403, 'Cross-site request refused');
      const token = fields.get('csrf_token') ?? '';
      if (app.token === 'session' && sessions.get(`${sid}:token`)?.[0] !== token)
        return refuse(400, 'Invalid CSRF token');
      if (app.token === 'static' && token !== STATIC_TOKEN) return refuse(400, 'Invalid CSRF token');
      if (app.token === 'unbound' && !issued.has(token)) return refuse(400, 'Invalid CSRF token');
      if (known) sessions.get(sid!)!.push(`${fields.get('amount')} to ${fields.get('to')}`);
      res.writeHead(303, { location: '/' });
      res.end();
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  };
}

/** The fields of a form submission in any of the three encodings. */
function formFields(contentType: string, body: string): URLSearchParams {
  if (contentType.startsWith('multipart/form-data'))
    return new URLSearchParams(
      [...body.matchAll(/name="([^"]+)"\r\n\r\n([^\r]*)/g)].map((m): [string, string] => [m[1]!, m[2]!]),
    );
  if (contentType.startsWith('text/plain'))
    return new URLSearchParams(
      [...body.matchAll(/^([^=\r\n]+)=([^\r\n]*)$/gm)].map((m): [string, string] => [m[1]!, m[2]!]),
    );
  return new URLSearchParams(body);
}

const forgedPosts = (server: TestServer) =>
  server.requests.filter((r) => r.method === 'POST' && r.headers.cookie);

async function scanApp(app: App, config: Parameters<typeof scanWith>[2] = {}) {
  const server = await serve(transferApp(app));
  try {
    const report = await scanWith(server.url, [check], { mode: 'active', ...config });
    return { report, server };
  } finally {
    await server.close();
  }
}

const fires: Array<[string, App]> = [
  ['no token, session cookie without SameSite', {}],
  ['a "token" that is the same for everyone', { token: 'static' }],
  ['a token the app accepts from any session', { token: 'unbound' }],
  ['a multipart form', { enctype: 'multipart/form-data' }],
  ['a text/plain form', { enctype: 'text/plain' }],
];

const quiet: Array<[string, App, Parameters<typeof scanWith>[2]?]> = [
  ['SameSite=Lax session cookie (browsers keep it home)', { sameSite: 'Lax' }],
  ['SameSite=Strict session cookie', { sameSite: 'Strict' }],
  ['a token bound to the session', { token: 'session' }],
  ['the Origin header is checked', { checkOrigin: true }],
  ['Sec-Fetch-Site is checked', { checkFetchSite: true }],
  [
    'authorised only by a custom header (X-API-Key)',
    { apiKey: true },
    { credentials: { headers: { 'X-API-Key': API_KEY } } },
  ],
  ['a public form (accepted without any cookie)', { public: true }],
  ['a refusal served as 200 "Invalid CSRF token"', { token: 'session', refuseWith200: true }],
  ['a refusal that redirects to the login page', { checkOrigin: true, refuseToLogin: true }],
  ['a GET form', { method: 'get' }],
  ['a form that deletes, without --allow-destructive', { action: '/account/delete' }],
  ['a logout form', { action: '/logout' }],
];

describe('csrf-cross-origin-accepted', () => {
  it.each(fires)('fires: %s', async (_, app) => {
    const { report } = await scanApp(app);
    expect(report.findings.map((f) => [f.rule, f.method, new URL(f.url).pathname])).toEqual([
      ['csrf-cross-origin-accepted', 'POST', '/transfer'],
    ]);
    // The forged transfer shows up in the victim's list: proven by reading it back.
    expect(report.findings[0]!.confidence).toBe('confirmed');
  });

  it.each(quiet)('quiet: %s', async (_, app, config) => {
    const { report } = await scanApp(app, config);
    expect(report.findings).toEqual([]);
  });

  it('sends what a cross-site page makes a browser send: ambient cookie only, foreign Origin, simple type', async () => {
    const { report, server } = await scanApp(
      {},
      { credentials: { bearer: 'tok-3f9a1c', headers: { 'X-Tenant': 't1' } } },
    );
    expect(report.findings).toHaveLength(1);
    const forged = forgedPosts(server);
    expect(forged.length).toBeGreaterThan(0);
    for (const r of forged) {
      expect(r.headers.origin).toBe(FOREIGN_ORIGIN);
      expect(r.headers.referer).toBe(`${FOREIGN_ORIGIN}/`);
      expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(r.headers.cookie).toMatch(/^sid=[0-9a-f]{32}$/);
      expect(r.headers.authorization).toBeUndefined();
      expect(r.headers['x-tenant']).toBeUndefined();
    }
    expect(report.findings[0]!.evidence.detail).toContain('`sid`');
  });

  it('does not forge a Lax cookie, and says why', async () => {
    const { report, server } = await scanApp({ sameSite: 'Lax' });
    expect(server.requests.filter((r) => r.method === 'POST')).toEqual([]);
    expect(report.notes.join('\n')).toMatch(
      /not forged: browsers keep `sid` .*SameSite=Lax.* off cross-site POSTs/,
    );
  });

  it('submits a deleting form only with --allow-destructive', async () => {
    const refused = await scanApp({ action: '/account/delete' });
    expect(refused.server.requests.filter((r) => r.method === 'POST')).toEqual([]);
    expect(refused.report.notes.join('\n')).toMatch(/names a deletion \(--allow-destructive allows it\)/);
    const allowed = await scanApp({ action: '/account/delete' }, { allowDestructive: true });
    expect(allowed.report.findings.map((f) => new URL(f.url).pathname)).toEqual(['/account/delete']);
  });

  it('never submits a logout form', async () => {
    const { server } = await scanApp({ action: '/logout' }, { allowDestructive: true });
    expect(server.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('runs only with --active', async () => {
    const server = await serve(transferApp());
    try {
      const report = await scanWith(server.url, [check]);
      expect(report.findings).toEqual([]);
      expect(server.requests.filter((r) => r.method === 'POST')).toEqual([]);
      expect(report.coverage.checks).toContainEqual(
        expect.objectContaining({ id: 'csrf-cross-origin-accepted', status: 'skipped' }),
      );
    } finally {
      await server.close();
    }
  });
});

describe('csrf-cross-origin-accepted on Flask', () => {
  const flask = bothVariants((variant) => startFlask('csrf_active', variant));

  it('fires on the vulnerable app, confirmed by reading the forged transfer back', async () => {
    const report = await scanWith(flask.vulnerable.url, [check], { mode: 'active' });
    expect(report.findings).toHaveLength(1);
    const f = report.findings[0]!;
    expect([f.rule, f.method, f.url, f.confidence, f.severity]).toEqual([
      'csrf-cross-origin-accepted',
      'POST',
      `${flask.vulnerable.origin}/transfer`,
      'confirmed',
      'high',
    ]);
    expect(f.evidence.detail).toMatch(/the cookie `session` .*no SameSite/);
    expect(f.evidence.detail).toMatch(/Without the cookie the same request answered 403/);
    expect(f.evidence.detail).toContain(`came back on ${flask.vulnerable.origin}/`);
  });

  it('is quiet on the fixed app (SameSite=Lax and a session token)', async () => {
    const report = await scanWith(flask.fixed.url, [check], { mode: 'active' });
    expect(report.findings).toEqual([]);
  });
});

interface Api {
  /** SameSite attribute of the session cookie. */
  sameSite?: 'None' | 'Lax' | 'Strict';
  /**
   * Which request bodies are parsed as JSON: any (the default), JSON only (415 otherwise), JSON and
   * form-encoded, or JSON and bodies without a Content-Type (as FastAPI does).
   */
  parses?: 'any' | 'json' | 'json-and-form' | 'json-or-none';
  checkOrigin?: boolean;
  /** The writes are authorised by this header alone; the `sid` cookie handed out on `/` does nothing. */
  header?: 'x-api-key' | 'authorization';
  /** The write needs no session at all. */
  public?: boolean;
  /** The documented write: POST /api/transfer (default), PUT /api/settings or DELETE /api/transfers/{id}. */
  write?: 'POST' | 'PUT' | 'DELETE';
  /** POST path instead of /api/transfer. */
  path?: string;
  /** What OPTIONS answers: no CORS (default), the origin echoed with credentials, or `*` without them. */
  cors?: 'credentials' | 'wildcard';
}

const BEARER = 'tok-9b2e71c4d05a';
const API_LOGIN = { request: 'POST /api/login {"user":"alice"}' };

function apiSpec(api: Api) {
  const post = api.path ?? '/api/transfer';
  const json = (properties: Record<string, unknown>) => ({
    required: true,
    content: { 'application/json': { schema: { type: 'object', properties } } },
  });
  const paths: Record<string, unknown> = {
    '/api/transfers': { get: { responses: { 200: { description: 'transfers' } } } },
    '/api/settings': { get: { responses: { 200: { description: 'settings' } } } },
  };
  if ((api.write ?? 'POST') === 'POST') {
    paths[post] = {
      post: {
        requestBody: json({ to: { type: 'string' }, amount: { type: 'integer', minimum: 1 } }),
        responses: { 201: { description: 'done' } },
      },
    };
  } else if (api.write === 'PUT') {
    (paths['/api/settings'] as Record<string, unknown>).put = {
      requestBody: json({ nickname: { type: 'string' } }),
      responses: { 200: { description: 'saved' } },
    };
  } else {
    paths['/api/transfers/{id}'] = {
      delete: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { 204: { description: 'gone' } },
      },
    };
  }
  return { openapi: '3.0.3', info: { title: 'Wallet', version: '1' }, paths };
}

/** A JSON API behind a cookie session (or a header), with its OpenAPI document at /openapi.json. */
function walletApi(api: Api = {}) {
  type Account = { transfers: Array<{ id: number; text: string }>; nickname: string };
  const sessions = new Map<string, Account>();
  const write = api.write ?? 'POST';
  const post = api.path ?? '/api/transfer';
  const newSession = (res: import('node:http').ServerResponse) => {
    const id = randomBytes(16).toString('hex');
    sessions.set(id, { transfers: [{ id: 1, text: '5 to bob' }], nickname: 'al' });
    res.setHeader(
      'set-cookie',
      `sid=${id}; Path=/; HttpOnly${api.sameSite ? `; SameSite=${api.sameSite}` : ''}`,
    );
    return id;
  };
  const headerAccount = { transfers: [{ id: 1, text: '5 to bob' }], nickname: 'al' };
  return async (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const sid = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (req.method === 'OPTIONS') {
      const cors: Record<string, string> =
        api.cors === 'credentials'
          ? {
              'access-control-allow-origin': req.headers.origin ?? '',
              'access-control-allow-credentials': 'true',
            }
          : api.cors === 'wildcard'
            ? { 'access-control-allow-origin': '*' }
            : {};
      if (api.cors) {
        cors['access-control-allow-methods'] = 'GET, POST, PUT, DELETE';
        cors['access-control-allow-headers'] = 'Content-Type';
      }
      res.writeHead(204, { allow: 'GET, POST, PUT, DELETE, OPTIONS', ...cors });
      res.end();
      return;
    }
    if (req.method === 'GET' && url.pathname === '/') {
      if (!sid) newSession(res);
      return send(200, { docs: '/openapi.json' });
    }
    if (req.method === 'GET' && url.pathname === '/openapi.json') return send(200, apiSpec(api));
    if (req.method === 'GET' && url.pathname === '/state') return send(200, [...sessions.values()]);
    if (req.method === 'POST' && url.pathname === '/api/login') {
      newSession(res);
      return send(200, { ok: true });
    }
    const account = api.header
      ? api.header === 'x-api-key'
        ? req.headers['x-api-key'] === API_KEY
          ? headerAccount
          : undefined
        : req.headers.authorization === `Bearer ${BEARER}`
          ? headerAccount
          : undefined
      : sid
        ? sessions.get(sid)
        : undefined;
    if (req.method === 'GET' && url.pathname === '/api/transfers') {
      return account ? send(200, { transfers: account.transfers }) : send(401, { error: 'sign in' });
    }
    if (req.method === 'GET' && url.pathname === '/api/settings') {
      return account ? send(200, { nickname: account.nickname }) : send(401, { error: 'sign in' });
    }
    const isWrite =
      (write === 'POST' && req.method === 'POST' && url.pathname === post) ||
      (write === 'PUT' && req.method === 'PUT' && url.pathname === '/api/settings') ||
      (write === 'DELETE' && req.method === 'DELETE' && url.pathname.startsWith('/api/transfers/'));
    if (!isWrite) return send(404, { error: 'not found' });
    let text = '';
    for await (const chunk of req) text += chunk;
    if (!account && !api.public) return send(401, { error: 'sign in' });
    if (api.checkOrigin && req.headers.origin && req.headers.origin !== `http://${req.headers.host}`)
      return send(403, { error: 'cross-origin request refused' });
    if (req.method === 'DELETE') {
      const id = Number(url.pathname.split('/').pop());
      if (account) account.transfers = account.transfers.filter((t) => t.id !== id);
      return send(204, undefined);
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
    const parses = api.parses ?? 'any';
    if (
      (parses === 'json' && type !== 'application/json') ||
      (parses === 'json-and-form' &&
        type !== 'application/json' &&
        type !== 'application/x-www-form-urlencoded') ||
      (parses === 'json-or-none' && type !== 'application/json' && type !== '')
    )
      return send(415, { error: 'JSON only' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return send(400, { error: 'invalid JSON' });
    }
    if (req.method === 'PUT') {
      if (account) account.nickname = String(body.nickname);
      return send(200, { nickname: String(body.nickname) });
    }
    const entry = { id: (account?.transfers.length ?? 0) + 1, text: `${body.amount} to ${body.to}` };
    account?.transfers.push(entry);
    return send(201, entry);
  };
}

async function scanApi(api: Api, config: Parameters<typeof scanWith>[2] = {}) {
  const server = await serve(walletApi(api));
  try {
    const state = async () => (await fetch(`${server.origin}/state`)).json();
    const report = await scanWith(server.url, [check], {
      mode: 'active',
      ...(api.header
        ? {
            credentials:
              api.header === 'x-api-key' ? { headers: { 'X-API-Key': API_KEY } } : { bearer: BEARER },
          }
        : { login: API_LOGIN }),
      ...config,
    });
    return { report, server, state: await state() };
  } finally {
    await server.close();
  }
}

/** The requests the probe sent as another site would (the forged ones and their controls). */
const foreignRequests = (server: TestServer) =>
  server.requests.filter((r) => r.headers.origin === FOREIGN_ORIGIN);

/** Rows: what the API does, the finding's method, path and confidence, and extra scan options. */
const apiFires: Array<[string, Api, string, string, string, Parameters<typeof scanWith>[2]?]> = [
  [
    'JSON parsed whatever the Content-Type, session cookie without SameSite',
    {},
    'POST',
    '/api/transfer',
    'confirmed',
  ],
  ['SameSite=None session cookie', { sameSite: 'None' }, 'POST', '/api/transfer', 'confirmed'],
  [
    'a JSON parser that also reads form-encoded bodies',
    { parses: 'json-and-form' },
    'POST',
    '/api/transfer',
    'confirmed',
  ],
  [
    'a JSON parser that also reads bodies without a Content-Type',
    { parses: 'json-or-none' },
    'POST',
    '/api/transfer',
    'confirmed',
  ],
  [
    'PUT whose CORS preflight echoes the origin with credentials',
    { write: 'PUT', cors: 'credentials', parses: 'json' },
    'PUT',
    '/api/settings',
    'confirmed',
  ],
  [
    // Nothing to read back after a deletion: accepted with the cookie, refused without it.
    'DELETE allowed by CORS, with --allow-destructive',
    { write: 'DELETE', cors: 'credentials' },
    'DELETE',
    '/api/transfers/{id}',
    'firm',
    { allowDestructive: true },
  ],
];

/** Rows: what the API does, whether the probe sends a forged request at all, and extra scan options. */
const apiQuiet: Array<[string, Api, 'forges' | 'sends nothing', Parameters<typeof scanWith>[2]?]> = [
  [
    'authorised only by X-API-Key (its `sid` cookie rides along, the key cannot)',
    { header: 'x-api-key' },
    'forges',
  ],
  ['authorised only by a bearer token', { header: 'authorization' }, 'forges'],
  ['SameSite=Lax session cookie', { sameSite: 'Lax' }, 'sends nothing'],
  ['SameSite=Strict session cookie', { sameSite: 'Strict' }, 'sends nothing'],
  ['JSON bodies only (415 for text/plain and forms)', { parses: 'json' }, 'forges'],
  ['the Origin header is checked', { checkOrigin: true }, 'forges'],
  ['a public operation (accepted without any cookie)', { public: true }, 'forges'],
  ['PUT without CORS (cannot be sent cross-site)', { write: 'PUT' }, 'sends nothing'],
  ['PUT with CORS `*` and no credentials', { write: 'PUT', cors: 'wildcard' }, 'sends nothing'],
  [
    'DELETE allowed by CORS, without --allow-destructive',
    { write: 'DELETE', cors: 'credentials' },
    'sends nothing',
  ],
  ['a deleting-looking POST without --allow-destructive', { path: '/api/account/delete' }, 'sends nothing'],
];

/** The forged writes (preflights aside) the probe sent. */
const forgedWrites = (server: TestServer) => foreignRequests(server).filter((r) => r.method !== 'OPTIONS');

describe('csrf-cross-origin-accepted on JSON operations', () => {
  it.each(apiFires)('fires: %s', async (_, api, method, path, confidence, config) => {
    const { report } = await scanApi(api, config);
    expect(
      report.findings.map((f) => [f.rule, f.method, decodeURI(new URL(f.url).pathname), f.confidence]),
    ).toEqual([['csrf-cross-origin-accepted', method, path, confidence]]);
  });

  it.each(apiQuiet)('quiet: %s', async (_, api, sends, config) => {
    const { report, server } = await scanApi(api, config);
    expect(report.findings).toEqual([]);
    expect(forgedWrites(server).length > 0 ? 'forges' : 'sends nothing').toBe(sends);
  });
});

describe('csrf-cross-origin-accepted on JSON operations: what it sends', () => {
  it("sends the operation's JSON as a page's fetch() would: text/plain, foreign Origin, the cookie only", async () => {
    const { report, server } = await scanApi(
      {},
      { credentials: { bearer: BEARER, headers: { 'X-Tenant': 't1' } } },
    );
    expect(report.findings).toHaveLength(1);
    // The forged request and its control: two requests from "another site", and no preflight.
    const [forged, control, ...rest] = forgedWrites(server);
    expect(rest).toEqual([]);
    for (const r of [forged!, control!]) {
      expect([r.method, r.url]).toEqual(['POST', '/api/transfer']);
      expect(r.headers['content-type']).toBe('text/plain;charset=UTF-8');
      expect(r.headers.referer).toBe(`${FOREIGN_ORIGIN}/`);
      expect(r.headers['sec-fetch-site']).toBe('cross-site');
      expect(r.headers['sec-fetch-mode']).toBe('no-cors');
      expect(r.headers.authorization).toBeUndefined();
      expect(r.headers['x-tenant']).toBeUndefined();
    }
    expect(forged!.headers.cookie).toMatch(/^sid=[0-9a-f]{32}$/);
    expect(control!.headers.cookie).toBeUndefined();
    const f = report.findings[0]!;
    expect(f.evidence.detail).toMatch(/Without the cookie the same request answered 401/);
    expect(f.evidence.detail).toMatch(/showed on GET \/api\/transfers/);
    // The cookie's value is masked in the evidence: its first four characters only.
    const sid = forged!.headers.cookie!.slice(4);
    expect(f.evidence.excerpt).toContain(`Cookie: sid=${sid.slice(0, 4)}…`);
    expect(f.evidence.excerpt).not.toContain(sid);
    expect(f.evidence.excerpt).toMatch(/"to":"parapet[0-9a-f]{10}"/);
  });

  it('asks the CORS preflight before a PUT, and puts the value back afterwards', async () => {
    const { report, server, state } = await scanApi({ write: 'PUT', cors: 'credentials', parses: 'json' });
    expect(report.findings).toHaveLength(1);
    const preflight = server.requests.find((r) => r.method === 'OPTIONS' && r.url === '/api/settings');
    expect(preflight?.headers['access-control-request-method']).toBe('PUT');
    const [forged] = forgedWrites(server);
    // The preflight allowed Content-Type, so the page may send real JSON.
    expect([forged!.method, forged!.headers['content-type']]).toEqual(['PUT', 'application/json']);
    expect(report.findings[0]!.evidence.detail).toContain('to undo the forged change');
    // Discovery's own PUT set `parapet`; the forged one a marker; the restore `parapet` again.
    expect(state).toEqual([expect.objectContaining({ nickname: 'parapet' })]);
  });

  it('says why PUT and Lax-cookie operations were not forged', async () => {
    const put = await scanApi({ write: 'PUT' });
    expect(put.report.notes.join('\n')).toMatch(
      /PUT \/api\/settings: not forged, as no CORS preflight lets another site send these methods with cookies/,
    );
    const lax = await scanApi({ sameSite: 'Lax' });
    expect(lax.report.notes.join('\n')).toMatch(
      /not forged, as browsers keep their cookies off cross-site requests: POST \/api\/transfer \(`sid` .*SameSite=Lax\)/,
    );
  });

  it('never sends a DELETE without --allow-destructive, and says so', async () => {
    const { report, server } = await scanApi({ write: 'DELETE', cors: 'credentials' });
    expect(server.requests.filter((r) => r.method === 'DELETE' || r.method === 'OPTIONS')).toEqual([]);
    expect(report.notes.join('\n')).toMatch(
      /DELETE \/api\/transfers\/1 \(it deletes\): not forged without --allow-destructive/,
    );
  });
});

const FLASK_LOGIN = { request: 'POST /api/login {"username":"alice","password":"alice-pass-5e1f"}' };

describe('csrf-cross-origin-accepted on JSON operations (Flask)', () => {
  const flask = bothVariants((variant) => startFlask('csrf_api', variant));

  it('fires on get_json(force=True): both documented writes, confirmed by reading them back', async () => {
    const report = await scanWith(flask.vulnerable.url, [check], { mode: 'active', login: FLASK_LOGIN });
    expect(report.findings.map((f) => [f.method, f.url, f.confidence, f.severity])).toEqual([
      ['POST', `${flask.vulnerable.origin}/api/profile/email`, 'confirmed', 'high'],
      ['POST', `${flask.vulnerable.origin}/api/transfer`, 'confirmed', 'high'],
    ]);
    const [email, transfer] = report.findings;
    expect(email!.evidence.detail).toMatch(/the cookie `session` \(.*SameSite=None\)/);
    expect(email!.evidence.detail).toContain('showed on GET /api/me');
    expect(transfer!.evidence.detail).toContain('Without the cookie the same request answered 401');
    expect(transfer!.evidence.detail).toContain('showed on GET /api/transfers');
    // What the forged requests did, as the app stored it.
    const state = (await (await fetch(`${flask.vulnerable.origin}/state`)).json()) as {
      transfers: { alice: Array<{ to: string }> };
    };
    expect(state.transfers.alice.map((t) => t.to)).toContainEqual(
      expect.stringMatching(/^parapet[0-9a-f]{10}$/),
    );
  });

  it('is quiet when get_json() refuses text/plain', async () => {
    const report = await scanWith(flask.fixed.url, [check], { mode: 'active', login: FLASK_LOGIN });
    expect(report.findings).toEqual([]);
  });
});
