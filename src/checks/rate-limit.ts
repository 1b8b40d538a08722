import { contentKind, statusClass } from '../engine/exchange.js';
import { isParapetError } from '../errors.js';
import type { Exchange } from '../types.js';
import { type CheckContext, defineCheck } from './types.js';

const RULE = 'rate-limit-missing';
/** The burst: at most this many GETs, a few in flight at once, stopping at the first limit signal. */
const BURST = 40;
const IN_FLIGHT = 4;
/** Fewer unanswered requests than this are noise; more make the burst inconclusive. */
const MAX_ERRORS = 2;
/** A burst the scan budget cut short still says something once this many requests went through. */
const MIN_TENTATIVE = 20;
/** Where brute force and credential stuffing land: the endpoints that most need a limit. */
const AUTH_PATH =
  /(^|\/)(log-?in|sign-?in|auth|authenticate|oauth|token|sessions?|password|forgot|reset|register|sign-?up)(\/|$|\.)/i;
/** RateLimit and RateLimit-Policy (IETF draft), RateLimit-Limit/-Remaining/-Reset, X-RateLimit-*, X-Rate-Limit-*. */
const LIMIT_HEADER = /^(x-)?rate-?limit(-|$)/i;

/** What in a response says a rate limit is in place, or undefined. */
export function limitSignal(ex: Exchange): string | undefined {
  const res = ex.response;
  if (!res) return undefined;
  if (res.status === 429) return 'HTTP 429';
  if (res.headers['retry-after']) return `Retry-After: ${res.headers['retry-after'].join(', ')}`;
  const name = Object.keys(res.headers).find((h) => LIMIT_HEADER.test(h));
  return name ? `${name}: ${res.headers[name]!.join(', ')}` : undefined;
}

/** One cheap endpoint to burst: an auth endpoint seen via GET, else the smallest JSON answer, else the start page. */
function target(ctx: CheckContext<typeof RULE>): Exchange | undefined {
  const ok = ctx
    .exchanges({ status: '2xx' })
    .filter(
      (ex) =>
        ex.request.method === 'GET' &&
        ex !== ctx.site.notFound &&
        new URL(ex.request.url).origin === ctx.site.origin &&
        !['image', 'style', 'script'].includes(contentKind(ex.response)),
    );
  const auth = ok.find((ex) => AUTH_PATH.test(new URL(ex.request.url).pathname));
  if (auth) return auth;
  const api = ok
    .filter((ex) => contentKind(ex.response) === 'json')
    .sort((a, b) => a.response!.bytes - b.response!.bytes)[0];
  if (api) return api;
  const start = ctx.site.start;
  return start.response && statusClass(start.response.status) === '2xx' ? start : ok[0];
}

export default defineCheck({
  meta: {
    id: 'rate-limit',
    title: 'No rate limit on a burst of requests',
    category: 'resources',
    mode: 'safe',
    since: '0.1.0',
    maxRequests: BURST,
    rules: {
      [RULE]: {
        title: 'A burst of requests meets no rate limit',
        severity: 'medium',
        owasp: 'API4',
        cwe: 770,
      },
    },
  },
  async *run(ctx) {
    // A limit the scan already met (a 429 it caused, or limit headers) settles the question.
    for (const ex of ctx.exchanges())
      if (new URL(ex.request.url).origin === ctx.site.origin && limitSignal(ex)) return;
    const base = target(ctx);
    if (!base) {
      ctx.note('no 2xx GET endpoint to send a burst to; rate limiting was not tested');
      return;
    }
    const url = base.request.url;
    const answers: Exchange[] = [];
    let sent = 0;
    let errors = 0;
    let signal: { ex: Exchange; text: string } | undefined;
    let budgetOut = false;
    const started = Date.now();
    const worker = async () => {
      while (sent < BURST && !signal && !budgetOut && errors <= MAX_ERRORS) {
        sent++;
        let ex: Exchange;
        try {
          ex = await ctx.request({ url, retryThrottled: false });
        } catch (err) {
          if (!isParapetError(err, 'PARAPET_BUDGET')) throw err;
          budgetOut = true;
          return;
        }
        if (!ex.response) {
          errors++;
          continue;
        }
        answers.push(ex);
        const text = limitSignal(ex);
        if (text && !signal) signal = { ex, text };
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const elapsed = Date.now() - started;

    if (signal) return;
    const odd = answers.filter((ex) => statusClass(ex.response!.status) !== '2xx');
    if (errors > 0 || odd.length > 0) {
      const statuses = [...new Set(odd.map((ex) => ex.response!.status))].join(', ');
      ctx.note(
        `the burst on ${url} met ${errors} failed requests${statuses ? ` and answers ${statuses}` : ''} but no limit signal; rate limiting could not be judged`,
      );
      return;
    }
    if (answers.length < MIN_TENTATIVE) {
      ctx.note(
        `the burst on ${url} was cut short after ${answers.length} requests; rate limiting was not judged`,
      );
      return;
    }
    const last = answers.at(-1)!;
    const rate = elapsed > 0 ? ` (about ${Math.round((answers.length * 1000) / elapsed)} per second)` : '';
    yield ctx.finding(RULE, last, {
      confidence: answers.length >= BURST ? 'firm' : 'tentative',
      url,
      instances: 1,
      detail: `${answers.length} GET requests to this endpoint in ${elapsed} ms${rate} were all answered ${last.response!.status}: no 429, no Retry-After, no RateLimit or X-RateLimit headers.`,
    });
  },
});
