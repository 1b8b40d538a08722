import { credentialHeaders } from '../config/credentials.js';
import { isSoft404 } from '../discovery/crawl.js';
import { describeSecurity, operationFor } from '../discovery/openapi/lookup.js';
import { urlPattern } from '../discovery/url-pattern.js';
import type { Confidence, Exchange } from '../types.js';
import { dataKind, sensitiveFields, similarity } from './lib/api-data.js';
import { demandsCredentials, publicByDesign, refusal, siblingGroup } from './lib/auth-signals.js';
import { type CheckContext, defineCheck, type RawFinding } from './types.js';

const RULE = 'auth-missing';
/** Authenticated data answers asked for again without credentials. */
const MAX_COMPARED = 10;
/** An anonymous answer this alike to the authenticated one serves the same data. */
const SAME_DATA = 0.8;

type Ctx = CheckContext<typeof RULE>;

export default defineCheck({
  meta: {
    id: RULE,
    title: 'Data served without the credentials the rest of the API demands',
    category: 'authentication',
    mode: 'safe',
    since: '0.1.0',
    maxRequests: MAX_COMPARED,
    rules: {
      [RULE]: {
        title: 'An endpoint serves data without authentication',
        severity: 'critical',
        owasp: 'API2',
        cwe: 306,
      },
    },
  },
  async *run(ctx) {
    const withCredentials = Object.keys(credentialHeaders(ctx.config.credentials)).length > 0;
    yield* withCredentials ? compareAnonymous(ctx) : fromDiscovery(ctx);
  },
});

/** What the API description says about the operation a URL falls under: secured, public, or nothing known. */
function specSecurity(ctx: Ctx, method: string, url: string): 'secured' | 'public' | undefined {
  const op = operationFor(ctx.site.api, method, url);
  if (op?.auth === 'required') return 'secured';
  if (op?.auth === 'public') return 'public';
  return undefined;
}

/** The requirement quoted in evidence: `GET /users/{id} requires bearerAuth (http bearer)`. */
function specRequirement(ctx: Ctx, method: string, url: string): string {
  const op = operationFor(ctx.site.api, method, url);
  return op ? `${op.key} requires ${describeSecurity(op.security)}` : 'it requires credentials';
}

/**
 * Anonymous answers that refused the caller for want of credentials, by sibling group. (A 403 to the
 * scan's own credentials is about roles, not a sign that the group needs authentication.)
 */
function refusals(list: readonly Exchange[]): Map<string, Exchange[]> {
  const out = new Map<string, Exchange[]>();
  for (const ex of list) {
    if (ex.identity !== 'anonymous' || ex.request.method !== 'GET' || !demandsCredentials(ex.response))
      continue;
    const group = siblingGroup(ex.request.url);
    out.set(group, [...(out.get(group) ?? []), ex]);
  }
  return out;
}

/** GET answers with data, one per URL pattern, that are not public on purpose. */
function dataAnswers(ctx: Ctx, identity: string): Exchange[] {
  const patterns = new Set<string>();
  const list = ctx.exchanges({ status: '2xx' }).filter((ex) => {
    if (ex.identity !== identity || ex.request.method !== 'GET' || ex === ctx.site.notFound) return false;
    if (!dataKind(ex.response) || isSoft404(ex, ctx.site.notFound)) return false;
    if (publicByDesign(ex) !== undefined || specSecurity(ctx, 'GET', ex.request.url) === 'public')
      return false;
    const p = urlPattern(ex.request.url);
    if (patterns.has(p)) return false;
    patterns.add(p);
    return true;
  });
  // Sensitive answers first: the ones that matter most when the budget runs short.
  return list.sort((a, b) => sensitiveFields(b.response).length - sensitiveFields(a.response).length);
}

/** Without credentials: discovery's own answers, data next to siblings that refused it. */
function* fromDiscovery(ctx: Ctx): Generator<RawFinding> {
  const refused = refusals(ctx.exchanges());
  for (const ex of dataAnswers(ctx, 'anonymous')) {
    const siblings = refused.get(siblingGroup(ex.request.url)) ?? [];
    const secured = specSecurity(ctx, 'GET', ex.request.url) === 'secured';
    if (siblings.length === 0 && !secured) continue;
    const sensitive = sensitiveFields(ex.response);
    const confidence: Confidence = secured ? 'confirmed' : sensitive.length > 0 ? 'firm' : 'tentative';
    yield finding(
      ctx,
      ex,
      confidence,
      sensitive,
      `answered ${ex.response!.status} with data to a caller without credentials`,
      siblings,
      secured,
    );
  }
}

/** With credentials: the authenticated data answers asked for again anonymously. */
async function* compareAnonymous(ctx: Ctx): AsyncGenerator<RawFinding> {
  const refused = refusals(ctx.exchanges());
  const open: Array<{ authed: Exchange; anon: Exchange; alike: number }> = [];
  for (const authed of dataAnswers(ctx, 'primary').slice(0, MAX_COMPARED)) {
    const anon = await ctx.request({ url: authed.request.url, identity: 'anonymous' });
    const res = anon.response;
    if (demandsCredentials(res)) {
      const group = siblingGroup(anon.request.url);
      refused.set(group, [...(refused.get(group) ?? []), anon]);
      continue;
    }
    if (!res || !dataKind(res)) continue;
    const alike = similarity(res, authed.response!);
    if (alike >= SAME_DATA) open.push({ authed, anon, alike });
  }
  for (const { anon, alike } of open) {
    const siblings = refused.get(siblingGroup(anon.request.url)) ?? [];
    const secured = specSecurity(ctx, 'GET', anon.request.url) === 'secured';
    if (siblings.length === 0 && !secured) continue;
    const sensitive = sensitiveFields(anon.response);
    const how = `answered ${anon.response!.status} without credentials with the same data as with the scan's credentials (${Math.round(alike * 100)}% alike)`;
    yield finding(ctx, anon, secured ? 'confirmed' : 'firm', sensitive, how, siblings, secured);
  }
}

function finding(
  ctx: Ctx,
  ex: Exchange,
  confidence: Confidence,
  sensitive: readonly string[],
  how: string,
  siblings: readonly Exchange[],
  secured: boolean,
): RawFinding {
  const example = siblings[0];
  const why = secured
    ? `The API description (${ctx.site.api?.source ?? 'OpenAPI'}) says ${specRequirement(ctx, 'GET', ex.request.url)}.`
    : `${siblings.length} sibling endpoint${siblings.length > 1 ? 's' : ''} under ${new URL(siblingGroup(ex.request.url)).pathname} refuse${siblings.length > 1 ? '' : 's'} anonymous callers (${new URL(example!.request.url).pathname}: ${refusal(example!.response!)}).`;
  const fields = sensitive.length > 0 ? ` It carries sensitive fields: ${sensitive.join(', ')}.` : '';
  return ctx.finding(RULE, ex, {
    confidence,
    severity: sensitive.length > 0 ? 'critical' : 'high',
    detail: `GET ${new URL(ex.request.url).pathname} ${how}. ${why}${fields}`,
    excerpt: ex.response!.body,
  });
}
