import { maskSecret } from '../config/mask.js';
import { isObject } from '../discovery/openapi/pointer.js';
import type { ApiOperation, Schema } from '../discovery/openapi/types.js';
import type { Form } from '../discovery/site.js';
import { urlPattern } from '../discovery/url-pattern.js';
import type { Identity } from '../engine/engine.js';
import { headerValue, headerValues } from '../engine/exchange.js';
import { isParapetError } from '../errors.js';
import type { Exchange } from '../types.js';
import { cookieHeader, type VictimCookie, victimCookies } from './lib/ambient.js';
import { maskCredentials } from './lib/credential-fields.js';
import { fieldsInReload } from './lib/forms.js';
import { splitHeaderValues } from './lib/header-list.js';
import { looksUnpredictable } from './lib/randomness.js';
import { tryRequest } from './lib/request.js';
import {
  defaultPairs,
  destructiveReason,
  encodeForm,
  endsSession,
  filledPairs,
  formEnctype,
  judgeAnswer,
  newMarker,
  type Pairs,
} from './lib/submit.js';
import { pathOf } from './lib/where.js';
import { is2xx } from './lib/writes.js';
import { type CheckContext, defineCheck } from './types.js';

/** The site a forged request claims to come from (`.invalid` never resolves). */
export const FOREIGN_ORIGIN = 'https://attacker.parapet.invalid';
const MAX_FORMS = 8;
/** Per form: the attacker's view of the page, the forged POST, the control POST and two read-backs. */
const REQUESTS_PER_FORM = 5;
const MAX_OPERATIONS = 8;
/**
 * Per documented operation: up to three forged sends (as `text/plain`, with no Content-Type,
 * form-encoded), the control, two read-backs and a restore; and at most one CORS preflight
 * (PUT/PATCH/DELETE) per operation on top, also for operations the preflight then rules out.
 */
const REQUESTS_PER_OPERATION = 7;

type Rule = 'csrf-cross-origin-accepted';

export default defineCheck({
  meta: {
    id: 'csrf-cross-origin-accepted',
    title: 'Forged cross-site request (form or JSON operation) accepted',
    category: 'csrf',
    mode: 'active',
    since: '0.1.0',
    maxRequests: MAX_FORMS * REQUESTS_PER_FORM + MAX_OPERATIONS * (REQUESTS_PER_OPERATION + 1),
    rules: {
      'csrf-cross-origin-accepted': {
        title: 'Another site can send this request as the user (CSRF)',
        severity: 'high',
        owasp: 'API8',
        cwe: 352,
      },
    },
  },
  async *run(ctx) {
    // `POST <url pattern>`: a form and a documented operation with the same target are forged once.
    const done = new Set<string>();
    yield* forgeForms(ctx, done);
    yield* forgeOperations(ctx, done);
  },
});

async function* forgeForms(ctx: CheckContext<Rule>, done: Set<string>) {
  let tested = 0;
  for (const form of ctx.site.forms) {
    if (form.method !== 'POST' || new URL(form.action).origin !== ctx.site.origin) continue;
    const key = `POST ${urlPattern(form.action)}`;
    if (done.has(key) || endsSession(form.action)) continue;
    done.add(key);
    if (tested >= MAX_FORMS) {
      ctx.note(`more than ${MAX_FORMS} POST forms: ${form.action} and later ones were not forged.`);
      break;
    }
    const cookies = victimCookies(form.action, ctx.exchanges(), ctx.config.credentials?.cookie);
    const riders = cookies.filter((c) => c.crossSite && c.authenticates);
    if (riders.length === 0) {
      const home = cookies.filter((c) => c.authenticates);
      if (home.length > 0) {
        ctx.note(
          `the POST form to ${form.action} was not forged: browsers keep ${home.map((c) => c.describe).join(', ')} off cross-site POSTs.`,
        );
      }
      continue;
    }
    tested++;
    try {
      const found = await forge(ctx, form, cookies, riders);
      if (found) yield found;
    } catch (err) {
      if (isParapetError(err, 'PARAPET_BUDGET')) break;
      throw err;
    }
  }
}

async function forge(
  ctx: CheckContext<Rule>,
  form: Form,
  cookies: readonly VictimCookie[],
  riders: readonly VictimCookie[],
) {
  const destructive = destructiveReason(form.action, defaultPairs(form.fields));
  if (destructive && !ctx.config.allowDestructive) {
    ctx.note(
      `the POST form to ${form.action} was not forged: ${destructive} (--allow-destructive allows it).`,
    );
    return undefined;
  }
  const marker = newMarker();
  const pairs = await attackerPairs(ctx, form, marker);
  const sent = cookies.filter((c) => c.crossSite);
  const forged = await send(ctx, form, pairs, sent);
  const verdict = judgeAnswer(forged);
  if (!verdict.accepted) return undefined;
  // The same request without cookies: a form anyone may submit (a search, a login) is no forgery.
  const control = await send(ctx, form, pairs, []);
  if (judgeAnswer(control).accepted) return undefined;

  const readBack = pairs.some(([, v]) => v.includes(marker))
    ? await findMarker(ctx, form, forged, cookies, marker)
    : undefined;
  const controlAnswer = control.response ? `answered ${control.response.status}` : 'got no answer';
  const finding = ctx.finding('csrf-cross-origin-accepted', forged, {
    confidence: readBack ? 'confirmed' : 'firm',
    url: form.action,
    method: 'POST',
    detail: `A POST to ${form.action} built as a page on another site would send it (Origin ${FOREIGN_ORIGIN}, ${formEnctype(form.enctype)}, the cookie ${riders.map((c) => c.describe).join(', ')} and no other credential) was accepted: it ${verdict.summary}. Without the cookie the same request ${controlAnswer}.${readBack ? ` The submitted value came back on ${readBack}.` : ''}`,
    excerpt: `POST ${form.action}\nOrigin: ${FOREIGN_ORIGIN}\nContent-Type: ${forged.request.headers['content-type'] ?? ''}\n\n${maskedBody(pairs, form)}`,
  });
  // The request rode on the page's identity's cookies, sent explicitly rather than by the engine.
  return { ...finding, identity: form.exchange.identity };
}

/**
 * The fields as a stranger can build them: the values the page serves to someone else (a fresh
 * session), so a token bound to the victim's session is not known; empty visible fields get `marker`.
 */
async function attackerPairs(ctx: CheckContext<Rule>, form: Form, marker: string): Promise<Pairs> {
  const secret = form.fields.filter((f) => f.type === 'hidden' && looksUnpredictable(f.value));
  let fields = form.fields;
  if (secret.length > 0) {
    const stranger = await ctx
      .request({ url: form.pageUrl, identity: 'anonymous', cookies: false })
      .catch((err: unknown) => {
        if (isParapetError(err, 'PARAPET_BUDGET')) return undefined;
        throw err;
      });
    const theirs =
      stranger?.response?.status === 200 ? fieldsInReload(form, ctx.site.forms, stranger) : undefined;
    const values = new Map((theirs ?? []).map((f) => [f.name, f.value]));
    // A value the stranger is not served cannot be forged: the field is left out.
    fields = form.fields
      .filter((f) => !secret.includes(f) || values.has(f.name))
      .map((f) => (secret.includes(f) ? { ...f, value: values.get(f.name)! } : f));
  }
  return filledPairs(fields, marker);
}

function send(ctx: CheckContext<Rule>, form: Form, pairs: Pairs, cookies: readonly VictimCookie[]) {
  const { contentType, body } = encodeForm(pairs, formEnctype(form.enctype));
  return ctx.request({
    url: form.action,
    method: 'POST',
    body,
    // No credential header goes along: cookies are set here, as a browser would attach them.
    identity: 'anonymous',
    cookies: false,
    headers: {
      'content-type': contentType,
      origin: FOREIGN_ORIGIN,
      referer: `${FOREIGN_ORIGIN}/`,
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-dest': 'document',
      ...(cookies.length > 0 ? { cookie: cookieHeader(cookies) } : {}),
    },
  });
}

/** Reads the redirect target (if any) and the form's page as the victim; the first URL showing `marker`. */
async function findMarker(
  ctx: CheckContext<Rule>,
  form: Form,
  forged: Exchange,
  cookies: readonly VictimCookie[],
  marker: string,
): Promise<string | undefined> {
  const urls: string[] = [];
  const location = headerValue(forged.response?.headers, 'location');
  if (location && forged.response && forged.response.status < 400) {
    const next = new URL(location, form.action).href;
    if (next.startsWith(`${ctx.site.origin}/`)) urls.push(next);
  }
  if (!urls.includes(form.pageUrl)) urls.push(form.pageUrl);
  for (const url of urls) {
    const ex = await ctx.request({
      url,
      identity: form.exchange.identity === 'primary' ? 'primary' : 'anonymous',
      cookies: false,
      ...(cookies.length > 0 ? { headers: { cookie: cookieHeader(cookies) } } : {}),
    });
    if (ex.response?.body.includes(marker)) return url;
  }
  return undefined;
}

/** The body as evidence: field names and values, secrets masked by the report later. */
function maskedBody(pairs: Pairs, form: Form): string {
  const hidden = new Set(form.fields.filter((f) => f.type === 'hidden').map((f) => f.name));
  return pairs
    .map(
      ([name, value]) =>
        `${name}=${hidden.has(name) && looksUnpredictable(value) ? `${value.slice(0, 4)}…` : value}`,
    )
    .join('&');
}

// ---- Documented JSON operations (OpenAPI) -------------------------------------------------------

/** What a page on another site can make a browser send without a CORS preflight. */
const TEXT_PLAIN = 'text/plain;charset=UTF-8';
const FORM_URLENCODED = 'application/x-www-form-urlencoded';
/** Methods a cross-site page can send only when a CORS preflight allows them. */
const PREFLIGHTED = new Set(['PUT', 'PATCH', 'DELETE']);
const WRITE_METHODS = new Set(['POST', ...PREFLIGHTED]);
/** Requests that read the marker back after an accepted forgery. */
const READ_BACKS = 2;
/** Operations named per note. */
const NOTE_EXAMPLES = 5;

/** A documented write operation to forge: its URL, the body the scan's own request carried, and its media type. */
interface Target {
  op: ApiOperation;
  url: string;
  /** The request discovery sent with the scan's credentials and that succeeded (none for DELETE). */
  legit?: Exchange;
  /** The exact body text of that request (or of the plan), when the operation takes one. */
  body?: string;
  /** `json`, or a simple type the operation itself uses (sent as it is). */
  media: 'json' | 'none' | typeof FORM_URLENCODED | 'text/plain';
}

interface Forgery {
  contentType?: string;
  /** `no-cors` for a simple request, `cors` after an allowing preflight. */
  mode: 'no-cors' | 'cors';
}

async function* forgeOperations(ctx: CheckContext<Rule>, done: Set<string>) {
  const kept: string[] = [];
  const left: string[] = [];
  const noCors: string[] = [];
  let tested = 0;
  let asked = 0;
  // POSTs first: they need no preflight, so they are the likeliest to be forgeable.
  const operations = [...(ctx.site.api?.operations ?? [])].sort(
    (a, b) => Number(a.method !== 'POST') - Number(b.method !== 'POST'),
  );
  for (const op of operations) {
    const target = targetOf(ctx, op);
    if (!target) continue;
    const key = `${op.method} ${urlPattern(target.url)}`;
    if (done.has(key)) continue;
    done.add(key);
    const cookies = victimCookies(target.url, ctx.exchanges(), ctx.config.credentials?.cookie);
    const riders = cookies.filter((c) => c.crossSite && c.authenticates);
    if (riders.length === 0) {
      const home = cookies.filter((c) => c.authenticates);
      if (home.length > 0)
        kept.push(`${op.method} ${pathOf(target.url)} (${home.map((c) => c.describe).join(', ')})`);
      continue;
    }
    const destructive =
      op.method === 'DELETE' ? 'it deletes' : destructiveReason(target.url, jsonPairs(target.body));
    if (destructive && !ctx.config.allowDestructive) {
      left.push(`${op.method} ${pathOf(target.url)} (${destructive})`);
      continue;
    }
    const preflighted = PREFLIGHTED.has(op.method);
    if (tested >= MAX_OPERATIONS || (preflighted && asked >= MAX_OPERATIONS)) {
      ctx.note(
        `more than ${MAX_OPERATIONS} documented write operations: ${key} and later ones were not forged.`,
      );
      break;
    }
    try {
      let how: Forgery | undefined = { mode: 'no-cors' };
      if (preflighted) {
        asked++;
        how = await preflight(ctx, target);
        if (!how) {
          noCors.push(`${op.method} ${pathOf(target.url)}`);
          continue;
        }
      }
      tested++;
      const found = await forgeOperation(ctx, target, cookies, riders, how);
      if (found) yield found;
    } catch (err) {
      if (isParapetError(err, 'PARAPET_BUDGET')) break;
      throw err;
    }
  }
  if (kept.length > 0) {
    ctx.note(
      `documented write operations were not forged, as browsers keep their cookies off cross-site requests: ${listed(kept)}.`,
    );
  }
  if (left.length > 0) {
    ctx.note(`${listed(left)}: not forged without --allow-destructive.`);
  }
  if (noCors.length > 0) {
    ctx.note(
      `${listed(noCors)}: not forged, as no CORS preflight lets another site send these methods with cookies.`,
    );
  }
}

function listed(items: readonly string[]): string {
  const more = items.length - NOTE_EXAMPLES;
  return `${items.slice(0, NOTE_EXAMPLES).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/**
 * A documented POST/PUT/PATCH whose own request (sent by discovery with the scan's credentials)
 * succeeded, or a DELETE (discovery never sends one); on the target's origin, taking JSON, a simple
 * form type or no body, and not a logout.
 */
function targetOf(ctx: CheckContext<Rule>, op: ApiOperation): Target | undefined {
  if (!WRITE_METHODS.has(op.method) || !op.request) return undefined;
  const legit = op.method === 'DELETE' ? undefined : op.exchange;
  if (op.method !== 'DELETE' && !is2xx(legit)) return undefined;
  const url = legit?.request.url ?? op.request.url;
  if (new URL(url).origin !== ctx.site.origin || endsSession(url)) return undefined;
  const body = legit ? legit.request.body : op.request.body;
  const type = (op.requestBody?.mediaType ?? '').toLowerCase();
  let media: Target['media'];
  if (body === undefined || body === '') media = 'none';
  else if (/^application\/(.+\+)?json\b/.test(type)) media = 'json';
  else if (type === FORM_URLENCODED || type.startsWith('text/plain'))
    media = type.startsWith('text/') ? 'text/plain' : FORM_URLENCODED;
  else return undefined;
  return { op, url, ...(legit ? { legit } : {}), ...(media !== 'none' ? { body } : {}), media };
}

/** Top-level JSON members as name/value pairs, for the destructive-looking test. */
function jsonPairs(body: string | undefined): Pairs {
  const doc = parseJson(body);
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return [];
  return Object.entries(doc as Record<string, unknown>)
    .filter(([, v]) => v === null || typeof v !== 'object')
    .map(([k, v]) => [k, String(v)]);
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The CORS preflight a browser sends before a cross-site PUT/PATCH/DELETE. It lets the request through
 * only when it echoes the foreign origin, allows credentials and names the method; the body then goes
 * as JSON when `Content-Type` is an allowed header, else as text (which needs no allowance).
 */
async function preflight(ctx: CheckContext<Rule>, target: Target): Promise<Forgery | undefined> {
  const method = target.op.method;
  const ex = await ctx.request({
    url: target.url,
    method: 'OPTIONS',
    identity: 'anonymous',
    cookies: false,
    headers: {
      origin: FOREIGN_ORIGIN,
      'access-control-request-method': method,
      ...(target.body !== undefined ? { 'access-control-request-headers': 'content-type' } : {}),
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'cors',
      'sec-fetch-dest': 'empty',
    },
  });
  const res = ex.response;
  if (!res || res.status < 200 || res.status > 299) return undefined;
  if (headerValue(res.headers, 'access-control-allow-origin') !== FOREIGN_ORIGIN) return undefined;
  if (headerValue(res.headers, 'access-control-allow-credentials') !== 'true') return undefined;
  // With credentials, `*` is a literal name, not a wildcard (Fetch Standard).
  if (!splitHeaderValues(headerValues(res.headers, 'access-control-allow-methods')).includes(method))
    return undefined;
  if (target.body === undefined) return { mode: 'cors' };
  const allowed = splitHeaderValues(headerValues(res.headers, 'access-control-allow-headers')).map((h) =>
    h.toLowerCase(),
  );
  const json = target.media === 'json' && allowed.includes('content-type');
  return { mode: 'cors', contentType: json ? 'application/json' : simpleType(target) };
}

/** The content type a page can give the body without a preflight: the operation's own when it is simple. */
function simpleType(target: Target): string {
  return target.media === FORM_URLENCODED ? FORM_URLENCODED : TEXT_PLAIN;
}

async function forgeOperation(
  ctx: CheckContext<Rule>,
  target: Target,
  cookies: readonly VictimCookie[],
  riders: readonly VictimCookie[],
  how: Forgery,
) {
  const { op, url } = target;
  const marker = newMarker();
  const body =
    target.media === 'json' ? markedJson(target.body!, op.requestBody?.schema, marker) : target.body;
  const sent = cookies.filter((c) => c.crossSite);
  // The content types to try, the next one only after a refusal that may be about the type.
  const types: Array<string | undefined> =
    body === undefined
      ? [undefined]
      : how.contentType
        ? [how.contentType]
        : target.media === 'json'
          ? [TEXT_PLAIN, undefined]
          : [simpleType(target)];
  let contentType = types[0];
  let forged = await sendOperation(ctx, op.method, url, body, contentType, how.mode, sent);
  for (const next of types.slice(1)) {
    if (!refusesType(forged)) break;
    contentType = next;
    forged = await sendOperation(ctx, op.method, url, body, contentType, how.mode, sent);
  }
  // A parser that refuses both by type may still take form-encoded bodies.
  if (target.media === 'json' && how.mode === 'no-cors' && forged.response?.status === 415) {
    contentType = FORM_URLENCODED;
    forged = await sendOperation(ctx, op.method, url, body, contentType, how.mode, sent);
  }
  const verdict = judgeAnswer(forged);
  if (!verdict.accepted) return undefined;
  // Without cookies: an operation anyone may call is no forgery.
  const control = await sendOperation(ctx, op.method, url, body, contentType, how.mode, []);
  if (judgeAnswer(control).accepted) return undefined;

  const identity: Identity = target.legit?.identity === 'anonymous' ? 'anonymous' : 'primary';
  const readBack = body?.includes(marker) ? await showsMarker(ctx, forged, identity, marker) : undefined;
  const restored =
    body !== target.body && target.legit && (op.method === 'PUT' || op.method === 'PATCH')
      ? await restore(ctx, target.legit, identity)
      : '';
  const controlAnswer = control.response ? `answered ${control.response.status}` : 'got no answer';
  const path = pathOf(url);
  const route =
    how.mode === 'cors'
      ? `its CORS preflight lets ${FOREIGN_ORIGIN} send ${op.method} with cookies`
      : 'a simple request, so no CORS preflight';
  const finding = ctx.finding('csrf-cross-origin-accepted', forged, {
    confidence: readBack ? 'confirmed' : 'firm',
    url: op.url,
    method: op.method,
    detail: `${op.method} ${path}, sent as a script on another site can make the user's browser send it (${route}: Origin ${FOREIGN_ORIGIN}, ${describeBody(target, body, contentType)}, the cookie ${riders.map((c) => c.describe).join(', ')} and no other credential), was accepted: it ${verdict.summary}. Without the cookie the same request ${controlAnswer}.${readBack ? ` The marker it carried then showed on GET ${pathOf(readBack)}.` : ''}${restored}`,
    excerpt: operationExcerpt(forged, sent),
  });
  return { ...finding, identity: target.legit?.identity ?? 'primary' };
}

function describeBody(target: Target, body: string | undefined, contentType: string | undefined): string {
  if (body === undefined) return 'no body';
  const own = `the operation's own ${target.media === 'json' ? 'JSON ' : ''}body`;
  return contentType
    ? `Content-Type ${contentType} with ${own}`
    : `${own} with no Content-Type (a Blob body)`;
}

function sendOperation(
  ctx: CheckContext<Rule>,
  method: string,
  url: string,
  body: string | undefined,
  contentType: string | undefined,
  mode: Forgery['mode'],
  cookies: readonly VictimCookie[],
) {
  return ctx.request({
    url,
    method,
    ...(body !== undefined ? { body } : {}),
    // As a page's fetch() sends it: no credential header, only the cookies the browser attaches.
    identity: 'anonymous',
    cookies: false,
    headers: {
      accept: '*/*',
      ...(contentType ? { 'content-type': contentType } : {}),
      origin: FOREIGN_ORIGIN,
      referer: `${FOREIGN_ORIGIN}/`,
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': mode,
      'sec-fetch-dest': 'empty',
      ...(cookies.length > 0 ? { cookie: cookieHeader(cookies) } : {}),
    },
  });
}

/** 415, or 400/422: what JSON parsers answer to a body whose Content-Type they do not take. */
function refusesType(ex: Exchange): boolean {
  const status = ex.response?.status;
  return status === 415 || status === 400 || status === 422;
}

/**
 * The JSON text with the marker in place of Parapet's own sample strings (`parapet`,
 * `parapet@example.com`), where the operation's schema takes any string (or an e-mail) of that
 * length; everything else, and the text itself when nothing changes, stays as it was accepted.
 */
function markedJson(text: string, schema: Schema | undefined, marker: string): string {
  const doc = parseJson(text);
  if (doc === undefined) return text;
  let changed = false;
  const mark = (value: unknown, raw: unknown, depth: number): unknown => {
    const s = isObject(raw) ? raw : undefined;
    if (!s || depth > 6) return value;
    if (typeof value === 'string') {
      const next = markedString(value, s, marker);
      if (next !== value) changed = true;
      return next;
    }
    if (Array.isArray(value)) return value.map((v) => mark(v, s.items, depth + 1));
    if (!isObject(value)) return value;
    const properties = propertiesOf(s);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mark(v, properties[k], depth + 1)]));
  };
  const out = mark(doc, schema, 0);
  return changed ? JSON.stringify(out) : text;
}

function markedString(value: string, s: Schema, marker: string): string {
  if (s.enum !== undefined || s.const !== undefined || s.pattern !== undefined) return value;
  let text: string;
  if (/^parapet\d*$/.test(value) && s.format === undefined) text = marker;
  else if (/^parapet\d*@example\.com$/.test(value) && s.format === 'email') text = `${marker}@example.com`;
  else return value;
  if (typeof s.maxLength === 'number' && s.maxLength < text.length) return value;
  return text;
}

/** An object schema's properties, `allOf` parts included. */
function propertiesOf(s: Schema): Record<string, unknown> {
  const own = isObject(s.properties) ? s.properties : {};
  const parts = Array.isArray(s.allOf) ? s.allOf.filter(isObject).map(propertiesOf) : [];
  return Object.assign({}, ...parts, own);
}

/**
 * Reads, as the user, where the change may show: the answer's Location, then the JSON the scan
 * fetched whose path is closest to the operation's (`/api/transfers` for `/api/transfer`).
 * Returns the first URL whose answer carries the marker.
 */
async function showsMarker(
  ctx: CheckContext<Rule>,
  forged: Exchange,
  identity: Identity,
  marker: string,
): Promise<string | undefined> {
  const urls: string[] = [];
  const location = headerValue(forged.response?.headers, 'location');
  if (location && forged.response && forged.response.status < 400) {
    const next = new URL(location, forged.request.url).href;
    if (next.startsWith(`${ctx.site.origin}/`)) urls.push(next);
  }
  const spec = ctx.site.api?.exchange?.request.url;
  const reads = ctx
    .exchanges({ kind: 'json', status: '2xx' })
    .filter(
      (ex) =>
        ex.request.method === 'GET' &&
        ex.identity === identity &&
        ex.request.url !== spec &&
        new URL(ex.request.url).origin === ctx.site.origin,
    )
    .map((ex, i) => ({ url: ex.request.url, i, near: closeness(ex.request.url, forged.request.url) }))
    .sort((a, b) => b.near - a.near || a.i - b.i);
  for (const { url } of reads) if (!urls.includes(url)) urls.push(url);
  for (const url of urls.slice(0, READ_BACKS)) {
    const ex = await tryRequest(ctx, { url, identity, headers: { accept: 'application/json' } });
    if (ex?.response?.body.includes(marker)) return url;
  }
  return undefined;
}

/** Leading path segments two URLs share, a plural `s` aside. */
function closeness(a: string, b: string): number {
  const segments = (u: string) =>
    new URL(u).pathname
      .split('/')
      .filter(Boolean)
      .map((s) => s.toLowerCase().replace(/s$/, ''));
  const [x, y] = [segments(a), segments(b)];
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/** Sends the operation's own request again (PUT/PATCH are idempotent): what the forgery changed goes back. */
async function restore(ctx: CheckContext<Rule>, legit: Exchange, identity: Identity): Promise<string> {
  const contentType = legit.request.headers['content-type'];
  const again = await tryRequest(ctx, {
    url: legit.request.url,
    method: legit.request.method,
    identity,
    ...(legit.request.body !== undefined ? { body: legit.request.body } : {}),
    ...(contentType ? { headers: { 'content-type': contentType } } : {}),
  });
  return is2xx(again)
    ? ' Parapet then sent the operation’s own request again (as the scan had sent it before the forgery) to undo the forged change.'
    : ' Parapet tried to send the operation’s own request again to undo the forged one, but it was not accepted: check the object by hand.';
}

/** The forged request as evidence: method, URL, the headers a browser would send, cookie values masked, and the body. */
function operationExcerpt(forged: Exchange, cookies: readonly VictimCookie[]): string {
  const h = forged.request.headers;
  const doc = parseJson(forged.request.body);
  const body = doc !== undefined ? JSON.stringify(maskCredentials(doc)) : (forged.request.body ?? '');
  const answer = forged.response
    ? `\n\n→ ${forged.response.status} ${forged.response.body.slice(0, 120)}`
    : '';
  return (
    [
      `${forged.request.method} ${forged.request.url}`,
      `Origin: ${h.origin ?? ''}`,
      ...(h['content-type'] ? [`Content-Type: ${h['content-type']}`] : []),
      `Cookie: ${cookies.map((c) => `${c.name}=${maskSecret(c.value)}`).join('; ')}`,
      '',
      body,
    ].join('\n') + answer
  );
}
