import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  type Category,
  CONFIDENCES,
  type Confidence,
  SEVERITIES,
  type Severity,
} from '../types.js';
import { bandCeiling, counts, GRADES, gradeFor, SCORING, type Scorable, scoreFindings } from './index.js';

const finding = fc.record({
  category: fc.constantFrom(...CATEGORIES),
  severity: fc.constantFrom(...SEVERITIES),
  confidence: fc.constantFrom(...CONFIDENCES),
});
const findings = fc.array(finding, { maxLength: 40 });
const unscored = fc.oneof(
  finding.map((f) => ({ ...f, confidence: 'tentative' as const })),
  finding.map((f) => ({ ...f, severity: 'info' as const })),
  finding.map((f) => ({ ...f, suppressed: { reason: 'accepted', expires: '2099-01-01' } })),
);

const f = (category: Category, severity: Severity, confidence: Confidence = 'firm'): Scorable => ({
  category,
  severity,
  confidence,
});
const repeat = (n: number, x: Scorable): Scorable[] => Array.from({ length: n }, () => x);
const categoryScore = (fs: Scorable[], c: Category) =>
  scoreFindings(fs).categories.find((s) => s.category === c);

describe('scoring properties', () => {
  it('adding a finding never raises the score, overall or in any category', () => {
    fc.assert(
      fc.property(findings, finding, fc.nat(), (before, extra, at) => {
        const after = [...before];
        after.splice(at % (before.length + 1), 0, extra);
        const a = scoreFindings(before);
        const b = scoreFindings(after);
        expect(b.score).toBeLessThanOrEqual(a.score);
        expect(GRADES.indexOf(b.grade)).toBeGreaterThanOrEqual(GRADES.indexOf(a.grade));
        b.categories.forEach((c, i) => {
          expect(c.score).toBeLessThanOrEqual(a.categories[i]!.score);
        });
      }),
    );
  });

  it('the same findings in any order give the same result', () => {
    const permuted = findings.chain((fs) =>
      fc.tuple(fc.constant(fs), fc.shuffledSubarray(fs, { minLength: fs.length, maxLength: fs.length })),
    );
    fc.assert(
      fc.property(permuted, ([fs, shuffled]) => {
        expect(scoreFindings(shuffled)).toEqual(scoreFindings(fs));
      }),
    );
  });

  it('tentative, info and suppressed findings never change a score or a grade', () => {
    fc.assert(
      fc.property(findings, fc.array(unscored, { minLength: 1, maxLength: 10 }), (fs, extra) => {
        const a = scoreFindings(fs);
        const b = scoreFindings([...fs, ...extra]);
        expect(b.score).toBe(a.score);
        expect(b.grade).toBe(a.grade);
        expect(b.categories.map((c) => c.score)).toEqual(a.categories.map((c) => c.score));
      }),
    );
  });

  it('scores are integers in 0..100, every category is present once and counts its findings', () => {
    fc.assert(
      fc.property(findings, (fs) => {
        const s = scoreFindings(fs);
        for (const n of [s.score, ...s.categories.map((c) => c.score)]) {
          expect(Number.isInteger(n) && n >= 0 && n <= 100).toBe(true);
        }
        expect(s.categories.map((c) => c.category)).toEqual([...CATEGORIES]);
        for (const c of s.categories)
          expect(c.findings).toBe(fs.filter((x) => x.category === c.category).length);
      }),
    );
  });

  it('the grade is the band of the score and respects the caps', () => {
    fc.assert(
      fc.property(findings, (fs) => {
        const { score, grade } = scoreFindings(fs);
        expect(grade).toBe(gradeFor(score));
        const counted = fs.filter(counts);
        if (counted.some((x) => x.severity === 'critical')) expect(grade).toBe('F');
        if (counted.some((x) => x.severity === 'high')) expect(['C', 'D', 'F']).toContain(grade);
      }),
    );
  });
});

describe('scoring examples', () => {
  it('a scan with no findings scores 100 (A) in every category', () => {
    const s = scoreFindings([]);
    expect(s).toMatchObject({ score: 100, grade: 'A' });
    expect(s.categories).toHaveLength(CATEGORIES.length);
    expect(s.categories.every((c) => c.score === 100 && c.findings === 0)).toBe(true);
  });

  it.each([
    [100, 'A'],
    [90, 'A'],
    [89, 'B'],
    [80, 'B'],
    [79, 'C'],
    [70, 'C'],
    [69, 'D'],
    [60, 'D'],
    [59, 'F'],
    [0, 'F'],
  ] as const)('score %i is grade %s', (score, grade) => {
    expect(gradeFor(score)).toBe(grade);
  });

  it('the bands list every grade once, best first, down to 0', () => {
    expect(SCORING.bands.map((b) => b.grade)).toEqual([...GRADES]);
    const mins = SCORING.bands.map((b) => b.min);
    expect(mins).toEqual([...mins].sort((a, b) => b - a));
    expect(mins.at(-1)).toBe(0);
  });

  it('bandCeiling is the best score of each grade', () => {
    expect(GRADES.map(bandCeiling)).toEqual([100, 89, 79, 69, 59]);
  });

  it('one firm medium in a weight-1 category costs 12 points: 88, B', () => {
    const s = scoreFindings([f('csrf', 'medium')]);
    expect(s).toMatchObject({ score: 88, grade: 'B' });
    expect(categoryScore([f('csrf', 'medium')], 'csrf')).toEqual({
      category: 'csrf',
      score: 88,
      findings: 1,
    });
  });

  it('category weights scale the overall deduction, not the category score', () => {
    const fs = [f('headers', 'medium')];
    expect(scoreFindings(fs).score).toBe(94);
    expect(categoryScore(fs, 'headers')?.score).toBe(88);
    expect(scoreFindings([f('injection', 'medium')]).score).toBe(85);
  });

  it('repeated findings in a category deduct with diminishing returns, up to the counted maximum', () => {
    expect(categoryScore(repeat(3, f('cors', 'medium')), 'cors')?.score).toBe(100 - (12 + 6 + 3));
    // the largest finding counts in full whatever the order
    expect(categoryScore([f('cors', 'low'), f('cors', 'medium')], 'cors')?.score).toBe(100 - (12 + 2));
    const five = categoryScore(repeat(SCORING.maxCounted, f('cors', 'low')), 'cors');
    const many = categoryScore(repeat(SCORING.maxCounted + 20, f('cors', 'low')), 'cors');
    expect(many?.score).toBe(five?.score);
    expect(many?.findings).toBe(SCORING.maxCounted + 20);
  });

  it('findings in different categories add up without a discount', () => {
    expect(scoreFindings([f('csrf', 'medium'), f('cors', 'medium')]).score).toBe(76);
  });

  it('a counted critical caps the grade at F even where the deduction alone would leave a B', () => {
    expect(scoreFindings([f('headers', 'critical', 'confirmed')])).toMatchObject({ score: 59, grade: 'F' });
    expect(scoreFindings([f('misconfiguration', 'critical')])).toMatchObject({ score: 50, grade: 'F' });
  });

  it('a counted high caps the grade at C', () => {
    expect(scoreFindings([f('framing', 'high')])).toMatchObject({ score: 79, grade: 'C' });
    expect(scoreFindings([f('csrf', 'high')])).toMatchObject({ score: 75, grade: 'C' });
    expect(scoreFindings([f('authorization', 'high')])).toMatchObject({ score: 68, grade: 'D' });
  });

  it('tentative findings neither deduct nor cap', () => {
    const s = scoreFindings([f('authentication', 'critical', 'tentative'), f('cors', 'high', 'tentative')]);
    expect(s.score).toBe(100);
    expect(s.grade).toBe('A');
    expect(categoryScore([f('cors', 'high', 'tentative')], 'cors')).toEqual({
      category: 'cors',
      score: 100,
      findings: 1,
    });
  });

  it('info findings never deduct', () => {
    expect(scoreFindings(repeat(10, f('transport', 'info', 'confirmed'))).score).toBe(100);
  });

  it('a score never drops below 0', () => {
    const worst = CATEGORIES.flatMap((c) => repeat(6, f(c, 'critical', 'confirmed')));
    const s = scoreFindings(worst);
    expect(s).toMatchObject({ score: 0, grade: 'F' });
    expect(s.categories.every((c) => c.score === 3)).toBe(true);
  });
});
