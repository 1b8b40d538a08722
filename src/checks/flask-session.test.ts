import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlask } from '../../test/support/flask.js';
import { type FlaskCookieSpec, realFlaskCookies } from '../../test/support/flask-cookies.js';
import { html, type Page, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import type { Severity } from '../types.js';
import flaskSession from './flask-session.js';

const RANDOM = () => randomBytes(32).toString('hex');
const page = (setCookie: string | string[]): Page => ({
  headers: { 'content-type': 'text/html; charset=utf-8', 'set-cookie': setCookie },
  body: html('<p>hello</p>'),
});

interface Row {
  name: string;
  spec: FlaskCookieSpec;
  cookieName?: string;
  /** [rule, severity] pairs expected, sorted. */
  want: Array<[string, Severity]>;
}

const fires: Row[] = [
  {
    name: 'a wordlist secret, compressed payload',
    spec: { secret: 'changeme', session: { cart: Array.from({ length: 30 }, () => 'sku-1') } },
    want: [['flask-session-weak-secret', 'critical']],
  },
  {
    name: 'a wordlist secret under a custom cookie name',
    spec: { secret: 'super-secret-key', session: { visits: 3 } },
    cookieName: 'shop_session',
    want: [['flask-session-weak-secret', 'critical']],
  },
  {
    name: "Flask's quickstart bytes key",
    spec: { secret: 'hex:5f352379324c22463451387a0aec5d2f', session: { visits: 1 } },
    want: [['flask-session-weak-secret', 'critical']],
  },
  {
    name: 'personal data in a strongly signed session (low)',
    spec: { secret: RANDOM(), session: { email: 'alice@example.test', visits: 2 } },
    want: [['session-data-exposed', 'low']],
  },
  {
    name: 'a privilege flag in a strongly signed session (high)',
    spec: { secret: RANDOM(), session: { _user_id: '7', is_admin: true } },
    want: [['session-data-exposed', 'high']],
  },
  {
    name: 'a nested token in a compressed session (high)',
    spec: {
      secret: RANDOM(),
      session: { oauth: { access_token: RANDOM() }, history: Array.from({ length: 30 }, () => '/home') },
    },
    want: [['session-data-exposed', 'high']],
  },
  {
    name: 'both: a weak secret and a password in the session',
    spec: { secret: 'dev', session: { user: 'bob', password: 'hunter2' } },
    want: [
      ['flask-session-weak-secret', 'critical'],
      ['session-data-exposed', 'high'],
    ],
  },
];

const quiet: Row[] = [
  {
    name: 'a random secret and an opaque id',
    spec: { secret: RANDOM(), session: { sid: RANDOM() } },
    want: [],
  },
  {
    name: 'Flask-Login and Flask-WTF bookkeeping only',
    spec: { secret: RANDOM(), session: { _fresh: true, _id: RANDOM(), _user_id: '1', csrf_token: RANDOM() } },
    want: [],
  },
  {
    name: 'a secret that only resembles a wordlist entry',
    spec: { secret: 'changeme-7f3a9c1e5b2d4068', session: { visits: 1 } },
    want: [],
  },
];

const rows = [...fires, ...quiet];
let site: TestServer;
const JWT = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"role":"admin"}').toString('base64url')}.${randomBytes(32).toString('base64url')}`;

beforeAll(async () => {
  const cookies = realFlaskCookies(rows.map((r) => r.spec));
  const table: Record<string, Page> = {};
  rows.forEach((r, i) => {
    table[`/case/${i}`] = page(`${r.cookieName ?? 'session'}=${cookies[i]}; HttpOnly; Path=/`);
  });
  table['/jwt'] = page(`token=${JWT}; Path=/`);
  table['/deleted'] = page(`session=${cookies[0]}; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/`);
  table['/opaque'] = page(`session=${RANDOM()}; Path=/`);
  table['/plain'] = { headers: { 'content-type': 'text/html' }, body: html('<p>no cookie</p>') };
  site = await serve(pages(table));
  // The same weak-secret cookie, given to Parapet as the session to scan with.
  configuredCookie = `session=${cookies[fires.findIndex((r) => r.spec.secret === 'dev')]}`;
});
afterAll(() => site.close());
let configuredCookie = '';

const resultsAt = async (path: string, config = {}) =>
  (await scanWith(`${site.origin}${path}`, [flaskSession], config)).findings
    .map((f) => [f.rule, f.severity] as [string, Severity])
    .sort();

describe('flask-session', () => {
  it.each(fires.map((r, i) => [r.name, i] as const))('fires: %s', async (_, i) => {
    expect(await resultsAt(`/case/${i}`)).toEqual(fires[i]!.want);
  });

  it.each(quiet.map((r, i) => [r.name, fires.length + i] as const))('quiet: %s', async (_, i) => {
    expect(await resultsAt(`/case/${i}`)).toEqual([]);
  });

  it.each([
    ['a JWT cookie', '/jwt'],
    ['a deleted session cookie', '/deleted'],
    ['an opaque session id', '/opaque'],
  ])('quiet: %s', async (_, path) => {
    expect(await resultsAt(path)).toEqual([]);
  });

  it('searches the session cookie Parapet was given', async () => {
    const report = await scanWith(`${site.origin}/plain`, [flaskSession], {
      credentials: { headers: {}, cookie: configuredCookie },
    });
    const weak = report.findings.find((f) => f.rule === 'flask-session-weak-secret');
    expect(weak?.evidence.detail).toContain('given to Parapet');
    expect(weak?.confidence).toBe('confirmed');
  });

  it('shows the secret and the values masked, the field names plainly', async () => {
    const i = fires.findIndex((r) => r.spec.secret === 'dev');
    const findings = (await scanWith(`${site.origin}/case/${i}`, [flaskSession])).findings;
    const weak = findings.find((f) => f.rule === 'flask-session-weak-secret')!;
    expect(weak.evidence.detail).toContain('`d…`');
    const data = findings.find((f) => f.rule === 'session-data-exposed')!;
    expect(data.evidence.detail).toContain('its fields user, password');
    expect(data.evidence.detail).toContain('password=`hun…`');
    expect(JSON.stringify(findings)).not.toContain('hunter2');
  });
});

describe('flask-session on a Flask app', () => {
  const scanFlask = async (variant: 'vulnerable' | 'fixed') => {
    const app = await startFlask('session', variant);
    try {
      return await scanWith(app.url, [flaskSession]);
    } finally {
      await app.close();
    }
  };

  it('finds the weak secret and the role and token in the session of the vulnerable app', async () => {
    const { findings } = await scanFlask('vulnerable');
    expect(findings.map((f) => [f.rule, f.severity, f.confidence, new URL(f.url).pathname]).sort()).toEqual([
      ['flask-session-weak-secret', 'critical', 'confirmed', '/'],
      ['session-data-exposed', 'high', 'firm', '/'],
    ]);
    const data = findings.find((f) => f.rule === 'session-data-exposed')!;
    expect(data.evidence.detail).toContain('role=`ad…`');
    expect(data.evidence.detail).toContain('api_token=`tok-…`');
    expect(findings.find((f) => f.rule === 'flask-session-weak-secret')!.evidence.detail).toContain(
      '`chan…`',
    );
  });

  it('is quiet on the fixed app', async () => {
    const report = await scanFlask('fixed');
    expect(report.findings).toEqual([]);
    expect(report.stack.framework.map((p) => p.id)).toContain('flask');
  });
});
