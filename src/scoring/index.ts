/**
 * Parapet's grader: per-category scores, an overall 0–100 score and an A–F grade from the findings.
 * Pure functions over the data in `weights.ts`; `docs/scoring.md` explains the formula.
 */
import { CATEGORIES, type CategoryScore, type Finding, type Severity } from '../types.js';
import { type Grade, SCORING } from './weights.js';

export { GRADES, type Grade, SCORING, SCORING_VERSION, type ScoringTable } from './weights.js';

/** What the grader reads of a finding. */
export type Scorable = Pick<Finding, 'category' | 'severity' | 'confidence'> &
  Partial<Pick<Finding, 'suppressed'>>;

export interface Score {
  score: number;
  grade: Grade;
  /** Every category, in `CATEGORIES` order. */
  categories: CategoryScore[];
}

/** Whether a finding moves the score: tentative, info and suppressed findings are shown, never scored. */
export function counts(f: Scorable): boolean {
  return !f.suppressed && SCORING.confidence[f.confidence] === 1 && SCORING.severity[f.severity] > 0;
}

/** A category's points lost: its counted findings, largest first, each worth a fraction of the one before. */
export function categoryDeduction(findings: readonly Scorable[]): number {
  const points = findings
    .filter(counts)
    .map((f) => SCORING.severity[f.severity])
    .sort((a, b) => b - a)
    .slice(0, SCORING.maxCounted);
  let total = 0;
  let factor = 1;
  for (const p of points) {
    total += p * factor;
    factor *= SCORING.repeatFactor;
  }
  return total;
}

/** 100 minus the deduction, rounded down (part of a point never lifts a grade), never below 0. */
export function toScore(deduction: number): number {
  return Math.floor(Math.max(0, 100 - deduction));
}

export function gradeFor(score: number): Grade {
  const band = SCORING.bands.find((b) => score >= b.min) ?? SCORING.bands.at(-1)!;
  return band.grade;
}

/** The highest score that still earns `grade`. */
export function bandCeiling(grade: Grade): number {
  const i = SCORING.bands.findIndex((b) => b.grade === grade);
  return i <= 0 ? 100 : SCORING.bands[i - 1]!.min - 1;
}

/** The strictest cap the counted findings impose, if any. */
export function activeCap(findings: readonly Scorable[]): { severity: Severity; grade: Grade } | undefined {
  let cap: { severity: Severity; grade: Grade } | undefined;
  for (const f of findings) {
    const grade = SCORING.caps[f.severity];
    if (!grade || !counts(f)) continue;
    if (!cap || bandCeiling(grade) < bandCeiling(cap.grade)) cap = { severity: f.severity, grade };
  }
  return cap;
}

export function scoreFindings(findings: readonly Scorable[]): Score {
  let deduction = 0;
  const categories = CATEGORIES.map((category): CategoryScore => {
    const mine = findings.filter((f) => f.category === category);
    const lost = categoryDeduction(mine);
    deduction += SCORING.category[category] * lost;
    return { category, score: toScore(lost), findings: mine.length };
  });
  // A cap lowers the score itself, not only the letter, so the two never disagree.
  const cap = activeCap(findings);
  const score = Math.min(toScore(deduction), cap ? bandCeiling(cap.grade) : 100);
  return { score, grade: gradeFor(score), categories };
}
