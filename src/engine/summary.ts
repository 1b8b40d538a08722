import type { Exchange } from '../types.js';

/** Example URLs quoted per note; the rest are counted. */
const EXAMPLES = 3;

/** Why a request got no answer, by error code. */
const FAILED: Record<string, string> = {
  PARAPET_TIMEOUT: 'timeout',
  PARAPET_PROTOCOL: 'invalid HTTP',
  PARAPET_UNREACHABLE: 'connection reset or closed',
  PARAPET_CONNECTION_REFUSED: 'connection refused',
  PARAPET_TLS: 'TLS failure',
  PARAPET_DNS: 'name not resolved',
};

/** What happened to a body that started to arrive, by error code. */
const CUT: Record<string, string> = {
  PARAPET_TIMEOUT: 'cut short (timeout)',
  PARAPET_PROTOCOL: 'cut short or not decoded (invalid framing or content encoding)',
  PARAPET_UNREACHABLE: 'cut short (connection reset or closed)',
};

/**
 * Notes for the report on what the scan could not see, grouped and bounded: requests that got no
 * answer (by cause), bodies cut short by a failure, and bodies cut at the size cap. Each note quotes
 * a few URLs (paths on the target's origin) and counts the rest.
 */
export function exchangeNotes(
  exchanges: readonly Exchange[],
  target: string,
  maxBodyBytes: number,
  /** Bodies the engine kept only a prefix of to bound memory (noted once, by the engine). */
  prefixOnly: ReadonlySet<Exchange> = new Set(),
): string[] {
  const failed = new Map<string, Set<string>>();
  const cut = new Map<string, Set<string>>();
  const capped = new Set<string>();
  /** The last status each URL answered (a retry replaces the throttled first answer). */
  const lastStatus = new Map<string, number>();
  const add = (map: Map<string, Set<string>>, key: string, url: string) => {
    const set = map.get(key) ?? new Set<string>();
    set.add(url);
    map.set(key, set);
  };
  for (const ex of exchanges) {
    const url = ex.request.url;
    if (ex.response) lastStatus.set(url, ex.response.status);
    if (!ex.response) {
      if (ex.error) add(failed, ex.error.code, url);
    } else if (ex.error) {
      add(cut, ex.error.code, url);
    } else if (ex.response.truncated && !prefixOnly.has(ex)) {
      capped.add(url);
    }
  }
  const origin = originOf(target);
  const notes: string[] = [];
  for (const [code, urls] of failed) {
    notes.push(
      `${count(urls.size, 'request')} failed (${FAILED[code] ?? code}) and ${urls.size === 1 ? 'was' : 'were'} not tested: ${list(urls, origin)}.`,
    );
  }
  for (const [code, urls] of cut) {
    notes.push(
      `${count(urls.size, 'response body', 'response bodies')} ${urls.size === 1 ? 'was' : 'were'} ${CUT[code] ?? `cut short (${code})`}; checks judged what arrived: ${list(urls, origin)}.`,
    );
  }
  const throttled = new Set([...lastStatus].filter(([, s]) => s === 429 || s === 503).map(([u]) => u));
  if (throttled.size > 0) {
    notes.push(
      `${count(throttled.size, 'URL')} ${throttled.size === 1 ? 'was' : 'were'} still answered 429 or 503 (throttled or unavailable); what ${throttled.size === 1 ? 'it serves' : 'they serve'} was not tested: ${list(throttled, origin)}.`,
    );
  }
  if (capped.size > 0) {
    notes.push(
      `${count(capped.size, 'response body', 'response bodies')} ${capped.size === 1 ? 'was' : 'were'} cut at ${size(maxBodyBytes)} (--max-body); checks judged the first ${size(maxBodyBytes)}: ${list(capped, origin)}.`,
    );
  }
  return notes;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function list(urls: ReadonlySet<string>, origin: string | undefined): string {
  const shown = [...urls]
    .slice(0, EXAMPLES)
    .map((u) => (origin && u.startsWith(`${origin}/`) ? u.slice(origin.length) : u));
  const more = urls.size - shown.length;
  return shown.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** `2 MiB`, `512 KiB`, `1500 bytes`. */
export function size(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  if (mib >= 1 && Number.isInteger(mib * 10)) return `${mib} MiB`;
  const kib = bytes / 1024;
  if (kib >= 1 && Number.isInteger(kib * 10)) return `${kib} KiB`;
  return `${bytes} bytes`;
}
