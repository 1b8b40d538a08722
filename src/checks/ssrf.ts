import { maskSecret } from '../config/mask.js';
import { type ParamPoint, parameterPoints, withValue } from '../discovery/parameters.js';
import type { Form } from '../discovery/site.js';
import { urlPattern } from '../discovery/url-pattern.js';
import { type CallbackHit, CallbackListener, callbackHostFor } from '../engine/callback.js';
import type { Exchange } from '../types.js';
import { normalKey } from './lib/json.js';
import { tryRequest } from './lib/request.js';
import { headerName, pathOf } from './lib/where.js';
import { type CheckContext, defineCheck } from './types.js';

const RULE = 'ssrf';
/** Parameters given a callback URL at most. */
const MAX_POINTS = 8;
/** How long the listener waits for late fetches after the last probe (webhooks are often queued). */
const QUIET_MS = 3_000;
/** Names of parameters that take a URL, as words inside the name (`image_url`, `callbackUrl`, `feed`). */
const URL_NAME =
  /(url|uri|callback|webhook|hook|image|img|redirect|target|dest|destination|feed|link|fetch|proxy|endpoint|avatar)/;
/** Headers whose values are credentials of the target's: shown only by their first characters. */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie)$|token|secret|key|auth/;

/** One place Parapet puts its URL: a query parameter, or a field of a POST form. */
interface Point {
  name: string;
  where: 'query parameter' | 'form field';
  /** Sends the probe with `value` in this place. */
  send: (value: string) => Promise<Exchange | undefined>;
  /** For the finding: the URL probed (query) or the form's action. */
  url: string;
}

export default defineCheck({
  meta: {
    id: RULE,
    title: 'The server fetches URLs the caller gives it',
    category: 'injection',
    mode: 'active',
    since: '0.1.0',
    maxRequests: MAX_POINTS,
    rules: {
      [RULE]: {
        title: 'Server-side request forgery: a URL parameter makes the server fetch Parapet’s address',
        severity: 'high',
        owasp: 'API7',
        cwe: 918,
      },
    },
  },
  async *run(ctx) {
    const points = [
      ...parameterPoints(ctx.site, 80)
        .filter((p) => p.location === 'query' && takesUrl(p.name, p.value))
        .map((p) => queryPoint(ctx, p)),
      ...ctx.site.forms.flatMap((form) => formPoints(ctx, form)),
    ];
    const seen = new Set<string>();
    const chosen = points
      .filter((p) => {
        const key = `${urlPattern(p.url)}\n${p.name}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .slice(0, MAX_POINTS);
    if (chosen.length === 0) return;
    const host = callbackHostFor(ctx.target, ctx.config.callbackHost);
    if (!host) {
      ctx.note(
        `${chosen.length} parameter${chosen.length === 1 ? '' : 's'} that take URLs were not tested: give --callback-host (an address of this machine the target can reach)`,
      );
      return;
    }
    const listener = await CallbackListener.open(host);
    try {
      const probes = new Map<string, { point: Point; ex: Exchange }>();
      for (const point of chosen) {
        const { token, url } = listener.url();
        const ex = await point.send(url);
        if (ex) probes.set(token, { point, ex });
      }
      await listener.settle(Date.now(), QUIET_MS, ctx.signal, () =>
        [...probes.keys()].every((t) => listener.received().some((h) => h.token === t)),
      );
      const reported = new Set<string>();
      for (const hit of listener.received()) {
        const probe = probes.get(hit.token);
        if (!probe || reported.has(hit.token)) continue;
        reported.add(hit.token);
        const { point, ex } = probe;
        const count = listener.received().filter((h) => h.token === hit.token).length;
        yield ctx.finding(RULE, ex, {
          confidence: 'confirmed',
          subject: point.name,
          url: point.url,
          detail: `Parapet put a unique URL on its own listener into the ${point.where} \`${point.name}\` (${ex.request.method} ${pathOf(point.url)}, answered ${ex.response?.status ?? 'nothing'}), and the server requested it${count > 1 ? ` ${count} times` : ''}: ${describeHit(hit)}. It will fetch addresses of the attacker's choosing, internal ones included.`,
        });
      }
    } finally {
      await listener.close();
    }
  },
});

/** A parameter takes URLs: its name says so, or the value the site used is one. */
function takesUrl(name: string, value: string): boolean {
  return URL_NAME.test(normalKey(name)) || /^(https?:)?\/\/[^/\s]/i.test(value.trim());
}

function queryPoint(ctx: CheckContext<typeof RULE>, p: ParamPoint): Point {
  return {
    name: p.name,
    where: 'query parameter',
    url: urlPattern(p.url),
    send: (value) => tryRequest(ctx, { url: withValue(p, value) }),
  };
}

/** The URL-taking fields of a POST form, each sent with the form's other fields as the page had them. */
function formPoints(ctx: CheckContext<typeof RULE>, form: Form): Point[] {
  if (form.method !== 'POST' || /multipart/i.test(form.enctype)) return [];
  return form.fields
    .filter((f) => f.name && !['submit', 'button', 'file', 'password', 'checkbox', 'radio'].includes(f.type))
    .filter((f) => takesUrl(f.name, f.value))
    .map((field) => ({
      name: field.name,
      where: 'form field',
      url: form.action,
      send: (value) => {
        const body = new URLSearchParams();
        for (const f of form.fields) {
          if (!f.name || ['file', 'button', 'reset'].includes(f.type)) continue;
          if (f.type === 'submit' && !f.value) continue;
          body.append(f.name, f === field ? value : f.value || (f.type === 'hidden' ? '' : 'parapet'));
        }
        return tryRequest(ctx, {
          url: form.action,
          method: 'POST',
          identity: form.exchange.identity === 'anonymous' ? 'anonymous' : 'primary',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: body.toString(),
        });
      },
    }));
}

/** `GET /parapet-… from 127.0.0.1, User-Agent: Python-urllib/3.11; headers: Host, Accept-Encoding`. */
function describeHit(hit: CallbackHit): string {
  const shown = ['user-agent', 'via', 'x-forwarded-for', 'forwarded']
    .filter((h) => hit.headers[h] !== undefined)
    .map((h) => `${headerName(h)}: ${hit.headers[h]!.slice(0, 120)}`);
  const secret = Object.keys(hit.headers)
    .filter((h) => SECRET_HEADER.test(h))
    .map((h) => `${headerName(h)}: ${maskSecret(hit.headers[h]!)}`);
  const others = Object.keys(hit.headers)
    .filter((h) => !shown.some((s) => s.toLowerCase().startsWith(`${h}:`)) && !SECRET_HEADER.test(h))
    .map(headerName);
  return [
    `${hit.method} ${hit.path.replace(/parapet-[0-9a-f]+/, 'parapet-…')} from ${hit.remoteAddress}`,
    ...shown,
    ...(secret.length > 0 ? [`credentials the server sent along: ${secret.join(', ')}`] : []),
    ...(others.length > 0 ? [`other headers: ${others.join(', ')}`] : []),
  ].join('; ');
}
