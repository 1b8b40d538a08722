import { htmlOf } from '../../discovery/html.js';
import { headerValues } from '../../engine/exchange.js';
import type { Exchange } from '../../types.js';
import { splitHeaderValues } from './header-list.js';

export const REFERRER_POLICIES = [
  'no-referrer',
  'no-referrer-when-downgrade',
  'same-origin',
  'origin',
  'strict-origin',
  'origin-when-cross-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
] as const;
export type ReferrerPolicy = (typeof REFERRER_POLICIES)[number];

/** What browsers use when a document sets no policy (Chrome 85, Firefox 87 and later). */
export const DEFAULT_POLICY: ReferrerPolicy = 'strict-origin-when-cross-origin';

/**
 * The policies that send a document's full URL — path and query — to other origins. The rest send
 * nothing or only the origin (`origin-when-cross-origin` sends the origin even over http, which
 * names no page and carries no query).
 */
const LEAKS_FULL_URL: ReadonlySet<string> = new Set<ReferrerPolicy>([
  'unsafe-url',
  'no-referrer-when-downgrade',
]);

export function leaksFullUrl(policy: string): boolean {
  return LEAKS_FULL_URL.has(policy);
}

/** `<meta name="referrer">` also accepts the keywords of the first meta referrer draft. */
const LEGACY_KEYWORDS: Record<string, ReferrerPolicy> = {
  never: 'no-referrer',
  default: DEFAULT_POLICY,
  always: 'unsafe-url',
  'origin-when-crossorigin': 'origin-when-cross-origin',
};

function asPolicy(token: string, legacy: boolean): ReferrerPolicy | undefined {
  const t = token.toLowerCase();
  if ((REFERRER_POLICIES as readonly string[]).includes(t)) return t as ReferrerPolicy;
  return legacy ? LEGACY_KEYWORDS[t] : undefined;
}

/** Referrer Policy §8.1: across every value of the header, the last token that names a policy wins. */
export function policyFromHeader(lines: readonly string[], legacy = false): ReferrerPolicy | undefined {
  let policy: ReferrerPolicy | undefined;
  for (const token of splitHeaderValues(lines)) policy = asPolicy(token, legacy) ?? policy;
  return policy;
}

export interface DocumentPolicy {
  policy: ReferrerPolicy;
  /** Who set it: the response header, a `<meta name="referrer">`, or nobody (the browser default). */
  source: 'header' | 'meta' | 'default';
  /** The text that set it, for evidence. */
  raw: string;
}

/**
 * A document's referrer policy: the header's, then each valid `<meta name="referrer">` in order
 * overrides it (one that names no policy changes nothing). A comma list in meta is read like the
 * header, as Chromium does; Firefox ignores such a meta, and for the lists this check cares about
 * (one that ends unsafe) Chromium's reading is the one that leaks.
 */
export function documentReferrerPolicy(ex: Exchange): DocumentPolicy {
  const lines = headerValues(ex.response?.headers, 'referrer-policy');
  const fromHeader = policyFromHeader(lines);
  let doc: DocumentPolicy = fromHeader
    ? { policy: fromHeader, source: 'header', raw: `Referrer-Policy: ${lines.join(', ')}` }
    : { policy: DEFAULT_POLICY, source: 'default', raw: '' };
  for (const meta of htmlOf(ex).metaNames) {
    if (meta.name !== 'referrer' || meta.content.trim() === '') continue;
    const fromMeta = policyFromHeader([meta.content], true);
    if (fromMeta)
      doc = { policy: fromMeta, source: 'meta', raw: `<meta name="referrer" content="${meta.content}">` };
  }
  return doc;
}

export interface LeakyElement {
  tag: string;
  url: string;
  policy: ReferrerPolicy;
}

/**
 * Elements whose own `referrerpolicy` sends the full page URL to another origin. The attribute
 * affects only its element; an invalid value falls back to the document's policy, and
 * `rel=noreferrer` wins over it.
 */
export function leakyElements(ex: Exchange): LeakyElement[] {
  const html = htmlOf(ex);
  const base = html.base ?? ex.request.url;
  const origin = new URL(ex.request.url).origin;
  const out: LeakyElement[] = [];
  for (const el of html.referrerPolicies) {
    if (el.noreferrer || !leaksFullUrl(el.policy)) continue;
    const target = resolve(el.url, base, ex.request.url);
    if (target && target.origin !== origin)
      out.push({ tag: el.tag, url: target.href, policy: el.policy as ReferrerPolicy });
  }
  return out;
}

function resolve(raw: string, base: string, page: string): URL | undefined {
  try {
    const url = new URL(raw.trim(), new URL(base, page));
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
