import type { Form } from '../discovery/site.js';
import { urlPattern } from '../discovery/url-pattern.js';
import { headerValue } from '../engine/exchange.js';
import { isParapetError } from '../errors.js';
import type { Exchange } from '../types.js';
import { cookieHeader, type VictimCookie, victimCookies } from './lib/ambient.js';
import { fieldsInReload } from './lib/forms.js';
import { looksUnpredictable } from './lib/randomness.js';
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
import { type CheckContext, defineCheck } from './types.js';

/** The site a forged request claims to come from (`.invalid` never resolves). */
export const FOREIGN_ORIGIN = 'https://attacker.parapet.invalid';
const MAX_FORMS = 8;
/** Per form: the attacker's view of the page, the forged POST, the control POST and two read-backs. */
const REQUESTS_PER_FORM = 5;

type Rule = 'csrf-cross-origin-accepted';

export default defineCheck({
  meta: {
    id: 'csrf-cross-origin-accepted',
    title: 'Forged cross-site form submission accepted',
    category: 'csrf',
    mode: 'active',
    since: '0.1.0',
    maxRequests: MAX_FORMS * REQUESTS_PER_FORM,
    rules: {
      'csrf-cross-origin-accepted': {
        title: 'Another site can submit this form as the user (CSRF)',
        severity: 'high',
        owasp: 'API8',
        cwe: 352,
      },
    },
  },
  async *run(ctx) {
    const done = new Set<string>();
    let tested = 0;
    for (const form of ctx.site.forms) {
      if (form.method !== 'POST' || new URL(form.action).origin !== ctx.site.origin) continue;
      const key = urlPattern(form.action);
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
  },
});

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
