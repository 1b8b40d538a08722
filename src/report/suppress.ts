/**
 * Suppressions from the config file: a finding a team has accepted stays in the report, marked as such,
 * and stops counting for the score and the CI gates until its expiry date has passed.
 */
import { scoreFindings } from '../scoring/index.js';
import type { Finding } from '../types.js';
import type { Report } from './report.js';

export interface Suppression {
  /** The rule id the suppression covers. */
  rule: string;
  /**
   * Optional URL glob (`*` matches anything): starting with `/` it is matched against the URL's path and
   * query, otherwise against the whole URL. Absent: every URL.
   */
  url?: string;
  reason: string;
  /** The last day (YYYY-MM-DD, UTC) it holds. */
  expires: string;
}

/** Today in UTC as YYYY-MM-DD (the unit of an expiry date). */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function isExpired(s: Pick<Suppression, 'expires'>, now: Date): boolean {
  return s.expires < utcDay(now);
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/** The part of a finding's URL that a `/`-pattern is matched against. */
function pathOf(url: string): string {
  try {
    const u = new URL(url);
    // URL-encoding turns a `{param}` placeholder into %7Bparam%7D; patterns are written as shown.
    return decodeURI(`${u.pathname}${u.search}`);
  } catch {
    return url;
  }
}

export function matches(s: Pick<Suppression, 'rule' | 'url'>, f: Pick<Finding, 'rule' | 'url'>): boolean {
  if (s.rule !== f.rule) return false;
  if (s.url === undefined) return true;
  return globToRegExp(s.url).test(s.url.startsWith('/') ? pathOf(f.url) : f.url);
}

/**
 * Marks the findings the live suppressions cover, recomputes the score without them and adds a note for
 * each expired suppression that would have matched (its findings count again). Pure: returns a new report.
 */
export function applySuppressions(report: Report, suppressions: readonly Suppression[], now: Date): Report {
  if (suppressions.length === 0) return report;
  const live = suppressions.filter((s) => !isExpired(s, now));
  const expired = suppressions.filter((s) => isExpired(s, now));
  const findings = report.findings.map((f): Finding => {
    const { suppressed: _previous, ...rest } = f;
    const by = live.find((s) => matches(s, f));
    return by ? { ...rest, suppressed: { reason: by.reason, expires: by.expires } } : rest;
  });
  const notes = [...report.notes];
  for (const s of expired) {
    const n = report.findings.filter((f) => matches(s, f)).length;
    if (n === 0) continue;
    const where = s.url === undefined ? '' : ` on ${s.url}`;
    notes.push(
      `The suppression of ${s.rule}${where} ("${s.reason}") expired on ${s.expires}: its ${n === 1 ? 'finding counts' : `${n} findings count`} again.`,
    );
  }
  const { score, grade, categories } = scoreFindings(findings);
  return { ...report, findings, notes, score, grade, categories };
}
