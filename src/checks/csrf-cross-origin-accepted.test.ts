import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlaskApp, startFlask } from '../../test/support/flask.js';
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
  let vulnerable: FlaskApp;
  let fixed: FlaskApp;
  beforeAll(async () => {
    [vulnerable, fixed] = await Promise.all([
      startFlask('csrf_active', 'vulnerable'),
      startFlask('csrf_active', 'fixed'),
    ]);
  });
  afterAll(async () => {
    await Promise.all([vulnerable?.close(), fixed?.close()]);
  });

  it('fires on the vulnerable app, confirmed by reading the forged transfer back', async () => {
    const report = await scanWith(vulnerable.url, [check], { mode: 'active' });
    expect(report.findings).toHaveLength(1);
    const f = report.findings[0]!;
    expect([f.rule, f.method, f.url, f.confidence, f.severity]).toEqual([
      'csrf-cross-origin-accepted',
      'POST',
      `${vulnerable.origin}/transfer`,
      'confirmed',
      'high',
    ]);
    expect(f.evidence.detail).toMatch(/the cookie `session` .*no SameSite/);
    expect(f.evidence.detail).toMatch(/Without the cookie the same request answered 403/);
    expect(f.evidence.detail).toContain(`came back on ${vulnerable.origin}/`);
  });

  it('is quiet on the fixed app (SameSite=Lax and a session token)', async () => {
    const report = await scanWith(fixed.url, [check], { mode: 'active' });
    expect(report.findings).toEqual([]);
  });
});
