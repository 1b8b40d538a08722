import { randomBytes } from 'node:crypto';
import type { Engine } from '../engine/engine.js';
import { contentKind, headerValue, isRedirect } from '../engine/exchange.js';
import { isParapetError, ParapetError } from '../errors.js';
import type { Exchange } from '../types.js';
import { htmlOf } from './html.js';
import { jsonOf } from './json.js';
import { jsonLinks } from './json-links.js';
import type { Form, Site } from './site.js';
import { urlPattern } from './url-pattern.js';
import { robotsPaths, sitemapUrls, WELL_KNOWN_PATHS } from './well-known.js';

/** Paths that would end the session a scan runs under. */
export const SESSION_ENDING = /(^|[/_-])(log-?out|sign-?out|logoff)([/_.?-]|$)/i;
/** Files a scanner learns nothing from. */
const STATIC_ASSET =
  /\.(png|jpe?g|gif|webp|avif|svg|ico|bmp|css|woff2?|ttf|otf|eot|mp[34]|webm|ogg|wav|pdf|zip|gz|tgz|bz2|7z|rar|exe|dmg|iso|wasm|map)$/i;
/** At most this many URLs per pattern (`/items/{id}`): ten thousand items teach no more than three. */
const PER_PATTERN = 3;
const MAX_SCRIPTS = 10;

interface QueueItem {
  url: string;
  depth: number;
}

/**
 * Walks the target from its start URL: same-origin links, forms and scripts in HTML, paths in
 * JSON, robots.txt and sitemap.xml, a few well-known paths, and one URL that cannot exist.
 * Discovery spends at most half the budget, so that checks have room.
 */
export async function discover(engine: Engine, onPage: (url: string) => void = () => {}): Promise<Site> {
  const config = engine.config;
  const start = new URL(config.target);
  start.hash = '';
  const site: Omit<Site, 'start'> = {
    origin: start.origin,
    exchanges: [],
    forms: [],
    scripts: [],
    skipped: [],
  };
  const maxRequests = Math.max(
    1,
    Math.min(config.maxPages + WELL_KNOWN_PATHS.length + MAX_SCRIPTS + 2, Math.floor(config.budget / 2)),
  );
  let spent = 0;
  const seen = new Set<string>();
  const perPattern = new Map<string, number>();

  let first = await engine.send({ url: start.href, initiator: 'discovery', followRedirects: true });
  spent += 1;
  const upgrade = httpsUpgrade(first);
  if (upgrade && !engine.inScope(upgrade)) {
    // http://host redirecting to https://host is the same site: follow it and scan both origins.
    engine.allowOrigin(new URL(upgrade).origin);
    first = await engine.send({ url: upgrade, initiator: 'discovery', followRedirects: true });
    spent += 1;
  }
  if (first.error && !first.response) {
    throw new ParapetError(first.error.code as 'PARAPET_UNREACHABLE', first.error.message);
  }
  // Every hop of the start URL's redirects: a 302 after a login often sets the session cookie.
  for (const hop of engine.exchanges) if (!site.exchanges.includes(hop)) site.exchanges.push(hop);
  seen.add(start.href);
  let pages = 1;
  onPage(first.request.url);

  const queue: QueueItem[] = [];
  const enqueue = (raw: string, base: string, depth: number) => {
    const url = resolveLink(raw, base);
    if (!url || seen.has(url)) return;
    if (!engine.inScope(url)) return;
    const path = new URL(url).pathname;
    if (STATIC_ASSET.test(path) || SESSION_ENDING.test(path)) return;
    const pattern = urlPattern(url);
    const count = perPattern.get(pattern) ?? 0;
    if (count >= PER_PATTERN) return;
    perPattern.set(pattern, count + 1);
    seen.add(url);
    if (depth > config.maxDepth) {
      site.skipped.push(url);
      return;
    }
    queue.push({ url, depth });
  };

  const harvest = (ex: Exchange, depth: number) => {
    const res = ex.response;
    if (!res) return;
    const base = ex.request.url;
    const location = isRedirect(res.status) ? headerValue(res.headers, 'location') : undefined;
    if (location) enqueue(location, base, depth);
    const kind = contentKind(res);
    if (kind === 'document') {
      const html = htmlOf(ex);
      const docBase = documentBase(ex);
      for (const link of html.links) enqueue(link, docBase, depth + 1);
      for (const src of html.scriptSrcs) {
        const abs = resolveLink(src, docBase);
        if (abs && !site.scripts.includes(abs)) site.scripts.push(abs);
      }
      for (const form of formsOf(ex)) {
        site.forms.push(form);
        if (form.method === 'GET') enqueue(form.action, docBase, depth + 1);
      }
    } else if (kind === 'json') {
      for (const link of jsonLinks(jsonOf(ex))) enqueue(link, base, depth + 1);
    }
  };
  harvest(first, 0);

  // Well-known paths and the not-found baseline go out in parallel with the first crawl level.
  const probeId = randomBytes(6).toString('hex');
  const extras = [
    ...WELL_KNOWN_PATHS.map((p) => new URL(p, start.origin).href).filter((u) => !seen.has(u)),
    new URL(`/parapet-${probeId}-not-found`, start.origin).href,
  ];
  for (const u of extras) seen.add(u);

  const fetchOne = async (url: string): Promise<Exchange | undefined> => {
    if (spent >= maxRequests) {
      site.skipped.push(url);
      return undefined;
    }
    spent++;
    try {
      return await engine.send({ url, initiator: 'discovery' });
    } catch (err) {
      // Out of budget or interrupted: keep what was found, so the scan can still report it (partial).
      if (isParapetError(err, 'PARAPET_BUDGET') || isParapetError(err, 'PARAPET_ABORTED')) {
        site.skipped.push(url);
        return undefined;
      }
      throw err;
    }
  };

  const extraResults = Promise.all(extras.map((u) => fetchOne(u)));

  while (queue.length > 0) {
    const level = queue.splice(0, queue.length);
    const room = Math.max(0, config.maxPages - pages);
    for (const item of level.slice(room)) site.skipped.push(item.url);
    const batch = level.slice(0, room);
    pages += batch.length;
    const results = await Promise.all(batch.map((item) => fetchOne(item.url)));
    results.forEach((ex, i) => {
      if (!ex) return;
      site.exchanges.push(ex);
      onPage(ex.request.url);
      harvest(ex, batch[i]!.depth);
    });
  }

  const extraExchanges = (await extraResults).filter((ex): ex is Exchange => ex !== undefined);
  const notFound = extraExchanges.pop();
  if (notFound?.response) site.notFound = notFound;
  for (const ex of extraExchanges) {
    if (!ex.response || isSoft404(ex, site.notFound)) continue;
    site.exchanges.push(ex);
    const path = new URL(ex.request.url).pathname;
    const more =
      path === '/robots.txt'
        ? robotsPaths(ex.response.body)
        : path === '/sitemap.xml'
          ? sitemapUrls(ex.response.body)
          : [];
    for (const link of more) enqueue(link, ex.request.url, 1);
  }
  // What robots.txt and sitemap.xml pointed at: one more bounded round.
  if (queue.length > 0) {
    const batch = queue.splice(0, Math.max(0, config.maxPages - pages));
    for (const item of queue.splice(0)) site.skipped.push(item.url);
    const results = await Promise.all(batch.map((item) => fetchOne(item.url)));
    for (const ex of results) {
      if (ex?.response && !isSoft404(ex, site.notFound)) {
        site.exchanges.push(ex);
        onPage(ex.request.url);
      }
    }
  }

  // Same-origin scripts: their text is evidence for passive checks (keys in client-side code).
  const scriptResults = await Promise.all(
    site.scripts
      .filter((u) => engine.inScope(u) && !seen.has(u))
      .slice(0, MAX_SCRIPTS)
      .map((u) => {
        seen.add(u);
        return fetchOne(u);
      }),
  );
  for (const ex of scriptResults) if (ex?.response) site.exchanges.push(ex);
  if (site.notFound) site.exchanges.push(site.notFound);
  return { ...site, start: first };
}

function httpsUpgrade(ex: Exchange): string | undefined {
  const res = ex.response;
  if (!res || !isRedirect(res.status)) return undefined;
  const location = headerValue(res.headers, 'location');
  if (!location) return undefined;
  try {
    const from = new URL(ex.request.url);
    const to = new URL(location, from);
    return from.protocol === 'http:' && to.protocol === 'https:' && to.hostname === from.hostname
      ? to.href
      : undefined;
  } catch {
    return undefined;
  }
}

/** An answer that looks like the target's answer to a URL that cannot exist. */
export function isSoft404(ex: Exchange, notFound: Exchange | undefined): boolean {
  const res = ex.response;
  if (!res) return true;
  if (res.status === 404 || res.status === 410) return true;
  const nf = notFound?.response;
  if (!nf || nf.status !== res.status || nf.mediaType !== res.mediaType) return false;
  const a = res.body.length;
  const b = nf.body.length;
  return Math.abs(a - b) <= Math.max(32, 0.05 * Math.max(a, b));
}

/** An href/src/action resolved against `base`: http(s) only, fragment dropped; undefined otherwise. */
export function resolveLink(raw: string, base: string): string | undefined {
  const trimmed = raw.trim();
  if (!trimmed) return undefined;
  try {
    const url = new URL(trimmed, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/** Where a page's relative links point from: its `<base href>`, else its own URL. */
function documentBase(ex: Exchange): string {
  const base = htmlOf(ex).base;
  return (base && resolveLink(base, ex.request.url)) || ex.request.url;
}

/** The forms of an HTML page as discovery records them (actions absolute, `method=dialog` left out). */
export function formsOf(ex: Exchange): Form[] {
  const base = documentBase(ex);
  return htmlOf(ex)
    .forms.filter((f) => f.method !== 'dialog')
    .map((f) => ({
      pageUrl: ex.request.url,
      action: resolveLink(f.action ?? '', base) ?? base,
      method: f.method.toUpperCase(),
      enctype: f.enctype,
      fields: f.fields,
      exchange: ex,
    }));
}
