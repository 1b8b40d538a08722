/**
 * The scoring data: every number the grader uses, in one table. `docs/scoring.md` shows these tables
 * (regenerated from this file; a test fails when the page is stale).
 */
import type { Category, Confidence, Severity } from '../types.js';

/** Bumped whenever this table or the formula in `index.ts` changes: scores of different versions differ. */
export const SCORING_VERSION = 1;

export const GRADES = ['A', 'B', 'C', 'D', 'F'] as const;
export type Grade = (typeof GRADES)[number];

export interface ScoringTable {
  /** Points one finding takes off its category's 100, before the repeat factor. */
  severity: Record<Severity, number>;
  /** 1: the finding counts; 0: it is shown but neither deducts nor caps. */
  confidence: Record<Confidence, 0 | 1>;
  /** How much a category's deduction weighs in the overall score. */
  category: Record<Category, number>;
  /** Within a category, each further finding (largest first) counts this fraction of the one before it. */
  repeatFactor: number;
  /** Only the largest this-many findings of a category deduct at all. */
  maxCounted: number;
  /** The lowest score of each grade, best first; the last band starts at 0. */
  bands: ReadonlyArray<{ grade: Grade; min: number }>;
  /** The best grade a scan can get while it has a counted finding of this severity. */
  caps: Partial<Record<Severity, Grade>>;
}

// Every number here is an integer or a multiple of 1/4, and the repeat factor is 1/2, so each deduction
// is exact in binary floating point: sums do not depend on order and scores do not wobble at a band edge.
export const SCORING: ScoringTable = {
  severity: { critical: 50, high: 25, medium: 12, low: 4, info: 0 },
  confidence: { confirmed: 1, firm: 1, tentative: 0 },
  category: {
    framing: 0.75,
    csrf: 1,
    cors: 1,
    transport: 1,
    cookies: 0.75,
    headers: 0.5,
    'api-keys': 1,
    authentication: 1.25,
    authorization: 1.25,
    'data-exposure': 1,
    integrity: 1,
    injection: 1.25,
    misconfiguration: 1,
    resources: 0.75,
    inventory: 0.5,
  },
  repeatFactor: 0.5,
  maxCounted: 5,
  bands: [
    { grade: 'A', min: 90 },
    { grade: 'B', min: 80 },
    { grade: 'C', min: 70 },
    { grade: 'D', min: 60 },
    { grade: 'F', min: 0 },
  ],
  caps: { critical: 'F', high: 'C' },
};
