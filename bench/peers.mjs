// `npm run bench:peers`: Parapet beside wapiti and the MDN HTTP Observatory on the Flask fixtures,
// scored against test/fixtures/labels.json, and each tool's framing verdicts beside a real Chromium.
// Writes bench/results/peers.json and peers.md. Traffic goes only to servers this script starts on
// 127.0.0.1; wapiti is confined to each fixture by a gate that refuses every other host.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { postgresBin, startPostgres } from '../test/support/postgres.mjs';
import { root, startFlask } from './lib.mjs';
import { browserVerdicts, FRAMING_CASES, startFramingSite } from './peers/framing.mjs';
import { startGate } from './peers/gate.mjs';
import { fetchOnce, loadObservatory, OBSERVATORY_RULES } from './peers/observatory.mjs';
import { renderMarkdown } from './peers/report.mjs';
import {
  parapetFlags,
  runParapet,
  runWapiti,
  signIn,
  WAPITI_MODULES,
  WAPITI_RULES,
  wapitiVersion,
} from './peers/scanners.mjs';

/** wapiti's own limits (seconds): crawl, and each attack module; then a hard stop per run. */
const WAPITI_LIMITS = { scan: 60, attack: 60 };
const WAPITI_KILL_MS = 900_000;

if (!existsSync(join(root, 'dist/index.js'))) {
  console.error('dist/ is missing: run `npm run bench:peers` (it builds first).');
  process.exit(1);
}
const { CATALOGUE, CHECKS, VERSION, scan } = await import('../dist/index.js');
const { chromiumPath } = await import('../dist/browser/chromium.js');
const CHROMIUM = chromiumPath();
const labels = JSON.parse(readFileSync(join(root, 'test/fixtures/labels.json'), 'utf8')).fixtures;
/** PARAPET_BENCH_ONLY=a,b limits the fixture apps (for working on the bench; results then partial). */
const only = process.env.PARAPET_BENCH_ONLY?.split(',');
const log = (line) => process.stderr.write(`${line}\n`);
const loadAtStart = loadavg()[0];

// ---- which tools can run here
const tools = [{ id: 'parapet', version: VERSION, covers: new Set(Object.keys(CATALOGUE)) }];
const skipped = [];
const wapiti = wapitiVersion();
if (wapiti) tools.push({ id: 'wapiti', version: wapiti, covers: new Set(WAPITI_RULES.map((r) => r[2])) });
else skipped.push('wapiti: not installed (Debian: `apt-get install wapiti`); its columns are left out');
const observatory = await loadObservatory();
if (!observatory.error) {
  tools.push({ id: 'observatory', version: observatory.version, covers: new Set(OBSERVATORY_RULES) });
} else skipped.push(`MDN HTTP Observatory: ${observatory.error}; its columns are left out`);
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) skipped.push(`Chromium: ${CHROMIUM} not found; the framing ground truth is left out`);
for (const s of skipped) log(`(skipped) ${s}`);

/** Merges credentials: headers by name, the later ones winning. */
const withCredentials = (a, b) => ({ ...a, ...b, headers: { ...a.headers, ...b.headers } });

/**
 * One tool on one fixture variant, each on a freshly started fixture (with the variant's `env`) behind
 * its own gate. Parapet gets the label's `parapet` options as CLI flags; the other tools have no login
 * recipes, so the bench signs in for them first and hands them the token or session cookie.
 */
async function scanOne(tool, name, variant, entry) {
  const fx = await startFlask(name, variant, entry[variant].env);
  const gate = await startGate(fx.port);
  try {
    let result;
    let credentials = entry.credentials ?? {};
    const login = entry.parapet?.login;
    if (tool !== 'parapet' && login) credentials = withCredentials(credentials, await signIn(fx.url, login));
    if (tool === 'parapet') result = await runParapet(gate.url, credentials, entry.parapet);
    else if (tool === 'wapiti') {
      result = await runWapiti(gate, credentials, { limits: WAPITI_LIMITS, timeoutMs: WAPITI_KILL_MS });
    } else {
      // The Observatory analyses one response: the fixture's start page, fetched here for it.
      const startedAt = performance.now();
      const headers = Object.fromEntries(
        Object.entries(credentials.headers ?? {}).concat(
          credentials.bearer ? [['authorization', `Bearer ${credentials.bearer}`]] : [],
        ),
      );
      const response = await fetchOnce(gate.url, headers);
      const { rules, results } = observatory.analyze(gate.url, response);
      result = {
        startedAt,
        ms: Math.round(performance.now() - startedAt),
        rules: [...rules].sort(),
        results,
      };
    }
    const { requests, refused, firstAt } = gate.counts();
    // From process start to the first request reaching the fixture: start-up, before any scanning.
    const startupMs = firstAt && result.startedAt ? Math.round(firstAt - result.startedAt) : undefined;
    return { ...result, requests, refused, startupMs };
  } finally {
    await gate.close();
    await fx.stop();
  }
}

// ---- the fixture apps
const rows = [];
for (const name of Object.keys(labels).sort()) {
  const entry = labels[name];
  if (only && !only.includes(name)) continue;
  if (entry.skip) {
    skipped.push(`fixture ${name}: ${entry.skip}`);
    log(`(skipped) fixture ${name}: ${entry.skip}`);
    continue;
  }
  // Parapet is not behind the gate's proxy: its out-of-band callbacks must stay on 127.0.0.1.
  const callbackHost = entry.parapet?.callbackHost;
  if (callbackHost && !/^127\.0\.0\.1(:\d+)?$/.test(callbackHost)) {
    throw new Error(`labels: ${name}: callback host ${callbackHost} is not on 127.0.0.1`);
  }
  if (entry.postgres && !postgresBin()) {
    const why = 'needs PostgreSQL (Debian: `apt-get install postgresql`)';
    skipped.push(`fixture ${name}: ${why}`);
    log(`(skipped) fixture ${name}: ${why}`);
    continue;
  }
  for (const variant of ['vulnerable', 'fixed']) {
    const expected = variant === 'vulnerable' ? entry.vulnerable.expected : [];
    const absent = variant === 'fixed' ? entry.fixed.absent : [];
    // Each variant runs over its own throwaway cluster, shared by the tools (started before, not timed).
    const database = entry.postgres
      ? await startPostgres(readFileSync(join(root, entry.postgres), 'utf8'))
      : undefined;
    const run = database
      ? { ...entry, [variant]: { ...entry[variant], env: { ...entry[variant].env, ...database.env } } }
      : entry;
    for (const tool of tools) {
      log(`${tool.id} → ${name} (${variant})`);
      let r;
      try {
        r = await scanOne(tool.id, name, variant, run);
      } catch (err) {
        r = { error: String(err.message ?? err), ms: 0, requests: 0, refused: [] };
      }
      const rules = r.rules ?? [];
      rows.push({
        fixture: name,
        variant,
        tool: tool.id,
        ms: r.ms,
        startupMs: r.startupMs,
        requests: r.requests,
        refused: r.refused,
        rules,
        found: expected.filter((x) => rules.includes(x)),
        missed: expected.filter((x) => !rules.includes(x)),
        falseAlarms: absent.filter((x) => rules.includes(x)),
        outOfScope: [...expected, ...absent].filter((x) => !tool.covers.has(x)),
        ...(r.findings ? { findings: r.findings } : {}),
        ...(r.said ? { said: r.said } : {}),
        ...(r.unmapped?.length ? { unmapped: r.unmapped } : {}),
        ...(r.limited?.length ? { limited: r.limited } : {}),
        ...(r.results ? { results: r.results } : {}),
        ...(r.error ? { error: r.error } : {}),
      });
    }
    await database?.stop();
  }
}

const totals = tools.map((tool) => {
  const mine = rows.filter((r) => r.tool === tool.id);
  const sum = (f) => mine.reduce((n, r) => n + f(r), 0);
  const expectedInScope = sum((r) => [...r.found, ...r.missed].filter((x) => tool.covers.has(x)).length);
  return {
    tool: tool.id,
    version: tool.version,
    found: sum((r) => r.found.length),
    expected: sum((r) => r.found.length + r.missed.length),
    missed: sum((r) => r.missed.length),
    missedInScope: sum((r) => r.missed.filter((x) => tool.covers.has(x)).length),
    expectedInScope,
    falseAlarms: sum((r) => r.falseAlarms.length),
    seconds: Math.round(sum((r) => r.ms)) / 1000,
    startupSeconds: Math.round(sum((r) => r.startupMs ?? 0)) / 1000,
    requests: sum((r) => r.requests ?? 0),
    refused: sum((r) => r.refused?.length ?? 0),
    errors: mine.filter((r) => r.error).length,
  };
});

// ---- framing ground truth
let framing;
if (haveChromium) {
  log('framing: Chromium, Parapet, Observatory, wapiti on each framing case');
  const site = await startFramingSite();
  const siteGate = await startGate(Number(new URL(site.url).port));
  const flask = [];
  try {
    const cases = FRAMING_CASES.map(([name], i) => ({
      name,
      url: `${siteGate.url}case/${i}`,
      gate: siteGate,
    }));
    for (const variant of ['vulnerable', 'fixed']) {
      const fx = await startFlask('framing', variant);
      const gate = await startGate(fx.port);
      flask.push(fx, gate);
      for (const path of ['', 'account']) {
        cases.push({ name: `Flask framing.py (${variant}) /${path}`, url: `${gate.url}${path}`, gate });
      }
    }
    const truth = await browserVerdicts(
      cases.map((c) => c.url),
      CHROMIUM,
    );
    const clickjacking = CHECKS.find((c) => c.meta.id === 'clickjacking');
    for (const c of cases) {
      c.chromium = truth.get(c.url);
      const report = await scan({ target: c.url }, { checks: [clickjacking] });
      const path = new URL(c.url).pathname;
      c.parapet = report.findings.some((f) => new URL(f.url).pathname === path);
      if (!observatory.error)
        c.observatory = observatory.analyze(c.url, await fetchOnce(c.url)).rules.includes('clickjacking');
      if (wapiti) {
        const r = await runWapiti(
          c.gate,
          {},
          {
            modules: 'http_headers',
            scope: 'page',
            url: c.url,
            limits: WAPITI_LIMITS,
            timeoutMs: 120_000,
          },
        );
        c.wapiti = r.error ? undefined : r.rules.includes('clickjacking');
      }
      delete c.gate;
    }
    const judges = tools.map((t) => t.id);
    framing = {
      cases,
      agreement: judges.map((tool) => {
        const judged = cases.filter((c) => typeof c[tool] === 'boolean');
        const disagree = judged.filter((c) => c[tool] !== c.chromium).map((c) => c.name);
        return { tool, agree: judged.length - disagree.length, of: judged.length, disagree };
      }),
    };
  } finally {
    for (const p of flask.reverse()) await (p.close ?? p.stop)();
    await siteGate.close();
    await site.close();
  }
}

// ---- report
const results = {
  date: new Date().toISOString(),
  // Other work on the machine slows every tool; the 1-minute load average at start and end says how much.
  machine: {
    cpus: cpus().length,
    node: process.version,
    load: [loadAtStart, loadavg()[0]].map((l) => Math.round(l * 10) / 10),
  },
  tools: tools.map(({ id, version }) => ({ id, version })),
  wapiti: wapiti
    ? {
        modules: WAPITI_MODULES,
        limits: WAPITI_LIMITS,
        mapping: WAPITI_RULES.map(([c, i, r]) => [c, i?.source ?? null, r]),
      }
    : undefined,
  skipped,
  // Per fixture, what Parapet was given beyond its defaults (the labels' `parapet` and `env`).
  parapetOptions: Object.fromEntries(
    Object.entries(labels)
      .filter(([name, e]) => !e.skip && (!only || only.includes(name)))
      .filter(([, e]) => e.parapet || e.vulnerable.env || e.fixed.env)
      .map(([name, e]) => [
        name,
        { flags: parapetFlags(e.parapet).args, env: { vulnerable: e.vulnerable.env, fixed: e.fixed.env } },
      ]),
  ),
  totals,
  rows,
  framing,
};
const dir = join(root, 'bench/results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'peers.json'), `${JSON.stringify(results, null, 2)}\n`);
const markdown = renderMarkdown(results);
writeFileSync(join(dir, 'peers.md'), markdown);

console.log('\nFixture apps, scored against test/fixtures/labels.json:');
console.table(
  totals.map((t) => ({
    tool: t.tool,
    found: `${t.found}/${t.expected}`,
    missed: t.missed,
    'missed (in its scope)': `${t.missedInScope}/${t.expectedInScope}`,
    'false alarms': t.falseAlarms,
    seconds: t.seconds,
    'start-up s': t.startupSeconds,
    requests: t.requests,
    errors: t.errors,
  })),
);
if (framing) {
  console.log('Framing verdicts beside Chromium:');
  console.table(
    framing.agreement.map((a) => ({
      tool: a.tool,
      agrees: `${a.agree}/${a.of}`,
      disagrees: a.disagree.join('; '),
    })),
  );
}
for (const r of rows.filter((x) => x.missed.length || x.falseAlarms.length || x.error)) {
  const what = [
    r.missed.length ? `missed ${r.missed.join(', ')}` : '',
    r.falseAlarms.length ? `false alarm ${r.falseAlarms.join(', ')}` : '',
    r.error ? `error ${r.error}` : '',
  ].filter(Boolean);
  console.log(`  ${r.tool} on ${r.fixture} (${r.variant}): ${what.join('; ')}`);
}
console.log('\nWrote bench/results/peers.json and bench/results/peers.md');
