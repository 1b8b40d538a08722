import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlaskApp, startFlask } from '../../test/support/flask.js';
import { serve, type TestServer } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import type { ScanConfigInput } from '../config/schema.js';
import type { Report } from '../report/report.js';
import jwtForgery from './jwt-forgery.js';
import jwtWeakSecret from './jwt-weak-secret.js';

const OURS = new Set(['jwt-alg-none', 'jwt-expired-accepted']);
const active = { mode: 'active' } as const;
const login = (tokenPath = 'token'): Partial<ScanConfigInput> => ({
  login: {
    request: 'POST /auth/login {"username":"$USER","password":"$PASS"}',
    tokenPath,
    variables: { USER: 'alice', PASS: 'alice-pass' },
  },
});

async function tokenFrom(app: FlaskApp): Promise<string> {
  const res = await fetch(`${app.origin}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'alice', password: 'alice-pass' }),
  });
  return ((await res.json()) as { token: string }).token;
}

const rules = (r: Report) => [...new Set(r.findings.map((f) => f.rule))].sort();
const ours = (r: Report) => rules(r).filter((x) => OURS.has(x));

// ---- Flask: hand-written HS256 verification, vulnerable and fixed ---------------------------------

interface FlaskRow {
  variant: 'vulnerable' | 'fixed';
  env: Record<string, string>;
  /** Scan with the token as --bearer (fetched first) or through the --login recipe. */
  via: 'bearer' | 'login';
}

const flaskApps = new Map<FlaskRow, FlaskApp>();
const flaskScan = async (row: FlaskRow, extra: Partial<ScanConfigInput> = active) => {
  const app = flaskApps.get(row)!;
  const auth = row.via === 'bearer' ? { credentials: { bearer: await tokenFrom(app) } } : login();
  return scanWith(app.url, [jwtWeakSecret, jwtForgery], { ...auth, ...extra });
};

const vulnerableStrong: FlaskRow = { variant: 'vulnerable', env: {}, via: 'bearer' };
const vulnerableWeak: FlaskRow = { variant: 'vulnerable', env: { JWT_KEY: 'secret' }, via: 'login' };
const expiryForgotten: FlaskRow = {
  variant: 'fixed',
  env: { JWT_KEY: 'secret', IGNORE_EXP: '1' },
  via: 'bearer',
};
const fixedStrong: FlaskRow = { variant: 'fixed', env: {}, via: 'login' };
const fixedWeak: FlaskRow = { variant: 'fixed', env: { JWT_KEY: 'secret' }, via: 'bearer' };
const FLASK_ROWS = [vulnerableStrong, vulnerableWeak, expiryForgotten, fixedStrong, fixedWeak];

beforeAll(async () => {
  await Promise.all(
    FLASK_ROWS.map(async (row) => flaskApps.set(row, await startFlask('jwt_api', row.variant, row.env))),
  );
});
afterAll(async () => {
  await Promise.all([...flaskApps.values()].map((a) => a.close()));
});

describe('jwt-forgery on the Flask notes API', () => {
  it('fires: alg none accepted, and an expired copy re-issued with alg none', async () => {
    const report = await flaskScan(vulnerableStrong);
    expect(ours(report)).toEqual(['jwt-alg-none', 'jwt-expired-accepted']);
    const none = report.findings.find((f) => f.rule === 'jwt-alg-none')!;
    expect(none).toMatchObject({ confidence: 'confirmed', severity: 'critical', method: 'GET' });
    expect(none.evidence.detail).toContain('"alg":"none"');
    expect(none.evidence.excerpt).toContain('alice');
    const expired = report.findings.find((f) => f.rule === 'jwt-expired-accepted')!;
    expect(expired.evidence.detail).toMatch(/re-issued with `alg: none`/);
  });

  it('fires: the expired copy is signed with the key jwt-weak-secret found (token from --login)', async () => {
    const report = await flaskScan(vulnerableWeak);
    expect(rules(report)).toEqual(['jwt-alg-none', 'jwt-expired-accepted', 'jwt-weak-secret']);
    const expired = report.findings.find((f) => f.rule === 'jwt-expired-accepted')!;
    expect(expired.evidence.detail).toMatch(/signed with the weak key `sec…`/);
    expect(expired.confidence).toBe('confirmed');
  });

  it('fires: a strict algorithm but expiry never checked, key from the wordlist', async () => {
    const report = await flaskScan(expiryForgotten);
    expect(ours(report)).toEqual(['jwt-expired-accepted']);
  });

  it('quiet: strict algorithm and expiry, random key (and says why expiry was not tested)', async () => {
    const report = await flaskScan(fixedStrong);
    expect(rules(report)).toEqual([]);
    expect(report.notes.join('\n')).toMatch(/jwt-expired-accepted was not tested/);
  });

  it('quiet: strict algorithm and expiry, weak key (only jwt-weak-secret speaks)', async () => {
    expect(rules(await flaskScan(fixedWeak))).toEqual(['jwt-weak-secret']);
  });

  it('quiet: nothing is forged without --active', async () => {
    const report = await flaskScan(vulnerableStrong, {});
    expect(ours(report)).toEqual([]);
    expect(report.coverage.checks.find((c) => c.id === 'jwt-forgery')).toMatchObject({ status: 'skipped' });
  });
});

// ---- Node: other carriers, odd spellings and the precision rules ---------------------------------

const KEY = 'a-long-random-key-nobody-would-guess-7f3a9c';
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
function sign(claims: Record<string, unknown>): string {
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', KEY).update(input).digest('base64url')}`;
}
const TOKEN = sign({ sub: 'alice', exp: Math.floor(Date.now() / 1000) + 3600 });

interface Site {
  /** Where the server reads the token. */
  from: 'bearer' | 'cookie';
  /** What the server makes of a token: the claims it believes, or undefined. */
  verify: (token: string) => Record<string, unknown> | undefined;
  /** The answer to a believed caller. */
  answer?: (claims: Record<string, unknown>, token: string) => unknown;
  /** The data needs no token at all. */
  open?: boolean;
}

function parts(token: string) {
  const [h, p, s] = token.split('.');
  try {
    return {
      header: JSON.parse(Buffer.from(h ?? '', 'base64url').toString()) as Record<string, unknown>,
      claims: JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, unknown>,
      input: `${h}.${p}`,
      sig: s ?? '',
    };
  } catch {
    return undefined;
  }
}
const strict = (token: string) => {
  const t = parts(token);
  const mac = t && createHmac('sha256', KEY).update(t.input).digest('base64url');
  return t && t.header.alg === 'HS256' && mac === t.sig ? t.claims : undefined;
};
/** A hand-rolled check that lets exactly `NONE` through unsigned. */
const upperNone = (token: string) => {
  const t = parts(token);
  return t?.header.alg === 'NONE' ? t.claims : strict(token);
};
const anyValue = (token: string) => (token ? { sub: 'alice' } : undefined);
const DATA = { id: 1, username: 'alice', email: 'alice.ng@mail-alpha.net', plan: 'pro' };

function handler(site: Site) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (path === '/') return json(200, { links: ['/api/me'] });
    if (path !== '/api/me') return json(404, { error: 'not found' });
    if (site.open) return json(200, DATA);
    const raw =
      site.from === 'bearer'
        ? (req.headers.authorization ?? '').replace(/^Bearer /, '')
        : (/(?:^|;\s*)auth=([^;]*)/.exec(req.headers.cookie ?? '')?.[1] ?? '');
    const claims = raw ? site.verify(raw) : undefined;
    if (!claims) return json(401, { error: 'login required' });
    return json(200, site.answer ? site.answer(claims, raw) : DATA);
  };
}

const nodeFires: Array<[string, Site, Partial<ScanConfigInput>, string[]]> = [
  [
    'only the spelling NONE is let through, token in a cookie given to Parapet',
    { from: 'cookie', verify: upperNone },
    { credentials: { cookie: `theme=dark; auth=${TOKEN}` } },
    ['jwt-alg-none', 'jwt-expired-accepted'],
  ],
];

const nodeQuiet: Array<[string, Site, Partial<ScanConfigInput>]> = [
  ['a strict verifier', { from: 'bearer', verify: strict }, { credentials: { bearer: TOKEN } }],
  [
    'any value in the header is taken (nothing reads the token)',
    { from: 'bearer', verify: anyValue },
    { credentials: { bearer: TOKEN } },
  ],
  [
    'the data needs no token (nothing to bypass)',
    { from: 'bearer', verify: strict, open: true },
    { credentials: { bearer: TOKEN } },
  ],
  [
    'alg none gets a 200 with guest data, not the caller’s',
    {
      from: 'bearer',
      verify: (t) => (parts(t)?.header.alg === 'none' ? { guest: true } : strict(t)),
      answer: (claims) => (claims.guest ? { id: 0, username: 'guest', plan: 'free' } : DATA),
    },
    { credentials: { bearer: TOKEN } },
  ],
];

const nodeServers = new Map<Site, TestServer>();
beforeAll(async () => {
  for (const site of [...nodeFires.map((r) => r[1]), ...nodeQuiet.map((r) => r[1])])
    nodeServers.set(site, await serve(handler(site)));
});
afterAll(async () => {
  await Promise.all([...nodeServers.values()].map((s) => s.close()));
});

describe('jwt-forgery on small Node servers', () => {
  it.each(nodeFires)('fires: %s', async (_, site, config, expected) => {
    const report = await scanWith(nodeServers.get(site)!.url, [jwtForgery], { ...config, ...active });
    expect(rules(report)).toEqual(expected);
    const none = report.findings.find((f) => f.rule === 'jwt-alg-none')!;
    expect(none.evidence.detail).toContain('"alg":"NONE"');
    expect(none.evidence.detail).toContain('Cookie');
  });

  it.each(nodeQuiet)('quiet: %s', async (_, site, config) => {
    const report = await scanWith(nodeServers.get(site)!.url, [jwtForgery], { ...config, ...active });
    expect(rules(report)).toEqual([]);
  });

  it('says so when any value passes for the token', async () => {
    const site = nodeQuiet[1]![1];
    const report = await scanWith(nodeServers.get(site)!.url, [jwtForgery], {
      credentials: { bearer: TOKEN },
      ...active,
    });
    expect(report.notes.join('\n')).toMatch(/accepts any value in place of the JWT/);
  });
});
