import { randomBytes } from 'node:crypto';
import { urlPattern } from '../discovery/url-pattern.js';
import { tokenAt } from '../engine/login.js';
import type { Exchange, RecordedResponse } from '../types.js';
import { dataKind, similarity } from './lib/api-data.js';
import { demandsCredentials, publicByDesign, refusal } from './lib/auth-signals.js';
import { isWhoAmIUrl } from './lib/caller.js';
import { decodeJwt, encodeJwt, type Jwt } from './lib/jwt.js';
import { jwtsIn, tokensSeen, weakJwtKey } from './lib/jwt-tokens.js';
import { tryRequest } from './lib/request.js';
import { pathOf } from './lib/where.js';
import { maskedSecret } from './lib/wordlist.js';
import { type CheckContext, defineCheck } from './types.js';

/** Endpoints tried as the place where a token is needed, and ways of sending the token tried on them. */
const MAX_ENDPOINTS = 3;
const MAX_CARRIERS = 2;
/** `alg` spellings tried: libraries that compare case-insensitively accept the odd ones. */
const NONE_ALGS = ['none', 'None', 'NONE', 'nOnE'] as const;
/** How far in the past the expired copy's `exp` lies: beyond any clock-skew leeway. */
const EXPIRED_AGO_S = 24 * 3600;
/** Forged answers must carry the real token's data: this alike or more (api-data's similarity). */
const SAME_DATA = 0.9;
/** Per endpoint and carrier: anonymous, real token, junk; then the forgeries, a scrambled signature, an expired copy. */
const MAX_REQUESTS = MAX_ENDPOINTS * MAX_CARRIERS * 3 + NONE_ALGS.length * 2 + 2;

type Rule = 'jwt-alg-none' | 'jwt-expired-accepted';
type Ctx = CheckContext<Rule>;

/** How the scan's (or a seen) token travels: a header whose value has the token in it. */
interface Carrier {
  token: string;
  jwt: Jwt & { claims: Record<string, unknown> };
  header: string;
  value: (token: string) => string;
  /** `Authorization: Bearer`, `the cookie \`session\``: for the report. */
  how: string;
}

export default defineCheck({
  meta: {
    id: 'jwt-forgery',
    title: 'Forged JSON Web Tokens (alg none, expired copies) are accepted',
    category: 'authentication',
    mode: 'active',
    since: '0.1.0',
    maxRequests: MAX_REQUESTS,
    rules: {
      'jwt-alg-none': {
        title: 'A JWT with `alg: none` and no signature is accepted',
        severity: 'critical',
        owasp: 'API2',
        cwe: 347,
      },
      'jwt-expired-accepted': {
        title: 'An expired JWT is accepted',
        severity: 'high',
        owasp: 'API2',
        cwe: 613,
      },
    },
  },
  async *run(ctx) {
    const ways = carriers(ctx);
    if (ways.length === 0) return;
    const endpoints = candidates(ctx);
    if (endpoints.length === 0) {
      ctx.note('a JWT was seen, but no endpoint that needs it was found, so forged tokens were not tried');
      return;
    }
    for (const carrier of ways) {
      for (const ex of endpoints) {
        const guarded = await guardedBy(ctx, ex, carrier);
        if (!guarded) continue;
        yield* forge(ctx, carrier, guarded);
        return;
      }
    }
    ctx.note(
      'no endpoint was found that refuses a caller without the JWT and serves one with it, so forged tokens were not tried',
    );
  },
});

/** An endpoint proven to need the token: refused without it, served with it, refused with a non-token. */
interface Guarded {
  url: string;
  control: Exchange;
  anon: RecordedResponse;
}

async function guardedBy(ctx: Ctx, ex: Exchange, carrier: Carrier): Promise<Guarded | undefined> {
  const url = ex.request.url;
  const anon =
    ex.identity === 'anonymous' && !is2xx(ex.response) ? ex : await send(ctx, url, {}, 'anonymous');
  if (!anon?.response || is2xx(anon.response)) return undefined;
  const control = await send(ctx, url, { [carrier.header]: carrier.value(carrier.token) });
  if (!control?.response || !is2xx(control.response) || !servesData(control.response)) return undefined;
  // A server that takes any value in the header does not read the token at all: nothing to forge.
  const junk = await send(ctx, url, {
    [carrier.header]: carrier.value(`parapet-${randomBytes(8).toString('hex')}`),
  });
  if (!junk?.response || accepted(junk.response, control.response)) {
    if (junk?.response)
      ctx.note(
        `${pathOf(url)} accepts any value in place of the JWT (${carrier.how}); forged tokens were not tried there`,
      );
    return undefined;
  }
  return { url, control, anon: anon.response };
}

async function* forge(ctx: Ctx, carrier: Carrier, at: Guarded) {
  const { jwt } = carrier;
  const was = `Without the token ${pathOf(at.url)} answered ${refusal(at.anon)}; with the real token ${at.control.response!.status}`;
  let none: { alg: string; dot: boolean } | undefined;
  search: for (const alg of NONE_ALGS) {
    for (const dot of [true, false]) {
      const forged = encodeJwt({ ...jwt.header, alg }, jwt.claims, undefined, dot);
      const ex = await send(ctx, at.url, { [carrier.header]: carrier.value(forged) });
      if (!ex?.response || !accepted(ex.response, at.control.response!)) continue;
      none = { alg, dot };
      // Is any signature accepted? The same token with its own signature bytes scrambled says.
      const scrambled = await send(ctx, at.url, { [carrier.header]: carrier.value(scramble(carrier.token)) });
      const unsigned =
        scrambled?.response && accepted(scrambled.response, at.control.response!)
          ? ' A copy of the real token with a corrupted signature is accepted too: signatures are not verified at all.'
          : '';
      yield ctx.finding('jwt-alg-none', ex, {
        confidence: 'confirmed',
        excerpt: ex.response.body,
        detail: `${was}. The same token re-issued with the header ${JSON.stringify({ ...jwt.header, alg })} and an empty signature (${dot ? '`header.payload.`' : '`header.payload`, no trailing dot'}), sent as ${carrier.how}, was accepted: ${ex.response.status} with the same data as the real token.${unsigned} Anyone can write their own claims (another \`sub\`, a role) and be believed.`,
      });
      break search;
    }
  }

  const weak = weakJwtKey(ctx.config, carrier.token);
  if (!weak && !none) {
    ctx.note(
      'jwt-expired-accepted was not tested: the token’s signing key is not a known weak key and alg none is refused, so no expired copy could be signed',
    );
    return;
  }
  const claims = expiredClaims(jwt.claims);
  const expired = weak
    ? encodeJwt(jwt.header, claims, weak.key)
    : encodeJwt({ ...jwt.header, alg: none!.alg }, claims, undefined, none!.dot);
  const ex = await send(ctx, at.url, { [carrier.header]: carrier.value(expired) });
  if (!ex?.response || !accepted(ex.response, at.control.response!)) return;
  const signed = weak
    ? `signed with the weak key ${maskedSecret(weak.label)} (jwt-weak-secret)`
    : `re-issued with \`alg: ${none!.alg}\` (jwt-alg-none)`;
  yield ctx.finding('jwt-expired-accepted', ex, {
    confidence: 'confirmed',
    excerpt: ex.response.body,
    detail: `${was}. A copy of the token whose \`exp\` is ${new Date(Number(claims.exp) * 1000).toISOString()} (a day ago), ${signed} and sent as ${carrier.how}, was accepted: ${ex.response.status} with the same data. Expiry is not enforced, so a stolen token never stops working.`,
  });
}

/** The claims with `exp` a day in the past, `iat` one lifetime before it, `nbf` (when present) at `iat`. */
function expiredClaims(claims: Record<string, unknown>): Record<string, unknown> {
  const exp = Math.floor(Date.now() / 1000) - EXPIRED_AGO_S;
  const lifetime =
    typeof claims.exp === 'number' && typeof claims.iat === 'number' && claims.exp > claims.iat
      ? Math.min(claims.exp - claims.iat, 30 * 24 * 3600)
      : 3600;
  const out: Record<string, unknown> = { ...claims, iat: exp - lifetime, exp };
  if ('nbf' in claims) out.nbf = exp - lifetime;
  return out;
}

/** The token with its signature's bytes reversed: same length and alphabet, wrong value. */
function scramble(token: string): string {
  const dot = token.lastIndexOf('.');
  const sig = token.slice(dot + 1);
  const reversed = [...sig].reverse().join('');
  return `${token.slice(0, dot + 1)}${reversed === sig ? `${sig}A` : reversed}`;
}

function is2xx(res: RecordedResponse | undefined): boolean {
  return res !== undefined && res.status >= 200 && res.status < 300;
}

function servesData(res: RecordedResponse): boolean {
  return dataKind(res) !== undefined || res.mediaType === 'text/html';
}

/** 2xx with the data the real token was served. */
function accepted(res: RecordedResponse, control: RecordedResponse): boolean {
  return is2xx(res) && similarity(res, control) >= SAME_DATA;
}

function send(
  ctx: Ctx,
  url: string,
  headers: Record<string, string>,
  identity: 'anonymous' = 'anonymous',
): Promise<Exchange | undefined> {
  return tryRequest(ctx, { url, headers, identity, cookies: false });
}

/**
 * Where tokens travel, the scan's own first: `--bearer`, a header or cookie given to Parapet, the token a
 * `--login` answer held; then JWTs the target set as cookies, then ones it wrote in a body (sent as Bearer).
 */
function carriers(ctx: Ctx): Carrier[] {
  const out: Carrier[] = [];
  const add = (token: string, header: string, value: (t: string) => string, how: string) => {
    const jwt = decodeJwt(token);
    if (!jwt?.claims || out.some((c) => c.token === token)) return;
    out.push({ token, jwt: jwt as Carrier['jwt'], header, value, how });
  };
  const bearer = (token: string) =>
    add(token, 'authorization', (t) => `Bearer ${t}`, '`Authorization: Bearer`');
  const creds = ctx.config.credentials;
  if (creds?.bearer) for (const t of jwtsIn(creds.bearer)) bearer(t);
  for (const [name, value] of Object.entries(creds?.headers ?? {}))
    for (const t of jwtsIn(value))
      add(t, name.toLowerCase(), (x) => value.replace(t, x), `the ${name} header`);
  if (creds?.cookie)
    for (const t of jwtsIn(creds.cookie))
      add(t, 'cookie', (x) => creds.cookie!.replace(t, x), 'the Cookie given to Parapet');
  const login = ctx.config.login;
  const loginEx = ctx.exchanges().find((ex) => ex.initiator === 'login');
  const loginToken =
    login?.tokenPath && loginEx ? tokenAt(loginEx.response!.body, login.tokenPath) : undefined;
  if (loginToken) {
    if (login?.tokenHeader)
      add(loginToken, login.tokenHeader.toLowerCase(), (t) => t, `the ${login.tokenHeader} header`);
    else bearer(loginToken);
  }
  const seen = tokensSeen(ctx.exchanges(), undefined);
  for (const s of seen)
    if (s.cookie) add(s.token, 'cookie', (t) => `${s.cookie}=${t}`, `the cookie \`${s.cookie}\``);
  for (const s of seen) if (!s.cookie && s.where.startsWith('in the response body')) bearer(s.token);
  return out.slice(0, MAX_CARRIERS);
}

/**
 * GETs that may need the token, one per URL pattern: "who am I" answers first, then data the scan's
 * identity was served, then answers refused to an anonymous caller.
 */
function candidates(ctx: Ctx): Exchange[] {
  const gets = ctx
    .exchanges()
    .filter((ex) => ex.request.method === 'GET' && ex !== ctx.site.notFound && !publicByDesign(ex));
  const served = gets.filter(
    (ex) => ex.identity === 'primary' && is2xx(ex.response) && dataKind(ex.response),
  );
  const refused = gets.filter((ex) => ex.identity === 'anonymous' && demandsCredentials(ex.response));
  const ordered = [...served.filter((ex) => isWhoAmIUrl(ex.request.url)), ...served, ...refused];
  const patterns = new Set<string>();
  return ordered
    .filter((ex) => {
      const p = urlPattern(ex.request.url);
      if (patterns.has(p)) return false;
      patterns.add(p);
      return true;
    })
    .slice(0, MAX_ENDPOINTS);
}
