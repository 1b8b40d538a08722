/**
 * Where the operations live: the spec's servers (OpenAPI 3) or host + basePath (Swagger 2.0), held
 * against the scan target. The target's origin always wins; a server contributes its base path.
 */
import { ParapetError } from '../../errors.js';
import { isObject } from './pointer.js';
import type { SpecVersion } from './types.js';

export interface BaseChoice {
  /** Origin of the target + the chosen server's path, without a trailing slash. */
  baseUrl: string;
  /** The servers the document names, variables filled in, resolved against the target. */
  servers: string[];
  /** Set when the servers name another origin than the target's. */
  otherOrigin?: string;
}

/** The servers a document (or a path item or operation, for OpenAPI 3) names. */
export function serverUrls(doc: Record<string, unknown>, version: SpecVersion, target: URL): string[] {
  if (version === '2.0') {
    if (doc.host === undefined && doc.basePath === undefined) return [];
    const schemes = Array.isArray(doc.schemes)
      ? doc.schemes.filter((s) => s === 'http' || s === 'https')
      : [];
    const scheme = schemes.includes(target.protocol.slice(0, -1))
      ? target.protocol.slice(0, -1)
      : (schemes[0] ?? target.protocol.slice(0, -1));
    const host = typeof doc.host === 'string' && doc.host !== '' ? doc.host : target.host;
    const basePath = typeof doc.basePath === 'string' ? doc.basePath : '';
    const url = resolveServer(`${scheme}://${host}${basePath.startsWith('/') ? '' : '/'}${basePath}`, target);
    return url ? [url] : [];
  }
  return openApiServers(doc.servers, target);
}

export function openApiServers(list: unknown, target: URL): string[] {
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (const s of list) {
    if (!isObject(s) || typeof s.url !== 'string') continue;
    const variables = isObject(s.variables) ? s.variables : {};
    const filled = s.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
      const v = variables[name];
      return isObject(v) && v.default !== undefined ? String(v.default) : whole;
    });
    const url = resolveServer(filled, target);
    if (url && !out.includes(url)) out.push(url);
  }
  return out;
}

function resolveServer(raw: string, target: URL): string | undefined {
  try {
    const url = new URL(raw, target.origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    url.search = '';
    return url.href.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

/**
 * Picks the server: `--server` (its URL or 1-based position), else one on the target's origin whose
 * path the target URL starts with, else the first. With no servers, the target's own path is the base.
 */
export function chooseBase(servers: readonly string[], target: URL, pick?: string): BaseChoice {
  let chosen: string | undefined;
  if (pick !== undefined) {
    const wanted = pick.replace(/\/+$/, '');
    const index = /^\d+$/.test(pick) ? Number(pick) - 1 : -1;
    chosen =
      index >= 0 ? servers[index] : servers.find((s) => s === wanted || s === resolveServer(wanted, target));
    if (chosen === undefined) {
      const list = servers.length > 0 ? servers.map((s, i) => `${i + 1}. ${s}`).join(', ') : 'none';
      throw new ParapetError('PARAPET_USAGE', `--server ${pick} is not one of the spec's servers (${list})`);
    }
  } else {
    const targetPath = target.pathname.replace(/\/+$/, '');
    const sameOrigin = servers
      .filter((s) => new URL(s).origin === target.origin)
      .filter((s) => targetPath.startsWith(new URL(s).pathname.replace(/\/+$/, '')))
      .sort((a, b) => b.length - a.length);
    chosen = sameOrigin[0] ?? servers[0];
  }
  if (chosen === undefined) {
    return { baseUrl: `${target.origin}${target.pathname.replace(/\/+$/, '')}`, servers: [...servers] };
  }
  const url = new URL(chosen);
  const baseUrl = `${target.origin}${url.pathname.replace(/\/+$/, '')}`;
  return {
    baseUrl,
    servers: [...servers],
    ...(url.origin !== target.origin ? { otherOrigin: url.origin } : {}),
  };
}
