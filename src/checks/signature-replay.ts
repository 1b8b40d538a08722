import { htmlOf } from '../discovery/html.js';
import type { Form } from '../discovery/site.js';
import { urlPattern } from '../discovery/url-pattern.js';
import { statusClass } from '../engine/exchange.js';
import { isParapetError } from '../errors.js';
import type { Exchange } from '../types.js';
import { fieldsInReload } from './lib/forms.js';
import { looksUnpredictable } from './lib/randomness.js';
import {
  type Answer,
  defaultPairs,
  destructiveReason,
  type Enctype,
  encodeForm,
  endsSession,
  formEnctype,
  judgeAnswer,
  type Pairs,
} from './lib/submit.js';
import { type CheckContext, defineCheck } from './types.js';

/** Parameter names that carry a MAC over the request, its time, and its one-time value. */
const SIGNATURE_NAME = /^(sig|signature|hmac|mac|signed|digest|x-amz-signature)$|[_-](sig|signature|hmac)$/i;
const TIME_NAME =
  /^(ts|timestamp|time|t|expires|expiry|exp|expires_at|expiration|valid_until|iat|issued|issued_at|x-amz-date)$/i;
const NONCE_NAME = /^(nonce|once|jti|request_id|req_id|rid|n)$/i;
const HEX_MAC = /^[0-9a-f]{32,}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const AMZ_TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const DAY = 86_400;
const MAX_CANDIDATES = 6;
/** Per candidate: the first use, the replay, and twice a fresh copy of the page and a tampered time. */
const REQUESTS_PER_CANDIDATE = 6;

type Rule = 'signature-replay';

interface Signed {
  kind: 'form' | 'link';
  method: 'GET' | 'POST';
  /** The form's action, or the link without its query. */
  url: string;
  /** The link exactly as the page has it (sent as is when unchanged). */
  href?: string;
  pairs: Pairs;
  enctype: Enctype;
  signature: string;
  time?: string;
  nonce?: string;
  /** The page it was found on. */
  page: Exchange;
  /** The same request in another load of the page (fresh nonce and time), if it is there. */
  recapture(reload: Exchange): Pairs | undefined;
}

export default defineCheck({
  meta: {
    id: 'signature-replay',
    title: 'Signed request replayed',
    category: 'integrity',
    mode: 'active',
    since: '0.1.0',
    maxRequests: MAX_CANDIDATES * REQUESTS_PER_CANDIDATE,
    rules: {
      'signature-replay': {
        title: 'A signed request is accepted again, or after its time',
        severity: 'high',
        owasp: 'API2',
        cwe: 294,
      },
    },
  },
  async *run(ctx) {
    const candidates = signedRequests(ctx);
    if (candidates.length > MAX_CANDIDATES) {
      ctx.note(
        `${candidates.length} signed forms and links were found; only the first ${MAX_CANDIDATES} were replayed.`,
      );
    }
    for (const c of candidates.slice(0, MAX_CANDIDATES)) {
      const destructive = destructiveReason(c.url, c.pairs);
      if (destructive && !ctx.config.allowDestructive) {
        ctx.note(
          `the signed ${c.kind} to ${c.url} was not replayed: ${destructive} (--allow-destructive allows it).`,
        );
        continue;
      }
      try {
        const found = await replay(ctx, c);
        if (found) yield found;
      } catch (err) {
        if (isParapetError(err, 'PARAPET_BUDGET')) break;
        throw err;
      }
    }
  },
});

async function replay(ctx: CheckContext<Rule>, c: Signed) {
  const what = `the signed ${c.kind} ${c.method} ${c.url}`;
  // A link discovery followed has had its first, legitimate use already: that answer is the first.
  const seen =
    c.kind === 'link'
      ? ctx.exchanges().find((ex) => ex.request.method === 'GET' && ex.request.url === requestUrl(c, c.pairs))
      : undefined;
  const first = seen ?? (await send(ctx, c, c.pairs));
  const firstAnswer = judgeAnswer(first);
  if (!firstAnswer.accepted) {
    ctx.note(`${what} was refused the first time, unchanged (${firstAnswer.why}); it was not replayed.`);
    return undefined;
  }
  const accepted = (ex: Exchange): Answer =>
    statusClass(ex.response?.status ?? 0) === statusClass(first.response!.status)
      ? judgeAnswer(ex)
      : { accepted: false, why: `answered ${ex.response?.status ?? 'nothing'}` };

  const proofs: string[] = [];
  let proof: Exchange | undefined;
  // A POST is an action: doing it twice from one capture is the replay. A link is reusable by design
  // unless it carries a one-time value.
  if (c.method === 'POST' || c.nonce) {
    const second = await send(ctx, c, c.pairs);
    const answer = accepted(second);
    if (answer.accepted) {
      proof = second;
      proofs.push(
        `${what} was sent as the page served it (${firstAnswer.summary}), then again unchanged, and was accepted a second time (${answer.summary}).`,
      );
    }
  }
  if (c.time) {
    const tampered = await tamperTime(ctx, c, proofs.length > 0, accepted);
    if (tampered) {
      proof ??= tampered.exchange;
      proofs.push(tampered.text);
    }
  }
  if (!proof) return undefined;
  return ctx.finding('signature-replay', proof, {
    confidence: 'confirmed',
    url: c.url,
    method: c.method,
    detail: proofs.join(' '),
    excerpt: `${c.kind === 'form' ? 'form fields' : 'query'}: ${c.pairs.map(([n]) => n).join(', ')}; signature in \`${c.signature}\`${c.time ? `, time in \`${c.time}\`` : ''}${c.nonce ? `, nonce in \`${c.nonce}\`` : ''}`,
  });
}

/**
 * Sends the request with its time moved: first to 30 days ago (is the time enforced at all?), then
 * one second earlier (does the signature cover it?). Each on a fresh copy from the page when a nonce
 * would otherwise refuse it, unless replays are accepted anyway.
 */
async function tamperTime(
  ctx: CheckContext<Rule>,
  c: Signed,
  replayable: boolean,
  accepted: (ex: Exchange) => Answer,
): Promise<{ exchange: Exchange; text: string } | undefined> {
  const field = c.time!;
  const tries = [
    { to: (v: string) => atTime(v, Math.floor(Date.now() / 1000) - 30 * DAY), what: '30 days ago' },
    { to: (v: string) => shiftTime(v, -1), what: 'one second earlier' },
  ];
  for (const t of tries) {
    let base = c.pairs;
    if (c.nonce && !replayable) {
      const fresh = await recapture(ctx, c);
      // The page hands out the same nonce again: a tampered copy would be refused for that alone.
      if (!fresh || paramValue(fresh, c.nonce) === paramValue(c.pairs, c.nonce)) return undefined;
      base = fresh;
    }
    const original = paramValue(base, field) ?? '';
    const changed = t.to(original);
    if (changed === undefined) return undefined;
    const ex = await send(
      ctx,
      c,
      base.map(([n, v]): [string, string] => [n, n === field ? changed : v]),
    );
    const answer = accepted(ex);
    if (!answer.accepted) continue;
    const text =
      t.what === '30 days ago'
        ? `With \`${field}\` set to ${changed} (${t.what}) the signature still passed and the request was accepted (${answer.summary}): the time is not enforced, so a capture works forever.`
        : `With \`${field}\` moved ${t.what} (${original} → ${changed}) the signature still passed and the request was accepted (${answer.summary}): the signature does not cover \`${field}\`, so an old capture can be given a fresh time.`;
    return { exchange: ex, text };
  }
  return undefined;
}

async function recapture(ctx: CheckContext<Rule>, c: Signed): Promise<Pairs | undefined> {
  const reload = await ctx.request({
    url: c.page.request.url,
    identity: c.page.identity === 'primary' ? 'primary' : 'anonymous',
  });
  return reload.response?.status === c.page.response?.status ? c.recapture(reload) : undefined;
}

function send(ctx: CheckContext<Rule>, c: Signed, pairs: Pairs): Promise<Exchange> {
  const identity = c.page.identity === 'primary' ? 'primary' : 'anonymous';
  if (c.method === 'GET') return ctx.request({ url: requestUrl(c, pairs), identity });
  const { contentType, body } = encodeForm(pairs, c.enctype);
  return ctx.request({
    url: c.url,
    method: 'POST',
    body,
    identity,
    headers: { 'content-type': contentType },
  });
}

function requestUrl(c: Signed, pairs: Pairs): string {
  if (c.href && pairs === c.pairs) return c.href;
  const url = new URL(c.url);
  url.search = new URLSearchParams(pairs).toString();
  return url.href;
}

function paramValue(pairs: Pairs, name: string): string | undefined {
  return pairs.find(([n]) => n === name)?.[1];
}

/** The signed forms and links the scan's pages carry (in scope, one per method and URL pattern). */
function signedRequests(ctx: CheckContext<Rule>): Signed[] {
  const out: Signed[] = [];
  const seen = new Set<string>();
  const add = (c: Omit<Signed, 'signature' | 'time' | 'nonce'>) => {
    const roles = rolesOf(c.pairs);
    if (!roles || endsSession(c.url)) return;
    const key = `${c.method} ${urlPattern(c.url)}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ ...c, ...roles });
  };
  for (const form of ctx.site.forms) {
    if ((form.method !== 'GET' && form.method !== 'POST') || !sameOrigin(ctx, form.action)) continue;
    add({
      kind: 'form',
      method: form.method,
      url: form.method === 'GET' ? withoutQuery(form.action) : form.action,
      pairs: defaultPairs(form.fields),
      enctype: formEnctype(form.enctype),
      page: form.exchange,
      recapture: (reload) => formRecapture(form, ctx.site.forms, reload),
    });
  }
  for (const page of ctx.exchanges({ kind: 'document', status: '2xx' })) {
    for (const href of linksOf(page)) {
      const url = new URL(href);
      if (!sameOrigin(ctx, href) || url.search === '') continue;
      add({
        kind: 'link',
        method: 'GET',
        url: withoutQuery(href),
        href,
        pairs: [...url.searchParams],
        enctype: 'application/x-www-form-urlencoded',
        page,
        recapture: (reload) => linkRecapture(href, reload),
      });
    }
  }
  return out;
}

/** Which parameters sign, time and make the request unique; undefined when nothing looks like a MAC. */
function rolesOf(pairs: Pairs): Pick<Signed, 'signature' | 'time' | 'nonce'> | undefined {
  const signature = pairs.find(
    ([n, v]) => SIGNATURE_NAME.test(n) && (HEX_MAC.test(v) || looksUnpredictable(v)),
  )?.[0];
  if (!signature) return undefined;
  // A value atTime can rewrite is a time (the 0 is only a probe).
  const time = pairs.find(([n, v]) => TIME_NAME.test(n) && atTime(v, 0) !== undefined)?.[0];
  const nonce = pairs.find(([n, v]) => NONCE_NAME.test(n) && v.length >= 8)?.[0];
  return { signature, ...(time ? { time } : {}), ...(nonce ? { nonce } : {}) };
}

function formRecapture(form: Form, forms: readonly Form[], reload: Exchange): Pairs | undefined {
  const fields = fieldsInReload(form, forms, reload);
  return fields ? defaultPairs(fields) : undefined;
}

/** The link with the same path and parameter names in another load of the page. */
function linkRecapture(href: string, reload: Exchange): Pairs | undefined {
  const want = new URL(href);
  const names = [...want.searchParams.keys()].join('&');
  for (const other of linksOf(reload)) {
    const url = new URL(other);
    if (
      url.origin === want.origin &&
      url.pathname === want.pathname &&
      [...url.searchParams.keys()].join('&') === names
    )
      return [...url.searchParams];
  }
  return undefined;
}

/** Absolute http(s) URLs of the page's links, resolved against its base. */
function linksOf(page: Exchange): string[] {
  const html = htmlOf(page);
  const out: string[] = [];
  for (const raw of html.links) {
    try {
      const url = new URL(raw.trim(), new URL(html.base ?? '', page.request.url));
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
      url.hash = '';
      out.push(url.href);
    } catch {
      // not a URL: skip it
    }
  }
  return out;
}

function sameOrigin(ctx: CheckContext<Rule>, url: string): boolean {
  return new URL(url).origin === ctx.site.origin;
}

function withoutQuery(raw: string): string {
  const url = new URL(raw);
  url.search = '';
  return url.href;
}

/**
 * `value`'s time format (Unix seconds or milliseconds, ISO 8601 UTC, or the compact AWS form) holding
 * `seconds` since the epoch; undefined when the value is no time Parapet can write back. A `seconds`
 * of 0 only asks whether the value is a time.
 */
function atTime(value: string, seconds: number): string | undefined {
  if (/^\d{10}$/.test(value)) return String(seconds);
  if (/^\d{13}$/.test(value)) return String(seconds * 1000);
  const iso = new Date(seconds * 1000).toISOString();
  if (ISO_TIME.test(value)) return value.includes('.') ? iso : iso.replace(/\.\d{3}Z$/, 'Z');
  if (AMZ_TIME.test(value)) return iso.replace(/[-:]|\.\d{3}/g, '');
  return undefined;
}

/** `value`'s time moved by `delta` seconds, in its own format. */
function shiftTime(value: string, delta: number): string | undefined {
  if (/^\d{13}$/.test(value)) return String(Number(value) + delta * 1000);
  if (/^\d{10}$/.test(value)) return String(Number(value) + delta);
  const amz = AMZ_TIME.exec(value);
  const ms = amz
    ? Date.UTC(+amz[1]!, +amz[2]! - 1, +amz[3]!, +amz[4]!, +amz[5]!, +amz[6]!)
    : Date.parse(value);
  return Number.isNaN(ms) ? undefined : atTime(value, Math.floor(ms / 1000) + delta);
}
