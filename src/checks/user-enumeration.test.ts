import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlaskApp, startFlask } from '../../test/support/flask.js';
import { html, serveEach } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import type { ScanConfigInput } from '../config/schema.js';
import userEnumeration from './user-enumeration.js';

const asAlice: Partial<ScanConfigInput> = {
  mode: 'active',
  login: {
    request: 'POST /login username=$USER&password=$PASS',
    variables: { USER: 'alice', PASS: 'alice-pass' },
  },
};
const summary = (r: { findings: Array<{ url: string; confidence: string; subject?: string }> }) =>
  r.findings.map((f) => [new URL(f.url).pathname, f.confidence, f.subject ?? '']).sort();

// ---- Flask: a sign-in and a reset form --------------------------------------------------------------

describe('user-enumeration on the Flask sign-in app', () => {
  const apps = new Map<string, FlaskApp>();
  beforeAll(async () => {
    const started = await Promise.all([
      startFlask('login_app', 'vulnerable'),
      startFlask('login_app', 'fixed'),
      startFlask('login_app', 'fixed', { TIMING: '1' }),
      startFlask('login_app', 'vulnerable', { RATE_LIMIT: '3' }),
    ]);
    for (const [i, name] of ['vulnerable', 'fixed', 'timing', 'limited'].entries())
      apps.set(name, started[i]!);
  });
  afterAll(async () => {
    await Promise.all([...apps.values()].map((a) => a.close()));
  });

  it('fires: the sign-in and the reset form each name the case (confirmed)', async () => {
    const report = await scanWith(apps.get('vulnerable')!.url, [userEnumeration], asAlice);
    expect(summary(report)).toEqual([
      ['/forgot', 'confirmed', ''],
      ['/login', 'confirmed', ''],
    ]);
    const login = report.findings.find((f) => f.url.endsWith('/login'))!;
    expect(login.evidence.detail).toContain('"Wrong password for {account}."');
    expect(login.evidence.detail).toContain('"No account named {account}."');
    const reset = report.findings.find((f) => f.url.endsWith('/forgot'))!;
    expect(reset.evidence.detail).toContain('status 200 for the existing account against 404');
  });

  it('fires: one message, but a known account takes 300 ms longer (firm, timing)', async () => {
    const report = await scanWith(apps.get('timing')!.url, [userEnumeration], asAlice);
    expect(summary(report)).toEqual([['/login', 'firm', 'timing']]);
    expect(report.findings[0]!.evidence.detail).toMatch(/median \d+ ms against \d+ ms/);
  });

  it('quiet: one message for both, the name echoed in it', async () => {
    expect(summary(await scanWith(apps.get('fixed')!.url, [userEnumeration], asAlice))).toEqual([]);
  });

  it('quiet: stops at the first 429 and says so', async () => {
    const report = await scanWith(apps.get('limited')!.url, [userEnumeration], asAlice);
    expect(summary(report)).toEqual([]);
    expect(report.notes.join('\n')).toMatch(/answered 429 \(rate limited\)/);
  });

  it('quiet: nothing is posted without --active', async () => {
    const report = await scanWith(apps.get('vulnerable')!.url, [userEnumeration], {
      ...asAlice,
      mode: 'safe',
    });
    expect(summary(report)).toEqual([]);
  });
});

// ---- Node: an account harvested from a page, and answers with noise -------------------------------

interface Site {
  /** The message for an unknown account (the known one gets "Wrong password."). */
  unknown: string;
  /** Put a random token and a timestamp into every answer. */
  noise?: boolean;
  /** List a member's e-mail on a public page. */
  team?: boolean;
}

function handler(site: Site) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status: number, body: string): void => {
      res.writeHead(status, { 'content-type': 'text/html' }).end(html(body));
    };
    const form =
      '<form method="post" action="/signin"><input type="email" name="email"><input type="password" name="password"><button>Go</button></form>';
    if (path === '/') return send(200, `<a href="/signin">sign in</a> <a href="/team">team</a>`);
    if (path === '/team')
      return site.team ? send(200, '<p>Bob Stone, bob.stone@mail-alpha.net</p>') : send(404, 'none');
    if (path !== '/signin') return send(404, 'not found');
    if (req.method !== 'POST') return send(200, form);
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const email = new URLSearchParams(raw).get('email');
    const noise = site.noise
      ? `<p>ref ${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)} at ${Date.now()}</p>`
      : '';
    const message = email === 'bob.stone@mail-alpha.net' ? 'Wrong password.' : site.unknown;
    return send(401, `<p>${message}</p>${noise}${form}`);
  };
}

const fires: Array<[string, Site]> = [
  [
    'an e-mail on the team page is an account: the messages differ',
    { unknown: 'Unknown e-mail.', team: true },
  ],
];
const quiet: Array<[string, Site]> = [
  [
    'one message, every answer carrying a random reference and a timestamp',
    {
      unknown: 'Wrong password.',
      noise: true,
      team: true,
    },
  ],
  ['no account is known to compare with', { unknown: 'Unknown e-mail.' }],
];

describe('user-enumeration on small Node sites', () => {
  const servers = serveEach(
    [...fires, ...quiet].map((r) => r[1]),
    handler,
  );

  it.each(fires)('fires: %s', async (_, site) => {
    const report = await scanWith(servers.get(site)!.url, [userEnumeration], { mode: 'active' });
    expect(summary(report)).toEqual([['/signin', 'confirmed', '']]);
    expect(report.findings[0]!.evidence.detail).toContain('"Wrong password." against "Unknown e-mail."');
  });

  it.each(quiet)('quiet: %s', async (_, site) => {
    const report = await scanWith(servers.get(site)!.url, [userEnumeration], { mode: 'active' });
    expect(summary(report)).toEqual([]);
  });

  it('a seen e-mail is used for two wrong sign-ins at most, and never timed', async () => {
    const server = servers.get(fires[0]![1])!;
    const before = server.requests.length;
    await scanWith(server.url, [userEnumeration], { mode: 'active' });
    expect(server.requests.slice(before).filter((r) => r.method === 'POST')).toHaveLength(4);
  });
});
