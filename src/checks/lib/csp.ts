/**
 * Content Security Policy (Level 3) parsing as pure functions: how a browser turns a response's
 * headers and a document's `<meta http-equiv>` elements into the policies it enforces.
 * Spec: https://w3c.github.io/webappsec-csp/ ("parse a serialized CSP", "parse a response's CSP").
 */
import { headerValues } from '../../engine/exchange.js';
import type { HeaderMap } from '../../types.js';
import { trimAsciiWhitespace } from './trim.js';

/** Where a policy came from. Only `header` and `meta` are enforced; `report-only` never blocks. */
export type CspSource = 'header' | 'report-only' | 'meta';

export interface CspPolicy {
  source: CspSource;
  /** Directive name (lower-case) → its value tokens, in the order the policy declared them. */
  directives: ReadonlyMap<string, readonly string[]>;
  /** The serialized policy as received (trimmed). */
  raw: string;
}

export interface ResponsePolicies {
  /** `Content-Security-Policy` headers: every policy in every header is enforced. */
  enforced: CspPolicy[];
  /** `Content-Security-Policy-Report-Only`: reported, never enforced. */
  reportOnly: CspPolicy[];
}

/** TAB, LF, FF, CR and SPACE (the Infra standard's ASCII whitespace). */
const ASCII_WHITESPACE = /[\t\n\f\r ]+/;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Parses one serialized policy: directives split on `;`, names lower-cased, the first of two
 * same-named directives wins, values split on ASCII whitespace, non-ASCII directives skipped.
 */
export function parseSerializedPolicy(serialized: string, source: CspSource): CspPolicy {
  const directives = new Map<string, string[]>();
  for (const part of serialized.split(';')) {
    const token = trimAsciiWhitespace(part);
    if (token === '' || NON_ASCII.test(token)) continue;
    const [name, ...value] = token.split(ASCII_WHITESPACE);
    const key = name!.toLowerCase();
    if (directives.has(key)) continue;
    directives.set(key, value);
  }
  return { source, directives, raw: serialized.trim() };
}

/**
 * The policies a response carries. Each header value may hold several comma-separated policies,
 * and several headers are all applied. A policy with no directive is dropped, as browsers do.
 */
export function responsePolicies(headers: HeaderMap): ResponsePolicies {
  return {
    enforced: headerPolicies(headerValues(headers, 'content-security-policy'), 'header'),
    reportOnly: headerPolicies(headerValues(headers, 'content-security-policy-report-only'), 'report-only'),
  };
}

/**
 * Policies from `<meta http-equiv="Content-Security-Policy">`: one policy per element (no comma
 * split), enforced, but without `frame-ancestors`, `report-uri` and `sandbox`, which the HTML
 * Standard removes from meta policies. A Report-Only meta element does nothing.
 */
export function metaPolicies(meta: ReadonlyArray<{ name: string; content: string }>): CspPolicy[] {
  const out: CspPolicy[] = [];
  for (const m of meta) {
    if (m.name.toLowerCase() !== 'content-security-policy' || m.content.trim() === '') continue;
    const parsed = parseSerializedPolicy(m.content, 'meta');
    const directives = new Map(parsed.directives);
    for (const name of META_IGNORED) directives.delete(name);
    if (directives.size > 0) out.push({ ...parsed, directives });
  }
  return out;
}

/** Directives the HTML Standard strips from a policy delivered in `<meta>`. */
export const META_IGNORED = ['frame-ancestors', 'report-uri', 'sandbox'] as const;

/** Whether a meta-delivered policy declared a directive that browsers drop from meta policies. */
export function metaDeclares(
  meta: ReadonlyArray<{ name: string; content: string }>,
  directive: string,
): boolean {
  return meta.some(
    (m) =>
      m.name.toLowerCase() === 'content-security-policy' &&
      parseSerializedPolicy(m.content, 'meta').directives.has(directive),
  );
}

function headerPolicies(values: readonly string[], source: CspSource): CspPolicy[] {
  const out: CspPolicy[] = [];
  for (const value of values) {
    for (const serialized of value.split(',')) {
      const policy = parseSerializedPolicy(serialized, source);
      if (policy.directives.size > 0) out.push(policy);
    }
  }
  return out;
}

// --- Inline script evaluation -----------------------------------------------------------------

/** How a policy governs inline script, per CSP3's "does a source list allow all inline behavior". */
export type InlineScriptVerdict =
  /** No directive governs this kind of script: the policy does not restrict it at all. */
  | 'unrestricted'
  /** The governing list holds an effective 'unsafe-inline'. */
  | 'unsafe-inline'
  /** Inline script is blocked (no 'unsafe-inline', or one neutralised by a nonce, hash or 'strict-dynamic'). */
  | 'blocked';

/** The directive that governs a kind of inline script, with CSP3's fallback order. */
const FALLBACK = {
  element: ['script-src-elem', 'script-src', 'default-src'],
  attribute: ['script-src-attr', 'script-src', 'default-src'],
} as const;

export type InlineKind = keyof typeof FALLBACK;

export interface InlineGoverning {
  verdict: InlineScriptVerdict;
  /** The directive that decided (absent when unrestricted). */
  directive?: string;
}

/** How one policy treats inline `<script>` elements or event-handler attributes. */
export function inlineScript(policy: CspPolicy, kind: InlineKind): InlineGoverning {
  for (const name of FALLBACK[kind]) {
    const list = policy.directives.get(name);
    if (!list) continue;
    return { verdict: allowsAllInline(list) ? 'unsafe-inline' : 'blocked', directive: name };
  }
  return { verdict: 'unrestricted' };
}

/**
 * True when a source list lets any inline script run: it holds 'unsafe-inline' and neither a
 * nonce, a hash nor 'strict-dynamic' (any of which makes browsers ignore 'unsafe-inline').
 */
export function allowsAllInline(list: readonly string[]): boolean {
  let unsafeInline = false;
  for (const raw of list) {
    const token = raw.toLowerCase();
    if (token === "'unsafe-inline'") unsafeInline = true;
    else if (token === "'strict-dynamic'" || /^'(nonce|sha256|sha384|sha512)-[^']+'$/.test(token))
      return false;
  }
  return unsafeInline;
}

/** True when the policies together let an injected inline script (element or handler) run. */
export function inlineScriptAllowed(policies: readonly CspPolicy[]): boolean {
  // Every enforced policy must allow the script; an attacker picks whichever kind gets through.
  const allow = (kind: InlineKind) => policies.every((p) => inlineScript(p, kind).verdict !== 'blocked');
  return allow('element') || allow('attribute');
}
