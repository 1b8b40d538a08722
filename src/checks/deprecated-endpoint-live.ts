import type { ApiOperation } from '../discovery/openapi/types.js';
import { contentKind, headerValue } from '../engine/exchange.js';
import type { Exchange } from '../types.js';
import { servesData } from './lib/serves-data.js';
import { defineCheck } from './types.js';

const MAX_REQUESTS = 40;
/** Deprecated operations the scan did not send itself: at most this many are fetched here. */
const MAX_DEPRECATED_FETCHES = 10;
const MAX_VERSION_GROUPS = 3;
/** Older versions tried below the newest one seen (v1 and v0 beside v2, …). */
const OLDER_VERSIONS = 3;
/** Paths of the newest version replayed under each older one. */
const SAMPLES_PER_VERSION = 2;
const VERSION_SEGMENT = /^(v)(\d{1,2})$/i;
const SAFE = new Set(['GET', 'HEAD']);

interface Versioned {
  ex: Exchange;
  prefix: string;
  letter: string;
  version: number;
  rest: string;
}

export default defineCheck({
  meta: {
    id: 'deprecated-endpoint-live',
    title: 'Deprecated operation or older API version still serves data',
    category: 'inventory',
    mode: 'safe',
    since: '0.1.0',
    maxRequests: MAX_REQUESTS,
    rules: {
      'deprecated-endpoint-live': {
        title: 'Deprecated operation or older API version still serves data',
        severity: 'medium',
        owasp: 'API9',
        cwe: null,
      },
    },
  },
  async *run(ctx) {
    const notFound = ctx.site.notFound;
    const api = ctx.site.api;
    let fetches = 0;
    const unsent: string[] = [];

    // 1. Operations the spec marks deprecated that still answer with data.
    for (const op of api?.operations ?? []) {
      if (!op.deprecated) continue;
      let ex = op.exchange;
      if (!ex && op.request && SAFE.has(op.method) && fetches < MAX_DEPRECATED_FETCHES) {
        fetches++;
        ex = await ctx.request(op.request);
      }
      if (!ex) {
        unsent.push(op.key);
        continue;
      }
      if (!servesData(ex, notFound)) continue;
      const res = ex.response!;
      yield ctx.finding('deprecated-endpoint-live', ex, {
        confidence: 'firm',
        subject: 'deprecated',
        method: op.method,
        url: op.parameters.some((p) => p.in === 'path') ? op.url : ex.request.url,
        headers: ['deprecation', 'sunset'],
        excerpt: excerpt(ex),
        detail: `The spec marks ${op.key}${op.operationId ? ` (${op.operationId})` : ''} deprecated, yet it answered ${res.status} with ${describeBody(ex)}${announced(ex)}.`,
      });
    }
    if (unsent.length > 0) {
      ctx.note(
        `${unsent.length} deprecated operation${unsent.length === 1 ? ' was' : 's were'} not tried (${unsent.slice(0, 3).join(', ')}${unsent.length > 3 ? ', …' : ''}): the scan does not send ${unsent.length === 1 ? 'it' : 'them'} in this mode.`,
      );
    }

    // 2. Older version prefixes beside the newest one: /v1 (and /v0) next to /v2.
    const seen = versionedData(ctx.exchanges({ status: '2xx' }), ctx.site.origin, notFound);
    const documented = documentedVersions(api?.operations ?? []);
    const groups = new Map<string, Versioned[]>();
    for (const v of seen) groups.set(v.prefix, [...(groups.get(v.prefix) ?? []), v]);
    for (const [prefix, entries] of [...groups].slice(0, MAX_VERSION_GROUPS)) {
      const newest = Math.max(...entries.map((e) => e.version));
      if (newest < 1) continue;
      const samples = [...new Set(entries.filter((e) => e.version === newest).map((e) => e.rest))].slice(
        0,
        SAMPLES_PER_VERSION,
      );
      const letter = entries.find((e) => e.version === newest)!.letter;
      let ignoresVersion: boolean | undefined;
      for (let older = newest - 1; older >= Math.max(0, newest - OLDER_VERSIONS); older--) {
        const label = `${prefix}/${letter}${older}`;
        if (documented.has(`${prefix}/v${older}`)) continue;
        let proof = entries.find((e) => e.version === older)?.ex;
        for (const rest of samples) {
          if (proof || ctx.signal.aborted) break;
          const ex = await ctx.request({ url: `${ctx.site.origin}${label}${rest}` });
          if (servesData(ex, notFound)) proof = ex;
        }
        if (!proof) continue;
        // A router that ignores the segment answers any version alike: that is no older version.
        if (ignoresVersion === undefined) {
          const bogus = newest >= 90 ? newest + 100 : 99;
          const ex = await ctx.request({
            url: `${ctx.site.origin}${prefix}/${letter}${bogus}${samples[0] ?? ''}`,
          });
          ignoresVersion = servesData(ex, notFound);
          if (ignoresVersion) {
            ctx.note(
              `${prefix || '/'} answers any version segment (even ${letter}${bogus}) alike; older versions were not judged there.`,
            );
          }
        }
        if (ignoresVersion) break;
        yield ctx.finding('deprecated-endpoint-live', proof, {
          confidence: 'firm',
          subject: label,
          excerpt: excerpt(proof),
          detail: `${label} still answers (${proof.response!.status}, ${describeBody(proof)}) beside the current ${prefix}/${letter}${newest}${api ? ', and the spec does not document it' : ''}; a version that should not exist does not answer like this.`,
        });
      }
    }
  },
});

/** Exchanges serving data whose path has a version segment (`/api/v2/users`). */
function versionedData(
  exchanges: readonly Exchange[],
  origin: string,
  notFound: Exchange | undefined,
): Versioned[] {
  const out: Versioned[] = [];
  for (const ex of exchanges) {
    if (ex.request.method !== 'GET' || !servesData(ex, notFound)) continue;
    const url = new URL(ex.request.url);
    if (url.origin !== origin) continue;
    const segs = url.pathname.split('/');
    const i = segs.findIndex((s) => VERSION_SEGMENT.test(s));
    if (i === -1) continue;
    const m = VERSION_SEGMENT.exec(segs[i]!)!;
    const rest = segs.slice(i + 1).join('/');
    out.push({
      ex,
      prefix: segs.slice(0, i).join('/'),
      letter: m[1]!,
      version: Number(m[2]),
      rest: `${rest === '' ? '' : `/${rest}`}${url.search}`,
    });
  }
  return out;
}

/** `prefix/vN` of every documented operation (those are current versions, not leftovers). */
function documentedVersions(operations: readonly ApiOperation[]): Set<string> {
  const out = new Set<string>();
  for (const op of operations) {
    const path = op.url.replace(/^https?:\/\/[^/]+/, '');
    const segs = path.split('/');
    const i = segs.findIndex((s) => VERSION_SEGMENT.test(s));
    if (i !== -1) out.add(`${segs.slice(0, i).join('/')}/v${Number(VERSION_SEGMENT.exec(segs[i]!)![2])}`);
  }
  return out;
}

function describeBody(ex: Exchange): string {
  const res = ex.response!;
  const kind = contentKind(res);
  const size = `${res.body.length} character${res.body.length === 1 ? '' : 's'}`;
  return kind === 'json' ? `a JSON body of ${size}` : `a ${res.mediaType || 'body'} of ${size}`;
}

function announced(ex: Exchange): string {
  const sunset = headerValue(ex.response?.headers, 'sunset');
  const deprecation = headerValue(ex.response?.headers, 'deprecation');
  if (sunset) return ` (its Sunset header names ${sunset})`;
  if (deprecation) return ' (it does send a Deprecation header)';
  return '';
}

function excerpt(ex: Exchange): string {
  return ex.response!.body.slice(0, 300);
}
