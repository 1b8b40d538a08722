/** Orderings and counts every reporter shares, so they list findings the same way. */
import { SCORING } from '../../scoring/index.js';
import { type Finding, SEVERITIES, type Severity, severityRank } from '../../types.js';

const CONFIDENCE_ORDER = { confirmed: 0, firm: 1, tentative: 2 } as const;

/** Most severe first, then most certain, then by rule and URL; suppressed findings last. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      Number(Boolean(a.suppressed)) - Number(Boolean(b.suppressed)) ||
      severityRank(b.severity) - severityRank(a.severity) ||
      CONFIDENCE_ORDER[a.confidence] - CONFIDENCE_ORDER[b.confidence] ||
      a.rule.localeCompare(b.rule) ||
      a.url.localeCompare(b.url),
  );
}

/** Non-zero counts per severity, most severe first. */
export function severityCounts(findings: readonly Finding[]): Array<[Severity, number]> {
  return SEVERITIES.map(
    (s) => [s, findings.filter((f) => f.severity === s).length] as [Severity, number],
  ).filter(([, n]) => n > 0);
}

/** Why a finding does not count for the score, or undefined when it does. */
export function notCountedReason(f: Finding): string | undefined {
  if (f.suppressed) return `suppressed until ${f.suppressed.expires}: ${f.suppressed.reason}`;
  if (SCORING.confidence[f.confidence] === 0)
    return `${f.confidence}: not counted in the score or by CI gates`;
  return undefined;
}

/** A URL on the target's origin as its path and query, as the finding wrote it; other URLs whole. */
export function shortUrl(url: string, target: string): string {
  let origin: string;
  try {
    origin = new URL(target).origin;
  } catch {
    return url;
  }
  return url.startsWith(`${origin}/`) ? url.slice(origin.length) : url;
}
