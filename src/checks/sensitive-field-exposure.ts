import { maskSecret } from '../config/mask.js';
import { operationFor } from '../discovery/openapi/lookup.js';
import type { ApiOperation } from '../discovery/openapi/types.js';
import { urlPattern } from '../discovery/url-pattern.js';
import type { Exchange } from '../types.js';
import { isSelfUrl } from './lib/caller.js';
import { type CredentialField, type CredentialKind, credentialField } from './lib/credential-fields.js';
import { isDescriptive, isSpecDocument, type JsonLeaf, jsonLeaves, jsonOf } from './lib/json.js';
import { defineCheck } from './types.js';

const RULE = 'sensitive-field-exposure';
/** Paths quoted in one finding's detail; the rest are counted. */
const MAX_PATHS_SHOWN = 6;
/** How deep the API description's response fields are read (see schemaFields); deeper is not judged. */
const SPEC_FIELD_DEPTH = 4;
/** A response schema listing this many fields may have been cut short: not judged either. */
const SPEC_MAX_FIELDS = 200;

interface FieldHit {
  path: string;
  kind: CredentialKind;
  strong: boolean;
  /** Distinct values seen (masked ones are kept for the evidence). */
  values: Set<string>;
  /** The documented operation whose response schema does not declare this field, when one does not. */
  undeclaredIn?: string;
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

/** The response fields the description declares for this status (`200`, then `2XX`, then `default`). */
function declaredFields(op: ApiOperation, status: number): string[] | undefined {
  const byStatus = (want: string) => op.responses.find((r) => r.status.toUpperCase() === want);
  const res = byStatus(String(status)) ?? byStatus(`${String(status)[0]}XX`) ?? byStatus('DEFAULT');
  if (!res || res.fields.length === 0 || res.fields.length >= SPEC_MAX_FIELDS) return undefined;
  return res.fields;
}

/** `$.users[*].password_hash` as the description writes its fields: `users[].password_hash`. */
function specPath(leafPath: string): string {
  return leafPath
    .replace(/^\$/, '')
    .replace(/\[\*\]/g, '[]')
    .replace(/\[("(?:[^"\\]|\\.)*")\]/g, (_, key: string) => `.${JSON.parse(key) as string}`)
    .replace(/^\./, '');
}

/**
 * Whether a response field is outside what the description declares. Fields under a declared object
 * with no declared properties (free-form), and fields deeper than the description is read, count as declared.
 */
function undeclared(declared: readonly string[], leafPath: string): boolean {
  const path = specPath(leafPath);
  if (declared.includes(path)) return false;
  const names = path.split('.').filter((s) => s.replace(/\[\]/g, '') !== '');
  if (names.length > SPEC_FIELD_DEPTH) return false;
  for (const [i, c] of [...path].entries()) {
    if (c !== '.' && c !== '[') continue;
    const parent = path.slice(0, i);
    const freeForm =
      declared.includes(parent) &&
      !declared.some((f) => f.startsWith(`${parent}.`) || f.startsWith(`${parent}[`));
    if (freeForm) return false;
  }
  return true;
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
      const op = operationFor(ctx.site.api, ex.request.method, ex.request.url);
      const declared = op && declaredFields(op, ex.response!.status);
      if (op && declared) {
        for (const hit of hits) if (undeclared(declared, hit.path)) hit.undeclaredIn = op.key;
      }
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
          known.undeclaredIn ??= hit.undeclaredIn;
        }
      }
    }
    for (const [pattern, group] of groups) {
      const hits = [...group.fields.values()].sort((a, b) => Number(b.strong) - Number(a.strong));
      const shown = hits.slice(0, MAX_PATHS_SHOWN).map(describe);
      const more = hits.length > shown.length ? `, and ${hits.length - shown.length} more` : '';
      const kinds = [...new Set(hits.map((h) => KIND_NAMES[h.kind]))].join(', ');
      const extra = hits.filter((h) => h.undeclaredIn);
      // A field the description leaves out is a second, independent sign that it should not be served.
      const spec =
        extra.length > 0
          ? ` ${extra.length === 1 ? 'This field is' : 'These fields are'} not in the API description (${ctx.site.api?.source ?? 'OpenAPI'}), whose response schema for ${extra[0]!.undeclaredIn} does not declare ${extra.map((h) => h.path).join(', ')}: the server sends more than the API promises.`
          : '';
      yield ctx.finding(RULE, group.example, {
        confidence: hits.some((h) => h.strong) || extra.length > 0 ? 'firm' : 'tentative',
        url: group.urls.size > 1 ? pattern : group.example.request.url,
        instances: group.urls.size,
        detail: `The response carries ${kinds} fields (values masked here): ${shown.join('; ')}${more}.${spec}`,
      });
    }
  },
});
