/**
 * The `parapet` command as a user runs it: `node dist/cli/main.js` (the test script builds first; in a
 * worktree run `npx tsc -p tsconfig.build.json` before these tests), against servers on 127.0.0.1.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, lines, type Run, runCli, startCli } from '../../test/support/cli.js';
import { html, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { CATALOGUE } from '../catalogue.js';
import { ScanConfigSchema } from '../config/schema.js';
import type { Report } from '../report/report.js';
import { VERSION } from '../version.js';

const SECRET = 'Zq9-PARAPET-SECRET-4471';

const run = (args: string[], env: Record<string, string> = {}) => runCli(args, { env });

let site: TestServer;
let tmp: string;
beforeAll(async () => {
  assertBuilt();
  tmp = await mkdtemp(join(tmpdir(), 'parapet-cli-'));
  // A page that echoes the credentials it received: the report must still not contain them.
  site = await serve(
    pages({
      '/': (req) => ({
        headers: { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'sid=abc; Path=/' },
        body: html(
          `<a href="/about">about</a><pre>${req.headers.authorization ?? ''} ${req.headers['x-api-key'] ?? ''} ${req.headers.cookie ?? ''}</pre>`,
        ),
      }),
      '/about': { body: html('about') },
      '/api/echo': (req) => ({
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ authorization: req.headers.authorization ?? null }),
      }),
    }),
  );
});
afterAll(async () => {
  await site?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe.concurrent('parapet scan', () => {
  it('prints a text report and exits 0, with plain progress lines on a non-terminal stderr', async () => {
    const r = await run(['scan', site.url, '--no-color'], { FORCE_COLOR: '1' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Parapet ${VERSION}`);
    expect(r.stdout).toContain(site.url);
    expect(r.stdout).toMatch(/Grade [A-F]/);
    expect(r.stdout).toMatch(/\d+ requests/);
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stderr).toMatch(/^\[parapet\] discovery done: \d+ pages?/m);
    expect(r.stderr).not.toContain('\r');
  });

  it('prints JSON that parses to the report, with the flags reflected in its config', async () => {
    const r = await run([
      'scan',
      site.url,
      '--format',
      'json',
      '--quiet',
      '--budget',
      '50',
      '--timeout',
      '2.5',
      '--max-body',
      '1mb',
      '--concurrency',
      '3',
      '--rate',
      '40',
      '--scope',
      'https://api.example.test',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.target).toBe(site.url);
    expect(report.tool.version).toBe(VERSION);
    expect(report.config).toMatchObject({
      mode: 'safe',
      budget: 50,
      timeoutMs: 2500,
      maxBodyBytes: 1024 * 1024,
      concurrency: 3,
      rate: 40,
      scope: ['https://api.example.test'],
    });
    expect(report.stats.requests).toBeGreaterThan(0);
    expect(report.stats.requests).toBeLessThanOrEqual(50);
  });

  it('--output writes the report to a file and prints a one-line summary', async () => {
    const json = join(tmp, 'report.json');
    const r1 = await run(['scan', site.url, '--format', 'json', '--output', json, '--quiet']);
    expect(r1.code).toBe(0);
    expect(r1.stderr).toBe('');
    expect(lines(r1.stdout)).toEqual([
      expect.stringMatching(/^Grade [A-F] · score \d+\/100 · \d+ findings? · report written to /),
    ]);
    expect((JSON.parse(await readFile(json, 'utf8')) as Report).target).toBe(site.url);

    const text = join(tmp, 'report.txt');
    const r2 = await run(['scan', site.url, '-o', text, '--quiet'], { FORCE_COLOR: '1' });
    expect(r2.code).toBe(0);
    const body = await readFile(text, 'utf8');
    expect(body).toMatch(/Grade [A-F]/);
    expect(body).not.toContain('\x1b');
  });

  it('refuses an --output it could not write, before sending anything', async () => {
    const own = await serve(pages({ '/': { body: html('hi') } }));
    const r = await run(['scan', own.url, '--output', join(tmp, 'no-such-dir', 'r.json')]);
    await own.close();
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/^parapet: cannot write the report to .*folder does not exist/),
    ]);
    expect(own.requests).toEqual([]);
  });

  it('colours a report when FORCE_COLOR asks (and --no-color, above, wins over it)', async () => {
    const forced = await run(['scan', site.url, '--quiet'], { FORCE_COLOR: '1' });
    expect(forced.stdout).toContain('\x1b[');
  });
});

describe.concurrent('credentials', () => {
  const noLeak = (...texts: string[]) => {
    for (const t of texts) {
      expect(t).not.toContain(SECRET);
      expect(t).not.toContain(Buffer.from(`user:${SECRET}`).toString('base64'));
    }
  };

  it('are sent from flags, and appear nowhere in stdout, stderr or the report file', async () => {
    const out = join(tmp, 'creds-flags.json');
    const r = await run([
      'scan',
      site.url,
      '--bearer',
      SECRET,
      '--header',
      `X-Api-Key: ${SECRET}`,
      '--cookie',
      `session=${SECRET}`,
      '--format',
      'json',
      '-o',
      out,
    ]);
    expect(r.code).toBe(0);
    const file = await readFile(out, 'utf8');
    expect((JSON.parse(file) as Report).config.credentialHeaders).toEqual([
      'authorization',
      'cookie',
      'x-api-key',
    ]);
    const seen = site.requests.find((q) => q.headers['x-api-key'] === SECRET);
    expect(seen?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(seen?.headers.cookie).toContain(`session=${SECRET}`);
    noLeak(r.stdout, r.stderr, file);
  });

  it('are read from PARAPET_* environment variables, and appear nowhere either', async () => {
    const r = await run(['scan', site.url, '--format', 'json'], {
      PARAPET_BASIC: `user:${SECRET}`,
      PARAPET_HEADER: `X-Api-Key: env-${SECRET}\nX-Tenant: t1`,
      PARAPET_COOKIE: `session=env-${SECRET}`,
    });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Report).config.credentialHeaders).toEqual([
      'authorization',
      'cookie',
      'x-api-key',
      'x-tenant',
    ]);
    const seen = site.requests.find((q) => q.headers['x-api-key'] === `env-${SECRET}`);
    expect(seen?.headers.authorization).toBe(`Basic ${Buffer.from(`user:${SECRET}`).toString('base64')}`);
    expect(seen?.headers['x-tenant']).toBe('t1');
    noLeak(r.stdout, r.stderr);
  });

  it('are not echoed in usage errors', async () => {
    const bad = await Promise.all([
      run(['scan', site.url, '--basic', `no-colon-${SECRET}`]),
      run(['scan', site.url, `--bearer-token=${SECRET}`]),
    ]);
    for (const r of bad) {
      expect(r.code).toBe(2);
      expect(lines(r.stderr)).toHaveLength(1);
      noLeak(r.stdout, r.stderr);
    }
  });
});

describe.concurrent('CI gate', () => {
  /** Whether a report should fail `--fail-on low`; tentative findings never count. */
  const breaches = (report: Report) =>
    report.findings.some((f) => f.confidence !== 'tentative' && f.severity !== 'info');

  let failOnRun: Promise<Run> | undefined;
  const failOnLow = () => {
    failOnRun ??= run(['scan', site.url, '--format', 'json', '--quiet', '--fail-on', 'low']);
    return failOnRun;
  };

  it('--fail-on exits 1 exactly when a non-tentative finding at or above the severity exists', async () => {
    const r = await failOnLow();
    const report = JSON.parse(r.stdout) as Report;
    expect(r.code).toBe(breaches(report) ? 1 : 0);
    expect(r.stderr).toEqual(
      breaches(report) ? expect.stringMatching(/^parapet: failed: \d+ findings? at or above low/) : '',
    );
  });

  // The same site scores the same each time: --threshold at the score passes, one above fails.
  it('--threshold at the score exits 0', async () => {
    const { score } = JSON.parse((await failOnLow()).stdout) as Report;
    expect((await run(['scan', site.url, '--quiet', '--threshold', String(score)])).code).toBe(0);
  });

  it('--threshold above the score exits 1', async (ctx) => {
    const { score } = JSON.parse((await failOnLow()).stdout) as Report;
    // Nothing can be above a perfect score (the gate's logic is unit-tested in gate.test.ts).
    if (score === 100) ctx.skip();
    const above = await run(['scan', site.url, '--quiet', '--threshold', String(score + 1)]);
    expect(above.code).toBe(1);
    expect(lines(above.stderr)).toEqual([
      `parapet: failed: score ${score} is below --threshold ${score + 1}`,
    ]);
  });

  it('rejects a threshold outside 0..100 and an unknown severity', async () => {
    const results = await Promise.all([
      run(['scan', site.url, '--threshold', '101']),
      run(['scan', site.url, '--fail-on', 'severe']),
    ]);
    for (const r of results) {
      expect(r.code).toBe(2);
      expect(lines(r.stderr)).toHaveLength(1);
    }
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.concurrent('errors: one line on stderr, the right exit code', () => {
  it('connection refused → 2', async () => {
    const r = await run(['scan', `http://127.0.0.1:${await closedPort()}/`]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/^parapet: connection refused by http:\/\/127\.0\.0\.1:\d+\/$/),
    ]);
    expect(r.stdout).toBe('');
  });

  it('a host that cannot resolve (.invalid) → 2', async () => {
    const r = await run(['scan', 'http://parapet-test.invalid/']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['parapet: cannot resolve host for http://parapet-test.invalid/']);
  });

  it.each([['not a url']])('invalid URL %s → 2', async (url) => {
    const r = await run(['scan', url]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/^parapet: \S/)]);
  });

  it.each([
    [
      ['scan', 'http://127.0.0.1/', '--budgt', '3'],
      /^parapet: unknown option '--budgt'; did you mean --budget\?/,
    ],
    [['scan'], /^parapet: missing required argument 'url'/],
    [
      ['scan', 'http://127.0.0.1/', '--budget', 'lots'],
      /^parapet: option '--budget <n>' argument 'lots' is invalid/,
    ],
    [
      ['scan', 'http://127.0.0.1/', '--timeout', '0.01'],
      /^parapet: --timeout must be at least 0\.1 seconds$/,
    ],
  ])('usage error %j → 2', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(message)]);
  });

  it('no command at all → help on stderr, 2', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: parapet');
  });
});

describe.concurrent('rules, explain, version, help', () => {
  it('`rules` lists every catalogue rule with its category, severity, mode and OWASP id', async () => {
    const r = await run(['rules']);
    expect(r.code).toBe(0);
    for (const [id, e] of Object.entries(CATALOGUE)) {
      expect(r.stdout).toMatch(
        new RegExp(`^${id}\\s+${e.category}\\s+${e.severity}\\s+${e.mode}\\s+${e.owasp}\\s+(yes|no)$`, 'm'),
      );
    }
  });

  it('`explain <rule>` prints the rule and its mappings', async () => {
    const r = await run(['explain', 'clickjacking']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('clickjacking');
    expect(r.stdout).toContain('category framing');
    expect(r.stdout).toContain('API8 Security Misconfiguration');
    expect(r.stdout).toContain('CWE-1021');
  });

  it('`explain` of an unknown rule exits 2 with a suggestion', async () => {
    const r = await run(['explain', 'clickjackin']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(["parapet: unknown rule 'clickjackin' (did you mean 'clickjacking'?)"]);
  });

  it('--version prints the version', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${VERSION}\n`);
  });

  it('`scan --help` states the same defaults as the config schema', async () => {
    const r = await run(['scan', '--help']);
    expect(r.code).toBe(0);
    const d = ScanConfigSchema.parse({ target: 'http://127.0.0.1/' });
    const help = r.stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`(default ${d.budget})`);
    expect(help).toContain(`(default ${d.concurrency})`);
    expect(help).toContain(`(default ${d.rate})`);
    expect(help).toContain(`(default ${d.timeoutMs / 1000})`);
    expect(help).toContain(`(default ${d.maxDurationMs / 1000})`);
    expect(help).toContain(`(default ${d.maxBodyBytes / (1024 * 1024)}mb)`);
    expect(help).toContain('PARAPET_BEARER');
  });
});

describe('interrupted scans', () => {
  let slow: TestServer;
  let held: Array<() => void> = [];
  beforeAll(async () => {
    // The start page answers at once; everything else hangs until the test lets it go.
    slow = await serve((req, res) => {
      if (req.url === '/') {
        res.setHeader('content-type', 'text/html');
        res.end(html('<a href="/a">a</a><a href="/b">b</a>'));
        return;
      }
      held.push(() => res.end('late'));
    });
  });
  afterAll(async () => {
    for (const release of held) release();
    held = [];
    await slow?.close();
  });

  /** Resolves once the scan is past the start page and waiting on the slow ones. */
  const waitForHeld = async () => {
    for (let i = 0; i < 400 && held.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(held.length).toBeGreaterThan(0);
  };

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s writes the partial report and exits %i', async (signal, code) => {
    held = [];
    const out = join(tmp, `partial-${signal}.json`);
    const { child, done } = startCli(['scan', slow.url, '--format', 'json', '--output', out]);
    await waitForHeld();
    child.kill(signal);
    const r = await done;
    expect(r.code).toBe(code);
    const report = JSON.parse(await readFile(out, 'utf8')) as Report;
    expect(report.partial).toBe(true);
    expect(report.target).toBe(slow.url);
    expect(r.stdout).toMatch(/· partial · report written to/);
  });
});
