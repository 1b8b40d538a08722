import { parseJson } from '../discovery/json.js';
import { type ErrorPageHit, errorPageHits, stackLabel, titleOf } from '../kb/signatures/error-page-match.js';
import type { DebuggerSignature } from '../kb/signatures/error-pages.js';
import type { Exchange } from '../types.js';
import { ERROR_PROBE_POINTS, errorProbes } from './lib/error-probes.js';
import { tryRequest } from './lib/request.js';
import { type CheckContext, defineCheck } from './types.js';

/** Where debuggers and management endpoints answer without being linked from anywhere. */
const DEBUG_PATHS = ['/console', '/actuator', '/actuator/env', '/_ignition/health-check'] as const;
/** At most one follow-up per debugger kind. */
const MAX_CONFIRMS = 4;
const MASKED = /^\*{3,}$/;

type Rule = 'debug-mode-enabled';

export default defineCheck({
  meta: {
    id: 'debug-mode',
    title: 'Debugger or debug-mode error pages exposed',
    category: 'misconfiguration',
    mode: 'safe',
    since: '0.1.0',
    sameAs: ['zap:10023', 'zap:40042'],
    maxRequests: DEBUG_PATHS.length + ERROR_PROBE_POINTS + MAX_CONFIRMS,
    rules: {
      'debug-mode-enabled': {
        title: 'Debugger or debug mode exposed',
        severity: 'critical',
        owasp: 'API8',
        cwe: 489,
      },
    },
  },
  async *run(ctx) {
    // One finding per kind of debugger: debug mode is one setting, however many pages show it.
    const reported = new Set<string>();
    const fetched = new Set(ctx.exchanges().map((ex) => new URL(ex.request.url).pathname));
    let confirms = 0;

    const judge = async (ex: Exchange) => {
      const hit = errorPageHits(ex.response).find(
        (h) => h.signature.kind === 'debugger' && !reported.has(h.signature.id),
      );
      if (!hit) return undefined;
      const sig = hit.signature as DebuggerSignature;
      reported.add(sig.id);
      let confirmed: Exchange | undefined;
      if (sig.confirm && confirms < MAX_CONFIRMS) {
        confirms++;
        const url = new URL(sig.confirm.path, ex.request.url);
        fetched.add(url.pathname);
        confirmed = await confirm(ctx, url.href, sig);
      }
      return finding(ctx, ex, hit, confirmed);
    };

    for (const ex of ctx.exchanges()) {
      const f = await judge(ex);
      if (f) yield f;
    }
    for (const { exchange } of await errorProbes(ctx)) {
      const f = await judge(exchange);
      if (f) yield f;
    }
    // Last, so that a path a confirmation already asked (Ignition's health check) is not reported twice.
    const probes = await Promise.all(
      DEBUG_PATHS.filter((p) => !fetched.has(p)).map((p) =>
        tryRequest(ctx, { url: new URL(p, ctx.target).href }),
      ),
    );
    for (const ex of probes) {
      const f = ex && (await judge(ex));
      if (f) yield f;
    }
  },
});

/** Asks the debugger for something only it serves (Werkzeug's own script, Rails' info page). */
async function confirm(
  ctx: CheckContext<Rule>,
  url: string,
  sig: DebuggerSignature,
): Promise<Exchange | undefined> {
  const answer = await tryRequest(ctx, { url });
  const res = answer?.response;
  return res && res.status < 300 && sig.confirm!.expect.test(res.body) ? answer : undefined;
}

function finding(ctx: CheckContext<Rule>, ex: Exchange, hit: ErrorPageHit, confirmed: Exchange | undefined) {
  const sig = hit.signature as DebuggerSignature;
  const how = confirmed
    ? `; ${confirmed.request.url.replace(/^https?:\/\/[^/]+/, '')} answered as only the live debugger does`
    : '';
  const masked = sig.id === 'spring-actuator-env' && allValuesMasked(ex.response!.body);
  return ctx.finding('debug-mode-enabled', ex, {
    confidence: confirmed ? 'confirmed' : 'firm',
    detail:
      `${titleOf(sig)} is served to anyone. Stack: ${stackLabel(sig)}${how}.` +
      (masked ? ' Property values are masked; names, sources and profiles are not.' : ''),
    excerpt: hit.excerpt,
  });
}

/** Every property value in an actuator env document is `******`. */
function allValuesMasked(body: string): boolean {
  const doc = parseJson(body);
  const sources = (doc as { propertySources?: unknown } | null | undefined)?.propertySources;
  if (!Array.isArray(sources)) return false;
  let values = 0;
  for (const source of sources) {
    const props = (source as { properties?: Record<string, { value?: unknown }> })?.properties ?? {};
    for (const p of Object.values(props)) {
      if (p?.value === undefined) continue;
      values++;
      if (typeof p.value !== 'string' || !MASKED.test(p.value)) return false;
    }
  }
  return values > 0;
}
