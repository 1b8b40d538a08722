/**
 * The cookies a victim's browser holds for a URL, and which of them it attaches to a request another
 * site makes it send: the ambient credentials a forged request rides on.
 */
import type { SetCookie } from '../../engine/set-cookie.js';
import type { Exchange } from '../../types.js';
import { describeSameSite, liveCookies, pathApplies, sentOnCrossSitePost } from './cookies.js';

export interface VictimCookie {
  name: string;
  value: string;
  /** A browser attaches it to a cross-site POST (SameSite None or absent; unknown for given cookies). */
  crossSite: boolean;
  /** It could carry the user's identity (given to the scan, or a session/credential cookie). */
  authenticates: boolean;
  /** How it was learned and its SameSite policy, for evidence (`session`, no SameSite). */
  describe: string;
  /** The Set-Cookie the target sent, when it set the cookie itself. */
  setCookie?: SetCookie;
}

/** `a=b; c=d` → pairs (a credential given as a Cookie header). */
export function cookiePairs(header: string | undefined): Array<[string, string]> {
  if (!header) return [];
  return header
    .split(';')
    .map((pair): [string, string] => {
      const eq = pair.indexOf('=');
      return eq < 0 ? [pair.trim(), ''] : [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
    })
    .filter(([name]) => name !== '');
}

/**
 * Every cookie a browser would send to `url` on a same-site request, after the exchanges and with the
 * cookie given to the scan; `crossSite` says which of them also go along on a cross-site POST.
 */
export function victimCookies(
  url: string,
  exchanges: readonly Exchange[],
  givenCookie: string | undefined,
): VictimCookie[] {
  const live = liveCookies(exchanges);
  const out: VictimCookie[] = [];
  const given = cookiePairs(givenCookie);
  for (const [name, value] of given) {
    const known = live.get(name)?.cookie;
    out.push({
      name,
      value,
      crossSite: known ? sentOnCrossSitePost(known) : true,
      authenticates: true,
      describe: `\`${name}\` (given to the scan${known ? `, ${describeSameSite(known)}` : ''})`,
      ...(known ? { setCookie: known } : {}),
    });
  }
  const host = new URL(url).hostname;
  for (const seen of live.values()) {
    if (given.some(([name]) => name === seen.cookie.name)) continue;
    if (new URL(seen.exchange.request.url).hostname !== host) continue;
    if (!pathApplies(seen.cookie, seen.exchange.request.url, url)) continue;
    out.push({
      name: seen.cookie.name,
      value: seen.cookie.value,
      crossSite: sentOnCrossSitePost(seen.cookie),
      authenticates: seen.class.authenticates,
      describe: `\`${seen.cookie.name}\` (${seen.class.reason}, ${describeSameSite(seen.cookie)})`,
      setCookie: seen.cookie,
    });
  }
  return out;
}

/** A Cookie header value for the cookies. */
export function cookieHeader(cookies: readonly VictimCookie[]): string {
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}
