import { credentialHeaders } from '../config/credentials.js';
import { urlPattern } from '../discovery/url-pattern.js';
import type { Exchange } from '../types.js';
import { identityValues, isSelfUrl, isWhoAmIUrl, SELF_PATHS, tokenIdentity } from './lib/caller.js';
import { maskCredentials } from './lib/credential-fields.js';
import { normalKey } from './lib/json.js';
import { idOf, type JsonObject, listItems, ownedBy, ownerOf } from './lib/objects.js';
import { pathOf } from './lib/where.js';
import {
  describeChanges,
  is2xx,
  readObject,
  type Served,
  sameValue,
  servedObject,
  updateObject,
} from './lib/writes.js';
import { type CheckContext, defineCheck } from './types.js';

const RULE = 'mass-assignment';
/** Objects of the caller's written to, and "who am I" paths probed when discovery saw none. */
const MAX_TARGETS = 2;
const MAX_SELF_PROBES = 3;
/** Per object: read, write (PATCH, maybe PUT), a retry, read back, the "who am I" read back, restore, verify. */
const MAX_REQUESTS = MAX_SELF_PROBES + 1 + MAX_TARGETS * 10;

type Ctx = CheckContext<typeof RULE>;

/**
 * Properties a caller must not set on their own account or objects, by normalised name, and the value
 * Parapet asks for given the current one (undefined: nothing to ask, e.g. already true).
 */
const PRIVILEGED: Array<{ names: [snake: string, camel: string]; ask: (cur: unknown) => unknown }> = [
  { names: ['is_admin', 'isAdmin'], ask: flagOn },
  { names: ['admin', 'admin'], ask: flagOn },
  {
    names: ['role', 'role'],
    ask: (cur) =>
      cur === undefined || (typeof cur === 'string' && !/admin/i.test(cur)) ? 'admin' : undefined,
  },
  {
    names: ['roles', 'roles'],
    ask: (cur) =>
      cur === undefined
        ? ['admin']
        : Array.isArray(cur) && !cur.includes('admin')
          ? [...cur, 'admin']
          : undefined,
  },
  { names: ['verified', 'verified'], ask: flagOn },
  { names: ['email_verified', 'emailVerified'], ask: flagOn },
  { names: ['balance', 'balance'], ask: more },
  { names: ['credits', 'credits'], ask: more },
  {
    names: ['plan', 'plan'],
    ask: (cur) =>
      cur === undefined || typeof cur === 'string'
        ? cur === 'enterprise'
          ? 'premium'
          : 'enterprise'
        : undefined,
  },
];
/** Ownership fields: only ever set where absent, and only to the caller's own id (nothing is given away). */
const OWNERSHIP: Array<[snake: string, camel: string]> = [
  ['user_id', 'userId'],
  ['owner', 'owner'],
];

function flagOn(cur: unknown): unknown {
  if (cur === undefined || cur === false) return true;
  if (cur === 0) return 1;
  return undefined;
}

function more(cur: unknown): unknown {
  if (cur === undefined) return 10_000;
  return typeof cur === 'number' ? cur + 10_000 : undefined;
}

export default defineCheck({
  meta: {
    id: RULE,
    title: 'Privileged properties can be set through create/update requests',
    category: 'authorization',
    mode: 'active',
    since: '0.1.0',
    maxRequests: MAX_REQUESTS,
    rules: {
      [RULE]: {
        title: 'Mass assignment: the caller can set privileged properties (role, admin, balance…)',
        severity: 'high',
        owasp: 'API3',
        cwe: 915,
      },
    },
  },
  async *run(ctx) {
    if (Object.keys(credentialHeaders(ctx.config.credentials)).length === 0 && !ctx.config.login) {
      ctx.note('mass assignment is only tried on the caller’s own objects, and the scan has no credentials');
      return;
    }
    const me = await whoAmI(ctx);
    const targets = objectsOfCaller(ctx, me);
    if (targets.length === 0) {
      ctx.note('no JSON object of the caller’s own (a profile, an owned record) was found to update');
      return;
    }
    for (const url of targets) {
      const result = await probe(ctx, url, me);
      if (result) yield result;
    }
  },
});

/** The caller's "who am I" object: recorded, or one of a few common paths. */
async function whoAmI(ctx: Ctx): Promise<Served | undefined> {
  for (const ex of ctx.exchanges({ kind: 'json', status: '2xx' })) {
    if (ex.identity !== 'primary' || ex.request.method !== 'GET' || !isWhoAmIUrl(ex.request.url)) continue;
    const got = servedObject(ex);
    if (got && identityValues(got.obj).size > 0) return got;
  }
  const seen = new Set(ctx.exchanges().map((ex) => pathOf(ex.request.url)));
  for (const path of SELF_PATHS.filter((p) => !seen.has(p)).slice(0, MAX_SELF_PROBES)) {
    const got = await readObject(ctx, new URL(path, ctx.site.origin).href, 'primary');
    if (got && identityValues(got.obj).size > 0) return got;
  }
  return undefined;
}

/** URLs of JSON objects that are the caller's: "who am I" and self URLs first, then objects owned by the caller. */
function objectsOfCaller(ctx: Ctx, me: Served | undefined): string[] {
  const caller = new Set([...tokenIdentity(ctx.config.credentials), ...identityValues(me?.obj)]);
  const self: string[] = me ? [me.ex.request.url] : [];
  const owned: string[] = [];
  for (const ex of ctx.exchanges({ kind: 'json', status: '2xx' })) {
    if (ex.identity !== 'primary' || ex.request.method !== 'GET') continue;
    const got = servedObject(ex);
    // A listing is not an object to update.
    if (!got || Object.keys(got.obj).length < 2 || listItems(got.obj).length > 0) continue;
    if (isSelfUrl(ex.request.url)) self.push(ex.request.url);
    else {
      const owner = ownerOf(got.obj);
      if (owner && caller.size > 0 && ownedBy(owner, caller) && idOf(got.obj) !== undefined)
        owned.push(ex.request.url);
    }
  }
  const patterns = new Set<string>();
  return [...self, ...owned]
    .filter((u) => {
      const p = urlPattern(u);
      if (patterns.has(p)) return false;
      patterns.add(p);
      return true;
    })
    .slice(0, MAX_TARGETS);
}

/** What Parapet asks for: privileged properties it may raise, spelled as the object spells its keys. */
function payloadFor(obj: JsonObject, me: Served | undefined): JsonObject {
  const byNorm = new Map(Object.keys(obj).map((k) => [normalKey(k), k]));
  const camel =
    Object.keys(obj).some((k) => /[a-z][A-Z]/.test(k)) && !Object.keys(obj).some((k) => k.includes('_'));
  const out: JsonObject = {};
  for (const { names, ask } of PRIVILEGED) {
    const present = byNorm.get(normalKey(names[0]));
    const value = ask(present === undefined ? undefined : obj[present]);
    if (value !== undefined) out[present ?? (camel ? names[1] : names[0])] = value;
  }
  const myId = me ? me.obj[Object.keys(me.obj).find((k) => normalKey(k) === 'id') ?? ''] : undefined;
  if (typeof myId === 'string' || typeof myId === 'number') {
    for (const names of OWNERSHIP)
      if (!byNorm.has(normalKey(names[0]))) out[camel ? names[1] : names[0]] = myId;
  }
  return out;
}

/** The payload's keys whose value after the write is the one asked for, and was not before. */
function changedKeys(payload: JsonObject, before: JsonObject, after: JsonObject): string[] {
  return Object.keys(payload).filter(
    (k) => k in after && sameValue(after[k], payload[k]) && !(k in before && sameValue(before[k], after[k])),
  );
}

async function probe(ctx: Ctx, url: string, me: Served | undefined) {
  const before = await readObject(ctx, url, 'primary');
  if (!before) return undefined;
  let payload = payloadFor(before.obj, me);
  if (Object.keys(payload).length === 0) return undefined;
  let write = await updateObject(ctx, url, before.obj, payload, 'primary');
  const refusedAsInvalid = (ex: Exchange | undefined) =>
    ex?.response?.status === 400 || ex?.response?.status === 422;
  if (write && refusedAsInvalid(write.ex)) {
    // A strict validator may refuse unknown keys as a whole: ask again for the object's own keys only.
    const own = Object.fromEntries(Object.entries(payload).filter(([k]) => k in before.obj));
    if (Object.keys(own).length === 0) return undefined;
    payload = own;
    write = await updateObject(ctx, url, before.obj, payload, 'primary');
  }
  if (!write || !is2xx(write.ex)) return undefined;

  const after = await readObject(ctx, url, 'primary');
  const changed = after ? changedKeys(payload, before.obj, after.obj) : [];
  const meUrl = me?.ex.request.url;
  let meChanged: string[] = [];
  let meAfter: Served | undefined;
  if (me && meUrl !== url && Object.keys(payload).some((k) => !changed.includes(k))) {
    meAfter = await readObject(ctx, meUrl!, 'primary');
    meChanged = meAfter ? changedKeys(payload, me.obj, meAfter.obj).filter((k) => !changed.includes(k)) : [];
  }
  if (changed.length + meChanged.length === 0) return undefined;

  const back: JsonObject = {};
  for (const k of changed) back[k] = k in before.obj ? before.obj[k] : null;
  for (const k of meChanged) back[k] = k in me!.obj ? me!.obj[k] : null;
  const restored = await restore(ctx, url, write.method, before.obj, back);
  const shown = [
    changed.length > 0
      ? `GET ${pathOf(url)} then showed ${describeChanges(changed, before.obj, after!.obj)}`
      : '',
    meChanged.length > 0
      ? `GET ${pathOf(meUrl!)} then showed ${describeChanges(meChanged, me!.obj, meAfter!.obj)}`
      : '',
  ].filter(Boolean);
  return ctx.finding(RULE, write.ex, {
    confidence: 'confirmed',
    excerpt: JSON.stringify(maskCredentials(payload)),
    detail: `${write.method} ${pathOf(url)} with privileged properties the caller should not control answered ${write.ex.response!.status}, and a fresh ${shown.join('; a fresh ')}. ${restored}`,
  });
}

/** Sends the original values back (the whole object again after a PUT) and reads the object again; says how that went. */
async function restore(
  ctx: Ctx,
  url: string,
  method: 'PATCH' | 'PUT',
  original: JsonObject,
  back: JsonObject,
): Promise<string> {
  const sent = await updateObject(ctx, url, original, method === 'PUT' ? {} : back, 'primary');
  if (!sent || !is2xx(sent.ex))
    return 'Parapet tried to send the original values back, but the server refused: restore them by hand.';
  const now = await readObject(ctx, url, 'primary');
  const kept = Object.keys(back).filter((k) => k in original);
  const ok = now !== undefined && kept.every((k) => sameValue(now.obj[k], original[k]));
  const added = Object.keys(back).filter((k) => back[k] === null);
  return ok
    ? `Parapet sent the original values back afterwards and read them back${added.length > 0 ? ` (properties that did not exist before — ${added.join(', ')} — were set to null)` : ''}.`
    : 'Parapet sent the original values back afterwards, but could not read them back unchanged: check the object by hand.';
}
