import { maskSecret } from '../config/mask.js';
import type { Form, FormField } from '../discovery/site.js';
import { urlPattern } from '../discovery/url-pattern.js';
import { isParapetError } from '../errors.js';
import type { Exchange } from '../types.js';
import {
  describeSameSite,
  liveCookies,
  pathApplies,
  type SeenCookie,
  sentOnCrossSitePost,
} from './lib/cookies.js';
import { fieldsInReload, metaTokens } from './lib/forms.js';
import { looksUnpredictable } from './lib/randomness.js';
import { type CheckContext, defineCheck } from './types.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A name that says "I am the anti-CSRF token" (used only together with an unpredictable value). */
const TOKEN_NAME = /csrf|xsrf|token|nonce|authenticity|anti-?forgery|verification/i;

type Rule = 'csrf-token-missing';
type Verdict = { token: true } | { token: false; why: string } | { token: 'unknown'; why: string };

export default defineCheck({
  meta: {
    id: 'csrf-token-missing',
    title: 'State-changing form without an anti-CSRF token',
    category: 'csrf',
    mode: 'passive',
    since: '0.1.0',
    sameAs: ['zap:10202'],
    maxRequests: 12,
    rules: {
      'csrf-token-missing': {
        title: 'State-changing form without an anti-CSRF token',
        severity: 'medium',
        owasp: 'API8',
        cwe: 352,
      },
    },
  },
  async *run(ctx) {
    const live = liveCookies(ctx.exchanges());
    const configured = cookieNamesIn(ctx.config.credentials?.cookie);
    const done = new Set<string>();
    for (const form of ctx.site.forms) {
      if (!STATE_CHANGING.has(form.method)) continue;
      // A form posting to another site rides on that site's cookies, not on the target's.
      if (new URL(form.action).origin !== ctx.site.origin) continue;
      const key = `${form.method} ${urlPattern(form.action)}`;
      if (done.has(key)) continue;
      done.add(key);
      const rider = ambientCookie(form, live, configured);
      if (!rider) continue;
      const verdict = await tokenVerdict(ctx, form, configured);
      if (verdict.token === 'unknown') {
        ctx.note(
          `could not tell whether the ${form.method} form to ${form.action} carries a token: ${verdict.why}`,
        );
        continue;
      }
      if (verdict.token) continue;
      const hidden = hiddenFields(form.fields);
      const seen =
        hidden.length > 0 ? hidden.map((f) => `${f.name}=${maskSecret(f.value)}`).join(', ') : 'none';
      yield ctx.finding('csrf-token-missing', form.exchange, {
        confidence: 'firm',
        url: form.action,
        method: form.method,
        detail: `The ${form.method} form to ${form.action} (on ${form.pageUrl}) carries no anti-CSRF token (${verdict.why}), and the cookie ${rider} would ride along on a forged cross-site submission.`,
        excerpt: `<form method="${form.method}" action="${form.action}"> hidden fields: ${seen}; cookie: ${rider}`,
      });
    }
  },
});

/** Names in a Cookie header value given as a credential (`a=b; c=d`). */
function cookieNamesIn(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(';')
    .map((pair) => pair.slice(0, Math.max(0, pair.indexOf('='))).trim())
    .filter(Boolean);
}

/**
 * A credential a browser would attach to a cross-site submission of the form: a cookie given to the
 * scan, or a session/credential cookie the site set, unless its SameSite policy keeps it home.
 */
function ambientCookie(
  form: Form,
  live: ReadonlyMap<string, SeenCookie>,
  configured: readonly string[],
): string | undefined {
  for (const name of configured) {
    const known = live.get(name);
    if (!known) return `\`${name}\` (given to the scan as a credential)`;
    if (sentOnCrossSitePost(known.cookie)) return `\`${name}\` (${describeSameSite(known.cookie)})`;
  }
  const host = new URL(form.action).hostname;
  for (const seen of live.values()) {
    if (!seen.class.strong || configured.includes(seen.cookie.name)) continue;
    if (new URL(seen.exchange.request.url).hostname !== host) continue;
    if (!pathApplies(seen.cookie, seen.exchange.request.url, form.action)) continue;
    if (sentOnCrossSitePost(seen.cookie)) return `\`${seen.cookie.name}\` (${describeSameSite(seen.cookie)})`;
  }
  return undefined;
}

function hiddenFields(fields: readonly FormField[]): FormField[] {
  return fields.filter((f) => f.type === 'hidden');
}

/**
 * Does the form carry an anti-CSRF token? Judged by behaviour: a hidden value nobody could predict
 * that changes between two loads of the page is one; so is one that stays put but is named like a
 * token, or that changes with the session.
 */
async function tokenVerdict(
  ctx: CheckContext<Rule>,
  form: Form,
  configured: readonly string[],
): Promise<Verdict> {
  const page = form.exchange.response?.body ?? '';
  if (metaTokens(page).some((m) => looksUnpredictable(m.content))) return { token: true };
  const candidates = hiddenFields(form.fields).filter((f) => looksUnpredictable(f.value));
  if (candidates.length === 0) {
    return { token: false, why: 'no hidden field holds an unpredictable value' };
  }
  if (candidates.some((f) => TOKEN_NAME.test(f.name))) return { token: true };

  // Unpredictable values with innocent names: a nonce, or just a static hash? Load the page again.
  const again = await reload(ctx, form, true);
  if (!again) return { token: 'unknown', why: 'the page could not be loaded a second time' };
  const first = new Map(candidates.map((f) => [f.name, f.value]));
  const secondHidden = hiddenFields(again.fields);
  const changed = secondHidden.some((f) => {
    if (!looksUnpredictable(f.value)) return false;
    const before = first.get(f.name);
    // A new name with a fresh random value counts too (some frameworks randomise the field name).
    return before === undefined ? !form.fields.some((g) => g.name === f.name) : before !== f.value;
  });
  if (changed) return { token: true };

  // Constant within the session. A per-session token differs in a fresh session; a static value does not.
  const credentialSent = configured.length > 0 && form.exchange.identity === 'primary';
  if (credentialSent) {
    // The credential cookie goes with every request of this identity: no fresh session to compare with,
    // and a constant secret value under one session is what a per-session token looks like.
    return { token: true };
  }
  const fresh = await reload(ctx, form, false);
  if (!fresh) return { token: 'unknown', why: 'the page could not be loaded in a fresh session' };
  const freshValues = new Map(hiddenFields(fresh.fields).map((f) => [f.name, f.value]));
  if (candidates.some((f) => freshValues.get(f.name) !== f.value)) return { token: true };
  return {
    token: false,
    why: `hidden ${candidates.map((f) => `\`${f.name}\``).join(', ')} keeps the same value across loads and sessions, so an attacker can copy it`,
  };
}

/** The page loaded once more (same identity; with or without the session cookies the engine holds). */
async function reload(
  ctx: CheckContext<Rule>,
  form: Form,
  cookies: boolean,
): Promise<{ fields: FormField[] } | undefined> {
  let exchange: Exchange;
  try {
    exchange = await ctx.request({
      url: form.pageUrl,
      identity: form.exchange.identity === 'primary' ? 'primary' : 'anonymous',
      cookies,
    });
  } catch (err) {
    if (isParapetError(err, 'PARAPET_BUDGET')) return undefined;
    throw err;
  }
  if (!exchange.response || exchange.response.status !== form.exchange.response?.status) return undefined;
  const fields = fieldsInReload(form, ctx.site.forms, exchange);
  return fields ? { fields } : undefined;
}
