import { randomBytes } from 'node:crypto';
import { credentialHeaders } from '../config/credentials.js';
import { type ParamPoint, parameterPoints, withValue } from '../discovery/parameters.js';
import { urlPattern } from '../discovery/url-pattern.js';
import type { Identity } from '../engine/engine.js';
import { statusClass } from '../engine/exchange.js';
import type { Confidence, Exchange } from '../types.js';
import { identityValues, isSelfUrl, isWhoAmIUrl, SELF_PATHS, tokenIdentity } from './lib/caller.js';
import { maskCredentials } from './lib/credential-fields.js';
import { jsonOf } from './lib/json.js';
import {
  idOf,
  type JsonObject,
  listItems,
  type Owner,
  objectOf,
  ownedBy,
  ownerOf,
  sameObject,
  sameShape,
} from './lib/objects.js';
import { pathOf } from './lib/where.js';
import { harmlessField, readObject, updateObject } from './lib/writes.js';
import { type CheckContext, defineCheck } from './types.js';

const RULE = 'bola';
const MAX_REQUESTS = 40;
/** With --active and --auth2: objects the second identity writes to, and requests per object (write, PUT fallback, read back, restore). */
const MAX_WRITES = 3;
const WRITE_REQUESTS = MAX_WRITES * 4;
/** "Who am I" paths probed when discovery saw none. */
const MAX_SELF_PROBES = 3;
/** Objects the second identity asks for. */
const MAX_CROSS_OBJECTS = 6;
/** Objects fetched from listings. */
const MAX_HARVESTED = 4;
/** URL patterns whose neighbouring ids are tried, and the neighbours tried for each. */
const MAX_ADJACENT_PATTERNS = 3;
const NEIGHBOUR_OFFSETS = [1, -1, 2, -2];
/** Collections of people: reading another member's profile is often allowed, so at most tentative. */
const PEOPLE =
  /^(users?|profiles?|members?|people|persons?|accounts?|authors?|customers?|employees?|staff)$/i;

type Ctx = CheckContext<typeof RULE>;

/** A JSON object some identity was served, with where it came from. */
interface Served {
  ex: Exchange;
  obj: JsonObject;
}

function served(ex: Exchange | undefined): Served | undefined {
  if (!ex?.response || statusClass(ex.response.status) !== '2xx') return undefined;
  const obj = objectOf(jsonOf(ex));
  return obj && Object.keys(obj).length >= 2 ? { ex, obj } : undefined;
}

/** The object as evidence, credential fields masked. */
function excerptOf(s: { ex: Exchange; obj?: JsonObject }): string {
  return JSON.stringify(maskCredentials(s.obj ?? objectOf(jsonOf(s.ex))));
}

function collectionOf(url: string): string {
  const segments = new URL(url).pathname.split('/').filter(Boolean);
  const id = segments.findLastIndex((s) => /^(\d+|[0-9a-f-]{36})$/i.test(s));
  return (id > 0 ? segments[id - 1] : segments.at(-1)) ?? '';
}

function ownerText(owner: Owner): string {
  return `${owner.key}: ${[...owner.values].join(' / ')}`;
}

class Probe {
  private spent = 0;
  readonly reported = new Set<string>();
  readonly hasPrimary: boolean;
  readonly hasSecondary: boolean;

  constructor(private readonly ctx: Ctx) {
    this.hasPrimary = Object.keys(credentialHeaders(ctx.config.credentials)).length > 0;
    const second = credentialHeaders(ctx.config.secondCredentials);
    this.hasSecondary =
      Object.keys(second).length > 0 &&
      JSON.stringify(second) !== JSON.stringify(credentialHeaders(ctx.config.credentials));
  }

  get left(): number {
    return MAX_REQUESTS - this.spent;
  }

  /** A GET as `identity`, or undefined when the check's own budget is spent. */
  async get(url: string, identity: Identity = 'primary'): Promise<Exchange | undefined> {
    if (this.spent >= MAX_REQUESTS) return undefined;
    this.spent++;
    return this.ctx.request({ url, identity });
  }

  /** True when an anonymous caller is served the same object: public data, not an authorization flaw. */
  async isPublic(url: string, obj: JsonObject): Promise<boolean> {
    if (!this.hasPrimary) return true;
    const anon = served(await this.get(url, 'anonymous'));
    return anon !== undefined && sameObject(anon.obj, obj);
  }

  claim(url: string): boolean {
    const pattern = urlPattern(url);
    if (this.reported.has(pattern)) return false;
    this.reported.add(pattern);
    return true;
  }
}

/** Who the caller is: a token's claims, a recorded "who am I" answer, or a few probes. */
async function callerOf(
  ctx: Ctx,
  probe: Probe,
  identity: 'primary' | 'secondary',
  hint?: string,
): Promise<{ values: Set<string>; path?: string }> {
  const creds = identity === 'primary' ? ctx.config.credentials : ctx.config.secondCredentials;
  const values = tokenIdentity(creds);
  if (identity === 'primary') {
    for (const ex of ctx.exchanges({ kind: 'json', status: '2xx' })) {
      if (ex.identity !== 'primary' || !isWhoAmIUrl(ex.request.url)) continue;
      const found = identityValues(jsonOf(ex));
      if (found.size === 0) continue;
      for (const v of found) values.add(v);
      return { values, path: new URL(ex.request.url).pathname };
    }
  }
  if (values.size > 0 && !hint) return { values };
  const seen = new Set(ctx.exchanges().map((ex) => new URL(ex.request.url).pathname));
  const paths = hint ? [hint] : SELF_PATHS.filter((p) => !seen.has(p)).slice(0, MAX_SELF_PROBES);
  for (const path of paths) {
    const ex = await probe.get(new URL(path, ctx.site.origin).href, identity);
    const found =
      ex?.response && statusClass(ex.response.status) === '2xx' ? identityValues(jsonOf(ex)) : null;
    if (!found || found.size === 0) continue;
    for (const v of found) values.add(v);
    return { values, path };
  }
  return { values };
}

/** Recorded JSON objects under URLs that carry an id, one per URL pattern. */
function objectUrls(ctx: Ctx): Array<{ point: ParamPoint; obj: Served }> {
  const byUrl = new Map<string, Exchange>();
  for (const ex of ctx.exchanges({ kind: 'json', status: '2xx' }))
    if (ex.request.method === 'GET' && !byUrl.has(ex.request.url)) byUrl.set(ex.request.url, ex);
  const out: Array<{ point: ParamPoint; obj: Served }> = [];
  const patterns = new Set<string>();
  for (const point of parameterPoints(ctx.site, 60)) {
    if (point.location === 'query' && !/(^|_|-)id$|[a-z]Id$/.test(point.name)) continue;
    if (!/^(\d{1,12}|[0-9a-f]{8}-[0-9a-f-]{27})$/i.test(point.value)) continue;
    const obj = served(byUrl.get(point.url));
    const pattern = urlPattern(point.url);
    if (!obj || patterns.has(pattern)) continue;
    patterns.add(pattern);
    out.push({ point, obj });
  }
  return out;
}

export default defineCheck({
  meta: {
    id: 'bola',
    title: 'Objects of other users are served to the caller',
    category: 'authorization',
    mode: 'safe',
    since: '0.1.0',
    maxRequests: MAX_REQUESTS + WRITE_REQUESTS,
    rules: {
      [RULE]: {
        title: 'Broken object level authorization: another caller’s object is served',
        severity: 'high',
        owasp: 'API1',
        cwe: 639,
      },
    },
  },
  async *run(ctx) {
    const probe = new Probe(ctx);
    const objects = objectUrls(ctx);
    const caller = probe.hasPrimary ? await callerOf(ctx, probe, 'primary') : { values: new Set<string>() };
    const knowsCaller = caller.values.size > 0;
    const someoneElse = (owner: Owner | undefined): boolean =>
      owner !== undefined && knowsCaller && !ownedBy(owner, caller.values);

    // 1. A second identity reads the first identity's objects.
    if (probe.hasSecondary && objects.length > 0) {
      const second = caller.path
        ? await callerOf(ctx, probe, 'secondary', caller.path)
        : { values: tokenIdentity(ctx.config.secondCredentials) };
      const sameUser =
        knowsCaller && second.values.size > 0 && [...second.values].every((v) => caller.values.has(v));
      if (sameUser) {
        ctx.note('the two identities name the same user, so objects were not compared across them');
      } else {
        for (const { obj } of objects
          .filter((o) => o.obj.ex.identity === 'primary')
          .slice(0, MAX_CROSS_OBJECTS)) {
          const url = obj.ex.request.url;
          if (probe.left < 2) break;
          const other = served(await probe.get(url, 'secondary'));
          if (!other || !sameObject(obj.obj, other.obj)) continue;
          const owner = ownerOf(obj.obj, true);
          if (owner && second.values.size > 0 && ownedBy(owner, second.values)) continue;
          if (await probe.isPublic(url, obj.obj)) continue;
          if (!probe.claim(url)) continue;
          yield ctx.finding(RULE, other.ex, {
            confidence: 'confirmed',
            excerpt: excerptOf(other),
            detail: `An object the first identity reads was served unchanged to the second identity (--auth2)${owner ? `, though it belongs to ${ownerText(owner)}` : ''}; an anonymous request was refused.`,
          });
        }
        // 1b. With --active, the second identity writes to them (a marker in a harmless field, then restored).
        if (ctx.config.mode === 'active') yield* writes(ctx, probe, objects, second.values);
      }
    }

    // 3. Objects the caller was served that name another owner: recorded ones first, then from listings.
    if (knowsCaller) {
      for (const { obj } of objects) {
        const url = obj.ex.request.url;
        const owner = ownerOf(obj.obj, true);
        if (obj.ex.identity !== 'primary' || !someoneElse(owner) || probe.reported.has(urlPattern(url)))
          continue;
        if (probe.left < 1 || (await probe.isPublic(url, obj.obj)) || !probe.claim(url)) continue;
        yield ctx.finding(RULE, obj.ex, {
          confidence: PEOPLE.test(collectionOf(url)) ? 'tentative' : 'firm',
          excerpt: excerptOf(obj),
          detail: `The caller (${[...caller.values].slice(0, 3).join(' / ')}) was served an object whose ${ownerText(owner!)} names someone else; an anonymous request was refused.`,
        });
      }
      for (const target of harvest(ctx, caller.values)) {
        if (probe.left < 2 || probe.reported.has(urlPattern(target.url))) continue;
        const got = served(await probe.get(target.url));
        if (!got || (target.id !== undefined && idOf(got.obj) !== target.id)) continue;
        const owner = ownerOf(got.obj, true);
        if (!someoneElse(owner) || (await probe.isPublic(target.url, got.obj))) continue;
        if (!probe.claim(target.url)) continue;
        yield ctx.finding(RULE, got.ex, {
          confidence: PEOPLE.test(collectionOf(target.url)) ? 'tentative' : 'firm',
          excerpt: excerptOf(got),
          detail: `An object listed at ${target.listing} was fetched with the caller's credentials (${[...caller.values].slice(0, 3).join(' / ')}); its ${ownerText(owner!)} names someone else, and an anonymous request was refused.`,
        });
      }
    }

    // 2. Neighbouring numeric ids serve other objects of the same shape to the same caller.
    const numeric = objects.filter(
      (o) => /^\d{1,12}$/.test(o.point.value) && !probe.reported.has(urlPattern(o.point.url)),
    );
    for (const { point, obj } of numeric.slice(0, MAX_ADJACENT_PATTERNS)) {
      const verdict = await neighbours(ctx, probe, point, obj, caller.values);
      if (!verdict || !probe.claim(point.url)) continue;
      yield ctx.finding(RULE, verdict.ex, {
        confidence: verdict.confidence,
        excerpt: excerptOf(verdict),
        detail: verdict.detail,
      });
    }
  },
});

/**
 * The second identity updates objects the first identity read: a marker appended to a harmless text field
 * (a title, a note), by PATCH, or PUT of the whole object where PATCH is not a method the endpoint takes.
 * The first identity reads the object back; the marker there proves the write (confirmed). The first
 * identity then writes the original value back. Self URLs (`/api/me`), objects the second identity
 * owns and objects an anonymous caller may read are skipped.
 */
async function* writes(
  ctx: Ctx,
  probe: Probe,
  objects: Array<{ point: ParamPoint; obj: Served }>,
  second: ReadonlySet<string>,
) {
  // objectUrls gives one object per URL pattern.
  const targets = objects
    .filter(
      ({ obj }) => obj.ex.identity === 'primary' && !isSelfUrl(obj.ex.request.url) && harmlessField(obj.obj),
    )
    .slice(0, MAX_WRITES);
  for (const { obj } of targets) {
    const url = obj.ex.request.url;
    const owner = ownerOf(obj.obj, true);
    if (owner && second.size > 0 && ownedBy(owner, second)) continue;
    // Objects anyone may read (a catalogue) are not one caller's: who may edit them is another question.
    if (probe.left < 1 || (await probe.isPublic(url, obj.obj))) continue;
    const field = harmlessField(obj.obj)!;
    const original = obj.obj[field] as string;
    const marked = `${original} [parapet-${randomBytes(3).toString('hex')}]`;
    const write = await updateObject(ctx, url, obj.obj, { [field]: marked }, 'secondary');
    if (!write?.ex.response || write.ex.response.status < 200 || write.ex.response.status > 299) continue;
    const back = await readObject(ctx, url, 'primary');
    if (back?.obj[field] !== marked) continue;
    const restored = await updateObject(ctx, url, obj.obj, { [field]: original }, 'primary');
    const restoredOk = restored?.ex.response && restored.ex.response.status < 300;
    yield ctx.finding(RULE, write.ex, {
      confidence: 'confirmed',
      subject: 'write',
      excerpt: JSON.stringify({ [field]: marked }),
      detail: `The second identity (--auth2) sent ${write.method} ${pathOf(url)} with \`${field}\` changed on an object the first identity reads, and got ${write.ex.response.status}; the first identity then read the object back with the change applied. ${restoredOk ? `Parapet wrote the original \`${field}\` back with the first identity's credentials.` : `Writing the original \`${field}\` back failed: restore it by hand.`}`,
    });
  }
}

interface Verdict {
  ex: Exchange;
  confidence: Confidence;
  detail: string;
}

/**
 * Tries ids next to the recorded one. Another object of the same shape is a finding: firm when its
 * owner field names someone else (than the caller, or than the recorded object's owner when the
 * caller is unknown), tentative when it has no owner field but the scan is authenticated. An object
 * an anonymous caller gets too is public and ends the test.
 */
async function neighbours(
  ctx: Ctx,
  probe: Probe,
  point: ParamPoint,
  original: Served,
  caller: ReadonlySet<string>,
): Promise<Verdict | undefined> {
  const recorded = new Map(ctx.exchanges().map((ex) => [ex.request.url, ex]));
  const value = Number(point.value);
  const originalOwner = ownerOf(original.obj);
  let unowned: Served | undefined;
  for (const offset of NEIGHBOUR_OFFSETS) {
    const id = value + offset;
    if (id < 0 || probe.left < 2) continue;
    const url = withValue(point, String(id));
    const got = served(recorded.get(url) ?? (await probe.get(url)));
    if (!got || !sameShape(original.obj, got.obj) || sameObject(original.obj, got.obj)) continue;
    const gotId = idOf(got.obj);
    if (gotId !== undefined && gotId !== String(id)) continue;
    const owner = ownerOf(got.obj);
    if (!owner) {
      unowned ??= got;
      continue;
    }
    const other =
      caller.size > 0
        ? !ownedBy(owner, caller)
        : originalOwner !== undefined && !ownedBy(owner, originalOwner.values);
    if (!other) continue;
    if (await probe.isPublic(url, got.obj)) {
      // Anonymous callers get it too: public data. Unauthenticated scans land here as well.
      if (probe.hasPrimary) return undefined;
      return {
        ex: got.ex,
        confidence: 'tentative',
        detail: `Without credentials, id ${id} next to the recorded ${point.value} serves an object of the same shape whose ${ownerText(owner)} differs from the recorded object's: the objects are readable by anyone who counts ids.`,
      };
    }
    const people = PEOPLE.test(collectionOf(url));
    return {
      ex: got.ex,
      confidence: people ? 'tentative' : 'firm',
      detail: `Id ${id}, next to the recorded ${point.value}, serves the same caller another object of the same shape whose ${ownerText(owner)} names someone else; an anonymous request was refused.`,
    };
  }
  if (unowned && probe.hasPrimary && probe.left >= 1) {
    const url = unowned.ex.request.url;
    if (await probe.isPublic(url, unowned.obj)) return undefined;
    return {
      ex: unowned.ex,
      confidence: 'tentative',
      detail: `Id ${idOf(unowned.obj) ?? url}, next to the recorded ${point.value}, serves the authenticated caller another object of the same shape (no owner field to say whose); an anonymous request was refused.`,
    };
  }
  return undefined;
}

/** Object URLs from listings, items naming another owner first: `url`/`href`/`self` fields or `<listing>/<id>`. */
function harvest(
  ctx: Ctx,
  caller: ReadonlySet<string>,
): Array<{ url: string; id: string | undefined; listing: string }> {
  const recorded = new Set(ctx.exchanges().map((ex) => ex.request.url));
  const out: Array<{ url: string; id: string | undefined; listing: string; rank: number }> = [];
  for (const ex of ctx.exchanges({ kind: 'json', status: '2xx' })) {
    if (ex.identity !== 'primary' || ex.request.method !== 'GET') continue;
    const items = listItems(jsonOf(ex));
    const listing = new URL(ex.request.url);
    listing.search = '';
    for (const item of items.slice(0, 50)) {
      const id = idOf(item);
      const link = ['url', 'href', 'self', 'link'].map((k) => item[k]).find((v) => typeof v === 'string') as
        | string
        | undefined;
      let url: string | undefined;
      try {
        if (link) url = new URL(link, ex.request.url).href;
        else if (id !== undefined && /^[\w-]{1,64}$/.test(id))
          url = `${listing.origin}${listing.pathname.replace(/\/$/, '')}/${encodeURIComponent(id)}`;
      } catch {
        url = undefined;
      }
      if (!url || new URL(url).origin !== ctx.site.origin || recorded.has(url)) continue;
      const owner = ownerOf(item, true);
      if (owner && ownedBy(owner, caller)) continue;
      out.push({ url, id, listing: ex.request.url, rank: owner ? 0 : 1 });
    }
  }
  const seen = new Set<string>();
  return out
    .sort((a, b) => a.rank - b.rank)
    .filter((t) => {
      const pattern = urlPattern(t.url);
      if (seen.has(pattern)) return false;
      seen.add(pattern);
      return true;
    })
    .slice(0, MAX_HARVESTED)
    .map(({ url, id, listing }) => ({ url, id, listing }));
}
