/** Two reports compared by finding fingerprint: what is new, what was fixed, what stayed. */
import type { Finding } from '../types.js';
import type { Report } from './report.js';

export interface ReportDiff {
  old: { target: string; finishedAt: string; score: number; grade: string };
  new: { target: string; finishedAt: string; score: number; grade: string };
  /** new.score − old.score. */
  scoreChange: number;
  /** In the new report only. */
  added: Finding[];
  /** In the old report only. */
  fixed: Finding[];
  /** In both (as the new report has them). */
  unchanged: Finding[];
  /** Why the comparison may mislead (different targets, scoring versions). */
  warnings: string[];
}

const summary = (r: Report) => ({
  target: r.target,
  finishedAt: r.finishedAt,
  score: r.score,
  grade: r.grade,
});

export function diffReports(before: Report, after: Report): ReportDiff {
  const oldPrints = new Set(before.findings.map((f) => f.fingerprint));
  const newPrints = new Set(after.findings.map((f) => f.fingerprint));
  const warnings: string[] = [];
  if (originOf(before.target) !== originOf(after.target)) {
    warnings.push(`the reports scanned different targets (${before.target} and ${after.target})`);
  }
  if (before.scoringVersion !== after.scoringVersion) {
    warnings.push(
      `the scores come from different scoring versions (${before.scoringVersion} and ${after.scoringVersion})`,
    );
  }
  if (before.partial || after.partial) {
    warnings.push('a partial scan is compared: "fixed" findings may only not have been reached');
  }
  return {
    old: summary(before),
    new: summary(after),
    scoreChange: after.score - before.score,
    added: after.findings.filter((f) => !oldPrints.has(f.fingerprint)),
    fixed: before.findings.filter((f) => !newPrints.has(f.fingerprint)),
    unchanged: after.findings.filter((f) => oldPrints.has(f.fingerprint)),
    warnings,
  };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
