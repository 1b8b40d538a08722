import type { Browser } from 'playwright-core';
import { CATALOGUE, isRuleId } from './catalogue.js';
import { createContext } from './checks/context.js';
import { CHECKS } from './checks/index.js';
import type { Check, RawFinding } from './checks/types.js';
import { credentialHeaders, secretValues } from './config/credentials.js';
import { redactDeep } from './config/mask.js';
import { parseScanConfig } from './config/parse.js';
import type { ScanConfig, ScanConfigInput } from './config/schema.js';
import { discover } from './discovery/crawl.js';
import { describeApi, loadGivenSpec } from './discovery/openapi/index.js';
import { urlPattern } from './discovery/url-pattern.js';
import { Engine, type EngineEvent } from './engine/engine.js';
import { exchangeNotes } from './engine/summary.js';
import { isParapetError } from './errors.js';
import { fingerprint } from './fingerprint/index.js';
import { KB } from './kb/index.js';
import { selectRemediation } from './kb/select.js';
import { asvsRef } from './kb/standards.js';
import { findingFingerprint } from './report/fingerprint.js';
import { REPORT_SCHEMA_VERSION, type Report } from './report/report.js';
import { SCORING_VERSION, scoreFindings } from './scoring/index.js';
import { type Finding, OWASP_API_2023, type Stack, severityRank } from './types.js';
import { VERSION } from './version.js';

export type ScanEvent =
  | EngineEvent
  | { type: 'phase'; phase: 'discovery' | 'checks' | 'proofs' | 'report' }
  | { type: 'page'; url: string }
  | { type: 'check'; id: string; state: 'start' | 'done'; findings: number };

export interface ScanOptions {
  signal?: AbortSignal;
  onEvent?: (event: ScanEvent) => void;
  /** The checks to run (default: every registered check that the mode allows). */
  checks?: readonly Check[];
  /** A running browser for the browser proofs (`config.browser`), shared across scans; the caller closes it. */
  browser?: Browser;
}

type CoverageEntry = Report['coverage']['checks'][number];

/** The one entry point: CLI, server, MCP tools and workers all call this. */
export async function scan(input: ScanConfigInput | ScanConfig, options: ScanOptions = {}): Promise<Report> {
  const config = parseScanConfig(input);
  const started = Date.now();
  const emit = options.onEvent ?? (() => {});
  const controller = new AbortController();
  const forward = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) forward();
  options.signal?.addEventListener('abort', forward, { once: true });
  const engine = new Engine(config, controller.signal, emit);
  const notes: string[] = [];
  try {
    // A spec file is read before any request (a broken one stops the scan at once); a spec URL
    // after logging in, since fetching it may need the session.
    const specFile = await loadGivenSpec(engine, 'file');
    if (config.login) await engine.login();
    const spec = specFile ?? (await loadGivenSpec(engine, 'url'));
    emit({ type: 'phase', phase: 'discovery' });
    const site = await discover(engine, (url) => emit({ type: 'page', url }));
    const operations = await describeApi(engine, site, spec, notes, (url) => emit({ type: 'page', url }));

    emit({ type: 'phase', phase: 'checks' });
    const checks = (options.checks ?? CHECKS).filter(
      (c) => c.meta.mode !== 'active' || config.mode === 'active',
    );
    const coverage: CoverageEntry[] = [];
    for (const c of options.checks ?? CHECKS) {
      if (!checks.includes(c)) {
        coverage.push({
          id: c.meta.id,
          category: c.meta.category,
          status: 'skipped',
          reason: 'needs --active',
        });
      }
    }
    const raw: RawFinding[] = [];
    await Promise.all(
      checks.map(async (check) => {
        emit({ type: 'check', id: check.meta.id, state: 'start', findings: 0 });
        const entry: CoverageEntry = { id: check.meta.id, category: check.meta.category, status: 'ran' };
        let count = 0;
        try {
          const ctx = createContext(check, engine, site, config, notes, controller.signal);
          for await (const f of check.run(ctx)) {
            raw.push(f);
            count++;
          }
        } catch (err) {
          if (isParapetError(err, 'PARAPET_BUDGET') || isParapetError(err, 'PARAPET_ABORTED')) {
            entry.status = 'partial';
            entry.reason = err.message;
          } else {
            entry.status = 'failed';
            entry.reason = err instanceof Error ? err.message : String(err);
            notes.push(`${check.meta.id}: failed: ${entry.reason}`);
          }
        }
        coverage.push(entry);
        emit({ type: 'check', id: check.meta.id, state: 'done', findings: count });
      }),
    );

    // Browser proofs confirm or withdraw what a browser can settle (loaded only when asked for).
    if (config.browser) emit({ type: 'phase', phase: 'proofs' });
    const proven = config.browser
      ? await (await import('./proof/index.js')).runProofs(raw, {
          config,
          site,
          engine,
          notes,
          signal: controller.signal,
          ...(options.browser ? { browser: options.browser } : {}),
        })
      : raw;

    emit({ type: 'phase', phase: 'report' });
    const stack = fingerprint(engine.exchanges);
    const titles = new Map<string, string>();
    for (const c of checks) for (const [id, meta] of Object.entries(c.meta.rules)) titles.set(id, meta.title);
    const findings = enrich(dedupe(proven), stack, titles);
    const { score, grade, categories } = scoreFindings(findings);
    const partial = controller.signal.aborted || engine.timedOut;
    if (engine.remainingBudget <= 0) {
      notes.push(
        `The request budget (${config.budget}) was spent: some URLs or probes were not tested (raise --budget).`,
      );
    }
    if (controller.signal.aborted)
      notes.push('The scan was interrupted: the findings are what it saw until then.');
    const report: Report = {
      schemaVersion: REPORT_SCHEMA_VERSION,
      tool: { name: 'parapet', version: VERSION },
      target: config.target,
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date().toISOString(),
      partial,
      config: {
        target: config.target,
        mode: config.mode,
        budget: config.budget,
        concurrency: config.concurrency,
        rate: config.rate,
        timeoutMs: config.timeoutMs,
        maxBodyBytes: config.maxBodyBytes,
        scope: config.scope,
        insecure: config.insecure,
        credentialHeaders: Object.keys(credentialHeaders(config.credentials)).sort(),
      },
      stack,
      score,
      grade,
      scoringVersion: SCORING_VERSION,
      categories,
      findings,
      notes: [
        ...engine.notes,
        ...exchangeNotes(engine.exchanges, config.target, config.maxBodyBytes, engine.prefixOnly),
        ...notes,
      ],
      coverage: {
        pages: site.exchanges.length,
        forms: site.forms.length,
        skipped: site.skipped.length,
        checks: coverage.sort((a, b) => a.id.localeCompare(b.id)),
        ...(operations ? { operations } : {}),
      },
      stats: { ...pick(engine.stats), durationMs: Date.now() - started },
    };
    return redactDeep(report, scanSecrets(config, engine));
  } finally {
    options.signal?.removeEventListener('abort', forward);
    await engine.close();
  }
}

/** Everything to mask: given credentials, login values, and tokens or cookies the login yielded. */
function scanSecrets(config: ScanConfig, engine: Engine): string[] {
  // Secret-sounding variables always; others (a user name) only when long enough not to mangle evidence.
  const loginValues = Object.entries(config.login?.variables ?? {})
    .filter(([name, v]) => v.length >= 3 && (/pass|secret|token|key|pwd|pin/i.test(name) || v.length >= 6))
    .map(([, v]) => v);
  return [
    ...secretValues(config.credentials),
    ...secretValues(config.secondCredentials),
    ...loginValues,
    ...engine.runtimeSecrets,
  ].sort((a, b) => b.length - a.length);
}

function pick(s: { requests: number; bytes: number }): { requests: number; bytes: number } {
  return { requests: s.requests, bytes: s.bytes };
}

/** One finding per rule, subject, method and URL pattern; the strongest one speaks for the group. */
function dedupe(raw: readonly RawFinding[]): Array<RawFinding & { instances: number; pattern: string }> {
  const groups = new Map<string, { best: RawFinding; urls: Set<string>; pattern: string }>();
  for (const f of raw) {
    const pattern = urlPattern(f.url);
    const key = `${f.rule}\n${f.subject ?? ''}\n${f.method}\n${pattern}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { best: f, urls: new Set([f.url]), pattern });
      continue;
    }
    g.urls.add(f.url);
    if (severityRank(f.severity) > severityRank(g.best.severity)) g.best = f;
  }
  return [...groups.values()].map((g) => ({
    ...g.best,
    url: g.urls.size > 1 ? g.pattern : g.best.url,
    instances: Math.max(g.urls.size, g.best.instances ?? 1),
    pattern: g.pattern,
  }));
}

const CONFIDENCE_ORDER = { confirmed: 0, firm: 1, tentative: 2 } as const;

function enrich(
  found: ReturnType<typeof dedupe>,
  stack: Stack,
  titles: ReadonlyMap<string, string>,
): Finding[] {
  const out = found.map((f): Finding => {
    const entry = isRuleId(f.rule) ? CATALOGUE[f.rule] : undefined;
    const doc = KB[f.rule];
    const owasp = entry?.owasp ?? 'API8';
    return {
      rule: f.rule,
      check: f.check,
      ...(f.subject !== undefined ? { subject: f.subject } : {}),
      title: titles.get(f.rule) ?? f.rule,
      category: entry?.category ?? 'misconfiguration',
      severity: f.severity,
      confidence: f.confidence,
      method: f.method,
      url: f.url,
      instances: f.instances,
      identity: f.identity,
      evidence: f.evidence,
      description: doc?.summary ?? '',
      remediation: doc
        ? selectRemediation(f.rule, doc, stack)
        : { text: '', stack: 'generic', docs: `docs/rules/${f.rule}.md` },
      mappings: {
        owasp,
        owaspTitle: OWASP_API_2023[owasp],
        cwe: entry?.cwe ?? null,
        asvs: (doc?.asvs ?? []).map(asvsRef),
        pciDss: doc?.pciDss ?? [],
        soc2: doc?.soc2 ?? [],
      },
      fingerprint: findingFingerprint(f.rule, f.method, f.pattern, f.subject),
    };
  });
  return out.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      CONFIDENCE_ORDER[a.confidence] - CONFIDENCE_ORDER[b.confidence] ||
      a.rule.localeCompare(b.rule) ||
      a.url.localeCompare(b.url),
  );
}
