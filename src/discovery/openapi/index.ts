/**
 * OpenAPI-driven discovery: read the spec the user named (or find a published one), turn every
 * operation into a request plan, send the ones the mode allows, and put all of it on `site.api`.
 */
import type { Engine } from '../../engine/engine.js';
import { contentKind } from '../../engine/exchange.js';
import { isParapetError } from '../../errors.js';
import type { Exchange } from '../../types.js';
import { isSoft404, SESSION_ENDING } from '../crawl.js';
import type { Site } from '../site.js';
import { WELL_KNOWN_PATHS } from '../well-known.js';
import { type LoadedSpec, loadSpec, type SpecFetcher } from './load.js';
import { crawledSpecs, looksLikeSpec, specCandidates } from './locate.js';
import { readModel, type SpecModel, type SpecOperation } from './model.js';
import { planRequest } from './plan.js';
import { type BaseChoice, chooseBase, openApiServers, serverUrls } from './servers.js';
import type { ApiDescription, ApiOperation, OperationsCoverage } from './types.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SPEC_ACCEPT = 'application/json, application/yaml;q=0.9, text/yaml;q=0.9, */*;q=0.5';
/** At most this many operations are named per skip reason in the report. */
const EXAMPLES_PER_REASON = 5;
const MAX_UNDOCUMENTED_LISTED = 8;

export interface GivenSpec {
  loaded: LoadedSpec;
  model: SpecModel;
  base: BaseChoice;
  origin: 'file' | 'url' | 'discovered';
}

/** Reads `config.spec` when it is of the `kind` asked for (undefined otherwise), before the crawl. */
export async function loadGivenSpec(engine: Engine, kind: 'file' | 'url'): Promise<GivenSpec | undefined> {
  const source = engine.config.spec;
  if (source === undefined || /^https?:\/\//i.test(source) !== (kind === 'url')) return undefined;
  const loaded = await loadSpec(source, { fetch: specFetcher(engine), inScope: (u) => engine.inScope(u) });
  const model = readModel(loaded.document, loaded.version, loaded.source);
  const target = new URL(engine.config.target);
  // A --server that names none of the servers stops the scan here, before the crawl.
  const base = chooseBase(serverUrls(loaded.document, loaded.version, target), target, engine.config.server);
  return { loaded, model, base, origin: kind };
}

/**
 * After the crawl: without a given spec, look for a published one; then plan and send the
 * operations (their responses join `site.exchanges`), add inventory notes, and set `site.api`.
 */
export async function describeApi(
  engine: Engine,
  site: Site,
  given: GivenSpec | undefined,
  notes: string[],
  onPage: (url: string) => void = () => {},
): Promise<OperationsCoverage | undefined> {
  const target = new URL(engine.config.target);
  const crawled = [...site.exchanges];
  const spec = given ?? (await locateSpec(engine, site, notes));
  if (!spec) return undefined;
  const { loaded, model, base } = spec;
  if (base.otherOrigin) {
    notes.push(
      `The spec's servers name ${base.otherOrigin}; Parapet sent the operations to the scan target ${target.origin}${base.baseUrl.slice(target.origin.length) ? ` (base path ${base.baseUrl.slice(target.origin.length)})` : ''} instead.`,
    );
  }
  const operations = model.operations.map((op) => toOperation(op, base.baseUrl, target));
  const api: ApiDescription = {
    source: loaded.source,
    origin: spec.origin,
    ...(loaded.exchange ? { exchange: loaded.exchange } : {}),
    version: loaded.version,
    title: model.title,
    baseUrl: base.baseUrl,
    servers: base.servers,
    securitySchemes: model.securitySchemes,
    operations,
  };
  site.api = api;

  await runOperations(engine, site, operations, onPage);
  await inventoryNotes(engine, site, api, model, crawled, spec.origin === 'file', notes);
  return coverage(api);
}

function toOperation(op: SpecOperation, baseUrl: string, target: URL): ApiOperation {
  const { servers, ...rest } = op;
  const opBase = servers ? chooseBase(openApiServers(servers, target), target).baseUrl : baseUrl;
  const plan = planRequest(op, opBase);
  return {
    ...rest,
    url: `${opBase}${op.pathTemplate}`,
    ...('unplannable' in plan ? { unplannable: plan.unplannable } : { request: plan }),
  };
}

/** Why an operation is not sent in this scan, or undefined when it is. */
function skipReason(op: ApiOperation, active: boolean): string | undefined {
  if (op.unplannable) return op.unplannable;
  // TODO(issue 7): `--allow-destructive` is the explicit opt-in that will let DELETE operations run.
  if (op.method === 'DELETE') return 'DELETE is never sent without an explicit opt-in';
  if (!SAFE_METHODS.has(op.method) && !active) return 'needs --active';
  if (SESSION_ENDING.test(op.pathTemplate)) return 'would end the session (log out)';
  return undefined;
}

async function runOperations(
  engine: Engine,
  site: Site,
  operations: ApiOperation[],
  onPage: (url: string) => void,
): Promise<void> {
  const active = engine.config.mode === 'active';
  // The operations may spend half of what the crawl left, so that checks keep room.
  let room = Math.max(0, Math.floor(engine.remainingBudget / 2));
  const runnable: ApiOperation[] = [];
  for (const op of operations) {
    const reason = skipReason(op, active);
    if (reason) op.skipped = reason;
    else runnable.push(op);
  }
  // Reads first: in active mode a write may change what later reads see.
  runnable.sort((a, b) => Number(!SAFE_METHODS.has(a.method)) - Number(!SAFE_METHODS.has(b.method)));

  let stopped: string | undefined;
  const send = async (request: NonNullable<ApiOperation['request']>) => {
    if (stopped) return undefined;
    if (room <= 0) {
      stopped = "the scan's request budget";
      return undefined;
    }
    room--;
    try {
      const ex = await engine.send({ ...request, initiator: 'discovery' });
      if (ex.response) {
        site.exchanges.push(ex);
        onPage(ex.request.url);
      }
      return ex;
    } catch (err) {
      if (isParapetError(err, 'PARAPET_ABORTED')) stopped = 'the scan was interrupted';
      else if (isParapetError(err, 'PARAPET_BUDGET')) stopped = err.message;
      else throw err;
      return undefined;
    }
  };
  const runOne = async (op: ApiOperation) => {
    let ex = await send(op.request!);
    // A 404 for an example id says little: one more value of the same kind (another id).
    if (ex?.response?.status === 404 && op.parameters.some((p) => p.in === 'path')) {
      const other = planRequest(op, op.url.slice(0, op.url.length - op.pathTemplate.length), 1);
      if (!('unplannable' in other) && other.url !== op.request!.url) {
        const retry = await send(other);
        if (retry?.response && retry.response.status !== 404) ex = retry;
      }
    }
    if (ex) op.exchange = ex;
    else op.skipped = stopped ?? "the scan's request budget";
  };
  const width = Math.max(1, engine.config.concurrency);
  for (let i = 0; i < runnable.length; i += width) {
    await Promise.all(runnable.slice(i, i + width).map(runOne));
  }
}

function specFetcher(engine: Engine, identity: 'primary' | 'anonymous' = 'primary'): SpecFetcher {
  return async (url) => {
    if (!engine.inScope(url)) {
      return { problem: `${new URL(url).origin} is outside the scan's scope (add it with --scope)` };
    }
    let ex: Exchange;
    try {
      ex = await engine.send({
        url,
        initiator: 'discovery',
        identity,
        followRedirects: true,
        headers: { accept: SPEC_ACCEPT },
      });
    } catch (err) {
      if (isParapetError(err)) return { problem: err.message };
      throw err;
    }
    const res = ex.response;
    if (!res) return { problem: ex.error?.message ?? 'no response', exchange: ex };
    if (res.status < 200 || res.status >= 300) return { problem: `answered ${res.status}`, exchange: ex };
    if (res.truncated) return { problem: 'is larger than the body cap (raise --max-body)', exchange: ex };
    return { text: res.body, exchange: ex };
  };
}

/** A published spec: one the crawl already fetched, else the usual places (bounded), first one wins. */
async function locateSpec(engine: Engine, site: Site, notes: string[]): Promise<GivenSpec | undefined> {
  const fetcher = specFetcher(engine);
  const seen = crawledSpecs(site.exchanges)[0];
  const candidates = seen
    ? [seen.request.url]
    : specCandidates(site.exchanges, new URL(engine.config.target));
  for (const url of candidates) {
    let text: string | undefined;
    let exchange: Exchange | undefined;
    if (seen && url === seen.request.url) {
      text = seen.response!.body;
      exchange = seen;
    } else {
      if (engine.remainingBudget <= 0) return undefined;
      const got = await fetcher(url);
      if (got.text === undefined || !looksLikeSpec(got.text)) continue;
      if (got.exchange && isSoft404(got.exchange, site.notFound)) continue;
      text = got.text;
      exchange = got.exchange;
    }
    const body = text;
    try {
      const loaded = await loadSpec(url, {
        fetch: async (u) => (u === url ? { text: body, ...(exchange ? { exchange } : {}) } : fetcher(u)),
        inScope: (u) => engine.inScope(u),
      });
      const model = readModel(loaded.document, loaded.version, loaded.source);
      return { loaded, model, base: discoveredBase(loaded, engine, notes), origin: 'discovered' };
    } catch (err) {
      if (!isParapetError(err, 'PARAPET_SPEC')) throw err;
      notes.push(`The API description published at ${url} could not be used: ${err.message}.`);
      return undefined;
    }
  }
  return undefined;
}

/** A --server meant for another document does not stop a scan that found its own: the default applies. */
function discoveredBase(loaded: LoadedSpec, engine: Engine, notes: string[]): BaseChoice {
  const target = new URL(engine.config.target);
  const servers = serverUrls(loaded.document, loaded.version, target);
  try {
    return chooseBase(servers, target, engine.config.server);
  } catch (err) {
    if (!isParapetError(err, 'PARAPET_USAGE')) throw err;
    notes.push(`${err.message}: the published spec's default server was used.`);
    return chooseBase(servers, target);
  }
}

async function inventoryNotes(
  engine: Engine,
  site: Site,
  api: ApiDescription,
  model: SpecModel,
  crawled: readonly Exchange[],
  fromFile: boolean,
  notes: string[],
): Promise<void> {
  const undocumented = undocumentedPaths(api, site, crawled);
  if (undocumented.length > 0) {
    const listed = undocumented.slice(0, MAX_UNDOCUMENTED_LISTED).join(', ');
    const more =
      undocumented.length > MAX_UNDOCUMENTED_LISTED
        ? ` and ${undocumented.length - MAX_UNDOCUMENTED_LISTED} more`
        : '';
    notes.push(
      `Crawling found ${undocumented.length} path${undocumented.length === 1 ? '' : 's'} that answered but the spec does not document: ${listed}${more}.`,
    );
  }
  const where = await publicLocation(engine, site, api, fromFile);
  if (where) {
    notes.push(
      `The API description is served publicly at ${where}: anyone can list every operation it documents.`,
    );
  }
  if (model.unusedSchemes.length > 0) {
    notes.push(
      `The spec declares security scheme${model.unusedSchemes.length === 1 ? '' : 's'} that no operation uses: ${model.unusedSchemes.join(', ')}.`,
    );
  }
}

/** Where the document can be fetched without credentials, if anywhere (at most one request to find out). */
async function publicLocation(
  engine: Engine,
  site: Site,
  api: ApiDescription,
  fromFile: boolean,
): Promise<string | undefined> {
  const anonymous = async (url: string) => {
    if (engine.remainingBudget <= 0) return false;
    const got = await specFetcher(engine, 'anonymous')(url);
    return got.text !== undefined && looksLikeSpec(got.text);
  };
  const ex = api.exchange;
  if (ex?.response) {
    if (ex.identity === 'anonymous') return ex.request.url;
    return (await anonymous(ex.request.url)) ? ex.request.url : undefined;
  }
  if (!fromFile) return undefined;
  // A spec given as a file may be published too: look where the crawl pointed and where frameworks put it.
  const seen = crawledSpecs(site.exchanges).find((e) => e.identity === 'anonymous');
  if (seen) return seen.request.url;
  for (const url of specCandidates(site.exchanges, new URL(engine.config.target))) {
    if (await anonymous(url)) return url;
  }
  return undefined;
}

/** Paths the crawl saw answering (not pages, not well-known files) that match no documented operation. */
function undocumentedPaths(api: ApiDescription, site: Site, crawled: readonly Exchange[]): string[] {
  const templates = api.operations.map((op) => templateRegExp(op.url));
  const ignored = new Set<string>([...WELL_KNOWN_PATHS, new URL(site.start.request.url).pathname, '/']);
  const out: string[] = [];
  for (const ex of crawled) {
    const res = ex.response;
    if (!res || ex.request.method !== 'GET' || res.status < 200 || res.status >= 300) continue;
    if (ex === site.notFound || isSoft404(ex, site.notFound)) continue;
    const kind = contentKind(res);
    if (kind === 'document' || kind === 'script' || kind === 'style' || kind === 'image') continue;
    if (looksLikeSpec(res.body)) continue;
    const url = new URL(ex.request.url);
    if (url.origin !== site.origin || ignored.has(url.pathname)) continue;
    if (templates.some((re) => re.test(url.pathname))) continue;
    if (!out.includes(url.pathname)) out.push(url.pathname);
  }
  return out;
}

/** `/users/{id}` → a pattern matching `/users/7` (and the same path with a trailing slash). */
function templateRegExp(templateUrl: string): RegExp {
  const path = templateUrl.replace(/^https?:\/\/[^/]+/, '');
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : escapeRegExp(encodeURI(part))))
    .join('');
  return new RegExp(`^${source}/?$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function coverage(api: ApiDescription): OperationsCoverage {
  const reasons = new Map<string, { count: number; operations: string[] }>();
  let run = 0;
  for (const op of api.operations) {
    if (op.exchange) {
      run++;
      continue;
    }
    const reason = op.skipped ?? 'not sent';
    const entry = reasons.get(reason) ?? { count: 0, operations: [] };
    entry.count++;
    if (entry.operations.length < EXAMPLES_PER_REASON) entry.operations.push(op.key);
    reasons.set(reason, entry);
  }
  return {
    source: api.source,
    planned: api.operations.length,
    run,
    skipped: api.operations.length - run,
    reasons: [...reasons].map(([reason, e]) => ({ reason, ...e })).sort((a, b) => b.count - a.count),
  };
}
