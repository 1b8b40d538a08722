import { maskSecret } from '../config/mask.js';
import { urlPattern } from '../discovery/url-pattern.js';
import type { Exchange } from '../types.js';
import { isSelfUrl } from './lib/caller.js';
import { renderedDocuments } from './lib/documents.js';
import { bodyText } from './lib/html-text.js';
import { isDescriptive, isSpecDocument, jsonLeaves, jsonOf } from './lib/json.js';
import {
  cardNumbersIn,
  cardNumberValue,
  emailsIn,
  ibansIn,
  ibanValue,
  isPersonalEmail,
  keyWords,
  labelledSsnsIn,
  nationalIdKey,
  nationalIdValid,
} from './lib/pii.js';
import { defineCheck } from './types.js';

const RULE = 'pii-exposure';
const MAX_PATHS_SHOWN = 6;
/** Distinct personal addresses on one HTML page before it reads as a list of people. */
const HTML_EMAILS = 3;
/** Distinct addresses in a JSON listing for a firm finding (two could still be one person's). */
const FIRM_EMAILS = 3;
/** Words near a number in page text that say it is a payment card. */
const CARD_WORDS = /\b(card|cc|pan|visa|mastercard|amex|american express|credit|debit|maestro)\b/i;

export type PiiKind = 'e-mail address' | 'card number' | 'IBAN' | 'US SSN' | 'UK NINO';

export interface PiiHit {
  kind: PiiKind;
  /** The JSON path (`$.users[*].email`), or `page text` for HTML. */
  path: string;
  value: string;
  strong: boolean;
}

interface Candidate extends PiiHit {
  /** Counts only when a listing holds several distinct values of the kind under the same path. */
  listingOnly: boolean;
  inArray: boolean;
}

/** The smallest number with the 12 digits the shortest card numbers have. */
const MIN_CARD_NUMBER = 100_000_000_000;

const CARD_KEY_WORDS = new Set(['card', 'cc', 'pan', 'ccnumber', 'cardnumber', 'creditcard', 'payment']);

/**
 * Personal data a JSON response exposes. National ids under their name and card numbers under a card
 * field count alone; e-mail addresses, IBANs and bare card numbers count when a listing holds several
 * different ones (one could be the caller's own). On the caller's own URLs (`/me`, `/account`) only
 * national ids and card numbers count.
 */
export function piiInJson(doc: unknown, self: boolean): PiiHit[] {
  if (doc === undefined || isSpecDocument(doc)) return [];
  const candidates: Candidate[] = [];
  for (const leaf of jsonLeaves(doc)) {
    if (isDescriptive(leaf)) continue;
    if (typeof leaf.value !== 'string' && typeof leaf.value !== 'number') continue;
    // An array item is named by its array: `"ssns": ["…"]`.
    const idKind = nationalIdKey(leaf.owner);
    // A number is personal data only as a national id under its name or as a card number (12+ digits).
    if (typeof leaf.value === 'number' && !idKind && !(leaf.value >= MIN_CARD_NUMBER)) continue;
    const text = String(leaf.value);
    // Paths are built on demand: most leaves are not candidates.
    const base = () => ({ path: leaf.path, inArray: leaf.inArray });
    if (idKind && nationalIdValid(idKind, text)) {
      candidates.push({ ...base(), kind: idKind, value: text.trim(), strong: true, listingOnly: false });
      continue;
    }
    const card = cardNumberValue(text);
    if (card) {
      const words = leaf.keys.flatMap(keyWords);
      const named = words.some((w) => CARD_KEY_WORDS.has(w)) || leaf.keys.some((k) => /card/i.test(k));
      candidates.push({ ...base(), kind: 'card number', value: card, strong: named, listingOnly: !named });
      continue;
    }
    if (typeof leaf.value !== 'string') continue;
    const iban = ibanValue(text);
    if (iban) {
      candidates.push({ ...base(), kind: 'IBAN', value: iban, strong: true, listingOnly: true });
      continue;
    }
    for (const email of emailsIn(text, 20)) {
      if (isPersonalEmail(email))
        candidates.push({
          ...base(),
          kind: 'e-mail address',
          value: email,
          strong: false,
          listingOnly: true,
        });
    }
  }
  // Distinct values per kind and path (kinds are few, so no joined key to build per candidate).
  const distinct = new Map<PiiKind, Map<string, Set<string>>>();
  const valuesAt = (c: Candidate) => {
    let paths = distinct.get(c.kind);
    if (!paths) distinct.set(c.kind, (paths = new Map()));
    let values = paths.get(c.path);
    if (!values) paths.set(c.path, (values = new Set()));
    return values;
  };
  for (const c of candidates) valuesAt(c).add(c.value);
  const hits = candidates.filter((c) => {
    if (!c.listingOnly) return true;
    if (self && c.kind !== 'card number') return false;
    return c.inArray && valuesAt(c).size >= 2;
  });
  const emails = new Set(hits.filter((h) => h.kind === 'e-mail address').map((h) => h.value));
  return hits.map(({ kind, path, value, strong }) => ({
    kind,
    path,
    value,
    strong: kind === 'e-mail address' ? emails.size >= FIRM_EMAILS : strong,
  }));
}

/**
 * Personal data in a page's visible text (outside footers, headers, `<address>` and mailto links):
 * labelled SSNs, card numbers with a card word on the same or the two lines before, two or more
 * IBANs, and three or more personal e-mail addresses. All tentative but SSNs and named cards:
 * a page cannot say whose data it shows.
 */
export function piiInHtml(html: string): PiiHit[] {
  const text = bodyText(html);
  const hits: PiiHit[] = [];
  const path = 'page text';
  for (const ssn of labelledSsnsIn(text)) hits.push({ kind: 'US SSN', path, value: ssn, strong: true });
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const bare = new Set<string>();
  lines.forEach((line, i) => {
    const cards = cardNumbersIn(line);
    if (cards.length === 0) return;
    const named = CARD_WORDS.test(lines.slice(Math.max(0, i - 2), i + 1).join(' '));
    for (const card of cards) {
      if (named) hits.push({ kind: 'card number', path, value: card, strong: true });
      else bare.add(card);
    }
  });
  if (bare.size >= 2)
    for (const card of bare) hits.push({ kind: 'card number', path, value: card, strong: false });
  const ibans = new Set(ibansIn(text));
  if (ibans.size >= 2)
    for (const iban of ibans) hits.push({ kind: 'IBAN', path, value: iban, strong: false });
  const emails = new Set(emailsIn(text).filter(isPersonalEmail));
  if (emails.size >= HTML_EMAILS)
    for (const email of emails) hits.push({ kind: 'e-mail address', path, value: email, strong: false });
  return hits;
}

interface Group {
  example: Exchange;
  urls: Set<string>;
  hits: PiiHit[];
}

function plural(kind: PiiKind): string {
  return kind.endsWith('s') ? `${kind}es` : `${kind}s`;
}

function describe(hits: PiiHit[]): string {
  const byKindPath = new Map<string, { kind: PiiKind; path: string; values: Set<string> }>();
  for (const h of hits) {
    const key = `${h.kind}\n${h.path}`;
    const entry = byKindPath.get(key) ?? { kind: h.kind, path: h.path, values: new Set() };
    entry.values.add(h.value);
    byKindPath.set(key, entry);
  }
  const parts = [...byKindPath.values()].map(({ kind, path, values }) => {
    const n = values.size;
    const examples = [...values].slice(0, 3).map(maskSecret).join(', ');
    return `${n} ${n > 1 ? plural(kind) : kind} at ${path} (${examples})`;
  });
  const shown = parts.slice(0, MAX_PATHS_SHOWN);
  const more = parts.length > shown.length ? `; and ${parts.length - shown.length} more` : '';
  return `${shown.join('; ')}${more}`;
}

export default defineCheck({
  meta: {
    id: 'pii-exposure',
    title: 'Responses expose personal data',
    category: 'data-exposure',
    mode: 'passive',
    since: '0.1.0',
    sameAs: ['zap:10062'],
    maxRequests: 0,
    rules: {
      [RULE]: {
        title: 'Response exposes personal data (e-mails, card numbers, IBANs, national ids)',
        severity: 'medium',
        owasp: 'API3',
        cwe: 359,
      },
    },
  },
  async *run(ctx) {
    const groups = new Map<string, Group>();
    const record = (ex: Exchange, hits: PiiHit[]) => {
      if (hits.length === 0) return;
      const pattern = urlPattern(ex.request.url);
      const group = groups.get(pattern) ?? { example: ex, urls: new Set<string>(), hits: [] };
      group.urls.add(ex.request.url);
      group.hits.push(...hits);
      groups.set(pattern, group);
    };
    for (const ex of ctx.exchanges({ kind: 'json', status: '2xx' })) {
      if (ex === ctx.site.notFound) continue;
      record(ex, piiInJson(jsonOf(ex), isSelfUrl(ex.request.url)));
    }
    for (const ex of renderedDocuments(ctx)) record(ex, piiInHtml(ex.response!.body));

    for (const [pattern, group] of groups) {
      const kinds = [...new Set(group.hits.map((h) => h.kind))];
      yield ctx.finding(RULE, group.example, {
        confidence: group.hits.some((h) => h.strong) ? 'firm' : 'tentative',
        url: group.urls.size > 1 ? pattern : group.example.request.url,
        instances: group.urls.size,
        detail: `The response exposes ${kinds.map(plural).join(', ')} (values masked here): ${describe(group.hits)}.`,
      });
    }
  },
});
