import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlaskApp, startFlask } from '../../test/support/flask.js';
import { serve, type TestServer } from '../../test/support/http-server.js';
import { rulesFor, scanWith } from '../../test/support/scan.js';
import check from './sensitive-field-exposure.js';

const BCRYPT = '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW';
const BCRYPT2 = '$2b$12$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z0Hk3e.0Z8K7C8d8FqC2xJ6a';
const DJANGO = 'pbkdf2_sha256$600000$Jq9c3xYQm1sK$4yV2mZk7n0Jp1wS8aU5tQ3rE6hL9dC2bF0gH1iK4jM8=';
const TOKEN_A = 'tk_8f2KqL0zR4mX7cV1bN9wS3dE6hJ5gA2p';
const TOKEN_B = 'tk_Q1wE2rT3yU4iO5pA6sD7fG8hJ9kL0zXc';
const JWT = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"sub":"7"}').toString('base64url')}.kZ3v9Qw1LmN8pR2sT5uX0yB4cD7eF6gH`;
const PEM =
  '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----';

const fires: Array<[string, unknown]> = [
  [
    'a user listing with bcrypt password hashes',
    {
      users: [
        { id: 1, name: 'alice', password_hash: BCRYPT },
        { id: 2, name: 'bob', password_hash: BCRYPT2 },
      ],
    },
  ],
  ['a plaintext password on one object', { id: 7, username: 'alice', password: 'hunter2' }],
  ['a hash format under an innocuous key', { id: 7, username: 'alice', pw: DJANGO }],
  [
    'other users’ API keys in a listing',
    {
      data: [
        { id: 1, owner: 'alice', apiKey: TOKEN_A },
        { id: 2, owner: 'bob', apiKey: TOKEN_B },
      ],
    },
  ],
  [
    'refresh tokens of several sessions',
    [
      { user: 'alice', refresh_token: TOKEN_A },
      { user: 'bob', refresh_token: TOKEN_B },
    ],
  ],
  ['a private key', { name: 'signing', private_key: PEM }],
  ['an MFA seed', { id: 3, otp_secret: 'JBSWY3DPEHPK3PXP' }],
  ['a password-reset token on a user object', { id: 3, email: 'c@x.test', reset_token: 'Zx81kQm20aLp' }],
];

const quiet: Array<[string, unknown]> = [
  ['the caller’s own token after login', { token: JWT, user: { id: 7, name: 'alice' } }],
  ['the caller’s own API key on a settings object', { id: 7, api_key: TOKEN_A, client_secret: TOKEN_B }],
  ['a listing whose items share one token value', { items: [{ token: TOKEN_A }, { token: TOKEN_A }] }],
  ['a listing of one item with a token', { items: [{ id: 1, access_token: TOKEN_A }] }],
  ['null and empty passwords', { users: [{ password: null }, { password: '' }] }],
  [
    'masked passwords',
    { users: [{ password: '********' }, { password: '••••••' }, { password: 'redacted' }] },
  ],
  ['placeholders', { password: '<hidden>', secret: '{{secret}}', api_key: 'sk_live_****abcd' }],
  ['booleans about passwords', { has_password: true, password: true, password_set: 'true' }],
  ['a CSRF token and a pagination token', { csrf_token: TOKEN_A, next_token: TOKEN_B, items: [] }],
  ['a validation error', { errors: { password: 'required', token: 'expired' } }],
  ['i18n labels', { password: 'Password', passwordHash: 'Mot de passe haché', secret: 'Votre secret' }],
  [
    'an OpenAPI document with example credentials',
    {
      openapi: '3.0.3',
      info: { title: 'x', version: '1' },
      components: { schemas: { Login: { example: { password: 'hunter2', token: TOKEN_A } } } },
    },
  ],
  ['a JSON Schema of a user', { properties: { password: { type: 'string', minLength: 12 } } }],
  ['examples in an ordinary response', { example: { password: 'hunter2' }, status: 'ok' }],
];

const bodies = new Map<string, unknown>();
[...fires, ...quiet].forEach(([, body], i) => {
  bodies.set(`/r${i}`, body);
});
/** The caller's own keys, listed on a page about the caller. */
bodies.set('/api/me/api-keys', {
  keys: [
    { name: 'ci', key: TOKEN_A, api_key: TOKEN_A },
    { name: 'dev', api_key: TOKEN_B },
  ],
});

let server: TestServer;
let vulnerable: FlaskApp;
let fixed: FlaskApp;
beforeAll(async () => {
  server = await serve((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const body = bodies.get(url.pathname);
    if (body === undefined) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    else res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  });
  [vulnerable, fixed] = await Promise.all([startFlask('bola', 'vulnerable'), startFlask('bola', 'fixed')]);
});
afterAll(async () => {
  await Promise.all([server?.close(), vulnerable?.close(), fixed?.close()]);
});

describe('sensitive-field-exposure', () => {
  it.each(fires.map(([name], i) => [name, i] as const))('fires: %s', async (_, i) => {
    expect(await rulesFor(`${server.origin}/r${i}`, [check])).toEqual(['sensitive-field-exposure']);
  });

  it.each(quiet.map(([name], i) => [name, i + fires.length] as const))('quiet: %s', async (_, i) => {
    expect(await rulesFor(`${server.origin}/r${i}`, [check])).toEqual([]);
  });

  it('quiet: the caller’s own API keys listed under /me', async () => {
    expect(await rulesFor(`${server.origin}/api/me/api-keys`, [check])).toEqual([]);
  });

  it('names the field paths and masks every value', async () => {
    const report = await scanWith(`${server.origin}/r0`, [check]);
    const [f] = report.findings;
    expect(f).toMatchObject({ severity: 'high', confidence: 'firm' });
    expect(f!.evidence.detail).toContain('$.users[*].password_hash');
    expect(f!.evidence.detail).toContain('$2b$…');
    expect(JSON.stringify(report)).not.toContain(BCRYPT.slice(0, 12));
  });

  it('reports one finding per URL pattern', async () => {
    const s = await serve((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ users: ['/api/users/1', '/api/users/2'] }));
        return;
      }
      const m = /^\/api\/users\/(\d)$/.exec(path);
      if (!m) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: Number(m[1]), password: `pw-${m[1]}-Secret` }));
    });
    try {
      const report = await scanWith(s.url, [check]);
      expect(report.findings.map((f) => [f.url, f.instances])).toEqual([[`${s.origin}/api/users/{id}`, 2]]);
      expect(report.findings[0]!.evidence.detail).toContain('2 distinct values');
    } finally {
      await s.close();
    }
  });
});

describe('sensitive-field-exposure on Flask', () => {
  it('vulnerable: the user listing carries everyone’s password hash', async () => {
    const report = await scanWith(vulnerable.url, [check], { credentials: { bearer: 'alice-token' } });
    expect(report.findings.map((f) => [new URL(f.url).pathname, f.confidence])).toEqual([
      ['/api/users', 'firm'],
    ]);
    expect(report.findings[0]!.evidence.detail).toContain('$.users[*].password_hash');
  });

  it('fixed: the listing only carries ids and usernames', async () => {
    const report = await scanWith(fixed.url, [check], { credentials: { bearer: 'alice-token' } });
    expect(report.findings).toEqual([]);
  });
});
