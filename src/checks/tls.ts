import { htmlOf } from '../discovery/html.js';
import { contentKind, headerValue, headerValues, isRedirect } from '../engine/exchange.js';
import type { Exchange } from '../types.js';
import { isIpLiteral, isLocalHost } from './lib/host.js';
import { parseHsts } from './lib/hsts.js';
import { type CheckContext, defineCheck, type RawFinding } from './types.js';

type Rule = 'tls-missing' | 'hsts-missing';

/** Where the response sends the browser next: a redirect, a Refresh header or a meta refresh. */
function nextUrl(ex: Exchange): string | undefined {
  const res = ex.response;
  if (!res) return undefined;
  const location = isRedirect(res.status) ? headerValues(res.headers, 'location')[0] : undefined;
  const refresh =
    headerValue(res.headers, 'refresh') ??
    (contentKind(res) === 'document'
      ? htmlOf(ex).metaHttpEquiv.find((m) => m.name === 'refresh')?.content
      : undefined);
  const raw = location ?? (refresh === undefined ? undefined : refreshTarget(refresh));
  if (raw === undefined) return undefined;
  try {
    return new URL(raw, ex.request.url).href;
  } catch {
    return undefined;
  }
}

/**
 * The URL in a refresh value such as `0; url='https://…'`: optional seconds, a `;` or `,`, an
 * optional `url=`, and the URL, unquoted. A hand-written scan: the value may be a hostile
 * `<meta>` content of megabytes, where a regex with several optional whitespace runs backtracks.
 */
function refreshTarget(value: string): string | undefined {
  const space = (c: string | undefined) => c !== undefined && /\s/.test(c);
  const digit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  let i = 0;
  while (space(value[i])) i++;
  while (digit(value[i])) i++;
  if (value[i] === '.') {
    i++;
    while (digit(value[i])) i++;
  }
  while (space(value[i])) i++;
  if (value[i] === ';' || value[i] === ',') i++;
  while (space(value[i])) i++;
  if (value.slice(i, i + 3).toLowerCase() === 'url') {
    let j = i + 3;
    while (space(value[j])) j++;
    if (value[j] === '=') {
      j++;
      while (space(value[j])) j++;
      i = j;
    }
  }
  let end = value.length;
  while (end > i && space(value[end - 1])) end--;
  let url = value.slice(i, end);
  const quote = url[0];
  if ((quote === '"' || quote === "'") && url.length >= 2 && url.endsWith(quote)) url = url.slice(1, -1);
  return url || undefined;
}

const isHttps = (url: string | undefined): boolean => url?.startsWith('https:') ?? false;

async function plainHttp(ctx: CheckContext<Rule>, first: Exchange): Promise<RawFinding | undefined> {
  // Discovery followed in-scope redirects: an https final URL means the upgrade happened.
  if (isHttps(first.request.url)) return undefined;
  const next = nextUrl(first);
  if (isHttps(next)) return undefined;
  if (next !== undefined && new URL(next).origin !== new URL(first.request.url).origin) {
    ctx.note(
      `the start URL redirects to ${next}, outside the scan scope; whether that ends on https was not checked.`,
    );
    return undefined;
  }
  // Browsers ask for an upgrade on navigation; some servers redirect only then.
  const again = await ctx.request({ url: first.request.url, headers: { 'upgrade-insecure-requests': '1' } });
  if (!again.response || isHttps(nextUrl(again))) return undefined;
  const local = isLocalHost(ctx.target.hostname);
  return ctx.finding('tls-missing', again, {
    confidence: 'confirmed',
    severity: local ? 'info' : 'high',
    detail: `${first.request.url} is served over plain http (status ${again.response.status}) and does not redirect to https, even when the browser asks for an upgrade.${local ? ' The host is loopback or private, so this is reported for information only.' : ''}`,
    headers: ['location', 'refresh'],
  });
}

function hsts(ctx: CheckContext<Rule>, first: Exchange): RawFinding | undefined {
  const policy = parseHsts(headerValues(first.response?.headers, 'strict-transport-security'));
  if (policy.valid) return undefined;
  const host = new URL(first.request.url).hostname;
  const local = isLocalHost(host);
  const ip = isIpLiteral(host);
  const why = local
    ? ' The host is loopback or private, so this is reported for information only.'
    : ip
      ? ' Browsers do not apply HSTS to IP addresses, so this is reported for information; serve the site under a name.'
      : '';
  return ctx.finding('hsts-missing', first, {
    confidence: 'confirmed',
    severity: local || ip ? 'info' : 'medium',
    detail: `The https start document has no valid Strict-Transport-Security policy: ${policy.reason}.${why}`,
    headers: ['strict-transport-security'],
  });
}

export default defineCheck<Rule>({
  meta: {
    id: 'tls',
    title: 'Transport security: https and HSTS',
    category: 'transport',
    mode: 'safe',
    since: '0.1.0',
    sameAs: ['zap:10035'],
    maxRequests: 1,
    rules: {
      'tls-missing': {
        title: 'Served over plain http without a redirect to https',
        severity: 'high',
        owasp: 'API8',
        cwe: 319,
      },
      'hsts-missing': {
        title: 'No valid Strict-Transport-Security on the https site',
        severity: 'medium',
        owasp: 'API8',
        cwe: 319,
      },
    },
  },

  async *run(ctx) {
    const first = ctx.site.start;
    if (!first?.response) return;
    if (ctx.target.protocol === 'http:') {
      const finding = await plainHttp(ctx, first);
      if (finding) yield finding;
    }
    // HSTS sent over plain http is ignored by browsers (RFC 6797 §8.1): judge https responses only.
    if (isHttps(first.request.url)) {
      const finding = hsts(ctx, first);
      if (finding) yield finding;
    }
  },
});
