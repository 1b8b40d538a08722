import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { serve, type TestServer } from '../../test/support/http-server.js';

const PASSWORD = 'pw-7c1e-PARAPET-login';
const TOKEN = 'tok-91ab-PARAPET-session-token';
const BOB = 'bob-token-PARAPET-second';

async function read(req: IncomingMessage): Promise<string> {
  let data = '';
  for await (const chunk of req) data += chunk;
  return data;
}

let api: TestServer;
beforeAll(async () => {
  api = await serve(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    res.setHeader('content-type', 'application/json');
    if (path === '/auth/login' && req.method === 'POST') {
      const body = JSON.parse(await read(req)) as { password?: string };
      res.statusCode = body.password === PASSWORD ? 200 : 401;
      return void res.end(
        JSON.stringify(body.password === PASSWORD ? { access_token: TOKEN } : { error: 'no' }),
      );
    }
    const auth = req.headers.authorization;
    if (auth !== `Bearer ${TOKEN}` && auth !== `Bearer ${BOB}`) {
      res.statusCode = 401;
      return void res.end('{"error":"login required"}');
    }
    // Echoes the token, as careless APIs do: the report must still not show it.
    res.end(JSON.stringify({ you: auth, items: ['/api/items'] }));
  });
});
afterAll(() => api.close());

describe('parapet scan --login', () => {
  it('logs in with values from the environment and never prints them or the token', async () => {
    const run = await runCli(
      [
        'scan',
        api.url,
        '--format',
        'json',
        '--quiet',
        '--login',
        'POST /auth/login {"user":"alice","password":"$APP_PASS"}',
        '--token-path',
        'access_token',
        '--auth2',
        `bearer:${BOB}`,
      ],
      { env: { APP_PASS: PASSWORD } },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { stats: { requests: number } };
    expect(report.stats.requests).toBeGreaterThan(1);
    for (const secret of [PASSWORD, TOKEN, BOB]) {
      expect(run.stdout).not.toContain(secret);
    }
    const served = api.requests.filter((r) => r.headers.authorization === `Bearer ${TOKEN}`);
    expect(served.length).toBeGreaterThan(0);
  });

  it('a missing environment variable is one clear line, exit 2', async () => {
    const run = await runCli(['scan', api.url, '--login', 'POST /auth/login {"password":"$NOPE_PASS"}']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'parapet: --login uses $NOPE_PASS: set the environment variable NOPE_PASS',
    ]);
  });

  it('a failed login is one clear line, exit 2', async () => {
    const run = await runCli(
      [
        'scan',
        api.url,
        '--quiet',
        '--login',
        'POST /auth/login {"password":"$APP_PASS"}',
        '--token-path',
        'access_token',
      ],
      { env: { APP_PASS: 'wrong' } },
    );
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/login failed: POST .*auth\/login answered 401/);
  });
});
