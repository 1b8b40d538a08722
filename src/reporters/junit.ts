/**
 * JUnit XML for CI test tabs: one test suite per category, one test case per rule the scan ran. A case
 * fails when the rule has findings at or above `failOn` (default `low`), counting only findings that can
 * fail a gate (not tentative, not suppressed); the others are listed in its `system-out`. A check that
 * was skipped (needs --active) skips its rules; a check that failed is an `error`.
 */
import { CHECKS } from '../checks/index.js';
import type { Report } from '../report/report.js';
import { type Category, type Finding, type Severity, severityRank } from '../types.js';
import { notCountedReason, sortFindings } from './lib/findings.js';
import { xmlAttr, xmlEscape } from './lib/xml.js';

export interface JunitOptions {
  /** The lowest severity that fails a test case (default `low`: everything but `info`). */
  failOn?: Severity;
}

interface Case {
  rule: string;
  title: string;
  category: Category;
  status: 'ran' | 'skipped' | 'failed' | 'partial';
  reason?: string;
  findings: Finding[];
}

function cases(report: Report): Case[] {
  const byRule = new Map<string, Case>();
  for (const entry of report.coverage.checks) {
    const check = CHECKS.find((c) => c.meta.id === entry.id);
    const rules = check ? Object.entries(check.meta.rules) : [[entry.id, { title: entry.id }] as const];
    for (const [rule, meta] of rules) {
      byRule.set(rule, {
        rule,
        title: meta.title,
        category: entry.category,
        status: entry.status,
        ...(entry.reason !== undefined ? { reason: entry.reason } : {}),
        findings: [],
      });
    }
  }
  for (const f of sortFindings(report.findings)) {
    const c = byRule.get(f.rule);
    if (c) {
      c.findings.push(f);
      c.title = f.title;
    } else {
      byRule.set(f.rule, {
        rule: f.rule,
        title: f.title,
        category: f.category,
        status: 'ran',
        findings: [f],
      });
    }
  }
  return [...byRule.values()].sort((a, b) => a.rule.localeCompare(b.rule));
}

function findingText(f: Finding): string {
  const more = f.instances > 1 ? ` (${f.instances} URLs)` : '';
  const lines = [
    `[${f.severity}, ${f.confidence}] ${f.title}`,
    `  ${f.method} ${f.url}${more}`,
    `  ${f.evidence.request}${f.evidence.status !== undefined ? ` -> ${f.evidence.status}` : ''}`,
    `  ${f.evidence.detail}`,
    `  Fix: ${f.remediation.docs}${f.remediation.stack !== 'generic' ? ` (fix for ${f.remediation.stack} in the report)` : ''}`,
  ];
  const why = notCountedReason(f);
  if (why) lines.push(`  Not counted: ${why}`);
  return lines.join('\n');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderJunit(report: Report, options: JunitOptions = {}): string {
  const failOn = options.failOn ?? 'low';
  const min = severityRank(failOn);
  const all = cases(report);
  const categories = [...new Set(all.map((c) => c.category))];
  const suites: string[] = [];
  let total = { tests: 0, failures: 0, errors: 0, skipped: 0 };

  for (const category of categories) {
    const mine = all.filter((c) => c.category === category);
    const counts = { tests: mine.length, failures: 0, errors: 0, skipped: 0 };
    const body: string[] = [];
    for (const c of mine) {
      const failing = c.findings.filter(
        (f) => f.confidence !== 'tentative' && !f.suppressed && severityRank(f.severity) >= min,
      );
      const name = c.title === c.rule ? c.rule : `${c.rule}: ${c.title}`;
      const lines = [`    <testcase name="${xmlAttr(name)}" classname="parapet.${category}" time="0">`];
      if (c.status === 'skipped') {
        counts.skipped++;
        lines.push(`      <skipped message="${xmlAttr(c.reason ?? 'skipped')}"/>`);
      } else if (c.status === 'failed') {
        counts.errors++;
        lines.push(
          `      <error message="${xmlAttr(`the check failed: ${c.reason ?? 'unknown error'}`)}" type="check-failed"/>`,
        );
      } else if (failing.length > 0) {
        counts.failures++;
        const message = `${plural(failing.length, 'finding')} at or above ${failOn} severity`;
        lines.push(
          `      <failure message="${xmlAttr(message)}" type="${failing[0]!.severity}">${xmlEscape(failing.map(findingText).join('\n\n'))}</failure>`,
        );
      }
      const rest = c.findings.filter((f) => !failing.includes(f));
      const out = [
        ...(c.status === 'partial' ? [`The check did not finish: ${c.reason ?? 'partial'}.`] : []),
        ...rest.map(findingText),
      ];
      if (out.length > 0) lines.push(`      <system-out>${xmlEscape(out.join('\n\n'))}</system-out>`);
      lines.push('    </testcase>');
      // A case with nothing inside closes itself.
      body.push(lines.length === 2 ? `${lines[0]!.replace(/>$/, '/>')}` : lines.join('\n'));
    }
    total = {
      tests: total.tests + counts.tests,
      failures: total.failures + counts.failures,
      errors: total.errors + counts.errors,
      skipped: total.skipped + counts.skipped,
    };
    suites.push(
      [
        `  <testsuite name="parapet.${category}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="0" timestamp="${xmlAttr(report.startedAt.replace(/Z$/, ''))}">`,
        ...body,
        '  </testsuite>',
      ].join('\n'),
    );
  }

  const properties = [
    ['target', report.target],
    ['score', String(report.score)],
    ['grade', report.grade],
    ['fail-on', failOn],
    ['partial', String(report.partial)],
    ['parapet-version', report.tool.version],
  ]
    .map(([name, value]) => `      <property name="${xmlAttr(name!)}" value="${xmlAttr(value!)}"/>`)
    .join('\n');
  const head = `<testsuites name="${xmlAttr(`Parapet scan of ${report.target}`)}" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}" time="${seconds(report.stats.durationMs)}">`;
  // Properties belong to a suite; a summary suite of no cases carries the scan's.
  const summary = [
    `  <testsuite name="parapet" tests="0" failures="0" errors="0" skipped="0" time="${seconds(report.stats.durationMs)}">`,
    '    <properties>',
    properties,
    '    </properties>',
    '  </testsuite>',
  ].join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${summary}\n${suites.join('\n')}\n</testsuites>\n`;
}
