/** The CI gate: --fail-on and --threshold. Tentative and suppressed findings never fail a build. */
import type { Report } from '../report/report.js';
import { type Finding, type Severity, severityRank } from '../types.js';

export interface Gate {
  failOn?: Severity;
  threshold?: number;
}

/** Why the gate fails (one reason per breached condition); empty when it passes. */
export function gateFailures(report: Report, gate: Gate): string[] {
  const reasons: string[] = [];
  if (gate.failOn) {
    const min = severityRank(gate.failOn);
    const n = report.findings.filter((f) => gated(f) && severityRank(f.severity) >= min).length;
    if (n > 0) {
      reasons.push(
        `${n} finding${n === 1 ? '' : 's'} at or above ${gate.failOn} severity (--fail-on ${gate.failOn})`,
      );
    }
  }
  if (gate.threshold !== undefined && report.score < gate.threshold) {
    reasons.push(`score ${report.score} is below --threshold ${gate.threshold}`);
  }
  return reasons;
}

/** Whether a finding can fail a CI gate at all: tentative and suppressed ones never do. */
export function gated(f: Pick<Finding, 'confidence' | 'suppressed'>): boolean {
  return f.confidence !== 'tentative' && !f.suppressed;
}
