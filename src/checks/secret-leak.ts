import { secretValues } from '../config/credentials.js';
import { maskTokens } from '../config/mask.js';
import { contentKind } from '../engine/exchange.js';
import type { Exchange } from '../types.js';
import { requestCarries } from './lib/echo.js';
import { findSecrets, type SecretHit } from './lib/secrets.js';
import { headerName } from './lib/where.js';
import { defineCheck } from './types.js';

const CONFIDENCE_RANK = { confirmed: 3, firm: 2, tentative: 1 } as const;
const SEVERITY_RANK = { critical: 5, high: 4, medium: 3, low: 2, info: 1 } as const;
const EXCERPT_BEFORE = 60;

interface Sighting {
  hit: SecretHit;
  /** `the response body` or `the X-Name header`. */
  where: string;
}

export default defineCheck({
  meta: {
    id: 'secret-leak',
    title: 'Credentials exposed in responses or scripts',
    category: 'data-exposure',
    mode: 'passive',
    since: '0.1.0',
    sameAs: ['zap:10054'],
    maxRequests: 0,
    rules: {
      'secret-leak': {
        title: 'A credential is exposed to anyone who loads the response',
        severity: 'high',
        owasp: 'API3',
        cwe: 798,
      },
    },
  },
  async *run(ctx) {
    // What the user gave Parapet and comes back is credential-reflected's business, not a leak.
    const own = secretValues(ctx.config.credentials);
    const perExchange: Array<[Exchange, Sighting[]]> = [];
    const count = new Map<string, number>();
    for (const ex of ctx.exchanges()) {
      const sightings = sightingsIn(ex).filter(
        ({ hit }) => !isOwn(hit.value, own) && !requestCarries(ex, hit.value),
      );
      if (sightings.length === 0) continue;
      perExchange.push([ex, sightings]);
      for (const v of new Set(sightings.map((s) => s.hit.value))) count.set(v, (count.get(v) ?? 0) + 1);
    }

    // Each credential is reported once, where it was first seen.
    const reported = new Set<string>();
    for (const [ex, sightings] of perExchange) {
      const fresh = sightings.filter(({ hit }) => !reported.has(hit.value));
      if (fresh.length === 0) continue;
      for (const { hit } of fresh) reported.add(hit.value);
      fresh.sort(
        (a, b) =>
          CONFIDENCE_RANK[b.hit.confidence] - CONFIDENCE_RANK[a.hit.confidence] ||
          SEVERITY_RANK[b.hit.severity] - SEVERITY_RANK[a.hit.severity],
      );
      const lead = fresh[0]!;
      const elsewhere = Math.max(...fresh.map(({ hit }) => count.get(hit.value)! - 1));
      const inBody = fresh.find((s) => s.where === 'the response body');
      yield ctx.finding('secret-leak', ex, {
        confidence: lead.hit.confidence,
        severity: lead.hit.severity,
        detail: describe(fresh, elsewhere),
        ...(inBody ? { excerpt: excerpt(ex.response!.body, inBody.hit) } : {}),
      });
    }
  },
});

function sightingsIn(ex: Exchange): Sighting[] {
  const res = ex.response!;
  const kind = contentKind(res);
  if (kind === 'image') return [];
  const client = kind === 'document' || kind === 'script';
  const anonymous = ex.identity === 'anonymous';
  const out: Sighting[] = [];
  const seen = new Set<string>();
  const add = (hits: SecretHit[], where: string) => {
    for (const hit of hits) {
      if (seen.has(hit.value)) continue;
      seen.add(hit.value);
      out.push({ hit, where });
    }
  };
  add(findSecrets(res.body, { client, assignments: client, anonymous }), 'the response body');
  for (const [name, values] of Object.entries(res.headers)) {
    for (const v of values) {
      add(findSecrets(v, { client: false, assignments: false, anonymous }), `the ${headerName(name)} header`);
    }
  }
  return out;
}

function describe(sightings: Sighting[], elsewhere: number): string {
  const parts = sightings.map(({ hit, where }) => {
    const note = hit.note ? ` (${hit.note})` : '';
    return `${hit.name} \`${hit.shown}\` in ${where}${note}`;
  });
  const [first, ...rest] = parts;
  let text = `Found a ${first}.`;
  if (rest.length > 0) text += ` Also: ${rest.join('; ')}.`;
  if (elsewhere > 0)
    text += ` The same credential is in ${elsewhere} other response${elsewhere === 1 ? '' : 's'}.`;
  return text;
}

/** The text just before the credential, then the credential masked. */
function excerpt(body: string, hit: SecretHit): string {
  const before = body.slice(Math.max(0, hit.index - EXCERPT_BEFORE), hit.index);
  return `…${maskTokens(before)}${hit.shown}`;
}

function isOwn(value: string, own: readonly string[]): boolean {
  return own.some((s) => s === value || (s.length >= 8 && (value.includes(s) || s.includes(value))));
}
