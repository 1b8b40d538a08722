import { credentialHeaders } from '../config/credentials.js';
import { urlPattern } from '../discovery/url-pattern.js';
import { headerValue } from '../engine/exchange.js';
import type { Confidence, Exchange } from '../types.js';
import { dataKind, jsonOf } from './lib/api-data.js';
import { byOrigin, demandsCredentials, publicByDesign, refusal, sharedUrl } from './lib/auth-signals.js';
import { servedObject } from './lib/writes.js';
import { type CheckContext, defineCheck } from './types.js';

const RULE = 'auth-method-bypass';
/** Refused endpoints probed with other methods. */
const MAX_ENDPOINTS = 3;
/** With credentials: authenticated answers asked for anonymously to find refused ones. */
const MAX_TRIED = 3;
const OVERRIDE_HEADERS = ['x-http-method-override', 'x-http-method', 'x-method-override'] as const;
/** With --active: object URLs whose PATCH is asked for through an override header. */
const MAX_WRITE_ENDPOINTS = 2;
/** The finding's subject for an override that carries a write past the check. */
const WRITE_OVERRIDE = 'X-HTTP-Method-Override: PATCH';
/** Keys of an OPTIONS answer that describes the endpoint (Django REST framework's metadata, say). */
const DESCRIPTION_KEYS = new Set([
  'name',
  'description',
  'renders',
  'parses',
  'actions',
  'methods',
  'allow',
  'allowed_methods',
  'allowedmethods',
  'verbs',
  'links',
  '_links',
]);

type Ctx = CheckContext<typeof RULE>;

export default defineCheck({
  meta: {
    id: RULE,
    title: 'Authentication enforced for GET but not for other methods',
    category: 'authentication',
    mode: 'safe',
    since: '0.1.0',
    maxRequests: MAX_TRIED + MAX_ENDPOINTS * 4 + 1 + MAX_WRITE_ENDPOINTS * 3,
    rules: {
      [RULE]: {
        title: 'Another method gets past the authentication check',
        severity: 'high',
        owasp: 'API2',
        cwe: 650,
      },
    },
  },
  async *run(ctx) {
    const refused = await refusedGets(ctx);
    const bypasses: Bypass[] = [];
    let headBaseline: Promise<Exchange | undefined> | undefined;
    for (const get of refused) {
      const url = get.request.url;
      const override = (method: string) => Object.fromEntries(OVERRIDE_HEADERS.map((h) => [h, method]));
      const [head, options, asHead, asOptions] = await Promise.all([
        ctx.request({ url, method: 'HEAD', identity: 'anonymous' }),
        ctx.request({ url, method: 'OPTIONS', identity: 'anonymous' }),
        ctx.request({ url, identity: 'anonymous', headers: override('HEAD') }),
        ctx.request({ url, identity: 'anonymous', headers: override('OPTIONS') }),
      ]);
      const was = `GET without credentials was refused (${refusal(get.response!)})`;

      const length = Number(headerValue(head.response?.headers, 'content-length') ?? '0');
      if (is2xx(head) && length > 0) {
        // A server that answers HEAD with 2xx for any path proves nothing about this route.
        headBaseline ??= baselineHead(ctx);
        const base = await headBaseline;
        const catchAll =
          base !== undefined &&
          is2xx(base) &&
          headerValue(base.response!.headers, 'content-length') === String(length);
        if (!catchAll)
          bypasses.push({
            ex: head,
            confidence: 'firm',
            subject: 'HEAD',
            detail: `${was}, but HEAD answered ${head.response!.status} with Content-Length: ${length}: the handler ran for a caller without credentials.`,
          });
      }
      if (dataKind(options.response) && !describesEndpoint(options)) {
        bypasses.push({
          ex: options,
          confidence: 'firm',
          subject: 'OPTIONS',
          detail: `${was}, but OPTIONS answered ${options.response!.status} with data.`,
        });
      }
      const overridden = [
        { ex: asHead, method: 'HEAD' },
        { ex: asOptions, method: 'OPTIONS' },
      ].find(({ ex }) => dataKind(ex.response) && !describesEndpoint(ex));
      if (overridden) {
        bypasses.push({
          ex: overridden.ex,
          confidence: 'confirmed',
          subject: 'X-HTTP-Method-Override',
          detail: `${was}, but the same GET with X-HTTP-Method-Override, X-HTTP-Method and X-Method-Override set to ${overridden.method} answered ${overridden.ex.response!.status} with data.`,
        });
      }
    }

    if (ctx.config.mode === 'active') bypasses.push(...(await overriddenWrites(ctx)));

    // One hook usually guards every route: one finding per way past it, covering the endpoints it opens.
    for (const subject of ['X-HTTP-Method-Override', WRITE_OVERRIDE, 'HEAD', 'OPTIONS']) {
      for (const group of byOrigin(
        bypasses.filter((b) => b.subject === subject),
        (b) => b.ex.request.url,
      )) {
        const b = group[0]!;
        const more =
          group.length > 1
            ? ` The same holds for ${group.length} of the ${refused.length} refused endpoints probed.`
            : '';
        yield ctx.finding(RULE, b.ex, {
          confidence: b.confidence,
          subject,
          url: sharedUrl(group.map((x) => x.ex.request.url)),
          instances: group.length,
          detail: `${b.detail}${more}`,
          headers: ['content-length', 'content-type', 'allow'],
          ...(b.ex.response?.body ? { excerpt: b.ex.response.body } : {}),
        });
      }
    }
  },
});

interface Bypass {
  ex: Exchange;
  confidence: Confidence;
  subject: string;
  detail: string;
}

function is2xx(ex: Exchange): boolean {
  const s = ex.response?.status ?? 0;
  return s >= 200 && s < 300;
}

/**
 * GETs refused to a caller without credentials, one per URL pattern. Without credentials these are
 * discovery's own answers; with them, authenticated answers asked for again anonymously.
 */
async function refusedGets(ctx: Ctx): Promise<Exchange[]> {
  const patterns = new Set<string>();
  const fresh = (ex: Exchange) => {
    const p = urlPattern(ex.request.url);
    if (patterns.has(p)) return false;
    patterns.add(p);
    return true;
  };
  const gets = ctx.exchanges().filter((ex) => ex.request.method === 'GET' && ex !== ctx.site.notFound);
  if (Object.keys(credentialHeaders(ctx.config.credentials)).length === 0) {
    return gets
      .filter((ex) => ex.identity === 'anonymous' && demandsCredentials(ex.response))
      .filter(fresh)
      .slice(0, MAX_ENDPOINTS);
  }
  const out: Exchange[] = [];
  const tried = gets
    .filter((ex) => ex.identity === 'primary' && is2xx(ex) && dataKind(ex.response) && !publicByDesign(ex))
    .filter(fresh)
    .slice(0, MAX_TRIED);
  for (const authed of tried) {
    const anon = await ctx.request({ url: authed.request.url, identity: 'anonymous' });
    if (demandsCredentials(anon.response)) out.push(anon);
  }
  return out.slice(0, MAX_ENDPOINTS);
}

/**
 * With --active: PATCH with an empty JSON object (a write that changes nothing) is sent without
 * credentials to up to two URLs that serve a JSON object. Where it is refused (for want of credentials,
 * or 405 from whatever blocks the method), the same empty write goes as POST with the override headers
 * naming PATCH. A 2xx there, while a plain POST is refused, means the override carried a write past the
 * check. Only PATCH is ever named (never DELETE, never PUT, which replaces), and the body is always `{}`.
 */
async function overriddenWrites(ctx: Ctx): Promise<Bypass[]> {
  const patterns = new Set<string>();
  const targets = ctx
    .exchanges({ kind: 'json', status: '2xx' })
    .filter((ex) => ex.request.method === 'GET' && servedObject(ex) && !publicByDesign(ex))
    .filter((ex) => {
      const p = urlPattern(ex.request.url);
      if (patterns.has(p)) return false;
      patterns.add(p);
      return true;
    })
    .slice(0, MAX_WRITE_ENDPOINTS);
  const empty = { body: '{}', identity: 'anonymous' as const };
  const json = { 'content-type': 'application/json' };
  const out: Bypass[] = [];
  for (const target of targets) {
    const url = target.request.url;
    const patch = await ctx.request({ url, method: 'PATCH', headers: json, ...empty });
    const res = patch.response;
    if (!res || !(demandsCredentials(res) || res.status === 405)) continue;
    const headers = { ...json, ...Object.fromEntries(OVERRIDE_HEADERS.map((h) => [h, 'PATCH'])) };
    const overridden = await ctx.request({ url, method: 'POST', headers, ...empty });
    if (!is2xx(overridden)) continue;
    const plain = await ctx.request({ url, method: 'POST', headers: json, ...empty });
    if (is2xx(plain)) continue;
    out.push({
      ex: overridden,
      confidence: 'confirmed',
      subject: WRITE_OVERRIDE,
      detail: `PATCH without credentials was refused (${res.status === 405 ? '405: the method is blocked' : refusal(res)}) and a plain POST answered ${plain.response?.status ?? 'nothing'}, but POST with X-HTTP-Method-Override, X-HTTP-Method and X-Method-Override set to PATCH answered ${overridden.response!.status}: the write reached the handler without credentials (Parapet's body was an empty JSON object, which changes nothing).`,
    });
  }
  return out;
}

/** HEAD for the scan's not-found URL, anonymously: how the server answers HEAD for nothing. */
async function baselineHead(ctx: Ctx): Promise<Exchange | undefined> {
  const nf = ctx.site.notFound;
  if (!nf) return undefined;
  return ctx.request({ url: nf.request.url, method: 'HEAD', identity: 'anonymous' });
}

/** An answer that describes the endpoint (allowed methods, accepted media types), not its data. */
function describesEndpoint(ex: Exchange): boolean {
  const json = ex.response ? jsonOf(ex.response) : undefined;
  if (!json || typeof json !== 'object' || Array.isArray(json)) return false;
  return Object.keys(json).every((k) => DESCRIPTION_KEYS.has(k.toLowerCase()));
}
