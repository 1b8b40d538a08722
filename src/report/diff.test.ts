import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreFindings } from '../scoring/index.js';
import type { Finding } from '../types.js';
import { diffReports } from './diff.js';
import type { Report } from './report.js';

const base = JSON.parse(
  readFileSync(new URL('../../test/fixtures/reports/report.json', import.meta.url), 'utf8'),
) as Report;
const withFindings = (findings: Finding[], more: Partial<Report> = {}): Report => ({
  ...base,
  findings,
  ...scoreFindings(findings),
  ...more,
});
const byRule = (rule: string) => base.findings.find((f) => f.rule === rule)!;

describe('diffReports', () => {
  const before = withFindings([byRule('clickjacking'), byRule('hsts-missing'), byRule('csp-missing')]);
  const after = withFindings([
    byRule('hsts-missing'),
    byRule('csp-missing'),
    byRule('cors-reflected-origin'),
  ]);

  it('sorts findings into new, fixed and unchanged by fingerprint, with the score change', () => {
    const d = diffReports(before, after);
    expect(d.added.map((f) => f.rule)).toEqual(['cors-reflected-origin']);
    expect(d.fixed.map((f) => f.rule)).toEqual(['clickjacking']);
    expect(d.unchanged.map((f) => f.rule)).toEqual(['hsts-missing', 'csp-missing']);
    expect(d.scoreChange).toBe(after.score - before.score);
    expect(d.warnings).toEqual([]);
  });

  it('matches by fingerprint, not by URL: the same findings on another host are unchanged', () => {
    const moved = JSON.parse(JSON.stringify(before).replaceAll('127.0.0.1:5000', '127.0.0.1:6000')) as Report;
    const d = diffReports(before, moved);
    expect(d.added).toEqual([]);
    expect(d.fixed).toEqual([]);
    expect(d.unchanged).toHaveLength(3);
    expect(d.warnings).toEqual([expect.stringContaining('different targets')]);
  });

  it('warns when scoring versions differ or a scan was partial', () => {
    const d = diffReports(before, { ...after, scoringVersion: 2, partial: true });
    expect(d.warnings).toEqual([
      expect.stringContaining('different scoring versions (1 and 2)'),
      expect.stringContaining('partial'),
    ]);
  });
});
