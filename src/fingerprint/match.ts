import { requestCarries } from '../checks/lib/echo.js';
import { decodeJwt, describeJwt, JWT_IN_TEXT } from '../checks/lib/jwt.js';
import { headerName, pathOf } from '../checks/lib/where.js';
import { maskSecret, maskTokens } from '../config/mask.js';
import { headerValues } from '../engine/exchange.js';
import { parseSetCookie } from '../engine/set-cookie.js';
import { errorPageHits } from '../kb/signatures/error-page-match.js';
import type { Exchange } from '../types.js';
import { BODY_SCAN_CHARS, type Signature } from './signatures.js';

/** What one signature saw on one exchange. */
export interface Hit {
  /** The observation, e.g. `Server: nginx/1.25.3` (secrets masked). */
  seen: string;
  /** Its main part (the body quote, else the header or cookie): one observation is quoted once. */
  key: string;
  /** Versions from named groups, keyed by part id. */
  versions: Record<string, string>;
}

const MAX_QUOTE = 100;

/** Tests one signature against one exchange; every condition it sets must hold. */
export function matchSignature(sig: Signature, ex: Exchange): Hit | undefined {
  const res = ex.response;
  if (!res) return undefined;
  if (sig.status && !statusMatches(sig.status, res.status)) return undefined;
  if (sig.media && !sig.media.includes(res.mediaType)) return undefined;
  const seen: string[] = [];
  /** The matched raw values, for `sig.jwt` to read the token in them. */
  const matched: string[] = [];
  const versions: Record<string, string> = {};
  const take = (m: RegExpExecArray | null | undefined) => {
    for (const [k, v] of Object.entries(m?.groups ?? {})) if (v && !versions[k]) versions[k] = v;
  };

  if (sig.sent) {
    // Only discovery requests carry nothing but the configured credentials; checks craft their own.
    if (ex.initiator !== 'discovery' || ex.identity !== 'primary') return undefined;
    const { name, value } = sig.sent;
    const found = Object.entries(ex.request.headers).find(
      ([k, v]) => name.test(k) && (!value || value.test(v)),
    );
    if (!found) return undefined;
    matched.push(found[1]);
    seen.push(`${headerName(found[0])}: ${maskHeader(found[1])} on Parapet's requests`);
  }

  if (sig.header) {
    const { name, value } = sig.header;
    const values = headerValues(res.headers, name);
    let hit: string | undefined;
    for (const v of values) {
      const m = value ? value.exec(v) : null;
      if (value && !m) continue;
      if (sig.echoable && m && requestCarries(ex, m[0])) continue;
      take(m);
      hit = v;
      break;
    }
    if (hit === undefined) return undefined;
    seen.push(`${name}: ${clip(hit)}`);
  }

  if (sig.cookie) {
    const { name, value } = sig.cookie;
    let hit: string | undefined;
    for (const raw of headerValues(res.headers, 'set-cookie')) {
      const c = parseSetCookie(raw);
      if (!c || !name.test(c.name)) continue;
      const m = value ? value.exec(c.value) : null;
      if (value && !m) continue;
      take(m);
      matched.push(c.value);
      hit = `${c.name}=${c.value ? maskSecret(c.value) : ''}`;
      break;
    }
    if (hit === undefined) return undefined;
    seen.push(`Set-Cookie: ${hit}`);
  }

  if (sig.body) {
    const text = res.body.slice(0, BODY_SCAN_CHARS);
    const m = sig.body.exec(text);
    if (!m || (sig.echoable && requestCarries(ex, m[0]))) return undefined;
    if (sig.bodyNot?.test(text)) return undefined;
    take(m);
    matched.push(m[0]);
    const quote = clip(sig.secret ? maskTokens(m[0]) : m[0]);
    seen.unshift(`${ex.request.method} ${pathOf(ex.request.url)} answered ${res.status} with: ${quote}`);
  }

  if (sig.errorPage) {
    const hit = errorPageHits(res).find((h) => h.signature.id === sig.errorPage);
    if (!hit) return undefined;
    seen.unshift(
      `${ex.request.method} ${pathOf(ex.request.url)} answered ${res.status} with: ${clip(hit.excerpt)}`,
    );
  }

  if (seen.length === 0) return undefined;
  const token = sig.jwt ? jwtSummary(matched) : undefined;
  return { seen: seen.join(', ') + (token ? ` [${token}]` : ''), key: seen[0]!, versions };
}

/** `HS256, iss "auth.example", expires …` for the first JWT in the matched values. */
function jwtSummary(values: readonly string[]): string | undefined {
  for (const v of values) {
    const jwt = (v.match(JWT_IN_TEXT) ?? []).map(decodeJwt).find((j) => j !== undefined);
    if (jwt) return describeJwt(jwt);
  }
  return undefined;
}

function statusMatches(want: NonNullable<Signature['status']>, status: number): boolean {
  return want === 'error' ? status >= 400 : want.includes(status);
}

/** `Bearer eyJh…`: the scheme stays, the secret is masked. */
function maskHeader(value: string): string {
  const m = /^(\S+)\s+(\S+)$/.exec(value.trim());
  return m ? `${m[1]} ${maskSecret(m[2]!)}` : maskSecret(value);
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_QUOTE ? `${flat.slice(0, MAX_QUOTE)}…` : flat;
}
