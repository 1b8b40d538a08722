import { randomBytes } from 'node:crypto';
import { urlPattern } from '../discovery/url-pattern.js';
import { contentKind } from '../engine/exchange.js';
import type { Exchange } from '../types.js';
import { DEFAULT_KEY_HEADER, KEY_QUERY_NAMES, keyCredentials } from './lib/api-keys.js';
import { demandsCredentials, publicByDesign } from './lib/auth-signals.js';
import { type CheckContext, defineCheck } from './types.js';

const RULE = 'credential-reflected';
/** The start URL and one API endpoint, two requests each (key headers, then query parameters). */
const MAX_TARGETS = 2;
const EXCERPT_RADIUS = 80;

/** Where a canary went, by the tag that ends it. */
interface Placement {
  tag: string;
  /** `X-API-Key header`, `Authorization: Bearer`, `?api_key` */
  where: string;
  /** Query canaries come back inside echoed URLs (`?api_key=…` in a link, a Location): not a key echo. */
  query: boolean;
}

export default defineCheck({
  meta: {
    id: RULE,
    title: 'Credentials sent to the API come back in its answers',
    category: 'api-keys',
    mode: 'safe',
    since: '0.1.0',
    maxRequests: MAX_TARGETS * 2,
    rules: {
      [RULE]: {
        title: 'A credential sent to the API is echoed in the response',
        severity: 'medium',
        owasp: 'API8',
        cwe: 209,
      },
    },
  },
  async *run(ctx) {
    // An obviously fake key, new for every scan: never the user's own credentials.
    const canary = `parapet-canary-${randomBytes(6).toString('hex')}`;
    const header =
      keyCredentials(ctx.config.credentials).find((c) => !c.bearer)?.header ?? DEFAULT_KEY_HEADER;
    const headerPlacements: Placement[] = [
      { tag: 'h', where: `the ${header} header`, query: false },
      { tag: 'b', where: 'Authorization: Bearer', query: false },
    ];
    const queryPlacements: Placement[] = KEY_QUERY_NAMES.map((name, i) => ({
      tag: `q${i}`,
      where: `the ${name} query parameter`,
      query: true,
    }));
    const value = (p: Placement) => `${canary}-${p.tag}`;

    for (const url of targets(ctx)) {
      const withQuery = new URL(url);
      for (const [i, name] of KEY_QUERY_NAMES.entries())
        withQuery.searchParams.set(name, value(queryPlacements[i]!));
      const [byHeader, byQuery] = await Promise.all([
        ctx.request({
          url,
          identity: 'anonymous',
          headers: {
            [header]: value(headerPlacements[0]!),
            authorization: `Bearer ${value(headerPlacements[1]!)}`,
          },
        }),
        ctx.request({ url: withQuery.href, identity: 'anonymous' }),
      ]);
      const echoes = [
        ...reflections(byHeader, canary, headerPlacements),
        ...reflections(byQuery, canary, queryPlacements),
      ];
      const first = echoes[0];
      if (!first) continue;
      const sent = [...new Set(echoes.map((e) => e.placement.where))].join(', ');
      const where = [...new Set(echoes.map((e) => e.in))].join(', ');
      yield ctx.finding(RULE, first.ex, {
        confidence: 'confirmed',
        url,
        detail: `A made-up key (${canary}-…) sent in ${sent} came back in ${where}. Error messages and debug output that repeat credentials put them into logs, caches and screenshots, and tell an attacker which of their guesses the server read.`,
        ...(first.header ? { headers: [first.header] } : {}),
        ...(first.excerpt ? { excerpt: first.excerpt } : {}),
      });
    }
  },
});

type Ctx = CheckContext<typeof RULE>;

/** The start URL, then one API endpoint: one that refused the scan, else one that answered JSON. */
function targets(ctx: Ctx): string[] {
  const start = ctx.site.start.request.url;
  const startPattern = urlPattern(start);
  const api = ctx
    .exchanges()
    .filter(
      (ex) =>
        ex.request.method === 'GET' &&
        ex !== ctx.site.notFound &&
        urlPattern(ex.request.url) !== startPattern &&
        (demandsCredentials(ex.response) ||
          (contentKind(ex.response) === 'json' && publicByDesign(ex) === undefined)),
    )
    .sort((a, b) => Number(demandsCredentials(b.response)) - Number(demandsCredentials(a.response)))[0];
  return api ? [start, api.request.url].slice(0, MAX_TARGETS) : [start];
}

interface Echo {
  ex: Exchange;
  placement: Placement;
  /** `the body` or `the X header` */
  in: string;
  header?: string;
  excerpt?: string;
}

function reflections(ex: Exchange, canary: string, placements: readonly Placement[]): Echo[] {
  const res = ex.response;
  if (!res) return [];
  const out: Echo[] = [];
  const byTag = new Map(placements.map((p) => [p.tag, p]));
  const pattern = new RegExp(`${canary}-([a-z0-9]+)`, 'g');
  for (const m of res.body.matchAll(pattern)) {
    const placement = byTag.get(m[1]!);
    if (!placement || (placement.query && inEchoedUrl(res.body, m.index))) continue;
    const from = Math.max(0, m.index - EXCERPT_RADIUS);
    out.push({
      ex,
      placement,
      in: 'the body',
      excerpt: res.body.slice(from, m.index + m[0].length + EXCERPT_RADIUS),
    });
  }
  for (const [name, values] of Object.entries(res.headers)) {
    for (const v of values) {
      for (const m of v.matchAll(pattern)) {
        const placement = byTag.get(m[1]!);
        if (!placement || (placement.query && inEchoedUrl(v, m.index))) continue;
        out.push({ ex, placement, in: `the ${name} header`, header: name });
      }
    }
  }
  return out;
}

/** `…?api_key=parapet-canary-…`: the request URL repeated (a link, a redirect), not the key read and echoed. */
function inEchoedUrl(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 3), index);
  return before.endsWith('=') || before.toLowerCase() === '%3d';
}
