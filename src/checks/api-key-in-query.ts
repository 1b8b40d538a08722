import { htmlOf } from '../discovery/html.js';
import { jsonOf } from '../discovery/json.js';
import { jsonLinks } from '../discovery/json-links.js';
import { urlPattern } from '../discovery/url-pattern.js';
import { contentKind } from '../engine/exchange.js';
import type { Confidence, Exchange } from '../types.js';
import { similarity } from './lib/api-data.js';
import { type KeyCredential, keyCredentials, queryNamesFor, withQueryParam } from './lib/api-keys.js';
import { byOrigin, publicByDesign, sharedUrl } from './lib/auth-signals.js';
import { urlSecrets } from './lib/url-secrets.js';
import { type CheckContext, defineCheck, type RawFinding } from './types.js';

const RULE = 'api-key-in-query';
/** Authenticated answers tried anonymously to find ones that needed the credential. */
const MAX_TRIED = 3;
/** Endpoints that needed it, on which the query forms are offered. */
const MAX_NEEDED = 2;
/** Query forms offered per endpoint (seven names for a key header, five for a bearer token). */
const MAX_OFFERS = 12;
/** Passive findings (links carrying keys) per scan. */
const MAX_LINK_FINDINGS = 10;
/** An answer this alike to the authenticated one is the same answer (timestamps and ids may differ). */
const SAME_ANSWER = 0.8;

/** Query names that hold a key, token or password: a link carrying one hands out a credential. */
const KEY_NAME =
  /(api_?key|apikey|access_?token|auth_?token|id_?token|refresh_?token|^token$|^key$|^auth$|^authorization$|jwt|bearer|secret|passw|^pwd$|^pass$)/;
/** Session ids in URLs: a credential too, but often a framework's cookie-less fallback. */
const SESSION_NAME = /(session|sessid|^;?sid$|^;jsessionid$|^;phpsessid$|^;sessionid$)/;
/**
 * Parameters that look secret but are meant for URLs: signed links (`X-Amz-Signature`, `sig`),
 * one-time codes and anti-CSRF tokens on links.
 */
const BY_DESIGN =
  /(^x-(amz|goog)-|signature|^sig$|^se$|^code$|^otp$|ticket|credential|^state$|csrf|xsrf|nonce|^_token$|authenticity)/;

export default defineCheck({
  meta: {
    id: RULE,
    title: 'Credentials travel in URLs',
    category: 'api-keys',
    mode: 'safe',
    since: '0.1.0',
    maxRequests: MAX_TRIED + MAX_NEEDED * MAX_OFFERS,
    rules: {
      [RULE]: {
        title: 'A credential is accepted in, or handed out in, the URL query',
        severity: 'medium',
        owasp: 'API2',
        cwe: 598,
      },
    },
  },
  async *run(ctx) {
    yield* linksCarryingKeys(ctx);

    const creds = keyCredentials(ctx.config.credentials);
    if (creds.length === 0) return;
    const needed: Exchange[] = [];
    const tried = candidates(ctx).slice(0, MAX_TRIED);
    for (const ex of tried) {
      if (needed.length >= MAX_NEEDED) break;
      const anon = await ctx.request({ url: ex.request.url, identity: 'anonymous' });
      const status = anon.response?.status;
      if (status === 401 || status === 403) needed.push(ex);
    }
    if (needed.length === 0) {
      if (tried.length > 0)
        ctx.note(
          `no endpoint among ${tried.length} tried refused an anonymous request, so whether the API takes keys in the query was not tested`,
        );
      return;
    }
    const accepted: Accepted[] = [];
    for (const ex of needed) {
      const a = await acceptedInQuery(ctx, ex, creds);
      if (a) accepted.push(a);
    }
    // The same middleware reads every route's key: one finding per query name, covering its endpoints.
    for (const name of new Set(accepted.map((a) => a.name))) {
      for (const group of byOrigin(
        accepted.filter((a) => a.name === name),
        (a) => a.authed.request.url,
      )) {
        const a = group[0]!;
        const res = a.probe.response!;
        const what = a.cred.bearer ? 'bearer token' : `${a.cred.header} key`;
        const more = group.length > 1 ? ` (${group.length} endpoints)` : '';
        yield ctx.finding(RULE, a.probe, {
          confidence: 'confirmed',
          subject: name,
          url: sharedUrl(group.map((x) => x.authed.request.url)),
          instances: group.length,
          detail: `Without credentials the endpoint refused the request${more}; with the scan's ${what} moved into the query as ?${name}=… it answered ${res.status} with the same data as with the header. Keys in URLs end up in access logs, proxy logs, browser history and Referer headers.`,
          excerpt: res.body,
        });
      }
    }
  },
});

type Ctx = CheckContext<typeof RULE>;

/** Authenticated GETs with a 2xx answer, one per URL pattern, data first. */
function candidates(ctx: Ctx): Exchange[] {
  const patterns = new Set<string>();
  const rank = (ex: Exchange) => (contentKind(ex.response) === 'json' ? 0 : 1);
  return ctx
    .exchanges({ status: '2xx' })
    .filter(
      (ex) =>
        ex.identity === 'primary' &&
        ex.request.method === 'GET' &&
        ex !== ctx.site.notFound &&
        publicByDesign(ex) === undefined,
    )
    .sort((a, b) => rank(a) - rank(b))
    .filter((ex) => {
      const p = urlPattern(ex.request.url);
      if (patterns.has(p)) return false;
      patterns.add(p);
      return true;
    });
}

interface Accepted {
  /** The authenticated answer of the endpoint. */
  authed: Exchange;
  /** The anonymous request with the credential in the query, accepted. */
  probe: Exchange;
  cred: KeyCredential;
  name: string;
}

/** Offers each credential under each usual query name, anonymously; stops at the first name accepted. */
async function acceptedInQuery(
  ctx: Ctx,
  authed: Exchange,
  creds: readonly KeyCredential[],
): Promise<Accepted | undefined> {
  const want = authed.response!;
  const offers = creds.flatMap((cred) => queryNamesFor(cred).map((name) => ({ cred, name })));
  for (const { cred, name } of offers.slice(0, MAX_OFFERS)) {
    const probe = await ctx.request({
      url: withQueryParam(authed.request.url, name, cred.value),
      identity: 'anonymous',
    });
    const res = probe.response;
    if (res && res.status === want.status && similarity(res, want) >= SAME_ANSWER)
      return { authed, probe, cred, name };
  }
  return undefined;
}

/** Links, script sources and forms in the target's own pages and JSON that carry a credential in their query. */
function* linksCarryingKeys(ctx: Ctx): Generator<RawFinding> {
  const seen = new Set<string>();
  let count = 0;
  for (const ex of ctx.exchanges({ status: '2xx' })) {
    for (const { url, via } of urlsIn(ctx, ex)) {
      if (!inScope(ctx, url)) continue;
      for (const secret of urlSecrets(url)) {
        const confidence = judgeName(secret.name, secret.value);
        if (!confidence) continue;
        const key = `${urlPattern(url)}\n${secret.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (count++ >= MAX_LINK_FINDINGS) return;
        yield ctx.finding(RULE, ex, {
          confidence,
          subject: secret.name,
          url,
          method: 'GET',
          detail: `This response hands out ${new URL(url).pathname} with a ${secret.name} query parameter that holds a credential (${via}). Anyone who sees the URL (logs, history, Referer, a shared link) can use it.`,
        });
      }
    }
  }
}

function judgeName(name: string, value: string): Confidence | undefined {
  const n = name.toLowerCase().replace(/-/g, '_');
  if (BY_DESIGN.test(n)) return undefined;
  if (KEY_NAME.test(n) || /^eyJ/.test(value)) return 'firm';
  if (SESSION_NAME.test(n)) return 'tentative';
  return undefined;
}

function urlsIn(ctx: Ctx, ex: Exchange): Array<{ url: string; via: string }> {
  const res = ex.response!;
  const out: Array<{ url: string; via: string }> = [];
  const kind = contentKind(res);
  if (kind === 'document') {
    const html = htmlOf(ex);
    const base = absolute(html.base ?? '', ex.request.url) ?? ex.request.url;
    for (const link of html.links) push(out, absolute(link, base), 'a link');
    for (const src of html.scriptSrcs) push(out, absolute(src, base), 'a script source');
    for (const form of ctx.site.forms) {
      if (form.exchange !== ex) continue;
      // A GET form puts its hidden fields into the URL it submits to.
      const u = new URL(form.action);
      if (form.method === 'GET')
        for (const f of form.fields) if (f.type === 'hidden' && f.value) u.searchParams.set(f.name, f.value);
      push(out, u.href, 'a form');
    }
  } else if (kind === 'json') {
    for (const link of jsonLinks(jsonOf(ex))) push(out, absolute(link, ex.request.url), 'a link in JSON');
  }
  return out;
}

function push(out: Array<{ url: string; via: string }>, url: string | undefined, via: string): void {
  if (url) out.push({ url, via });
}

function absolute(raw: string, base: string): string | undefined {
  if (!raw.trim()) return undefined;
  try {
    const u = new URL(raw.trim(), base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    u.hash = '';
    return u.href;
  } catch {
    return undefined;
  }
}

function inScope(ctx: Ctx, url: string): boolean {
  const origin = new URL(url).origin;
  return origin === ctx.site.origin || ctx.config.scope.includes(origin);
}
