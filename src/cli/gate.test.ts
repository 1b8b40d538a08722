import { describe, expect, it } from 'vitest';
import { reportFixture } from '../reporters/test-support/report-fixture.js';
import type { Severity } from '../types.js';
import { gateFailures } from './gate.js';

// The fixture: score 72; findings high/firm, medium/confirmed, low/tentative.
const report = reportFixture();

describe('--fail-on', () => {
  const cases: Array<[Severity, number]> = [
    ['critical', 0],
    ['high', 1],
    ['medium', 2],
    // the low finding is tentative: it never fails a build
    ['low', 2],
    ['info', 2],
  ];
  it.each(cases)('--fail-on %s counts %i finding(s)', (failOn, n) => {
    const reasons = gateFailures(report, { failOn });
    expect(reasons).toEqual(
      n === 0 ? [] : [expect.stringMatching(new RegExp(`^${n} findings? at or above ${failOn}`))],
    );
  });
});

describe('--threshold', () => {
  it.each([
    [73, true],
    [72, false],
    [0, false],
  ])('--threshold %i fails: %s', (threshold, fails) => {
    expect(gateFailures(report, { threshold }).length > 0).toBe(fails);
  });

  it('reports both reasons when both are breached', () => {
    expect(gateFailures(report, { failOn: 'high', threshold: 90 })).toHaveLength(2);
  });

  it('passes with no gate at all', () => {
    expect(gateFailures(report, {})).toEqual([]);
  });
});

describe('suppressed findings', () => {
  it('never fail --fail-on', () => {
    const suppressed = {
      ...report,
      findings: report.findings.map((f) => ({
        ...f,
        suppressed: { reason: 'accepted', expires: '2099-01-01' },
      })),
    };
    expect(gateFailures(suppressed, { failOn: 'info' })).toEqual([]);
  });
});
