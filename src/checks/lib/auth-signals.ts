/** How a target says "credentials needed", and which of its URLs are public on purpose. */
import { htmlOf } from '../../discovery/html.js';
import { urlPattern } from '../../discovery/url-pattern.js';
import { contentKind, headerValue } from '../../engine/exchange.js';
import type { Exchange, RecordedResponse } from '../../types.js';
import { jsonOf, sensitiveFields } from './api-data.js';

/** Words of an answer that refuses a caller for want of (valid) credentials. */
const AUTH_WORDS =
  /\b(unauthori[sz]ed|unauthenticated|not authenticated|authenticat\w*|authori[sz]ation|forbidden|credentials?|api[ _-]?key|access[ _-]?token|token|log ?in|sign ?in|permission|access denied|not allowed)\b/i;

/**
 * The answer refuses the caller for want of credentials: any 401 (the status means exactly that), or a
 * 403 that says so (a `WWW-Authenticate` challenge, or an error body about credentials, keys, tokens,
 * permissions). A bare 403 from a firewall or a directory listing ban does not count.
 */
export function demandsCredentials(res: RecordedResponse | undefined): boolean {
  if (!res) return false;
  if (res.status === 401) return true;
  if (res.status !== 403) return false;
  if (headerValue(res.headers, 'www-authenticate') !== undefined) return true;
  const json = jsonOf(res);
  const text = json !== undefined ? JSON.stringify(json) : res.body.slice(0, 2_000);
  return AUTH_WORDS.test(text);
}

/** A short description of how the answer refused (for evidence). */
export function refusal(res: RecordedResponse): string {
  const challenge = headerValue(res.headers, 'www-authenticate');
  return challenge ? `${res.status} with WWW-Authenticate: ${challenge.slice(0, 60)}` : `${res.status}`;
}

/** Segments that name an API or its version: what an API's own prefix (`/api/v1`) is made of. */
const API_SEGMENT = /^(api|apis|rest|v\d+(\.\d+)*)$/i;

/**
 * The group a URL's siblings share: its origin and first two path segments (`/api/v1` for
 * `/api/v1/users/7`), or fewer when the path is shorter (`/` for `/export`).
 */
export function siblingGroup(url: string): string {
  const u = new URL(url);
  const segments = u.pathname.split('/').filter(Boolean);
  return `${u.origin}/${segments.slice(0, Math.min(2, Math.max(0, segments.length - 1))).join('/')}`;
}

/**
 * The API prefixes a set of URLs use (`/api/v1`, `/v2`), most used first: the leading segments that
 * name an API or a version, among the first three of each path.
 */
export function apiPrefixes(urls: readonly string[], max = 2): string[] {
  const counts = new Map<string, number>();
  for (const raw of urls) {
    let segments: string[];
    try {
      segments = new URL(raw).pathname.split('/').filter(Boolean);
    } catch {
      continue;
    }
    let end = 0;
    while (end < Math.min(3, segments.length) && API_SEGMENT.test(segments[end]!)) end++;
    if (end === 0) continue;
    const prefix = `/${segments.slice(0, end).join('/')}`;
    counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([p]) => p);
}

/** Last path segments of health, readiness and version probes. */
const HEALTH =
  /^(health|healthz|healthcheck|health-check|status|ping|version|ready|readyz|readiness|live|livez|liveness|heartbeat)(\.json)?$/i;
/** Paths of API descriptions. */
const API_DOCS =
  /(^|\/)(openapi|swagger)(\.json|\.ya?ml)?$|(^|\/)(api-docs|swagger-ui|redoc|docs)(\/|$)|\/swagger-resources(\/|$)/i;
const STATIC_PATH =
  /\.(js|mjs|css|map|png|jpe?g|gif|webp|avif|svg|ico|woff2?|ttf|otf|webmanifest)$|^\/(static|assets|public|dist|build)\//i;

/**
 * Why a URL is public on purpose, or undefined: the service descriptor at `/` or at an API prefix
 * (`/api/v1`), health and version probes, the API description (OpenAPI/Swagger), robots.txt,
 * `/.well-known/` files and static assets. Such a URL still counts when it leaks sensitive fields.
 */
export function publicByDesign(ex: Exchange): string | undefined {
  const reason = publicReason(ex);
  if (!reason) return undefined;
  return sensitiveFields(ex.response).length > 0 ? undefined : reason;
}

function publicReason(ex: Exchange): string | undefined {
  const res = ex.response;
  const path = new URL(ex.request.url).pathname;
  const segments = path.split('/').filter(Boolean);
  if (segments.length === 0) return 'the service root';
  if (segments.every((s) => API_SEGMENT.test(s))) return 'an API root (service descriptor)';
  if (HEALTH.test(segments.at(-1)!)) return 'a health or version probe';
  if (API_DOCS.test(path)) return 'the API description';
  const json = res ? jsonOf(res) : undefined;
  if (json && typeof json === 'object' && !Array.isArray(json) && ('openapi' in json || 'swagger' in json))
    return 'the API description';
  if (path.startsWith('/.well-known/') || path === '/robots.txt' || path === '/sitemap.xml')
    return 'a well-known file';
  if (STATIC_PATH.test(path)) return 'a static asset';
  const kind = contentKind(res);
  if (kind === 'script' || kind === 'style' || kind === 'image') return 'a static asset';
  return undefined;
}

/** An HTML page that asks for a password: a login form, not the thing it guards. */
export function isLoginPage(ex: Exchange): boolean {
  if (contentKind(ex.response) !== 'document') return false;
  return htmlOf(ex).forms.some((f) => f.fields.some((field) => field.type === 'password'));
}

/**
 * One URL standing for several endpoints of an origin that share a weakness: the URL itself, their
 * common pattern (`/users/{id}`), or their longest common path followed by `{path}` (`/api/v1/{path}`).
 */
export function sharedUrl(urls: readonly string[]): string {
  const distinct = [...new Set(urls)];
  if (distinct.length === 1) return distinct[0]!;
  const patterns = new Set(distinct.map(urlPattern));
  if (patterns.size === 1) return [...patterns][0]!;
  const paths = distinct.map((u) => new URL(u).pathname.split('/').filter(Boolean));
  const common: string[] = [];
  for (let i = 0; paths.every((p) => i < p.length - 1 && p[i] === paths[0]![i]); i++)
    common.push(paths[0]![i]!);
  return `${new URL(distinct[0]!).origin}/${[...common, '{path}'].join('/')}`;
}

/** Groups items by the origin of their URL. */
export function byOrigin<T>(items: readonly T[], url: (item: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const o = new URL(url(item)).origin;
    map.set(o, [...(map.get(o) ?? []), item]);
  }
  return [...map.values()];
}
