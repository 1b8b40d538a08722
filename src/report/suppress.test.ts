import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectValidReport } from '../../test/support/report-schema.js';
import { gateFailures } from '../cli/gate.js';
import { scoreFindings } from '../scoring/index.js';
import type { Report } from './report.js';
import { applySuppressions, matches, type Suppression } from './suppress.js';

const fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/reports/report.json', import.meta.url), 'utf8'),
) as Report;
/** The fixture without its suppression: every finding live. */
const report: Report = {
  ...fixture,
  findings: fixture.findings.map(({ suppressed: _s, ...f }) => f),
  ...scoreFindings(fixture.findings.map(({ suppressed: _s, ...f }) => f)),
};
const NOW = new Date('2025-06-15T12:00:00Z');

describe('matching', () => {
  const f = { rule: 'clickjacking', url: 'http://127.0.0.1:5000/items/{id}' };
  it.each<[string, Omit<Suppression, 'reason' | 'expires'>, boolean]>([
    ['the rule alone', { rule: 'clickjacking' }, true],
    ['another rule', { rule: 'csp-missing' }, false],
    ['a path glob', { rule: 'clickjacking', url: '/items/*' }, true],
    ['the exact pattern as shown', { rule: 'clickjacking', url: '/items/{id}' }, true],
    ['a full-URL glob', { rule: 'clickjacking', url: 'http://127.0.0.1:5000/*' }, true],
    ['another path', { rule: 'clickjacking', url: '/admin/*' }, false],
    ['a path that only starts the same', { rule: 'clickjacking', url: '/items' }, false],
    ['regex characters are literal', { rule: 'clickjacking', url: '/items/.+' }, false],
  ])('%s', (_, s, expected) => expect(matches(s, f)).toBe(expected));
});

describe('applySuppressions', () => {
  const live: Suppression = {
    rule: 'clickjacking',
    reason: 'Framed by our own portal only',
    expires: '2025-06-15',
  };

  it('marks covered findings, and the score and gates no longer count them', () => {
    const out = applySuppressions(report, [live], NOW);
    expect(out.findings.find((f) => f.rule === 'clickjacking')?.suppressed).toEqual({
      reason: 'Framed by our own portal only',
      expires: '2025-06-15',
    });
    expect(out.findings.length).toBe(report.findings.length);
    expect(out.score).toBe(scoreFindings(report.findings.filter((f) => f.rule !== 'clickjacking')).score);
    expect(out.score).toBeGreaterThan(report.score);
    expect(gateFailures(out, { failOn: 'high' })).toEqual([
      expect.stringMatching(/^1 finding at or above high/),
    ]);
    expect(gateFailures(report, { failOn: 'high' })).toEqual([
      expect.stringMatching(/^2 findings at or above high/),
    ]);
    expectValidReport(out);
  });

  it('an expired suppression lets its findings count again, with a note', () => {
    const expired = { ...live, expires: '2025-06-14' };
    const out = applySuppressions(report, [expired], NOW);
    expect(out.findings.every((f) => f.suppressed === undefined)).toBe(true);
    expect(out.score).toBe(report.score);
    expect(out.notes.at(-1)).toBe(
      'The suppression of clickjacking ("Framed by our own portal only") expired on 2025-06-14: its finding counts again.',
    );
  });

  it('the expiry day itself still holds (UTC), and an unmatched expired suppression adds no note', () => {
    const held = applySuppressions(report, [live], new Date('2025-06-15T23:59:59Z'));
    expect(held.findings.filter((f) => f.suppressed).map((f) => f.rule)).toEqual(['clickjacking']);
    const other = applySuppressions(report, [{ ...live, rule: 'tls-missing', expires: '2020-01-01' }], NOW);
    expect(other.notes).toEqual(report.notes);
  });

  it('recomputes from the report, so a suppression removed from the file un-suppresses', () => {
    // the fixture has server-version-disclosure suppressed; the file now only suppresses hsts-missing
    expect(fixture.findings.filter((f) => f.suppressed).map((f) => f.rule)).toEqual([
      'server-version-disclosure',
    ]);
    const out = applySuppressions(fixture, [{ ...live, rule: 'hsts-missing' }], NOW);
    expect(out.findings.filter((f) => f.suppressed).map((f) => f.rule)).toEqual(['hsts-missing']);
  });
});
