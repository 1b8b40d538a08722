import { randomBytes } from 'node:crypto';
import { urlPattern } from '../discovery/url-pattern.js';
import { headerValue } from '../engine/exchange.js';
import { type Exchange, type Severity, severityRank } from '../types.js';
import { bareHost, isIpLiteral } from './lib/host.js';
import { type CheckContext, defineCheck, type RawFinding } from './types.js';

type Rule = 'cors-reflected-origin' | 'cors-wildcard-credentials';

/** The start URL and at most two API responses; three probes each, plus two bypass probes. */
const MAX_TARGETS = 3;
const ATTACKER_DOMAIN = 'parapet-attacker.test';
const EVIDENCE_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'vary',
];

/** What a browser would conclude from a response to a request sent with `origin`. */
interface Grant {
  /** Access-Control-Allow-Origin matches the origin byte for byte (a browser's test). */
  exact: boolean;
  wildcard: boolean;
  /** Access-Control-Allow-Credentials is exactly `true`. */
  credentials: boolean;
}

function grantOf(ex: Exchange): Grant {
  const headers = ex.response?.headers;
  const origin = ex.request.headers.origin;
  // Several header lines combine into `a, b`, which a browser refuses; so does any whitespace.
  const acao = headerValue(headers, 'access-control-allow-origin');
  return {
    exact: origin !== undefined && acao === origin,
    wildcard: acao === '*',
    credentials: headerValue(headers, 'access-control-allow-credentials') === 'true',
  };
}

interface Candidate {
  rule: Rule;
  ex: Exchange;
  severity: Severity;
  detail: string;
}

function strongest(list: Candidate[]): Candidate | undefined {
  // The first wins a tie: candidates are listed plainest proof first.
  return list.reduce<Candidate | undefined>(
    (best, c) => (!best || severityRank(c.severity) > severityRank(best.severity) ? c : best),
    undefined,
  );
}

/** Which recorded responses to probe: the start URL, then API responses, one per URL pattern. */
function targets(ctx: CheckContext<Rule>): string[] {
  const start = ctx.site.start;
  const urls = start ? [start.request.url] : [ctx.target.href];
  const patterns = new Set(urls.map(urlPattern));
  const apis = ctx
    .exchanges({ kind: 'json', status: '2xx' })
    .filter((ex) => ex.request.method === 'GET')
    .map((ex, i) => ({ ex, i, score: priority(ex) }))
    .sort((a, b) => b.score - a.score || a.i - b.i);
  for (const { ex } of apis) {
    if (urls.length >= MAX_TARGETS) break;
    const pattern = urlPattern(ex.request.url);
    if (patterns.has(pattern)) continue;
    patterns.add(pattern);
    urls.push(ex.request.url);
  }
  return urls;
}

/** Responses that already speak CORS come first, then per-user ones fetched with the scan's credentials. */
function priority(ex: Exchange): number {
  const h = ex.response?.headers;
  let score = 0;
  if (
    headerValue(h, 'access-control-allow-origin') !== undefined ||
    /\borigin\b/i.test(headerValue(h, 'vary') ?? '')
  ) {
    score += 2;
  }
  const perUser =
    /\b(cookie|authorization)\b/i.test(headerValue(h, 'vary') ?? '') ||
    /\b(private|no-store)\b/i.test(headerValue(h, 'cache-control') ?? '');
  if (ex.identity === 'primary' && perUser) score += 1;
  return score;
}

/**
 * Origins that pass a check written as "starts with the host name" (`https://api.example.com.evil.test`)
 * or "ends with the domain" (`https://evilexample.com`, which anyone can register).
 */
function bypassOrigins(target: URL, nonce: string): Array<{ origin: string; trick: string }> {
  const host = bareHost(target.hostname);
  if (host.includes(':')) return [];
  const out = [
    { origin: `${target.protocol}//${host}.${nonce}.${ATTACKER_DOMAIN}`, trick: 'starts with the host name' },
  ];
  // `evil127.0.0.1` is no host name a browser would send; prefixes only make sense for names.
  if (!isIpLiteral(host))
    out.push({ origin: `https://${nonce}${siteDomain(host)}`, trick: 'ends with the domain name' });
  return out;
}

/** The registrable domain, guessed without a public-suffix list: `example.com`, `example.co.uk`. */
function siteDomain(host: string): string {
  const labels = host.split('.');
  const keep = labels.length >= 3 && labels.at(-2)!.length <= 3 && labels.at(-1)!.length === 2 ? 3 : 2;
  return labels.slice(-keep).join('.');
}

function readDetail(origin: string, g: Grant): string {
  return g.credentials
    ? `A GET with Origin: ${origin} was allowed with Access-Control-Allow-Credentials: true: any web page can read this response with the visitor's cookies or HTTP authentication.`
    : `A GET with Origin: ${origin} was allowed (no credentials): any web page can read what an anonymous visitor gets, including content only reachable from the visitor's network.`;
}

function preflightDetail(origin: string, g: Grant, methods: string): string {
  const who = g.credentials ? "with the visitor's credentials" : 'without credentials';
  return `A preflight from Origin: ${origin} for PUT with an Authorization header was approved (allowed methods: ${methods}): any web page can send such requests ${who}.`;
}

export default defineCheck<Rule>({
  meta: {
    id: 'cors',
    title: 'Cross-origin resource sharing lets foreign sites read responses',
    category: 'cors',
    mode: 'safe',
    since: '0.1.0',
    sameAs: ['zap:40040'],
    maxRequests: 12,
    rules: {
      'cors-reflected-origin': {
        title: 'Any origin is allowed to read responses',
        severity: 'high',
        owasp: 'API8',
        cwe: 942,
      },
      'cors-wildcard-credentials': {
        title: 'CORS allows the null origin or pairs * with credentials',
        severity: 'medium',
        owasp: 'API8',
        cwe: 942,
      },
    },
  },

  async *run(ctx) {
    const nonce = randomBytes(5).toString('hex');
    const attacker = `https://${nonce}.${ATTACKER_DOMAIN}`;
    const emitted = new Set<string>();
    const emit = (c: Candidate | undefined, url: string): RawFinding | undefined => {
      if (!c) return undefined;
      const key = `${c.rule}\n${urlPattern(url)}`;
      if (emitted.has(key)) return undefined;
      emitted.add(key);
      return ctx.finding(c.rule, c.ex, {
        confidence: 'confirmed',
        severity: c.severity,
        detail: c.detail,
        url,
        headers: EVIDENCE_HEADERS,
      });
    };

    const unreflected: string[] = [];
    for (const url of targets(ctx)) {
      const [get, nul, pre] = await Promise.all([
        ctx.request({ url, headers: { origin: attacker } }),
        ctx.request({ url, headers: { origin: 'null' } }),
        ctx.request({
          url,
          method: 'OPTIONS',
          headers: {
            origin: attacker,
            'access-control-request-method': 'PUT',
            'access-control-request-headers': 'authorization,content-type',
          },
        }),
      ]);

      const reflected: Candidate[] = [];
      const loose: Candidate[] = [];
      if (get.response) {
        const g = grantOf(get);
        if (g.exact) {
          reflected.push({
            rule: 'cors-reflected-origin',
            ex: get,
            severity: g.credentials ? 'high' : 'medium',
            detail: readDetail(attacker, g),
          });
        } else if (g.wildcard && g.credentials) {
          loose.push(wildcardWithCredentials(get));
        }
      }
      // A preflight only counts when it succeeds: browsers need a 2xx answer.
      if (pre.response && pre.response.status >= 200 && pre.response.status < 300) {
        const g = grantOf(pre);
        if (g.exact) {
          const methods = headerValue(pre.response.headers, 'access-control-allow-methods') ?? 'none listed';
          reflected.push({
            rule: 'cors-reflected-origin',
            ex: pre,
            severity: g.credentials ? 'high' : 'medium',
            detail: preflightDetail(attacker, g, methods),
          });
        } else if (g.wildcard && g.credentials) {
          loose.push(wildcardWithCredentials(pre));
        }
      }
      // A server that echoes every origin echoes `null` too; that is the reflection finding already.
      if (nul.response && reflected.length === 0) {
        const g = grantOf(nul);
        if (g.exact) {
          loose.push({
            rule: 'cors-wildcard-credentials',
            ex: nul,
            severity: g.credentials ? 'high' : 'low',
            detail: g.credentials
              ? "Origin: null was allowed with Access-Control-Allow-Credentials: true. Sandboxed iframes, data: and file: documents send Origin: null, so any web page can read this response with the visitor's credentials."
              : 'Origin: null was allowed (no credentials). Any page can claim the null origin from a sandboxed iframe; it gains no more than an anonymous request, but the allow-list trusts an origin no one owns.',
          });
        } else if (g.wildcard && g.credentials) {
          loose.push(wildcardWithCredentials(nul));
        }
      }

      const r = emit(strongest(reflected), url);
      if (r) yield r;
      else unreflected.push(url);
      const w = emit(strongest(loose), url);
      if (w) yield w;
    }

    // Allow-lists that compare prefixes or suffixes: cheap to try on one URL that did not reflect.
    const url = unreflected[0];
    if (url === undefined) return;
    const found: Candidate[] = [];
    for (const { origin, trick } of bypassOrigins(ctx.target, nonce)) {
      const ex = await ctx.request({ url, headers: { origin } });
      const g = grantOf(ex);
      if (!ex.response || !g.exact) continue;
      found.push({
        rule: 'cors-reflected-origin',
        ex,
        severity: g.credentials ? 'high' : 'medium',
        detail: `${readDetail(origin, g)} The origin check only tests that the origin ${trick}, so an attacker can pick a matching name.`,
      });
    }
    const b = emit(strongest(found), url);
    if (b) yield b;
  },
});

function wildcardWithCredentials(ex: Exchange): Candidate {
  return {
    rule: 'cors-wildcard-credentials',
    ex,
    severity: 'low',
    detail:
      'Access-Control-Allow-Origin: * was sent together with Access-Control-Allow-Credentials: true. Browsers refuse this pair for credentialed requests, so nothing leaks yet, but the server means to share responses with every site; one step towards echoing the Origin makes it exploitable.',
  };
}
