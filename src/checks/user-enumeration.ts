import { randomBytes } from 'node:crypto';
import type { Form, FormField } from '../discovery/site.js';
import { urlPattern } from '../discovery/url-pattern.js';
import type { Identity } from '../engine/engine.js';
import { contentKind, headerValue } from '../engine/exchange.js';
import { buildLoginRequest } from '../engine/login.js';
import type { Exchange } from '../types.js';
import { identityValues, isWhoAmIUrl } from './lib/caller.js';
import { fieldsInReload } from './lib/forms.js';
import { bodyText } from './lib/html-text.js';
import { jsonOf } from './lib/json.js';
import { emailsIn, isPersonalEmail } from './lib/pii.js';
import { tryRequest } from './lib/request.js';
import { timingGap } from './lib/timing.js';
import { pathOf } from './lib/where.js';
import { type CheckContext, defineCheck, type RawFinding } from './types.js';

const RULE = 'user-enumeration';
/** Operations probed, and pairs of attempts (existing, invented) for the timing comparison. */
const MAX_OPERATIONS = 3;
const TIMING_PAIRS = 6;
/** Per operation: a reload of its page, four attempts compared by content, the rest of the timing pairs. */
const MAX_REQUESTS = MAX_OPERATIONS * (1 + 4 + (TIMING_PAIRS - 2) * 2);

type Ctx = CheckContext<typeof RULE>;
type Kind = 'sign-in' | 'registration' | 'password reset';

const LOGIN_PATH = /(^|[/_-])(log-?in|sign-?in|session|auth(enticate)?|token)([/_.-]|$)/i;
const REGISTER_PATH = /(^|[/_-])(register|registration|sign-?up|join|create-?account)([/_.-]|$)/i;
const RESET_PATH = /(^|[/_-])(forgot|reset|recover|lost)(-?password)?([/_.-]|$)/i;
const ACCOUNT_FIELD = /^(user(name)?|login|e-?mail|mail|account|identifier|handle|user_?id)$/i;
const EMAIL_FIELD = /mail/i;

/** An account as the probe knows it, and whether it may be used for resets (only the scan's own). */
interface Account {
  value: string;
  own: boolean;
}

/** One operation that takes an account name: how to build its request for a given account. */
interface Operation {
  kind: Kind;
  method: string;
  url: string;
  identity: Identity;
  /** Whether the account field wants an e-mail address. */
  wantsEmail: boolean;
  build(account: string, password: string): { headers: Record<string, string>; body: string };
  /** For forms: load the page first, so tokens belong to the identity that posts. */
  prepare?: () => Promise<boolean>;
}

export default defineCheck({
  meta: {
    id: RULE,
    title: 'Sign-in, registration or reset answers tell which accounts exist',
    category: 'authentication',
    mode: 'active',
    since: '0.1.0',
    maxRequests: MAX_REQUESTS,
    rules: {
      [RULE]: {
        title: 'User enumeration: answers differ for existing and unknown accounts',
        severity: 'medium',
        owasp: 'API2',
        cwe: 204,
      },
    },
  },
  async *run(ctx) {
    const accounts = knownAccounts(ctx);
    const ops = operations(ctx);
    if (ops.length === 0) return;
    if (accounts.length === 0) {
      ctx.note(
        'sign-in, registration or reset forms were found, but no existing account to compare with (give --login, or credentials whose user Parapet can read)',
      );
      return;
    }
    for (const op of ops) {
      const account = accounts.find(
        (a) => (op.kind !== 'password reset' || a.own) && (!op.wantsEmail || a.value.includes('@')),
      );
      if (!account) continue;
      const verdict = await compare(ctx, op, account);
      if (verdict === 'throttled') {
        ctx.note(
          `${op.method} ${pathOf(op.url)} answered 429 (rate limited); Parapet stopped probing accounts there`,
        );
        return;
      }
      if (verdict) yield verdict;
    }
  },
});

/** Accounts known to exist: the --login user, the Basic user, the caller's own "who am I", then e-mails seen in pages. */
function knownAccounts(ctx: Ctx): Account[] {
  const out: Account[] = [];
  const add = (value: string | undefined, own: boolean) => {
    const v = value?.trim();
    if (v && v.length <= 254 && !out.some((a) => a.value === v)) out.push({ value: v, own });
  };
  const login = ctx.config.login;
  if (login) {
    const fields = recipeFields(login.request);
    const name = fields.find((f) => ACCOUNT_FIELD.test(f.key));
    if (name) add(login.variables[name.variable], true);
  }
  const basic = ctx.config.credentials?.basic;
  if (basic) add(basic.slice(0, basic.indexOf(':')), true);
  for (const ex of ctx.exchanges({ kind: 'json', status: '2xx' })) {
    if (ex.identity !== 'primary' || !isWhoAmIUrl(ex.request.url)) continue;
    const doc = jsonOf(ex) as Record<string, unknown> | undefined;
    for (const key of ['email', 'username', 'login']) {
      const v = doc && typeof doc === 'object' ? doc[key] : undefined;
      if (typeof v === 'string' && identityValues(doc).has(v.toLowerCase())) add(v, true);
    }
  }
  for (const ex of ctx.exchanges({ status: '2xx' })) {
    for (const email of emailsIn(ex.response!.body, 20)) if (isPersonalEmail(email)) add(email, false);
    if (out.length >= 6) break;
  }
  return out;
}

/** `{"username":"$USER"}` or `username=$USER`: each field of the recipe body filled by a placeholder. */
function recipeFields(recipe: string): Array<{ key: string; variable: string }> {
  const out: Array<{ key: string; variable: string }> = [];
  for (const m of recipe.matchAll(/"([^"]{1,64})"\s*:\s*"\$\{?([A-Za-z_]\w*)\}?"/g))
    out.push({ key: m[1]!, variable: m[2]! });
  for (const m of recipe.matchAll(/(?:^|[\s&])([\w.-]{1,64})=\$\{?([A-Za-z_]\w*)\}?/g))
    out.push({ key: m[1]!, variable: m[2]! });
  return out;
}

/** The --login recipe first, then POST forms that sign in, register or reset, one per URL pattern. */
function operations(ctx: Ctx): Operation[] {
  const out: Operation[] = [];
  const seen = new Set<string>();
  const add = (op: Operation) => {
    const key = `${op.method} ${urlPattern(op.url)}`;
    if (seen.has(key) || out.length >= MAX_OPERATIONS) return;
    seen.add(key);
    out.push(op);
  };
  const login = ctx.config.login;
  if (login) {
    const fields = recipeFields(login.request);
    const name = fields.find((f) => ACCOUNT_FIELD.test(f.key));
    const pass = fields.find((f) => /pass|pwd|secret/i.test(f.key));
    if (name && pass) {
      const req = (account: string, password: string) =>
        buildLoginRequest(login.request, ctx.config.target, {
          ...login.variables,
          [name.variable]: account,
          [pass.variable]: password,
        });
      const sample = req('x', 'y');
      add({
        kind: 'sign-in',
        method: sample.method,
        url: sample.url,
        identity: 'anonymous',
        wantsEmail: EMAIL_FIELD.test(name.key),
        build: (account, password) => {
          const r = req(account, password);
          return { headers: r.headers, body: r.body ?? '' };
        },
      });
    }
  }
  for (const form of ctx.site.forms) {
    const op = formOperation(ctx, form);
    if (op) add(op);
  }
  return out;
}

function formOperation(ctx: Ctx, form: Form): Operation | undefined {
  if (form.method !== 'POST' || /multipart/i.test(form.enctype)) return undefined;
  const passwords = form.fields.filter((f) => f.type === 'password');
  const accountField = form.fields.find(
    (f) => ['text', 'email', ''].includes(f.type) && ACCOUNT_FIELD.test(innerName(f.name)),
  );
  if (!accountField) return undefined;
  const path = pathOf(form.action);
  const kind: Kind | undefined = REGISTER_PATH.test(path)
    ? 'registration'
    : RESET_PATH.test(path)
      ? 'password reset'
      : passwords.length >= 2
        ? 'registration'
        : passwords.length === 1
          ? 'sign-in'
          : undefined;
  if (!kind) return undefined;
  if (kind === 'sign-in' && passwords.length !== 1) return undefined;
  if (kind === 'sign-in' && !LOGIN_PATH.test(path) && !LOGIN_PATH.test(pathOf(form.pageUrl))) {
    // A password form elsewhere (change password, confirm deletion): not a sign-in.
    if (form.fields.filter((f) => f.type !== 'hidden' && f.type !== 'submit').length > 2) return undefined;
  }
  let fields: FormField[] = form.fields;
  const identity: Identity = 'anonymous';
  const filler = randomBytes(4).toString('hex');
  return {
    kind,
    method: 'POST',
    url: form.action,
    identity,
    wantsEmail: accountField.type === 'email' || EMAIL_FIELD.test(accountField.name),
    // The page again as the identity that posts: hidden tokens then belong to its session.
    prepare: async () => {
      if (form.exchange.identity === identity) return true;
      const reload = await tryRequest(ctx, { url: form.pageUrl, identity });
      const again = reload && fieldsInReload(form, ctx.site.forms, reload);
      if (again) fields = again;
      return again !== undefined;
    },
    build: (account, password) => {
      const body = new URLSearchParams();
      let firstPassword = true;
      for (const f of fields) {
        if (!f.name || f.type === 'file' || f.type === 'button' || f.type === 'reset') continue;
        if (f.type === 'submit') {
          if (f.value) body.append(f.name, f.value);
          continue;
        }
        if (f.name === accountField.name) body.append(f.name, account);
        else if (f.type === 'password') {
          // A registration's confirmation field gets another value: the form is refused, no account is made.
          body.append(f.name, firstPassword || kind !== 'registration' ? password : `${password}-x`);
          firstPassword = false;
        } else if (f.type === 'hidden' || f.type === 'checkbox' || f.type === 'radio')
          body.append(f.name, f.value);
        else if (EMAIL_FIELD.test(f.name) || f.type === 'email')
          body.append(f.name, f.value || `parapet-${filler}@example.com`);
        else body.append(f.name, f.value || 'parapet');
      }
      return {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
      };
    },
  };
}

/** An account of the same shape as `real` that surely does not exist (same mail domain, to pass validation). */
function invented(real: string): string {
  const tag = `parapet${randomBytes(5).toString('hex')}`;
  const at = real.lastIndexOf('@');
  return at > 0 ? `${tag}@${real.slice(at + 1)}` : tag;
}

interface Attempt {
  ex: Exchange;
  account: string;
  existing: boolean;
}

/**
 * Sends the operation for an invented account, the existing one, another invented one and the existing one
 * again, each with a wrong password. Answers that are stable for each kind of account but differ between
 * them (status, redirect, or text with the account name masked) are confirmed. Otherwise, for the scan's
 * own account, more interleaved pairs are timed; a median gap beyond noise is firm.
 */
async function compare(
  ctx: Ctx,
  op: Operation,
  account: Account,
): Promise<RawFinding | 'throttled' | undefined> {
  if (op.prepare && !(await op.prepare())) return undefined;
  const password = `Parapet-wrong-${randomBytes(6).toString('hex')}!`;
  const attempts: Attempt[] = [];
  const attempt = async (name: string, existing: boolean): Promise<boolean | 'throttled'> => {
    const { headers, body } = op.build(name, password);
    const ex = await tryRequest(ctx, {
      url: op.url,
      method: op.method,
      headers,
      body,
      identity: op.identity,
      retryThrottled: false,
    });
    if (!ex) return false;
    if (ex.response!.status === 429) return 'throttled';
    attempts.push({ ex, account: name, existing });
    return true;
  };
  const sequence: Array<[string, boolean]> = [
    [invented(account.value), false],
    [account.value, true],
    [invented(account.value), false],
    [account.value, true],
  ];
  for (const [name, existing] of sequence) {
    const ok = await attempt(name, existing);
    if (ok !== true) return ok === 'throttled' ? 'throttled' : undefined;
  }
  const [i1, e1, i2, e2] = attempts.map((a) => signature(a));
  const noun = op.kind === 'password reset' ? 'request' : 'attempt';
  if (i1 === i2 && e1 === e2 && i1 !== e1) {
    const existing = attempts[1]!;
    const other = attempts[0]!;
    return ctx.finding(RULE, existing.ex, {
      confidence: 'confirmed',
      excerpt: masked(visibleText(existing), existing.account),
      detail: `The ${op.kind} ${noun} at ${op.method} ${pathOf(op.url)} answers an existing account differently from an unknown one (${op.kind === 'password reset' ? '' : 'a wrong password both times, '}each asked twice with the same result): ${difference(existing, other)}.`,
    });
  }
  if (!account.own) return undefined;
  for (let pair = 2; pair < TIMING_PAIRS; pair++) {
    for (const [name, existing] of pair % 2 === 0
      ? ([
          [account.value, true],
          [invented(account.value), false],
        ] as const)
      : ([
          [invented(account.value), false],
          [account.value, true],
        ] as const)) {
      const ok = await attempt(name, existing);
      if (ok === 'throttled') return 'throttled';
      if (!ok) return undefined;
    }
  }
  const slow = attempts.filter((a) => a.existing).map((a) => a.ex.durationMs);
  const fast = attempts.filter((a) => !a.existing).map((a) => a.ex.durationMs);
  const gap = timingGap(slow, fast);
  if (!gap) return undefined;
  const sample = attempts.filter((a) => a.existing).at(-1)!;
  return ctx.finding(RULE, sample.ex, {
    confidence: 'firm',
    subject: 'timing',
    detail: `The ${op.kind} ${noun} at ${op.method} ${pathOf(op.url)} gives the same answer for both, but takes longer for an existing account: median ${gap.slowMedian} ms against ${gap.fastMedian} ms for unknown ones over ${slow.length} interleaved attempts each (gap ${gap.gap} ms, spread ${gap.spread} ms; every existing-account attempt was slower than every unknown-account one).`,
  });
}

/** What a person sees of the answer: page text, or the JSON, with whitespace collapsed. */
function visibleText(a: Attempt): string {
  const res = a.ex.response!;
  const json = jsonOf(a.ex);
  const text =
    json !== undefined
      ? JSON.stringify(json)
      : contentKind(res) === 'document'
        ? bodyText(res.body)
        : res.body;
  return text.replace(/\s+/g, ' ').trim().slice(0, 4_000);
}

/** `user[email]` → `email`: Rails and PHP nest field names in brackets. */
function innerName(name: string): string {
  return /\[([^\]]+)\]$/.exec(name)?.[1] ?? name;
}

/** The text with the account (as typed, URL-encoded, or its e-mail local part) shown as `{account}`. */
function masked(text: string, account: string): string {
  const forms = [account, encodeURIComponent(account), account.split('@')[0]!].filter((s) => s.length >= 3);
  return forms.reduce((t, m) => t.split(m).join('{account}'), text);
}

/** The answer with what legitimately varies taken out: the account echoed, tokens, numbers. */
function normalised(a: Attempt): string {
  const text = masked(visibleText(a), a.account);
  const location = masked(headerValue(a.ex.response!.headers, 'location') ?? '', a.account);
  const volatile = (s: string) => s.replace(/[A-Za-z0-9_+/=-]{20,}/g, '{token}').replace(/\d{3,}/g, '{n}');
  return `${volatile(location)}\n${volatile(text)}`;
}

function signature(a: Attempt): string {
  return `${a.ex.response!.status}\n${normalised(a)}`;
}

/** `status 200 against 404`, `"Wrong password for {account}" against "No account named {account}"`. */
function difference(existing: Attempt, unknown: Attempt): string {
  const s1 = existing.ex.response!.status;
  const s2 = unknown.ex.response!.status;
  const parts: string[] = [];
  if (s1 !== s2) parts.push(`status ${s1} for the existing account against ${s2} for unknown ones`);
  const lines = (a: Attempt) =>
    normalised(a)
      .split(/(?<=[.!?])\s+|\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  const mine = lines(existing);
  const theirs = lines(unknown);
  const onlyMine = mine.filter((l) => !theirs.includes(l)).slice(0, 2);
  const onlyTheirs = theirs.filter((l) => !mine.includes(l)).slice(0, 2);
  if (onlyMine.length + onlyTheirs.length > 0)
    parts.push(
      `${JSON.stringify(clip(onlyMine.join(' ')))} against ${JSON.stringify(clip(onlyTheirs.join(' ')))}`,
    );
  return parts.join('; ') || 'the answers differ';
}

function clip(s: string): string {
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
}
