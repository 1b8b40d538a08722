import { credentialHeaders } from '../config/credentials.js';
import { isSoft404 } from '../discovery/crawl.js';
import { htmlOf } from '../discovery/html.js';
import type { ApiOperation } from '../discovery/openapi/types.js';
import { contentKind } from '../engine/exchange.js';
import type { Exchange } from '../types.js';
import { dataKind, jsonOf, sensitiveFields } from './lib/api-data.js';
import { apiPrefixes, isLoginPage } from './lib/auth-signals.js';
import { type CheckContext, defineCheck } from './types.js';

const RULE = 'bfla-admin-exposed';
/** Administrative URLs asked for per scan (the short list and the ones discovery saw). */
const MAX_URLS = 14;
/** Of those, the ones refused anonymously that are asked for again with the scan's credentials. */
const MAX_WITH_CREDENTIALS = 6;
/** Documented operations the API description marks administrative, asked for on top of those. */
const MAX_SPEC_OPERATIONS = 8;
/** Tags an API description gives its administrative operations. */
const ADMIN_TAG = /^(admin|administration|internal|management)$/i;
/** Words of an operationId that name an administrative function (`adminListUsers`, `manage_users`). */
const ADMIN_WORD = /^(admin|internal|manage)$/i;
/** Under each API prefix (`/api/v1/admin`…). */
const PREFIXED = ['/admin', '/admin/users', '/users'];
/** At the root of the site. */
const ROOT = ['/admin', '/admin/users', '/manage', '/internal', '/actuator', '/debug/vars'];
/** A path segment that names an administrative area. */
const ADMIN_SEGMENT =
  /^(admin|administrator|administration|admin-api|adminapi|manage|management|internal|backoffice|back-office|superuser|sysadmin)$/i;
/** What an administrative page says about itself. */
const ADMIN_UI =
  /\b(admin|administration|administrator|dashboard|control panel|back ?office|manage users|user management)\b/i;
/** Actuator links every Spring Boot app exposes by default; anything beyond them is an operator's tool. */
const ACTUATOR_DEFAULT = new Set([
  'self',
  'health',
  'health-path',
  'health-component',
  'health-component-instance',
  'info',
]);

type Ctx = CheckContext<typeof RULE>;

export default defineCheck({
  meta: {
    id: RULE,
    title: 'Administrative functions answer ordinary callers',
    category: 'authorization',
    mode: 'safe',
    since: '0.1.0',
    maxRequests: MAX_URLS + MAX_SPEC_OPERATIONS + MAX_WITH_CREDENTIALS,
    rules: {
      [RULE]: {
        title: 'An administrative endpoint answers without sufficient credentials',
        severity: 'high',
        owasp: 'API5',
        cwe: 285,
      },
    },
  },
  async *run(ctx) {
    const withCredentials = Object.keys(credentialHeaders(ctx.config.credentials)).length > 0;
    const known = new Map<string, Exchange>();
    for (const ex of ctx.exchanges()) if (ex.request.method === 'GET') known.set(ex.request.url, ex);

    const documented = specAdminUrls(ctx);
    const refused: string[] = [];
    for (const url of [...documented.keys(), ...adminUrls(ctx).filter((u) => !documented.has(u))]) {
      const op = documented.get(url);
      const seen = known.get(url);
      const anon = seen?.identity === 'anonymous' ? seen : await ctx.request({ url, identity: 'anonymous' });
      const what = judge(ctx, anon, op !== undefined);
      if (what) {
        yield ctx.finding(RULE, anon, {
          confidence: 'firm',
          detail: `GET ${new URL(url).pathname} answered ${anon.response!.status} with ${what} to a caller without credentials.${specNote(ctx, op)}`,
          excerpt: anon.response!.body,
        });
      } else if (withCredentials && refusedOrRedirected(anon)) {
        refused.push(url);
      }
    }

    // The scan's own credentials: a finding only if they belong to an ordinary user, which Parapet cannot know.
    for (const url of refused.slice(0, MAX_WITH_CREDENTIALS)) {
      const seen = known.get(url);
      const authed = seen?.identity === 'primary' ? seen : await ctx.request({ url, identity: 'primary' });
      const op = documented.get(url);
      const what = judge(ctx, authed, op !== undefined);
      if (!what) continue;
      yield ctx.finding(RULE, authed, {
        confidence: 'tentative',
        detail: `GET ${new URL(url).pathname} refused callers without credentials but answered ${authed.response!.status} with ${what} to the scan's credentials. If they belong to an ordinary user, any user can reach this administrative function.${specNote(ctx, op)}`,
        excerpt: authed.response!.body,
      });
    }
  },
});

/**
 * GET operations the API description marks administrative (by tag, operationId or path segment),
 * by the URL Parapet planned for them, with what marked them: `GET /internal/users (tag admin)`.
 * Operations the description declares public (`security: []`) are left out: public on purpose.
 */
function specAdminUrls(ctx: Ctx): Map<string, string> {
  const out = new Map<string, string>();
  for (const op of ctx.site.api?.operations ?? []) {
    if (out.size >= MAX_SPEC_OPERATIONS) break;
    if (op.method.toUpperCase() !== 'GET' || op.auth === 'public' || !op.request) continue;
    if (new URL(op.request.url).origin !== ctx.site.origin) continue;
    const why = adminMark(op);
    if (why && !out.has(op.request.url)) out.set(op.request.url, `${op.key} (${why})`);
  }
  return out;
}

/** What marks an operation administrative, or undefined. */
function adminMark(op: ApiOperation): string | undefined {
  const tag = op.tags.find((t) => ADMIN_TAG.test(t.trim()));
  if (tag) return `tag ${tag}`;
  const words = (op.operationId ?? '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/);
  if (words.some((w) => ADMIN_WORD.test(w))) return `operationId ${op.operationId}`;
  const segment = op.pathTemplate.split('/').find((s) => ADMIN_SEGMENT.test(s));
  return segment ? `path segment ${segment}` : undefined;
}

/** The sentence quoting the documented operation, when the URL came from the API description. */
function specNote(ctx: Ctx, op: string | undefined): string {
  return op
    ? ` The API description (${ctx.site.api?.source ?? 'OpenAPI'}) lists it as administrative: ${op}.`
    : '';
}

/** Administrative URLs discovery saw, then the short list under the API's own prefixes and the root. */
function adminUrls(ctx: Ctx): string[] {
  const origin = ctx.site.origin;
  const seen = ctx.exchanges().map((ex) => ex.request.url);
  const urls = new Set<string>();
  for (const raw of [...seen, ...ctx.site.skipped]) {
    const u = new URL(raw);
    if (u.origin === origin && u.pathname.split('/').some((s) => ADMIN_SEGMENT.test(s))) urls.add(u.href);
  }
  const paths = [...apiPrefixes(seen).flatMap((p) => PREFIXED.map((s) => `${p}${s}`)), ...ROOT];
  for (const p of paths) urls.add(new URL(p, origin).href);
  const notFound = ctx.site.notFound?.request.url;
  return [...urls].filter((u) => u !== notFound).slice(0, MAX_URLS);
}

function refusedOrRedirected(ex: Exchange): boolean {
  const s = ex.response?.status ?? 0;
  return s === 401 || s === 403 || (s >= 300 && s < 400);
}

/**
 * What an answer shows, when it is an administrative function's output; undefined otherwise. An
 * operation the API description marks administrative needs no listing of several users: any data counts.
 */
function judge(ctx: Ctx, ex: Exchange, documented = false): string | undefined {
  const res = ex.response;
  if (!res || res.status < 200 || res.status > 299 || isSoft404(ex, ctx.site.notFound)) return undefined;
  const path = new URL(ex.request.url).pathname.replace(/\/+$/, '');
  if (/\/actuator$/.test(path)) return actuatorLinks(ex);
  if (!documented && /\/users$/.test(path) && !/\/admin\//.test(path)) return userListing(ex);
  if (dataKind(res)) {
    const fields = sensitiveFields(res);
    return fields.length > 0 ? `data (including ${fields.join(', ')})` : 'data';
  }
  if (contentKind(res) === 'document' && !isLoginPage(ex)) {
    const html = htmlOf(ex);
    if (ADMIN_UI.test(html.title) || ADMIN_UI.test(res.body.slice(0, 4_000))) return 'an administration page';
  }
  return undefined;
}

/** `/actuator` lists its endpoints: only links beyond health and info are administrative. */
function actuatorLinks(ex: Exchange): string | undefined {
  const json = jsonOf(ex.response!) as { _links?: Record<string, unknown> } | undefined;
  const links = Object.keys(json?._links ?? {}).filter((k) => !ACTUATOR_DEFAULT.has(k));
  return links.length > 0 ? `links to operator endpoints (${links.slice(0, 6).join(', ')})` : undefined;
}

/** `/users` outside an admin area counts only as a listing of every user: two or more user objects. */
function userListing(ex: Exchange): string | undefined {
  const json = jsonOf(ex.response!);
  const list = Array.isArray(json)
    ? json
    : json && typeof json === 'object'
      ? Object.values(json).find((v): v is unknown[] => Array.isArray(v))
      : undefined;
  const objects = (list ?? []).filter((v) => v && typeof v === 'object' && !Array.isArray(v));
  if (objects.length < 2) return undefined;
  const fields = sensitiveFields(ex.response);
  return `a listing of ${objects.length} users${fields.length > 0 ? ` (with ${fields.join(', ')})` : ''}`;
}
