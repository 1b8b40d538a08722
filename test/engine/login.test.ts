import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScanConfig } from '../../src/config/parse.js';
import type { ScanConfigInput } from '../../src/config/schema.js';
import { Engine } from '../../src/engine/engine.js';
import { buildLoginRequest, tokenAt } from '../../src/engine/login.js';
import { isParapetError } from '../../src/errors.js';
import { scan } from '../../src/scan.js';
import { serve, type TestServer } from '../support/http-server.js';

const PASSWORD = 'correct-horse-battery';
/** Tokens die after this many uses: the scan must notice and log in again. */
const USES_PER_TOKEN = 4;

let api: TestServer;
let logins = 0;
let allowRelogin = true;
const tokens = new Map<string, number>();

async function body(req: IncomingMessage): Promise<string> {
  let data = '';
  for await (const chunk of req) data += chunk;
  return data;
}

beforeAll(async () => {
  api = await serve(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(value));
    };
    if (path === '/auth/login' && req.method === 'POST') {
      const sent = JSON.parse(await body(req)) as { username: string; password: string };
      if (sent.username !== 'alice' || sent.password !== PASSWORD || (logins > 0 && !allowRelogin)) {
        return json(401, { error: 'bad credentials' });
      }
      logins++;
      const token = randomBytes(16).toString('hex');
      tokens.set(token, 0);
      return json(200, { data: { token } }, { 'set-cookie': `sid=${token}; HttpOnly; SameSite=Lax; Path=/` });
    }
    const bearer = /^Bearer (\w+)$/.exec(req.headers.authorization ?? '')?.[1];
    const cookie = /sid=(\w+)/.exec(req.headers.cookie ?? '')?.[1];
    const token = bearer ?? cookie;
    const uses = token === undefined ? undefined : tokens.get(token);
    if (uses === undefined || uses >= USES_PER_TOKEN) return json(401, { error: 'login required' });
    tokens.set(token!, uses + 1);
    if (path === '/') return json(200, { links: ['/api/a', '/api/b', '/api/c', '/api/d', '/api/e'] });
    return json(200, { path, owner: 'alice' });
  });
});
afterAll(() => api.close());

const recipe = 'POST /auth/login {"username":"$USER","password":"$PASS"}';
const config = (over: Partial<ScanConfigInput> = {}): ScanConfigInput => ({
  target: api.url,
  rate: 1000,
  concurrency: 1,
  login: { request: recipe, tokenPath: '/data/token', variables: { USER: 'alice', PASS: PASSWORD } },
  ...over,
});

describe('login recipe', () => {
  it('fills placeholders JSON-escaped and reads tokens by pointer or dotted path', () => {
    const req = buildLoginRequest(recipe, 'http://h/', { USER: 'a"b', PASS: 'p' });
    expect(req).toMatchObject({ method: 'POST', url: 'http://h/auth/login' });
    expect(JSON.parse(req.body!)).toEqual({ username: 'a"b', password: 'p' });
    expect(tokenAt('{"data":{"token":"t1"}}', '/data/token')).toBe('t1');
    expect(tokenAt('{"data":{"token":"t1"}}', 'data.token')).toBe('t1');
    expect(tokenAt('{"data":{}}', 'data.token')).toBeUndefined();
  });

  it('names a missing variable', () => {
    expect(() => buildLoginRequest(recipe, 'http://h/', { USER: 'a' })).toThrow(/\$PASS/);
  });

  it('logs in, notices expiry mid-scan, logs in again, and never shows the token or password', async () => {
    logins = 0;
    allowRelogin = true;
    const report = await scan(config(), { checks: [] });
    expect(logins).toBeGreaterThanOrEqual(2);
    expect(report.notes.some((n) => /expired .* logged in again/.test(n))).toBe(true);
    const text = JSON.stringify(report);
    expect(text).not.toContain(PASSWORD);
    for (const token of tokens.keys()) expect(text).not.toContain(token);
  });

  it('when logging in again fails, says the rest ran unauthenticated', async () => {
    logins = 0;
    allowRelogin = false;
    const report = await scan(config(), { checks: [] });
    expect(report.notes.some((n) => /rest of the scan ran unauthenticated/.test(n))).toBe(true);
  });

  it('carries a cookie session when no token path is given', async () => {
    logins = 0;
    allowRelogin = true;
    const engine = new Engine(
      parseScanConfig(config({ login: { request: recipe, variables: { USER: 'alice', PASS: PASSWORD } } })),
    );
    await engine.login();
    const ex = await engine.send({ url: `${api.origin}/api/a`, initiator: 'test' });
    expect(ex.response?.status).toBe(200);
    expect(ex.identity).toBe('primary');
    await engine.close();
  });

  it('a wrong password is one clear PARAPET_LOGIN_FAILED error', async () => {
    logins = 0;
    await expect(
      scan(
        config({
          login: { request: recipe, tokenPath: 'data.token', variables: { USER: 'alice', PASS: 'nope' } },
        }),
      ),
    ).rejects.toSatisfy(
      (err) => isParapetError(err, 'PARAPET_LOGIN_FAILED') && /answered 401/.test(String(err)),
    );
  });
});
