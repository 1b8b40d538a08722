// Parapet and wapiti as a user runs them: one fresh process per scan, timed from start to exit.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../lib.mjs';

/**
 * Runs a command with a hard time limit; resolves to { code, startedAt, ms, output, seen, killed }
 * (startedAt: performance.now() at spawn; output: its last 4 KB; seen: the distinct matches of
 * `watch` in it; killed: the time limit ended it).
 */
function run(cmd, args, { env = process.env, timeoutMs, watch }) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const seen = new Set();
    const keep = (d) => {
      output = (output + d).slice(-4096);
      for (const m of watch ? output.matchAll(watch) : []) seen.add(m[0]);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    }, timeoutMs);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Math.round(performance.now() - started);
      resolve({ code: code ?? signal, startedAt: started, ms, output, seen: [...seen], killed });
    });
  });
}

/** `Name: value` lines for a fixture's credentials ({ bearer?, headers? }). */
function headerLines(credentials = {}) {
  const lines = Object.entries(credentials.headers ?? {}).map(([k, v]) => `${k}: ${v}`);
  if (credentials.bearer) lines.push(`Authorization: Bearer ${credentials.bearer}`);
  return lines;
}

/**
 * ScanConfig fields (a label's `parapet`) → the CLI flags a user types for them. Only what the fixtures'
 * tests use; any other field is refused rather than silently left out.
 */
const FLAGS = {
  mode: (v) => (v === 'active' ? ['--active'] : []),
  allowDestructive: (v) => (v ? ['--allow-destructive'] : []),
  secondCredentials: (v) => ['--auth2', auth2Of(v)],
  callbackHost: (v) => ['--callback-host', v],
  spec: (v) => ['--spec', join(root, v)],
  // The recipe's $NAMES travel in the environment, as the CLI wants them.
  login: (v) => [
    '--login',
    v.request,
    ...(v.tokenPath ? ['--token-path', v.tokenPath] : []),
    ...(v.tokenHeader ? ['--token-header', v.tokenHeader] : []),
  ],
};

/** `--auth2` takes one credential: `bearer:T`, `basic:u:p`, `cookie:a=b` or one `Name: value`. */
function auth2Of(credentials) {
  const lines = [
    ...(credentials.bearer ? [`bearer:${credentials.bearer}`] : []),
    ...(credentials.basic ? [`basic:${credentials.basic}`] : []),
    ...(credentials.cookie ? [`cookie:${credentials.cookie}`] : []),
    ...headerLines({ headers: credentials.headers }),
  ];
  if (lines.length !== 1) throw new Error('secondCredentials: --auth2 takes exactly one credential');
  return lines[0];
}

/** The CLI arguments and environment variables that give Parapet the label's `parapet` options. */
export function parapetFlags(options = {}) {
  const args = [];
  for (const [key, value] of Object.entries(options)) {
    const flag = FLAGS[key];
    if (!flag) throw new Error(`labels: the bench does not pass parapet.${key} on to the CLI`);
    args.push(...flag(value));
  }
  return { args, env: options.login?.variables ?? {} };
}

/**
 * A Parapet scan through the CLI, with the fixture's credentials and the label's `parapet` options.
 * Resolves to { startedAt, ms, rules, findings } or { ms, error }.
 */
export async function runParapet(url, credentials, options = {}, timeoutMs = 240_000) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-bench-'));
  try {
    const out = join(dir, 'report.json');
    const args = [join(root, 'dist/cli/main.js'), 'scan', url, '--format', 'json', '-o', out, '-q'];
    for (const line of headerLines(credentials)) args.push('-H', line);
    const extra = parapetFlags(options);
    args.push(...extra.args);
    const env = { ...process.env, ...extra.env };
    const { code, startedAt, ms, output } = await run(process.execPath, args, { env, timeoutMs });
    let report;
    try {
      report = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      return { ms, error: `exit ${code}: ${output.trim().split('\n').pop()}` };
    }
    const findings = report.findings.map((f) => ({ rule: f.rule, url: f.url, confidence: f.confidence }));
    return { startedAt, ms, rules: [...new Set(findings.map((f) => f.rule))].sort(), findings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * For tools without Parapet's login recipes: signs in once at `url` as the recipe says (Parapet's own
 * recipe parser) and resolves to credentials carrying the result, the token in the header the recipe
 * names or the session cookie, which those tools then send with every request.
 */
export async function signIn(url, login) {
  const { buildLoginRequest, tokenAt } = await import('../../dist/engine/login.js');
  const req = buildLoginRequest(login.request, url, login.variables ?? {});
  const res = await fetch(req.url, {
    method: req.method,
    headers: req.headers,
    body: req.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  const body = await res.text();
  if (login.tokenPath) {
    const token = tokenAt(body, login.tokenPath);
    if (!token) throw new Error(`login: no token at ${login.tokenPath} (status ${res.status})`);
    if (!login.tokenHeader) return { bearer: token };
    return { headers: { [login.tokenHeader]: token } };
  }
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!cookie) throw new Error(`login: no session cookie (status ${res.status})`);
  return { headers: { Cookie: cookie } };
}

export const WAPITI = process.env.PARAPET_WAPITI ?? 'wapiti';

/** wapiti's version line, or undefined when it is not installed. */
export function wapitiVersion() {
  const r = spawnSync(WAPITI, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (r.error || r.status !== 0) return undefined;
  return /Wapiti[- ]\d[\w.]*/.exec(`${r.stdout}${r.stderr}`)?.[0] ?? 'wapiti';
}

/**
 * wapiti's report categories (and, for its header module, the line it writes) → Parapet rule ids.
 * Categories without a row (open redirect, path traversal, command execution, X-XSS-Protection…)
 * have no Parapet counterpart and are not scored. Both SQL modules find injectable parameters,
 * the flaw behind Parapet's sql-error-disclosure, so both count for it.
 */
export const WAPITI_RULES = [
  ['Cross Site Scripting', null, 'reflected-xss'],
  ['SQL Injection', null, 'sql-error-disclosure'],
  ['Blind SQL Injection', null, 'sql-error-disclosure'],
  ['Content Security Policy Configuration', null, 'csp-missing'],
  ['HTTP Secure Headers', /X-Frame-Options/, 'clickjacking'],
  ['HTTP Secure Headers', /X-Content-Type-Options/, 'content-type-options-missing'],
  ['HTTP Secure Headers', /Strict-Transport-Security/, 'hsts-missing'],
  ['HttpOnly Flag cookie', null, 'cookie-httponly-missing'],
  ['Secure Flag cookie', null, 'cookie-secure-missing'],
  ['Cross Site Request Forgery', null, 'csrf-token-missing'],
  ['Server Side Request Forgery', null, 'ssrf'],
  ['Htaccess Bypass', null, 'auth-method-bypass'],
];

/** Its default modules plus the two opt-in ones that test something Parapet has a rule for. */
export const WAPITI_MODULES = 'common,csrf,htaccess';

/**
 * One wapiti scan of the gate's fixture, confined to it: the gate is its target and its HTTP proxy
 * (so any other host is refused there), its callback endpoint is the gate's (on an origin of its own),
 * crash reports are off, session and config databases live in a throwaway directory. Resolves to { startedAt, ms, rules,
 * said, unmapped, limited } (said: what it wrote for each rule; limited: which of its time limits cut
 * the scan short) or { ms, error }.
 */
export async function runWapiti(gate, credentials, options) {
  const { modules = WAPITI_MODULES, scope = 'folder', url = gate.url, limits, timeoutMs } = options;
  const dir = mkdtempSync(join(tmpdir(), 'wapiti-bench-'));
  try {
    const out = join(dir, 'report.json');
    // Its wappalyzer module (not run here) downloads its database when it finds none at start-up.
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'config', 'apps.json'), '{}');
    const args = ['-u', url, '--scope', scope, '-m', modules, '-p', gate.url, '--endpoint', gate.endpoint];
    args.push(
      '--no-bugreport',
      '--flush-session',
      '--store-session',
      dir,
      '--store-config',
      join(dir, 'config'),
    );
    args.push('--max-scan-time', String(limits.scan), '--max-attack-time', String(limits.attack));
    args.push('-f', 'json', '-o', out, '-v', '0');
    for (const line of headerLines(credentials)) args.push('-H', line);
    const env = { PATH: process.env.PATH, HOME: dir, LANG: 'C.UTF-8' };
    const watch = /Max (?:scan|attack) time was reached(?: for module \w+)?/g;
    const { code, startedAt, ms, output, seen, killed } = await run(WAPITI, args, { env, timeoutMs, watch });
    if (killed) return { ms, error: `killed after ${Math.round(timeoutMs / 1000)} s` };
    let report;
    try {
      report = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      return { ms, error: `exit ${code}: ${output.trim().split('\n').pop()}` };
    }
    const said = {};
    const unmapped = new Set();
    for (const [category, entries] of Object.entries(report.vulnerabilities ?? {})) {
      for (const entry of entries) {
        const row = WAPITI_RULES.find(([c, info]) => c === category && (!info || info.test(entry.info)));
        if (!row) unmapped.add(category === 'HTTP Secure Headers' ? entry.info : category);
        else said[row[2]] = [...new Set([...(said[row[2]] ?? []), `${entry.path}: ${entry.info}`])];
      }
    }
    const rules = Object.keys(said).sort();
    return { startedAt, ms, rules, said, unmapped: [...unmapped].sort(), limited: seen };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
