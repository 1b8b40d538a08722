import { urlPattern } from '../../discovery/url-pattern.js';
import type { Exchange } from '../../types.js';

export interface FailureGroup {
  /** The origin when the whole origin fails, else one URL, its pattern, or `/section/{path}`. */
  url: string;
  /** Distinct URLs in the group. */
  instances: number;
  /** Responses judged on the same origin (so a finding can say "3 of 12"). */
  judged: number;
  /** The first failing exchange: the evidence. */
  example: Exchange;
  /** Every failing exchange in the group. */
  members: Exchange[];
}

/** More sections than this and the origin gets one finding: a site-wide gap, not several. */
const MAX_SECTIONS = 4;

/**
 * Folds the responses that fail a site-wide header rule into few findings, so one missing
 * middleware does not bury a report under dozens of identical ones. Per origin: one finding for
 * the origin when every judged response fails; otherwise one per top-level section (`/static/…`,
 * `/api/…`, top-level pages), which is usually where a header is set or forgotten (a static file
 * server, a sub-application); one for the origin again when the sections are many.
 */
export function groupFailures(judged: readonly Exchange[], failing: readonly Exchange[]): FailureGroup[] {
  const out: FailureGroup[] = [];
  for (const [origin, failed] of byOrigin(failing)) {
    const total = distinctUrls(judged.filter((ex) => originOf(ex) === origin));
    const failedUrls = distinctUrls(failed);
    if (failedUrls === total) {
      out.push({ url: origin, instances: failedUrls, judged: total, example: failed[0]!, members: failed });
      continue;
    }
    const sections = new Map<string, Exchange[]>();
    for (const ex of failed) {
      const key = sectionOf(ex);
      sections.set(key, [...(sections.get(key) ?? []), ex]);
    }
    if (sections.size > MAX_SECTIONS) {
      out.push({ url: origin, instances: failedUrls, judged: total, example: failed[0]!, members: failed });
      continue;
    }
    for (const [section, members] of sections) {
      out.push({
        url: groupUrl(origin, section, members),
        instances: distinctUrls(members),
        judged: total,
        example: members[0]!,
        members,
      });
    }
  }
  return out;
}

function byOrigin(list: readonly Exchange[]): Map<string, Exchange[]> {
  const map = new Map<string, Exchange[]>();
  for (const ex of list) {
    const o = originOf(ex);
    map.set(o, [...(map.get(o) ?? []), ex]);
  }
  return map;
}

function originOf(ex: Exchange): string {
  return new URL(ex.request.url).origin;
}

function distinctUrls(list: readonly Exchange[]): number {
  return new Set(list.map((ex) => ex.request.url)).size;
}

/** `static` for `/static/app.js`, '' for a top-level path like `/about`. */
function sectionOf(ex: Exchange): string {
  const segments = new URL(ex.request.url).pathname.split('/').filter(Boolean);
  return segments.length > 1 ? segments[0]! : '';
}

function groupUrl(origin: string, section: string, members: readonly Exchange[]): string {
  const urls = [...new Set(members.map((ex) => ex.request.url))];
  if (urls.length === 1) return urls[0]!;
  const patterns = new Set(urls.map(urlPattern));
  if (patterns.size === 1) return [...patterns][0]!;
  return section ? `${origin}/${section}/{path}` : `${origin}/{path}`;
}
