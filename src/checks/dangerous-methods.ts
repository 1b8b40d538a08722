import { randomBytes } from 'node:crypto';
import { urlPattern } from '../discovery/url-pattern.js';
import { headerValue } from '../engine/exchange.js';
import { tryRequest } from './lib/request.js';
import { type CheckContext, defineCheck } from './types.js';

const CANARY_HEADER = 'x-parapet-canary';
/** Pages asked which methods they allow (the start URL first). */
const OPTIONS_PAGES = 5;
/** Methods that write or delete; WebDAV's included. */
const WRITE_METHODS = ['PUT', 'DELETE', 'PATCH', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK'];
/** Headers the HTTP client adds on its own: their echo says nothing about the path in between. */
const CLIENT_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'te',
]);

type Rule = 'dangerous-methods';

export default defineCheck({
  meta: {
    id: 'dangerous-methods',
    title: 'TRACE echo and advertised write methods',
    category: 'misconfiguration',
    mode: 'safe',
    since: '0.1.0',
    maxRequests: 2 + OPTIONS_PAGES,
    rules: {
      'dangerous-methods': {
        title: 'Debugging or write HTTP methods enabled',
        severity: 'medium',
        owasp: 'API8',
        cwe: 749,
      },
    },
  },
  async *run(ctx) {
    for (const method of ['TRACE', 'TRACK'] as const) {
      const f = await traceEcho(ctx, method);
      if (f) {
        yield f;
        break;
      }
    }
    for (const f of await Promise.all(optionsTargets(ctx).map((url) => advertised(ctx, url)))) {
      if (f) yield f;
    }
  },
});

/** TRACE (or IIS's TRACK) sent with a canary header and no credentials; an echo quotes both back. */
async function traceEcho(ctx: CheckContext<Rule>, method: 'TRACE' | 'TRACK') {
  const canary = randomBytes(8).toString('hex');
  const ex = await tryRequest(ctx, {
    url: ctx.target.href,
    method,
    headers: { [CANARY_HEADER]: canary },
    identity: 'anonymous',
    cookies: false,
  });
  const res = ex?.response;
  if (!ex || !res || res.status >= 300) return undefined;
  const lines = res.body.trimStart().split(/\r?\n/, 200);
  const requestLine = new RegExp(`^${method} \\S{1,4000} HTTP/\\d(?:\\.\\d)?$`);
  if (!requestLine.test(lines[0] ?? '')) return undefined;
  const echoed = headerLines(lines.slice(1));
  if (echoed.get(CANARY_HEADER) !== canary) return undefined;
  const sent = new Set(Object.keys(ex.request.headers));
  const added = [...echoed.keys()].filter((n) => !sent.has(n) && !CLIENT_HEADERS.has(n));
  return ctx.finding('dangerous-methods', ex, {
    confidence: 'firm',
    detail:
      `${method} is answered by echoing the request back (request line and Parapet's canary header).` +
      (added.length > 0
        ? ` The echo also carries headers Parapet did not send, added on the way in: ${added.join(', ')}.`
        : ''),
    excerpt: lines.slice(0, 12).join('\n'),
    headers: ['content-type'],
  });
}

/** HTML pages the scan fetched (the start URL first when it is one), one per URL pattern. */
function optionsTargets(ctx: CheckContext<Rule>): string[] {
  const patterns = new Set<string>();
  const out: string[] = [];
  for (const ex of ctx.exchanges({ kind: 'document' })) {
    if (ex === ctx.site.notFound || out.length >= OPTIONS_PAGES) continue;
    const url = new URL(ex.request.url);
    url.search = '';
    const pattern = urlPattern(url.href);
    if (patterns.has(pattern)) continue;
    patterns.add(pattern);
    out.push(url.href);
  }
  return out;
}

/** OPTIONS on a page: an `Allow` header listing write methods nothing on the site uses. */
async function advertised(ctx: CheckContext<Rule>, url: string) {
  const ex = await tryRequest(ctx, { url, method: 'OPTIONS' });
  const res = ex?.response;
  if (!ex || !res || !((res.status >= 200 && res.status < 300) || res.status === 405)) return undefined;
  const allow = (headerValue(res.headers, 'allow') ?? '')
    .split(',')
    .map((m) => m.trim().toUpperCase())
    .filter(Boolean);
  const used = documentedMethods(ctx, url);
  const risky = WRITE_METHODS.filter((m) => allow.includes(m) && !used.has(m));
  if (risky.length === 0) return undefined;
  return ctx.finding('dangerous-methods', ex, {
    // A listed method is not one that works: frameworks often list every verb a route maps.
    confidence: 'tentative',
    severity: 'low',
    detail: `The page advertises ${risky.join(', ')} in its Allow header, and nothing Parapet found (forms, links) uses them there.`,
    headers: ['allow'],
  });
}

/** Methods the site's own forms send to this URL (`_method` overrides included). */
function documentedMethods(ctx: CheckContext<Rule>, url: string): Set<string> {
  const out = new Set<string>();
  const path = new URL(url).pathname;
  for (const form of ctx.site.forms) {
    if (new URL(form.action).pathname !== path) continue;
    out.add(form.method);
    const override = form.fields.find((f) => f.name === '_method');
    if (override) out.add(override.value.toUpperCase());
  }
  return out;
}

/** `Name: value` lines up to the first blank one, names lower-cased. */
function headerLines(lines: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of lines) {
    if (line.trim() === '') break;
    const m = /^([!#$%&'*+.^`|~\w-]{1,100}):[ \t]{0,20}(.{0,4000})$/.exec(line);
    if (m) out.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  return out;
}
