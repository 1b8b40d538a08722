import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlask } from '../../test/support/flask.js';
import { html, type Page, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import jwtWeakSecret from './jwt-weak-secret.js';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const DIGEST = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as const;
const HOUR = 3600;
const now = () => Math.floor(Date.now() / 1000);

function sign(alg: keyof typeof DIGEST, key: string | Buffer, claims: Record<string, unknown>): string {
  const input = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${createHmac(DIGEST[alg], key).update(input).digest('base64url')}`;
}
const unsigned = (
  alg: string,
  claims: Record<string, unknown>,
  sig = randomBytes(256).toString('base64url'),
) => `${b64({ alg, typ: 'JWT' })}.${b64(claims)}.${alg === 'none' ? '' : sig}`;

const JSON_TYPE = { 'content-type': 'application/json' };
const json = (value: unknown, headers: Record<string, string | string[]> = {}): Page => ({
  headers: { ...JSON_TYPE, ...headers },
  body: JSON.stringify(value),
});

const CLAIMS = { sub: 'alice', iss: 'auth.fixture', exp: now() + HOUR };
const fires: Array<[string, Page, string]> = [
  ['HS256 in a JSON login answer', json({ access_token: sign('HS256', 'secret', CLAIMS) }), 'HS256'],
  [
    'HS512 in a Set-Cookie',
    json(
      { ok: true },
      { 'set-cookie': `token=${sign('HS512', 'changeme', { sub: 'bob' })}; HttpOnly; Path=/` },
    ),
    'HS512',
  ],
  [
    'HS384 in a response header',
    json({ ok: true }, { 'x-auth-token': sign('HS384', 'jwt-secret', CLAIMS) }),
    'HS384',
  ],
  [
    'an expired token in an HTML page',
    {
      headers: { 'content-type': 'text/html' },
      body: html(
        `<script>var t="${sign('HS256', 'keyboard cat', { ...CLAIMS, exp: now() - HOUR })}"</script>`,
      ),
    },
    'expired',
  ],
];

const quiet: Array<[string, Page]> = [
  ['HS256 with a random key', json({ access_token: sign('HS256', randomBytes(32), CLAIMS) })],
  ['RS256 (not an HMAC key)', json({ id_token: unsigned('RS256', CLAIMS) })],
  ['alg none (another rule)', json({ token: unsigned('none', CLAIMS) })],
  ['a truncated token', json({ token: sign('HS256', 'secret', CLAIMS).slice(0, 60) })],
  ['no token at all', json({ ok: true })],
];

const table: Record<string, Page | ((req: import('node:http').IncomingMessage) => Page)> = {};
[...fires, ...quiet].forEach(([, page], i) => {
  table[`/case/${i}`] = page;
});
table['/me'] = json({ ok: true });
table['/echo'] = (req) => json({ youSent: req.headers.authorization ?? null });

let site: TestServer;
beforeAll(async () => {
  site = await serve(pages(table));
});
afterAll(() => site.close());

const scanAt = (path: string, config = {}) => scanWith(`${site.origin}${path}`, [jwtWeakSecret], config);

describe('jwt-weak-secret', () => {
  it.each(fires.map(([name, , text], i) => [name, i, text] as const))('fires: %s', async (_, i, text) => {
    const { findings } = await scanAt(`/case/${i}`);
    expect(findings.map((f) => [f.rule, f.severity, f.confidence])).toEqual([
      ['jwt-weak-secret', 'critical', 'confirmed'],
    ]);
    expect(findings[0]!.evidence.detail).toContain(text);
  });

  it.each(quiet.map(([name], i) => [name, fires.length + i] as const))('quiet: %s', async (_, i) => {
    expect((await scanAt(`/case/${i}`)).findings).toEqual([]);
  });

  it('records alg, issuer and expiry, and masks token and key', async () => {
    const report = await scanAt('/case/0');
    const [finding] = report.findings;
    expect(finding!.evidence.detail).toMatch(/A JWT \(HS256, iss "auth.fixture", expires \d{4}-/);
    expect(finding!.evidence.detail).toContain('key `sec…`');
    expect(finding!.evidence.detail).toContain('in the response body of GET /case/0');
    const token = (JSON.parse(fires[0]![1].body!) as { access_token: string }).access_token;
    expect(JSON.stringify(report)).not.toContain(token.slice(0, 20));
    expect(finding!.evidence.excerpt).toBe('eyJh…');
  });

  it('searches the bearer token Parapet was given', async () => {
    const bearer = sign('HS256', 'your-256-bit-secret', { sub: 'scanner', exp: now() + HOUR });
    const report = await scanAt('/me', { credentials: { headers: {}, bearer } });
    expect(report.findings.map((f) => f.rule)).toEqual(['jwt-weak-secret']);
    expect(report.findings[0]!.evidence.detail).toContain('given to Parapet');
    expect(JSON.stringify(report)).not.toContain(bearer);
  });

  it('quiet: a strongly signed bearer token echoed back, with a note that it was checked', async () => {
    const bearer = sign('HS256', randomBytes(32), CLAIMS);
    const report = await scanAt('/echo', { credentials: { headers: {}, bearer } });
    expect(report.findings).toEqual([]);
    expect(report.notes.filter((n) => n.startsWith('jwt-weak-secret:'))).toHaveLength(1);
  });
});

describe('jwt-weak-secret on a Flask app', () => {
  const scanFlask = async (variant: 'vulnerable' | 'fixed') => {
    const app = await startFlask('session', variant);
    try {
      return await scanWith(app.url, [jwtWeakSecret]);
    } finally {
      await app.close();
    }
  };

  it('finds the tutorial key of the login token', async () => {
    const { findings, stack } = await scanFlask('vulnerable');
    expect(findings.map((f) => [f.rule, new URL(f.url).pathname])).toEqual([
      ['jwt-weak-secret', '/api/login'],
    ]);
    expect(findings[0]!.evidence.detail).toContain('iss "shop-fixture"');
    expect(stack.auth.find((p) => p.id === 'jwt')?.evidence).toContain('HS256, iss "shop-fixture", expires');
  });

  it('is quiet when the token is signed with a random key', async () => {
    expect((await scanFlask('fixed')).findings).toEqual([]);
  });
});
