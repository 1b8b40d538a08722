import { contentKind } from '../engine/exchange.js';
import { type ErrorPageHit, errorPageHits, stackLabel, titleOf } from '../kb/signatures/error-page-match.js';
import type { Exchange } from '../types.js';
import { ERROR_PROBE_POINTS, ERROR_PROBE_VALUE, errorProbes } from './lib/error-probes.js';
import { defineCheck } from './types.js';

export default defineCheck({
  meta: {
    id: 'stack-trace',
    title: 'Stack traces in responses',
    category: 'misconfiguration',
    mode: 'safe',
    since: '0.1.0',
    sameAs: ['zap:90022'],
    maxRequests: ERROR_PROBE_POINTS,
    rules: {
      'stack-trace-disclosure': {
        title: 'Stack trace disclosed',
        severity: 'medium',
        owasp: 'API8',
        cwe: 209,
      },
    },
  },
  async *run(ctx) {
    // Pages already seen: the trace is there without Parapet's help, on an error status or not.
    for (const ex of ctx.exchanges()) {
      const hit = traceOf(ex);
      if (!hit) continue;
      const error = ex.response!.status >= 400;
      yield ctx.finding('stack-trace-disclosure', ex, {
        // A trace on a 2xx page may be documentation quoting one: one signal only.
        confidence: error ? 'firm' : 'tentative',
        detail: `${describe(hit)} was served with status ${ex.response!.status}. Stack: ${stackLabel(hit.signature)}.`,
        excerpt: hit.excerpt,
      });
    }
    const seen = new Map(ctx.exchanges().map((ex) => [ex.request.url, ex]));
    // A probe that lands on the not-found handler shows its trace, already reported above.
    const notFound = ctx.site.notFound;
    const everywhere = notFound && traceOf(notFound);
    for (const { point, exchange } of await errorProbes(ctx)) {
      const hit = traceOf(exchange);
      if (!hit) continue;
      const before = seen.get(point.url);
      if (before && traceOf(before)) continue; // reported above, as the page itself
      if (
        everywhere?.signature === hit.signature &&
        exchange.response!.status === notFound!.response!.status
      ) {
        continue;
      }
      const name = point.location === 'query' ? `parameter ${point.name}` : 'an id in the path';
      yield ctx.finding('stack-trace-disclosure', exchange, {
        confidence: 'firm',
        detail:
          `${describe(hit)} came back (status ${exchange.response!.status}) when ${name} was set to ` +
          `${JSON.stringify(ERROR_PROBE_VALUE)}; the page with its own value showed none. ` +
          `Stack: ${stackLabel(hit.signature)}.`,
        excerpt: hit.excerpt,
      });
    }
  },
});

/**
 * The response's stack trace, unless a debugger page shows it: `debug-mode-enabled` reports
 * those, and a debugger is the bigger problem. Scripts and stylesheets are source, not answers.
 */
function traceOf(ex: Exchange): ErrorPageHit | undefined {
  const kind = contentKind(ex.response);
  if (kind === 'script' || kind === 'style') return undefined;
  const hits = errorPageHits(ex.response);
  if (hits.some((h) => h.signature.kind === 'debugger')) return undefined;
  return hits.find((h) => h.signature.kind === 'trace');
}

function describe(hit: ErrorPageHit): string {
  return hit.frames > 1 ? `${titleOf(hit.signature)} with ${hit.frames} frames` : titleOf(hit.signature);
}
