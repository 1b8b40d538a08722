/**
 * Every report format end to end: `parapet scan` (the built CLI) against a Node app on 127.0.0.1, with
 * --output-dir, a config file, suppressions and `parapet diff`. Run `npx tsc -p tsconfig.build.json` first.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, lines, runCli } from '../../test/support/cli.js';
import { html, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { expectValidReport } from '../../test/support/report-schema.js';
import { githubSarifProblems, officialSarifValidator } from '../../test/support/sarif.js';
import type { Report } from '../report/report.js';
import { severityRank } from '../types.js';

const SECRET = 'Zq9-PARAPET-SECRET-4471';

let app: TestServer;
let tmp: string;
/** The report of one scan with every format, shared by the tests that read it. */
let all: { dir: string; code: number | null; stdout: string; stderr: string };

beforeAll(async () => {
  assertBuilt();
  tmp = await mkdtemp(join(tmpdir(), 'parapet-reports-'));
  app = await serve(
    pages({
      '/': {
        headers: { 'content-type': 'text/html; charset=utf-8', server: 'nginx/1.25.3' },
        body: html(
          '<form method="post" action="/login"><input name="user"><button>Sign in</button></form><a href="/about">about</a>',
        ),
      },
      '/about': { body: html('<p>about us</p>') },
    }),
  );
  const dir = join(tmp, 'all');
  const r = await runCli([
    'scan',
    app.url,
    '--format',
    'text,json,sarif,junit,markdown,html,pdf',
    '--output-dir',
    dir,
    '--quiet',
  ]);
  all = { dir, ...r };
}, 90_000);

afterAll(async () => {
  await app?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const read = (name: string) => readFile(join(all.dir, name), 'utf8');

describe('parapet scan --format … --output-dir', () => {
  it('writes every format and prints one summary line', async () => {
    expect(all.stderr).toBe('');
    expect(all.code).toBe(0);
    expect(lines(all.stdout)).toEqual([
      expect.stringMatching(
        /^Grade [A-F] · score \d+\/100 · \d+ findings? · reports written to .*: parapet\.txt, parapet\.json, parapet\.sarif, parapet\.junit\.xml, parapet\.md, parapet\.html, parapet\.pdf$/,
      ),
    ]);
  });

  it('JSON: a valid report; the others agree with it', async () => {
    const report = JSON.parse(await read('parapet.json')) as Report;
    expectValidReport(report);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(await read('parapet.txt')).toContain(`Grade ${report.grade}`);
    expect((await read('parapet.md')).split('\n')[0]).toBe(
      `### Parapet: grade ${report.grade} · ${report.score}/100`,
    );
    const page = await read('parapet.html');
    expect(page).toContain(`<span class="letter">${report.grade}</span>`);
    expect(page).toContain('Content-Security-Policy" content="default-src \'none\';');
    const pdf = await readFile(join(all.dir, 'parapet.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('SARIF: valid, accepted by GitHub, one result per finding', async () => {
    const report = JSON.parse(await read('parapet.json')) as Report;
    const sarif = JSON.parse(await read('parapet.sarif'));
    const validate = officialSarifValidator();
    if (validate) expect(validate(sarif)).toEqual([]);
    expect(githubSarifProblems(sarif)).toEqual([]);
    expect(sarif.runs[0].results).toHaveLength(report.findings.length);
    expect(sarif.runs[0].originalUriBaseIds.TARGET.uri).toBe(app.url);
  });

  it('JUnit: one test case per rule of the checks that ran, failures matching the findings', async () => {
    const report = JSON.parse(await read('parapet.json')) as Report;
    const doc = parseDocument(await read('parapet.junit.xml'), { xmlMode: true });
    const cases: Array<{ name: string; failed: boolean }> = [];
    const walk = (nodes: unknown[]) => {
      for (const n of nodes as Array<{
        name?: string;
        attribs?: Record<string, string>;
        children?: unknown[];
      }>) {
        if (n.name === 'testcase') {
          cases.push({
            name: n.attribs!.name!.split(':')[0]!,
            failed: (n.children as Array<{ name?: string }>).some((c) => c.name === 'failure'),
          });
        }
        if (n.children) walk(n.children);
      }
    };
    walk(doc.children);
    const failing = new Set(
      report.findings
        .filter((f) => f.confidence !== 'tentative' && severityRank(f.severity) >= severityRank('low'))
        .map((f) => f.rule),
    );
    expect(
      cases
        .filter((c) => c.failed)
        .map((c) => c.name)
        .sort(),
    ).toEqual([...failing].sort());
    for (const f of report.findings) expect(cases.map((c) => c.name)).toContain(f.rule);
  });

  it('one format goes to stdout; SARIF there is the same document', async () => {
    const r = await runCli(['scan', app.url, '--format', 'sarif', '--quiet']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).version).toBe('2.1.0');
  });

  it.each([
    [['--format', 'pdf'], 'parapet: --format pdf needs --output or --output-dir'],
    [
      ['--format', 'sarif,html'],
      'parapet: several formats (sarif, html) need --output-dir to write them into',
    ],
    [
      ['--format', 'sarif', '-o', 'x.sarif', '--output-dir', 'd'],
      'parapet: use --output or --output-dir, not both',
    ],
    [
      ['--format', 'word'],
      /^parapet: option '--format <formats>' argument 'word' is invalid\. unknown format word/,
    ],
  ])('%j is a usage error before anything is sent', async (args, message) => {
    const idle = await serve(pages({}));
    const r = await runCli(['scan', idle.url, ...args], { cwd: tmp });
    await idle.close();
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([typeof message === 'string' ? message : expect.stringMatching(message)]);
    expect(idle.requests).toEqual([]);
  });
});

describe('config file', () => {
  /** A folder with `parapet.config.yml` holding `yaml`. */
  async function project(name: string, yaml: string): Promise<string> {
    const dir = join(tmp, name);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'parapet.config.yml'), yaml);
    return dir;
  }

  it('gives the target, formats, output folder and headers (from the environment, never echoed)', async () => {
    const dir = await project(
      'cfg',
      [
        `target: ${app.url}`,
        'headers:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the config file reads ${API_KEY} from the environment
        '  X-API-Key: ${API_KEY}',
        'formats: [json, markdown]',
        'outputDir: out',
        'budget: 30',
      ].join('\n'),
    );
    const r = await runCli(['scan', '--quiet'], { cwd: dir, env: { API_KEY: SECRET } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'out', 'parapet.json'), 'utf8')) as Report;
    expect(report.config.budget).toBe(30);
    expect(report.config.credentialHeaders).toEqual(['x-api-key']);
    expect(app.requests.some((q) => q.headers['x-api-key'] === SECRET)).toBe(true);
    expect(existsSync(join(dir, 'out', 'parapet.md'))).toBe(true);
    for (const text of [r.stdout, await readFile(join(dir, 'out', 'parapet.json'), 'utf8')]) {
      expect(text).not.toContain(SECRET);
    }
  });

  it('command-line flags override it', async () => {
    const dir = await project('override', `target: ${app.url}\nbudget: 30\nformats: [markdown]\n`);
    const r = await runCli(['scan', '--budget', '25', '--format', 'json', '--quiet'], { cwd: dir });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Report).config.budget).toBe(25);
  });

  it('suppressed findings are shown as such and no longer fail the gate; expired ones count again', async () => {
    const plain = await runCli(['scan', app.url, '--format', 'json', '--quiet', '--fail-on', 'low']);
    const report = JSON.parse(plain.stdout) as Report;
    const gating = [
      ...new Set(
        report.findings
          .filter((f) => f.confidence !== 'tentative' && f.severity !== 'info')
          .map((f) => f.rule),
      ),
    ];
    expect(gating.length).toBeGreaterThan(0);
    expect(plain.code).toBe(1);

    const suppress = (expires: string) =>
      gating
        .map((rule) => `  - rule: ${rule}\n    reason: accepted for the test\n    expires: ${expires}`)
        .join('\n');
    const live = await project(
      'suppressed',
      `target: ${app.url}\nfailOn: low\nsuppressions:\n${suppress('2099-12-31')}\n`,
    );
    const quiet = await runCli(['scan', '--format', 'json', '--quiet'], { cwd: live });
    expect(quiet.stderr).toBe('');
    expect(quiet.code).toBe(0);
    const after = JSON.parse(quiet.stdout) as Report;
    expectValidReport(after);
    expect(
      after.findings
        .filter((f) => gating.includes(f.rule))
        .every((f) => f.suppressed?.reason === 'accepted for the test'),
    ).toBe(true);
    expect(after.score).toBeGreaterThanOrEqual(report.score);

    const old = await project(
      'expired',
      `target: ${app.url}\nfailOn: low\nsuppressions:\n${suppress('2020-01-01')}\n`,
    );
    const loud = await runCli(['scan', '--format', 'json', '--quiet'], { cwd: old });
    expect(loud.code).toBe(1);
    const back = JSON.parse(loud.stdout) as Report;
    expect(back.findings.every((f) => f.suppressed === undefined)).toBe(true);
    expect(back.notes).toEqual(
      expect.arrayContaining([expect.stringMatching(/^The suppression of .* expired on 2020-01-01/)]),
    );
  }, 90_000);

  it('a bad key is one line naming it, exit 2', async () => {
    const dir = await project('bad', `target: ${app.url}\nfail-on: high\n`);
    const r = await runCli(['scan'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      'parapet: parapet.config.yml: unknown key fail-on (did you mean failOn?)',
    ]);
  });

  it('no URL and no target is a usage error', async () => {
    const dir = await project('empty', 'budget: 10\n');
    const r = await runCli(['scan'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      "parapet: missing required argument 'url' (give it, or set target in parapet.config.yml)",
    ]);
  });
});

describe.concurrent('parapet diff', () => {
  let oldFile: string;
  let newFile: string;
  let fixture: Report;
  beforeAll(async () => {
    fixture = JSON.parse(
      await readFile(new URL('../../test/fixtures/reports/report.json', import.meta.url), 'utf8'),
    ) as Report;
    const [first, ...rest] = fixture.findings;
    oldFile = join(tmp, 'old.json');
    newFile = join(tmp, 'new.json');
    await writeFile(oldFile, JSON.stringify({ ...fixture, findings: rest }));
    await writeFile(newFile, JSON.stringify(fixture));
    expect(first!.confidence).not.toBe('tentative');
  });

  it('lists new, fixed and unchanged findings and the score change', async () => {
    const r = await runCli(['diff', oldFile, newFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 new finding · 0 fixed findings · 5 unchanged');
    expect(r.stdout).toContain(fixture.findings[0]!.rule);
  });

  it('--fail-on-new exits 1 on a new finding, 0 when there is none', async () => {
    const failing = await runCli(['diff', oldFile, newFile, '--fail-on-new']);
    expect(failing.code).toBe(1);
    expect(lines(failing.stderr)).toEqual(['parapet: failed: 1 new finding (--fail-on-new)']);
    const fixed = await runCli(['diff', newFile, oldFile, '--fail-on-new', '--format', 'markdown']);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('0 new findings · 1 fixed finding');
  });

  it('refuses a file that is not a Parapet report', async () => {
    const bad = join(tmp, 'bad.json');
    await writeFile(bad, JSON.stringify({ hello: 'world' }));
    const r = await runCli(['diff', bad, newFile]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/^parapet: .*bad\.json is not a Parapet report \(/),
    ]);
  });
});
