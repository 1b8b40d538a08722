import { maskSecret } from '../../config/mask.js';

/** Parameter names that usually carry a credential, a session or a capability. */
const SECRET_NAME_PART = /(token|secret|passw|api_?key|apikey|session|sessid|signature|jwt|credential)/;
const SECRET_NAME = /^(auth|authorization|key|sig|sid|code|otp|pwd|pass|ticket)$/;
const JWT = /^eyJ[\w-]{6,}\.[\w-]{6,}\.[\w-]*$/;
/** Session ids some servers put in the path (`/cart;jsessionid=…`). */
const PATH_SESSION = /;(jsessionid|phpsessid|sessionid|sid)=([^/;?#]+)/gi;

export interface UrlSecret {
  /** Where it sits: the query parameter's name, or `;jsessionid` for a path parameter. */
  name: string;
  value: string;
}

/**
 * The credentials a URL carries: query values under a secret-sounding name that look random
 * (eight characters or more with a digit, or twenty or more), JWTs under any name, and path session ids.
 */
export function urlSecrets(raw: string): UrlSecret[] {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return [];
  }
  const out: UrlSecret[] = [];
  for (const [name, value] of url.searchParams) {
    if (JWT.test(value) || (isSecretName(name) && looksRandom(value))) out.push({ name, value });
  }
  for (const m of url.pathname.matchAll(PATH_SESSION))
    out.push({ name: `;${m[1]!.toLowerCase()}`, value: m[2]! });
  return out;
}

/** The URL with every secret it carries masked (first four characters, then `…`). */
export function maskUrlSecrets(raw: string, secrets: readonly UrlSecret[] = urlSecrets(raw)): string {
  let out = raw;
  for (const s of secrets) {
    const masked = maskSecret(s.value);
    out = out.split(s.value).join(masked).split(encodeURIComponent(s.value)).join(masked);
  }
  return out;
}

function isSecretName(name: string): boolean {
  const n = name.toLowerCase().replace(/-/g, '_');
  return SECRET_NAME.test(n) || SECRET_NAME_PART.test(n) || /(^|_)auth(_|$)/.test(n);
}

function looksRandom(value: string): boolean {
  if (value.length >= 20) return true;
  return value.length >= 8 && /\d/.test(value) && /[a-z]/i.test(value);
}

/**
 * A finding with the secrets of its URLs masked (the affected URL and the evidence's request
 * line): discovery may have followed a link that carries a token.
 */
export function maskFindingUrls<F extends { url: string; evidence: { request: string } }>(f: F): F {
  const line = f.evidence.request;
  const space = line.indexOf(' ');
  const request = `${line.slice(0, space + 1)}${maskUrlSecrets(line.slice(space + 1))}`;
  return { ...f, url: maskUrlSecrets(f.url), evidence: { ...f.evidence, request } };
}
