/**
 * Repeated findings, grouped for the human reports: the same rule firing for the same reason on many
 * URLs (a missing header on every page, the same cookie set by every response) is one issue to fix,
 * shown once in full with the other URLs listed. Machine formats keep one entry per finding.
 */
import type { Finding } from '../../types.js';
import { shortUrl } from './findings.js';
import { plural } from './terminal.js';

export interface FindingGroup {
  /** The finding shown in full. */
  first: Finding;
  /** The others with the same cause, on other URLs, in the order they were given. */
  others: Finding[];
}

/** How many other URLs a group quotes by default. */
export const ALSO_ON_PATHS = 5;

/**
 * Groups findings that would read the same but for where they were seen: the same rule, severity,
 * confidence, method, identity and subject, the same evidence (status, headers, excerpt, detail) once
 * the finding's own URL and path are left out of it, the same fix and the same suppression. Anything
 * else that differs (another cookie, another header value, another parameter) keeps them apart.
 * Groups come in the order of their first finding.
 */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = groupKey(f);
    const group = groups.get(key);
    if (group) group.others.push(f);
    else groups.set(key, { first: f, others: [] });
  }
  return [...groups.values()];
}

/**
 * The line that stands for a group's other findings, e.g. `Also on 10 more URLs: /about, /blog, …
 * (+5 more)`; undefined for a group of one. Same-origin URLs are shown as paths; `quote` escapes each
 * for the format.
 */
export function alsoOnLine(
  group: FindingGroup,
  target: string,
  quote: (url: string) => string,
  max = ALSO_ON_PATHS,
): string | undefined {
  const n = group.others.length;
  if (n === 0) return undefined;
  const urls = group.others.map((f) => shortUrl(f.url, target)).sort((a, b) => a.localeCompare(b));
  const shown = urls.slice(0, Math.max(1, max));
  const rest = n - shown.length;
  return `Also on ${plural(n, 'more URL')}: ${shown.map(quote).join(', ')}${rest > 0 ? `, … (+${rest} more)` : ''}`;
}

/** `9 distinct` when grouping left fewer issues than findings; empty when every finding stands alone. */
export function distinctCount(findings: number, issues: number): string {
  return issues < findings ? `${issues} distinct` : '';
}

function groupKey(f: Finding): string {
  const strip = locationStripper(f);
  const ev = f.evidence;
  return JSON.stringify([
    f.rule,
    f.check,
    f.title,
    f.severity,
    f.confidence,
    f.method,
    f.identity,
    f.subject ?? null,
    ev.status ?? null,
    Object.entries(ev.headers ?? {}).map(([name, value]) => [name, strip(value)]),
    ev.excerpt === undefined ? null : strip(ev.excerpt),
    strip(ev.detail),
    f.description,
    f.remediation,
    f.suppressed ?? null,
  ]);
}

const HOLE = '\u0000';

/**
 * Replaces the finding's own locations in a text: its URL (or URL pattern) and the URL it requested,
 * whole, as path and query, or as path alone. Only whole tokens: `/about` is not taken out of
 * `/about-us` nor out of another site's `https://cdn.test/about`. The bare root path `/` stays.
 */
function locationStripper(f: Finding): (text: string) => string {
  const requested = f.evidence.request.slice(f.evidence.request.indexOf(' ') + 1);
  const forms = new Set<string>();
  for (const url of [f.url, requested]) {
    forms.add(url);
    try {
      const u = new URL(url);
      forms.add(`${u.pathname}${u.search}`);
      forms.add(u.pathname);
      forms.add(decodeURI(`${u.pathname}${u.search}`));
      forms.add(decodeURI(u.pathname));
    } catch {
      // not a URL: only the text as it is
    }
  }
  const tokens = [...forms].filter((s) => s.length > 1).sort((a, b) => b.length - a.length);
  if (tokens.length === 0) return (text) => text;
  const alternatives = tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const pattern = new RegExp(`(?<![\\w.~%/:-])(?:${alternatives})(?![\\w~%/?#=&+-]|\\.\\w)`, 'g');
  return (text) => text.replace(pattern, HOLE);
}
