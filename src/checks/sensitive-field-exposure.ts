import { maskSecret } from '../config/mask.js';
import { urlPattern } from '../discovery/url-pattern.js';
import type { Exchange } from '../types.js';
import { isSelfUrl } from './lib/caller.js';
import { type CredentialField, type CredentialKind, credentialField } from './lib/credential-fields.js';
import { isDescriptive, isSpecDocument, type JsonLeaf, jsonLeaves, jsonOf } from './lib/json.js';
import { defineCheck } from './types.js';

const RULE = 'sensitive-field-exposure';
/** Paths quoted in one finding's detail; the rest are counted. */
const MAX_PATHS_SHOWN = 6;

interface FieldHit {
  path: string;
  kind: CredentialKind;
  strong: boolean;
  /** Distinct values seen (masked ones are kept for the evidence). */
  values: Set<string>;
}

interface Group {
  example: Exchange;
  urls: Set<string>;
  fields: Map<string, FieldHit>;
}

/**
 * The credential fields of one JSON response that count as exposed (see credentialField). On the
 * caller's own URLs (`/me`, `/account`) a listing of tokens is the caller's own too.
 */
export function exposedFields(doc: unknown, self: boolean): FieldHit[] {
  if (doc === undefined || isSpecDocument(doc)) return [];
  const byPath = new Map<string, { field: CredentialField; leaves: JsonLeaf[] }>();
  for (const leaf of jsonLeaves(doc)) {
    if (isDescriptive(leaf)) continue;
    const field = credentialField(leaf);
    if (!field) continue;
    const entry = byPath.get(leaf.path);
    if (entry) {
      entry.leaves.push(leaf);
      if (field.strong) entry.field = field;
    } else byPath.set(leaf.path, { field, leaves: [leaf] });
  }
  const out: FieldHit[] = [];
  for (const [path, { field, leaves }] of byPath) {
    const values = new Set(leaves.map((l) => String(l.value).trim()));
    // A caller's own token is expected; several different ones in a listing belong to others.
    if (field.listingOnly && (self || !leaves[0]!.inArray || values.size < 2)) continue;
    out.push({ path, kind: field.kind, strong: field.strong, values });
  }
  return out;
}

const KIND_NAMES: Record<CredentialKind, string> = {
  password: 'password',
  hash: 'password hash',
  secret: 'secret',
  token: 'token',
};

function describe(hit: FieldHit): string {
  const example = maskSecret([...hit.values][0]!);
  const count = hit.values.size > 1 ? `, ${hit.values.size} distinct values` : '';
  return `${hit.path} (${KIND_NAMES[hit.kind]}: ${example}${count})`;
}

export default defineCheck({
  meta: {
    id: 'sensitive-field-exposure',
    title: 'Responses carry credential fields',
    category: 'data-exposure',
    mode: 'passive',
    since: '0.1.0',
    maxRequests: 0,
    rules: {
      [RULE]: {
        title: 'Response exposes passwords, hashes or other users’ credentials',
        severity: 'high',
        owasp: 'API3',
        cwe: 213,
      },
    },
  },
  async *run(ctx) {
    const groups = new Map<string, Group>();
    for (const ex of ctx.exchanges({ kind: 'json', status: '2xx' })) {
      if (ex === ctx.site.notFound) continue;
      const hits = exposedFields(jsonOf(ex), isSelfUrl(ex.request.url));
      if (hits.length === 0) continue;
      const pattern = urlPattern(ex.request.url);
      let group = groups.get(pattern);
      if (!group) {
        group = { example: ex, urls: new Set(), fields: new Map() };
        groups.set(pattern, group);
      }
      group.urls.add(ex.request.url);
      for (const hit of hits) {
        const known = group.fields.get(hit.path);
        if (!known) group.fields.set(hit.path, hit);
        else {
          for (const v of hit.values) known.values.add(v);
          known.strong ||= hit.strong;
        }
      }
    }
    for (const [pattern, group] of groups) {
      const hits = [...group.fields.values()].sort((a, b) => Number(b.strong) - Number(a.strong));
      const shown = hits.slice(0, MAX_PATHS_SHOWN).map(describe);
      const more = hits.length > shown.length ? `, and ${hits.length - shown.length} more` : '';
      const kinds = [...new Set(hits.map((h) => KIND_NAMES[h.kind]))].join(', ');
      yield ctx.finding(RULE, group.example, {
        confidence: hits.some((h) => h.strong) ? 'firm' : 'tentative',
        url: group.urls.size > 1 ? pattern : group.example.request.url,
        instances: group.urls.size,
        detail: `The response carries ${kinds} fields (values masked here): ${shown.join('; ')}${more}.`,
      });
    }
  },
});
