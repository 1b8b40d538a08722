import type { Site } from './site.js';
import { urlPattern } from './url-pattern.js';

/** One place a request carries a value an attacker controls: a query parameter or an id-like path segment. */
export interface ParamPoint {
  /** A URL that was seen (or a GET form's action with its default values). */
  url: string;
  location: 'query' | 'path';
  /** The query parameter's name, or the path segment's index (as a string) for `path`. */
  name: string;
  /** The value the site itself used. */
  value: string;
}

const ID_LIKE = /^(\d{1,12}|[0-9a-f]{8}-[0-9a-f-]{27})$/i;

/**
 * Parameter points from discovered URLs and GET forms, one per URL pattern and name, in discovery
 * order, at most `limit`. Active-content probes (errors, SQL, XSS) walk these.
 */
export function parameterPoints(site: Site, limit = 40): ParamPoint[] {
  const out: ParamPoint[] = [];
  const seen = new Set<string>();
  const add = (p: ParamPoint) => {
    const key = `${urlPattern(p.url)}\n${p.location}\n${p.name}`;
    if (seen.has(key) || out.length >= limit) return;
    seen.add(key);
    out.push(p);
  };
  const urls: string[] = [];
  for (const ex of site.exchanges) if (ex.response && ex.request.method === 'GET') urls.push(ex.request.url);
  for (const form of site.forms) {
    if (form.method !== 'GET') continue;
    const action = new URL(form.action);
    for (const f of form.fields) {
      if (f.type === 'submit' || f.type === 'button' || f.type === 'file') continue;
      action.searchParams.set(f.name, f.value || 'parapet');
    }
    urls.push(action.href);
  }
  for (const raw of urls) {
    const url = new URL(raw);
    if (url.origin !== site.origin) continue;
    for (const [name, value] of url.searchParams) add({ url: url.href, location: 'query', name, value });
    url.pathname.split('/').forEach((seg, i) => {
      if (ID_LIKE.test(seg)) add({ url: url.href, location: 'path', name: String(i), value: seg });
    });
  }
  return out;
}

/** The point's URL with its value replaced by `value` (encoded as a browser would). */
export function withValue(point: ParamPoint, value: string): string {
  const url = new URL(point.url);
  if (point.location === 'query') {
    url.searchParams.set(point.name, value);
    return url.href;
  }
  const segs = url.pathname.split('/');
  segs[Number(point.name)] = encodeURIComponent(value);
  url.pathname = segs.join('/');
  return url.href;
}
