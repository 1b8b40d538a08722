/**
 * Whether a browser would let an arbitrary cross-origin page frame a response, decided the way
 * browsers decide it: CSP `frame-ancestors` (enforced headers only) first, and the HTML Standard's
 * X-Frame-Options processing only when no enforced policy has `frame-ancestors`.
 */
import { headerValues } from '../../engine/exchange.js';
import type { HeaderMap } from '../../types.js';
import { metaDeclares, responsePolicies } from './csp.js';
import { trimHttpTabOrSpace } from './trim.js';

/** Every verdict framingPolicy can return (a closed set: reports and tests match on these). */
export const FRAMING_RESULTS = [
  /** frame-ancestors matches no origin ('none', an empty list, or only tokens that match nothing). */
  'csp-none',
  /** frame-ancestors allows the page's own origin only. */
  'csp-self',
  /** frame-ancestors names specific hosts: those may frame the page, an arbitrary attacker may not. */
  'csp-allowlist',
  /** frame-ancestors has `*`, a bare web scheme or a wildcard over a top-level domain. */
  'csp-allows-any',
  'xfo-deny',
  'xfo-sameorigin',
  /** Several distinct X-Frame-Options values, one of them deny/sameorigin/allowall: every frame refused. */
  'xfo-conflict',
  'xfo-allowall',
  /** ALLOW-FROM: no current browser honours it. */
  'xfo-allow-from',
  /** A value browsers do not recognise (or several distinct unrecognised ones): no protection. */
  'xfo-invalid',
  /** Neither an enforced frame-ancestors nor X-Frame-Options. */
  'missing',
] as const;
export type FramingResult = (typeof FRAMING_RESULTS)[number];

export interface FramingPolicy {
  blocksCrossOrigin: boolean;
  code: FramingResult;
  /** Which mechanism decided. */
  via: 'csp' | 'xfo' | 'none';
  /** One or two sentences for the finding's evidence. */
  reason: string;
  /** Source expressions frame-ancestors allows besides 'self' (only for `csp-allowlist`). */
  allowed: string[];
}

type MetaHttpEquiv = ReadonlyArray<{ name: string; content: string }>;

/**
 * The framing verdict for a response. `meta` (the document's `<meta http-equiv>` elements) never
 * changes the verdict; it only lets the reason say that a meta-delivered policy was ignored.
 */
export function framingPolicy(headers: HeaderMap, meta: MetaHttpEquiv = []): FramingPolicy {
  const { enforced, reportOnly } = responsePolicies(headers);
  const xfoRaw = headerValues(headers, 'x-frame-options');
  const ancestors = enforced.flatMap((p) => {
    const list = p.directives.get('frame-ancestors');
    return list ? [{ list, verdict: ancestorList(list) }] : [];
  });

  if (ancestors.length > 0) {
    const xfoNote =
      xfoRaw.length > 0
        ? ` X-Frame-Options (${xfoRaw.join(', ')}) is ignored when frame-ancestors is present.`
        : '';
    // Each enforced policy applies on its own: the strictest blocking one decides.
    const strictest = ancestors
      .filter((a) => a.verdict.kind !== 'any')
      .sort((a, b) => STRICTNESS[a.verdict.kind] - STRICTNESS[b.verdict.kind])[0];
    if (!strictest) {
      const opener = ancestors[0]!;
      return {
        blocksCrossOrigin: false,
        code: 'csp-allows-any',
        via: 'csp',
        reason: `Content-Security-Policy "frame-ancestors${show(opener.list)}" lets any origin frame the page (${opener.verdict.opener} matches an attacker's origin).${xfoNote}`,
        allowed: [],
      };
    }
    const { verdict, list } = strictest;
    const directive = `Content-Security-Policy "frame-ancestors${show(list)}"`;
    const several =
      ancestors.length > 1
        ? ` (the strictest of ${ancestors.length} enforced frame-ancestors directives)`
        : '';
    const reasons = {
      none: `${directive} forbids framing by any origin${several}.`,
      self: `${directive} allows framing by the page's own origin only${several}.`,
      allowlist: `${directive} allows framing only by ${verdict.allowed.join(' ')}${verdict.self ? " and the page's own origin" : ''}${several}; an arbitrary attacker origin is refused.`,
    } as const;
    const kind = verdict.kind as keyof typeof reasons;
    return {
      blocksCrossOrigin: true,
      code: `csp-${kind}` as FramingResult,
      via: 'csp',
      reason: reasons[kind] + xfoNote,
      allowed: verdict.allowed,
    };
  }

  const notes = ignoredNotes(
    reportOnly.some((p) => p.directives.has('frame-ancestors')),
    meta,
  );
  if (xfoRaw.length === 0) {
    return {
      blocksCrossOrigin: false,
      code: 'missing',
      via: 'none',
      reason: `No enforced Content-Security-Policy frame-ancestors and no X-Frame-Options header.${notes}`,
      allowed: [],
    };
  }
  const xfo = xfoVerdict(xfoRaw);
  return { ...xfo, reason: xfo.reason + (xfo.blocksCrossOrigin ? '' : notes), via: 'xfo', allowed: [] };
}

const STRICTNESS = { none: 0, self: 1, allowlist: 2, any: 3 } as const;

interface AncestorVerdict {
  kind: keyof typeof STRICTNESS;
  allowed: string[];
  self: boolean;
  /** The first expression that lets an arbitrary origin in (for `any`). */
  opener?: string;
}

const WEB_SCHEMES = new Set(['http', 'https', 'ws', 'wss']);
const SCHEME_SOURCE = /^([a-z][a-z0-9+.-]*):$/i;
const HOST_SOURCE =
  /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.?)(?::(?:\d+|\*))?(?:\/[^?#]*)?$/i;

/**
 * What an ancestor source list lets frame the page, from an attacker's point of view. `*`, a
 * scheme that matches web origins (`https:`; per CSP3 `http:`, `ws:` and `wss:` also match https
 * pages) and a host wildcard over a bare top-level domain (`*.com`) let any attacker in. Keywords
 * other than 'self' and malformed tokens match nothing; `'none'` counts only when it is alone.
 */
export function ancestorList(list: readonly string[]): AncestorVerdict {
  const out: AncestorVerdict = { kind: 'none', allowed: [], self: false };
  for (const raw of list) {
    const token = raw.toLowerCase();
    if (token === "'self'") {
      out.self = true;
      continue;
    }
    if (token.startsWith("'")) continue;
    if (token === '*') {
      out.opener ??= raw;
      continue;
    }
    const scheme = SCHEME_SOURCE.exec(token);
    if (scheme) {
      if (WEB_SCHEMES.has(scheme[1]!)) out.opener ??= raw;
      else out.allowed.push(raw);
      continue;
    }
    const host = HOST_SOURCE.exec(token);
    if (!host) continue;
    const name = host[2]!;
    if (name === '*' || (name.startsWith('*.') && !name.slice(2).replace(/\.$/, '').includes('.'))) {
      out.opener ??= raw;
      continue;
    }
    out.allowed.push(
      raw === 'self' || raw === 'none' ? `${raw} (unquoted: a host name, not the keyword)` : raw,
    );
  }
  out.kind = out.opener ? 'any' : out.allowed.length > 0 ? 'allowlist' : out.self ? 'self' : 'none';
  return out;
}

/** The HTML Standard's "check a navigation response's adherence to X-Frame-Options", steps 3–10. */
function xfoVerdict(raw: readonly string[]): Pick<FramingPolicy, 'blocksCrossOrigin' | 'code' | 'reason'> {
  const values = [...new Set(getDecodeSplit(raw).map((v) => v.toLowerCase()))];
  const quoted = `X-Frame-Options: ${raw.join(', ')}`;
  if (values.length > 1) {
    if (values.some((v) => v === 'deny' || v === 'sameorigin' || v === 'allowall')) {
      return {
        blocksCrossOrigin: true,
        code: 'xfo-conflict',
        reason: `${quoted} holds several distinct values; the HTML Standard then refuses every frame.`,
      };
    }
    return {
      blocksCrossOrigin: false,
      code: 'xfo-invalid',
      reason: `${quoted} holds several unrecognised values, which browsers ignore.`,
    };
  }
  const value = values[0] ?? '';
  if (value === 'deny')
    return { blocksCrossOrigin: true, code: 'xfo-deny', reason: `${quoted} forbids framing.` };
  if (value === 'sameorigin') {
    return {
      blocksCrossOrigin: true,
      code: 'xfo-sameorigin',
      reason: `${quoted} allows framing by the same origin only.`,
    };
  }
  if (value === 'allowall') {
    return {
      blocksCrossOrigin: false,
      code: 'xfo-allowall',
      reason: `${quoted} explicitly allows framing by any origin.`,
    };
  }
  if (value.startsWith('allow-from')) {
    return {
      blocksCrossOrigin: false,
      code: 'xfo-allow-from',
      reason: `${quoted} is ignored: current browsers do not support ALLOW-FROM.`,
    };
  }
  return {
    blocksCrossOrigin: false,
    code: 'xfo-invalid',
    reason: `${quoted} is not a value browsers recognise, so it is ignored.`,
  };
}

/**
 * Fetch's "get, decode, and split" over a header's values: split on commas outside double
 * quotes, each value trimmed of spaces and tabs (quoted strings keep their quotes).
 */
function getDecodeSplit(raw: readonly string[]): string[] {
  const input = raw.join(', ');
  const out: string[] = [];
  let value = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === ',') {
      out.push(trimHttpTabOrSpace(value));
      value = '';
      continue;
    }
    value += c;
    if (c !== '"') continue;
    for (i++; i < input.length; i++) {
      const d = input[i]!;
      value += d;
      if (d === '\\' && i + 1 < input.length) value += input[++i];
      else if (d === '"') break;
    }
  }
  out.push(trimHttpTabOrSpace(value));
  return out;
}

function ignoredNotes(reportOnlyAncestors: boolean, meta: MetaHttpEquiv): string {
  let notes = '';
  if (reportOnlyAncestors)
    notes += ' frame-ancestors in Content-Security-Policy-Report-Only only reports and blocks nothing.';
  if (metaDeclares(meta, 'frame-ancestors'))
    notes += ' frame-ancestors in a <meta> policy is ignored by browsers.';
  if (meta.some((m) => m.name.toLowerCase() === 'x-frame-options')) {
    notes += ' X-Frame-Options in <meta> is ignored by browsers.';
  }
  return notes;
}

/** A directive's value as written after its name (with the separating space). */
function show(list: readonly string[]): string {
  return list.map((t) => ` ${t}`).join('');
}
