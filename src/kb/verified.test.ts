/**
 * The Flask fixes, verified: for each rule whose Flask fix has a snippet marked ```python fix=flask, the
 * snippet (its text as the knowledge base holds it) is applied to the vulnerable Flask fixture that
 * demonstrates the rule (test/fixtures/flask/apply_fix.py writes the patched copy), and a scan of the
 * patched app no longer reports the rule while the vulnerable app still does and the patched app still
 * serves its pages.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PYTHON, startFlaskMany } from '../../test/support/flask.js';
import { scanWith } from '../../test/support/scan.js';
import { CHECKS } from '../checks/index.js';
import type { ScanConfigInput } from '../config/schema.js';
import { REPO_ROOT } from '../docs/generate.js';
import { asContextDoc } from './contexts.js';
import { codeFences } from './fences.js';
import { KB } from './index.js';

const APPLY = fileURLToPath(new URL('../../test/fixtures/flask/apply_fix.py', import.meta.url));
const USER_KEY = { credentials: { headers: { 'X-API-Key': 'pk_user_4f9a2c7e1b8d6035' } } };
/** The api_keys fixture's own key lookup has the contract the knowledge base's snippets expect. */
const KEY_GLUE = 'find_api_key = lookup';
const WORKERS = Math.max(2, availableParallelism());

interface Row {
  rule: string;
  /** The vulnerable fixture that demonstrates the rule (test/fixtures/flask/<fixture>.py). */
  fixture: string;
  /** A page the patched app must still serve with a 2xx (the fix must not break the app). */
  alive: string;
  /** Where both scans start, when not at `/`. */
  start?: string;
  config?: Partial<ScanConfigInput>;
  /** Environment the snippet reads (a secret key from the environment, say). */
  env?: Record<string, string>;
  /** Fixture functions the fix takes the place of, besides those the snippet defines again. */
  replaces?: string[];
  glue?: string;
}

const rows: Row[] = [
  { rule: 'clickjacking', fixture: 'framing', alive: '/account' },
  { rule: 'csp-missing', fixture: 'framing', alive: '/account' },
  { rule: 'content-type-options-missing', fixture: 'headers', alive: '/reset' },
  // the vulnerable app's own hook sets `unsafe-url`: the fix takes its place
  { rule: 'referrer-policy-missing', fixture: 'headers', alive: '/reset', replaces: ['leaky_referrer'] },
  { rule: 'cookie-httponly-missing', fixture: 'csrf', alive: '/' },
  { rule: 'cookie-samesite-missing', fixture: 'csrf', alive: '/' },
  { rule: 'csrf-token-missing', fixture: 'csrf', alive: '/' },
  { rule: 'cors-reflected-origin', fixture: 'cors', alive: '/api/me' },
  // An active probe: the scan logs in to the JSON API's cookie session.
  {
    rule: 'csrf-cross-origin-accepted',
    fixture: 'csrf_api',
    alive: '/openapi.json',
    config: {
      mode: 'active',
      login: { request: 'POST /api/login {"username":"alice","password":"alice-pass-5e1f"}' },
    },
  },
  {
    rule: 'flask-session-weak-secret',
    fixture: 'session',
    alive: '/',
    env: { SECRET_KEY: randomHex() },
  },
  { rule: 'jwt-weak-secret', fixture: 'session', alive: '/api/login', env: { JWT_SECRET: randomHex() } },
  { rule: 'sql-error-disclosure', fixture: 'sql_sqlite', alive: '/items?id=1', replaces: ['database_error'] },
  // Werkzeug's debugger page reflects the failing /item value too: that is debug-mode-enabled's fix
  // (not running the debugger), so the scan starts at the page this fix is about.
  { rule: 'reflected-xss', fixture: 'debug_app', alive: '/search?q=desk', start: '/search?q=desk' },
  ...(['api-key-in-query', 'auth-missing', 'auth-method-bypass', 'credential-reflected'] as const).map(
    (rule): Row => ({
      rule,
      fixture: 'api_keys',
      alive: '/api/v1/items',
      config: USER_KEY,
      replaces: ['require_key'],
      glue: KEY_GLUE,
    }),
  ),
];

/** Runs the tasks a few at a time, so scans do not starve each other on a small machine. */
async function pool<T>(tasks: ReadonlyArray<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(WORKERS, tasks.length) }, worker));
  return results;
}

function randomHex(): string {
  return Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
}

/** The one snippet of a rule's Flask fix marked `fix=flask`. */
function flaskSnippets(rule: string): string[] {
  return codeFences(KB[rule]?.fix.flask ?? '')
    .filter((f) => f.attrs.fix === 'flask')
    .map((f) => f.code);
}

interface Outcome {
  vulnerable: string[];
  patched: string[];
  aliveStatus: number;
  url: string;
}

const outcomes = new Map<string, Outcome>();
let close: (() => Promise<void>) | undefined;
let vulnerableApp: Map<string, string>;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parapet-fixes-'));
  const jobs = rows.map((row) => {
    const [snippet] = flaskSnippets(row.rule);
    const module = `fixed_${row.rule.replace(/-/g, '_')}`;
    const file = join(dir, `${module}.snippet.py`);
    writeFileSync(file, snippet ?? '');
    return {
      fixture: row.fixture,
      snippet: file,
      out: join(dir, `${module}.py`),
      replaces: row.replaces ?? [],
      glue: row.glue ?? '',
      label: `fix from src/kb/rules/${row.rule}.ts (flask)`,
      module,
    };
  });
  const applied = spawnSync(PYTHON, [APPLY], { input: JSON.stringify(jobs), encoding: 'utf8' });
  if (applied.status !== 0) throw new Error(`apply_fix.py failed: ${applied.stderr}`);

  const fixtures = [...new Set(rows.map((r) => r.fixture))];
  const served = await startFlaskMany(
    [
      ...fixtures.map((module) => ({ module })),
      ...rows.map((row, i) => ({ module: jobs[i]!.module, ...(row.env ? { env: row.env } : {}) })),
    ],
    { PYTHONPATH: dir },
  );
  close = served.close;
  vulnerableApp = new Map(fixtures.map((f, i) => [f, served.urls[i]!]));
  const patchedApp = served.urls.slice(fixtures.length);

  const rulesOf = async (base: string, row: Row, rules: readonly string[] = [row.rule]) => {
    const checks = CHECKS.filter((c) => rules.some((r) => Object.keys(c.meta.rules).includes(r)));
    const report = await scanWith(new URL(row.start ?? '/', base).href, checks, row.config);
    return [...new Set(report.findings.map((f) => f.rule))];
  };
  // One scan of each vulnerable fixture (per start page and config) with the checks of all its rows.
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = JSON.stringify([row.fixture, row.start, row.config]);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const vulnerableRules = new Map<Row, string[]>();
  await pool(
    [...groups.values()].map((group) => async () => {
      const found = await rulesOf(
        vulnerableApp.get(group[0]!.fixture)!,
        group[0]!,
        group.map((r) => r.rule),
      );
      for (const row of group) vulnerableRules.set(row, found);
    }),
  );
  await pool(
    rows.map((row, i) => async () => {
      const patched = patchedApp[i]!;
      const vulnerable = vulnerableRules.get(row)!;
      const [fixed, alive] = await Promise.all([
        rulesOf(patched, row),
        fetch(new URL(row.alive, patched), {
          headers: row.config?.credentials?.headers ?? {},
        }),
      ]);
      outcomes.set(row.rule, { vulnerable, patched: fixed, aliveStatus: alive.status, url: patched });
    }),
  );
}, 120_000);

afterAll(async () => {
  await close?.();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Flask fixes from the knowledge base, applied to the vulnerable fixtures', () => {
  it.each(rows.map((r) => [r.rule, r.fixture] as const))('%s (fixture %s)', (rule) => {
    const outcome = outcomes.get(rule)!;
    expect(outcome.vulnerable, 'the vulnerable fixture must show the finding').toContain(rule);
    expect(outcome.patched, 'the patched app must not').not.toContain(rule);
    expect(outcome.aliveStatus, 'the patched app must still serve its pages').toBeLessThan(300);
  });

  it('the CSRF fix refuses a cross-site POST and accepts a same-origin one', async () => {
    const url = outcomes.get('csrf-token-missing')!.url;
    const home = await fetch(url);
    const cookie = home.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect(cookie).toMatch(/^session=/);
    const post = (headers: Record<string, string>) =>
      fetch(new URL('/transfer', url), {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: 'to=mallory&amount=100',
      }).then((r) => r.status);
    expect(await post({ origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' })).toBe(403);
    expect(await post({ origin: 'https://attacker.example' })).toBe(403);
    expect(await post({ origin: new URL(url).origin, 'sec-fetch-site': 'same-origin' })).toBe(200);
  });

  it('a finding on a Flask app with API keys gets the Flask fix, the API-key advice and their page', async () => {
    const checks = CHECKS.filter((c) => Object.keys(c.meta.rules).includes('auth-missing'));
    const report = await scanWith(vulnerableApp.get('api_keys')!, checks, USER_KEY);
    const finding = report.findings.find((f) => f.rule === 'auth-missing')!;
    const remediation = finding.remediation;
    expect(remediation).toMatchObject({
      stack: 'flask',
      contexts: ['api-keys'],
      docs: 'docs/kb/auth-missing/flask-api-keys.md',
    });
    expect(remediation.text).toContain(KB['auth-missing']!.fix.flask!.trim());
    expect(remediation.text).toContain(
      asContextDoc(KB['auth-missing']!.authContexts!['api-keys']!).text.trim(),
    );
    expect(remediation.basis).toMatch(/^Flask detected: .*; API key header detected: /);
    expect(existsSync(join(REPO_ROOT, remediation.docs))).toBe(true);
    expect(finding.mappings.asvs).toEqual(['v5.0.0-8.2.1', 'v5.0.0-6.3.4']);
  });

  it('every rule in the table has exactly one snippet marked fix=flask', () => {
    expect(rows.filter((r) => flaskSnippets(r.rule).length !== 1).map((r) => r.rule)).toEqual([]);
  });

  it('every snippet marked fix=flask is verified here', () => {
    const marked = Object.keys(KB).filter((rule) => flaskSnippets(rule).length > 0);
    expect(marked.filter((rule) => !rows.some((r) => r.rule === rule))).toEqual([]);
  });
});
