/**
 * Cookies the target set (Set-Cookie on recorded exchanges): which ones authenticate the user, and
 * what a browser does with them (SameSite on cross-site requests, Path).
 */
import { maskSecret } from '../../config/mask.js';
import { urlPattern } from '../../discovery/url-pattern.js';
import { headerValues } from '../../engine/exchange.js';
import { isDeletion, parseSetCookie, type SetCookie } from '../../engine/set-cookie.js';
import type { Exchange } from '../../types.js';
import { looksUnpredictable, signedTokenShape } from './randomness.js';

/**
 * - `session`: a session or credential cookie by name (framework session names, `auth`, `token`…)
 *   carrying a value nobody could guess;
 * - `credential`: any name, but the value is a signed token (JWT, itsdangerous);
 * - `opaque`: an unknown name with an unguessable value: it may be a session id, or a visitor id;
 * - the rest never authenticate: anti-CSRF cookies, analytics and load-balancer cookies,
 *   preferences, and plain values.
 */
export type CookieRole = 'session' | 'credential' | 'opaque' | 'csrf' | 'tracking' | 'preference' | 'plain';

export interface CookieClass {
  role: CookieRole;
  /** The cookie could carry the user's identity (session, credential or opaque). */
  authenticates: boolean;
  /** Two signals (a credential name and a secret-looking value, or a signed-token shape), not just one. */
  strong: boolean;
  /** Why, in a few words (for evidence). */
  reason: string;
}

const CSRF_NAME = /csrf|xsrf|anti-?forgery|requestverification/i;
/** Analytics, consent and infrastructure (load balancer, CDN, bot defence) cookies, matched at the start of the name. */
const TRACKING_NAME =
  /^(_ga|_gid|_gat|_gcl|__utm|_fbp|_fbc|_hj|ajs_|amplitude|mp_|_pk_|_clck|_clsk|__hs|hubspotutk|_uet|_dd_s|ai_session|ai_user|optimizely|intercom-|awsalb|awselb|__cf|cf_|_cfuvid|bigipserver|arraffinity|incap_ses|visid_incap|nlbi_|__stripe)/i;
const PREFERENCE_NAME =
  /^(theme|dark_?mode|color_?scheme|lang|language|locale|i18n|i18next|django_language|next_locale|\.aspnetcore\.culture|currency|timezone|tz|font_?size|sidebar|layout|view|sort|page_?size)$|consent|optanon/i;
/** Session cookies of frameworks whose names carry none of the generic words below. */
const FRAMEWORK_SESSION_NAME =
  /^(\.aspnetcore\.(session|cookies|identity\..+)|rack\.session|ci_session|cgisessid)$/i;
/** Words that name a session or credential cookie (`sid` only as a word: `connect.sid`, `sid`, `user_sid`). */
const CREDENTIAL_WORD = /sess|auth(?!or)|token|jwt|remember|(^|[._-])sid($|[._-])|sid$/i;

/** Classifies one cookie by its name and value. */
export function classifyCookie(name: string, value: string): CookieClass {
  // `__Host-`/`__Secure-` are browser-enforced prefixes, not part of what the name says.
  const bare = name.replace(/^__(host|secure)-/i, '');
  if (CSRF_NAME.test(bare)) return plainRole('csrf', 'an anti-CSRF cookie (meant to be read by scripts)');
  if (TRACKING_NAME.test(bare)) return plainRole('tracking', 'an analytics or infrastructure cookie');
  if (PREFERENCE_NAME.test(bare)) return plainRole('preference', 'a preference cookie');
  const shape = signedTokenShape(value);
  const secret = shape !== undefined || looksUnpredictable(value);
  if (FRAMEWORK_SESSION_NAME.test(bare) || CREDENTIAL_WORD.test(bare)) {
    return secret
      ? { role: 'session', authenticates: true, strong: true, reason: 'a session/credential cookie' }
      : plainRole('plain', 'named like a session, but its value is too short to be a secret');
  }
  if (shape) {
    return { role: 'credential', authenticates: true, strong: true, reason: `a signed token (${shape})` };
  }
  if (secret) {
    return {
      role: 'opaque',
      authenticates: true,
      strong: false,
      reason: 'an unguessable value (maybe a session id)',
    };
  }
  return plainRole('plain', 'a plain value');
}

function plainRole(role: CookieRole, reason: string): CookieClass {
  return { role, authenticates: false, strong: false, reason };
}

/** One Set-Cookie header the target sent, with what it means. */
export interface SeenCookie {
  cookie: SetCookie;
  exchange: Exchange;
  class: CookieClass;
}

/** Every Set-Cookie of the exchanges, in order; cookies being deleted (Max-Age=0, past Expires) are left out. */
export function cookiesSet(exchanges: readonly Exchange[]): SeenCookie[] {
  const out: SeenCookie[] = [];
  for (const ex of exchanges) {
    if (!ex.response) continue;
    for (const header of headerValues(ex.response.headers, 'set-cookie')) {
      const cookie = parseSetCookie(header);
      if (!cookie || isDeletion(cookie, ex.startedAt)) continue;
      out.push({ cookie, exchange: ex, class: classifyCookie(cookie.name, cookie.value) });
    }
  }
  return out;
}

/** The cookies a browser would hold after the exchanges, by name (a later Set-Cookie replaces, a deletion removes). */
export function liveCookies(exchanges: readonly Exchange[]): Map<string, SeenCookie> {
  const jar = new Map<string, SeenCookie>();
  for (const ex of exchanges) {
    if (!ex.response) continue;
    for (const header of headerValues(ex.response.headers, 'set-cookie')) {
      const cookie = parseSetCookie(header);
      if (!cookie) continue;
      if (isDeletion(cookie, ex.startedAt)) jar.delete(cookie.name);
      else jar.set(cookie.name, { cookie, exchange: ex, class: classifyCookie(cookie.name, cookie.value) });
    }
  }
  return jar;
}

export type SameSite = 'strict' | 'lax' | 'none' | 'absent';

/** The SameSite policy as browsers read it; an unknown value counts as absent (RFC 6265bis). */
export function sameSiteOf(c: SetCookie): SameSite {
  const v = c.attributes.samesite?.toLowerCase();
  return v === 'strict' || v === 'lax' || v === 'none' ? v : 'absent';
}

/**
 * Whether a browser attaches the cookie to a cross-site POST. Strict and Lax cookies stay home.
 * Without SameSite, Firefox and Safari send it, and Chrome (Lax by default) still does for two
 * minutes after the cookie is set: so an absent attribute does not protect.
 */
export function sentOnCrossSitePost(c: SetCookie): boolean {
  const s = sameSiteOf(c);
  return s === 'none' || s === 'absent';
}

/** Whether the cookie set by a response to `setAt` is sent to `target`, by its Path (RFC 6265 §5.1.4). */
export function pathApplies(c: SetCookie, setAt: string, target: string): boolean {
  const cookiePath = c.attributes.path?.startsWith('/') ? c.attributes.path : defaultPath(setAt);
  const path = new URL(target).pathname;
  if (path === cookiePath) return true;
  return path.startsWith(cookiePath) && (cookiePath.endsWith('/') || path[cookiePath.length] === '/');
}

function defaultPath(url: string): string {
  const path = new URL(url).pathname;
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/** The Set-Cookie header with the value masked (`name=abcd…; Path=/; HttpOnly`). */
export function maskedSetCookie(c: SetCookie): string {
  const semi = c.raw.indexOf(';');
  const attributes = semi < 0 ? '' : c.raw.slice(semi);
  return `${c.name}=${maskSecret(c.value)}${attributes}`;
}

/** A short description of the SameSite policy for evidence. */
export function describeSameSite(c: SetCookie): string {
  const s = sameSiteOf(c);
  return s === 'absent' ? 'no SameSite' : `SameSite=${c.attributes.samesite}`;
}

/** Cookies one response set that a rule flags. */
export interface FlaggedGroup {
  exchange: Exchange;
  cookies: SeenCookie[];
  /** At least one of them is a session or credential cookie by two signals. */
  strong: boolean;
}

/**
 * The authenticating cookies for which `flag` holds, grouped by the response that set them; a cookie
 * name is reported once per URL pattern.
 */
export function flaggedCookies(
  exchanges: readonly Exchange[],
  flag: (c: SeenCookie) => boolean,
): FlaggedGroup[] {
  const reported = new Set<string>();
  const groups = new Map<Exchange, SeenCookie[]>();
  for (const seen of cookiesSet(exchanges)) {
    if (!seen.class.authenticates || !flag(seen)) continue;
    const key = `${urlPattern(seen.exchange.request.url)}\n${seen.cookie.name}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const list = groups.get(seen.exchange) ?? [];
    list.push(seen);
    groups.set(seen.exchange, list);
  }
  return [...groups].map(([exchange, cookies]) => ({
    exchange,
    cookies,
    strong: cookies.some((c) => c.class.strong),
  }));
}

/** `session` (a session/credential cookie), `_app` (…) */
export function cookieNames(cookies: readonly SeenCookie[]): string {
  return cookies.map((c) => `\`${c.cookie.name}\` (${c.class.reason})`).join(', ');
}

/** The masked Set-Cookie headers, one a line. */
export function cookieExcerpt(cookies: readonly SeenCookie[]): string {
  return cookies.map((c) => `Set-Cookie: ${maskedSetCookie(c.cookie)}`).join('\n');
}
