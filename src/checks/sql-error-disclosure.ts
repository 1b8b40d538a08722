import { type ParamPoint, parameterPoints, withValue } from '../discovery/parameters.js';
import { urlPattern } from '../discovery/url-pattern.js';
import { contentKind } from '../engine/exchange.js';
import type { Exchange } from '../types.js';
import { classifySqlError, sqlErrorExcerpt, sqlErrorMatches } from './lib/sql-errors.js';
import { defineCheck } from './types.js';

const MAX_REQUESTS = 60;
const MAX_POINTS = 40;

/**
 * At most three malformed variants of a value, each the original with one character appended so
 * the route still matches: a single quote ends a quoted string (and is a type mismatch for a
 * number bound as a parameter), a double quote ends a double-quoted string or identifier, and a
 * closing parenthesis breaks an unquoted context where quotes are stripped.
 */
export function malformedValues(value: string): string[] {
  return [`${value}'`, `${value}"`, `${value})`];
}

export default defineCheck({
  meta: {
    id: 'sql-error-disclosure',
    title: 'Database error shown after a malformed parameter',
    category: 'injection',
    mode: 'safe',
    since: '0.1.0',
    maxRequests: MAX_REQUESTS,
    rules: {
      'sql-error-disclosure': {
        title: 'Database error shown after a malformed parameter',
        severity: 'high',
        owasp: 'API8',
        cwe: 209,
      },
    },
  },
  async *run(ctx) {
    const points = parameterPoints(ctx.site, MAX_POINTS);
    const recorded = new Map<string, Exchange>();
    for (const ex of ctx.site.exchanges) {
      if (ex.response && ex.request.method === 'GET' && !recorded.has(ex.request.url)) {
        recorded.set(ex.request.url, ex);
      }
    }
    let used = 0;
    const send = (url: string) => {
      used++;
      return ctx.request({ url });
    };
    // What the target says for a URL that cannot exist: a probe that lands there shows nothing new.
    const notFound = ctx.site.notFound?.response;
    const everywhere = notFound ? sqlErrorMatches(notFound.body).map((m) => m.sig.id) : [];
    const noisy = new Set<string>();
    let probed = 0;

    for (const point of points) {
      const baseline = recorded.get(point.url);
      if (MAX_REQUESTS - used < (baseline ? 1 : 2)) break;
      probed++;
      const base = baseline ?? (await send(point.url));
      recorded.set(point.url, base);
      if (!base.response) continue;
      // Shapes the page shows for its own value say nothing about this input.
      const own = sqlErrorMatches(base.response.body).map((m) => m.sig.id);
      const known = new Set([...own, ...everywhere]);
      if (own.length > 0 && !noisy.has(urlPattern(point.url))) {
        noisy.add(urlPattern(point.url));
        ctx.note(
          `${urlPattern(point.url)} shows a database error for its own value; only errors it does not already show are attributed to input.`,
        );
      }

      for (const value of malformedValues(point.value)) {
        if (used >= MAX_REQUESTS) break;
        const ex = await send(withValue(point, value));
        const res = ex.response;
        if (!res) continue;
        const fresh = sqlErrorMatches(res.body, decodedUrl(ex.request.url)).filter(
          (m) => !known.has(m.sig.id),
        );
        const verdict = classifySqlError(fresh);
        if (!verdict) continue;
        const drivers = verdict.drivers.length > 0 ? ` (${verdict.drivers.join(', ')})` : '';
        yield ctx.finding('sql-error-disclosure', ex, {
          confidence: 'firm',
          subject: `${point.location}:${point.name}`,
          url: point.url,
          excerpt: sqlErrorExcerpt(res.body, verdict.lead, contentKind(res) === 'document'),
          detail:
            `With ${describe(point)} set to ${JSON.stringify(value)} the response (${res.status}) shows ` +
            `${/^[AEIOU]/.test(verdict.engineName) ? 'an' : 'a'} ${verdict.engineName} error${drivers} that the original value ${JSON.stringify(point.value)} ` +
            `does not: ${verdict.lead.sig.description}.`,
        });
        break;
      }
    }
    if (probed < points.length) {
      ctx.note(
        `${points.length - probed} of ${points.length} parameters were not probed: the check's ${MAX_REQUESTS} requests were spent.`,
      );
    }
  },
});

function describe(point: ParamPoint): string {
  return point.location === 'query'
    ? `query parameter ${JSON.stringify(point.name)}`
    : `path segment ${JSON.stringify(point.value)}`;
}

function decodedUrl(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
