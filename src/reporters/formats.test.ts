/**
 * Golden reports: each format rendered from the fixed report in test/fixtures/reports/report.json must
 * equal its committed file (UPDATE_GOLDEN=1 rewrites them; review the diff). Then what a user relies on:
 * SARIF valid and accepted by GitHub, JUnit cases and counts, Markdown and HTML safe from hostile input.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { expectValidReport } from '../../test/support/report-schema.js';
import { githubSarifProblems, officialSarifValidator } from '../../test/support/sarif.js';
import type { Report } from '../report/report.js';
import { applySuppressions } from '../report/suppress.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { mdCode, mdText } from './lib/markdown-escape.js';
import { renderMarkdown } from './markdown.js';
import { FINGERPRINT_KEY, renderSarif, TARGET_BASE_ID } from './sarif.js';
import { repeatedFixture } from './test-support/report-fixture.js';

const FIXTURE = new URL('../../test/fixtures/reports/report.json', import.meta.url);
const GOLDEN = (name: string) => new URL(`../../test/fixtures/reports/golden/${name}`, import.meta.url);
const report = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Report;

const outputs: Array<[string, string]> = [
  ['report.sarif', renderSarif(report)],
  ['report.junit.xml', renderJunit(report)],
  ['report.junit-high.xml', renderJunit(report, { failOn: 'high' })],
  ['report.md', renderMarkdown(report)],
  ['report.html', renderHtml(report)],
];

describe('golden reports', () => {
  it('the fixture is a valid report', () => expectValidReport(report));

  it.each(outputs)('%s matches its golden file', (name, text) => {
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN(name), text);
    expect(text).toBe(readFileSync(GOLDEN(name), 'utf8'));
  });
});

/** The golden report with its hostile finding seen again on a second hostile URL: one issue, two URLs. */
const hostileTwice: Report = (() => {
  const f = report.findings.find((f) => f.rule === 'cors-reflected-origin')!;
  const url = 'http://127.0.0.1:5000/api/v2|x<img src=x onerror=alert(7)>';
  const again = { ...f, url, evidence: { ...f.evidence, request: `GET ${url}` }, fingerprint: 'again' };
  return { ...report, findings: [...report.findings, again] };
})();
const repeated = repeatedFixture();

const sarif = JSON.parse(renderSarif(report));
const run = sarif.runs[0];
const hostile = report.findings.find((f) => f.rule === 'cors-reflected-origin')!;

describe('SARIF', () => {
  const validate = officialSarifValidator();
  it.skipIf(!validate)('is valid against the official SARIF 2.1.0 schema', () => {
    expect(validate!(sarif)).toEqual([]);
    // The validator does reject what the schema forbids.
    expect(validate!({ ...sarif, version: '2.0.0' })).not.toEqual([]);
  });
  it('has the official SARIF schema to validate against when run in CI', () => {
    if (process.env.CI)
      expect(validate, 'install @microsoft/sarif-multitool-ts (see test/support/sarif.ts)').toBeDefined();
  });

  it('passes the checks GitHub code scanning adds (relative locations, rule indexes, fingerprints)', () => {
    expect(githubSarifProblems(sarif)).toEqual([]);
  });

  it('has one rule per Parapet rule id, with help, level and security severity from the severity', () => {
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual([...new Set(report.findings.map((f) => f.rule))].sort());
    const click = run.tool.driver.rules.find((r: { id: string }) => r.id === 'clickjacking');
    expect(click.defaultConfiguration.level).toBe('error');
    expect(click.properties['security-severity']).toBe('8.0');
    expect(click.help.markdown).toContain('@app.after_request');
    expect(click.help.markdown).toContain('docs/rules/clickjacking.md');
  });

  it('locates findings relative to the target origin, never by an absolute URL', () => {
    expect(run.originalUriBaseIds[TARGET_BASE_ID].uri).toBe('http://127.0.0.1:5000/');
    const byRule = (rule: string) => run.results.find((r: { ruleId: string }) => r.ruleId === rule);
    expect(byRule('clickjacking').locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'items/%7Bid%7D',
      uriBaseId: TARGET_BASE_ID,
    });
    expect(byRule('hsts-missing').locations[0].physicalLocation.artifactLocation.uri).toBe('./');
    expect(JSON.stringify(run.results.map((r: { locations: unknown }) => r.locations))).not.toMatch(
      /https?:/,
    );
  });

  it('uses the finding fingerprint as a stable partial fingerprint, the same across hosts', () => {
    for (const f of report.findings) {
      const result = run.results.find(
        (r: { partialFingerprints: Record<string, string> }) =>
          r.partialFingerprints[FINGERPRINT_KEY] === f.fingerprint,
      );
      expect(result?.ruleId).toBe(f.rule);
    }
    const moved = JSON.parse(
      renderSarif(JSON.parse(JSON.stringify(report).replaceAll('127.0.0.1:5000', 'staging.example.test'))),
    );
    expect(moved.runs[0].results.map((r: { partialFingerprints: unknown }) => r.partialFingerprints)).toEqual(
      run.results.map((r: { partialFingerprints: unknown }) => r.partialFingerprints),
    );
  });

  it('marks suppressed findings with a SARIF suppression and tentative ones as notes', () => {
    const suppressed = run.results.find((r: { ruleId: string }) => r.ruleId === 'server-version-disclosure');
    expect(suppressed.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: expect.stringContaining('release notes') },
    ]);
    expect(run.results.find((r: { ruleId: string }) => r.ruleId === 'csp-missing').level).toBe('note');
  });
});

/** The XML parsed (htmlparser2 in XML mode): element name → elements. */
function xml(text: string) {
  const doc = parseDocument(text, { xmlMode: true });
  const all: Array<{ name: string; attribs: Record<string, string>; children: unknown[] }> = [];
  const walk = (nodes: unknown[]) => {
    for (const n of nodes as Array<{
      type: string;
      name: string;
      attribs: Record<string, string>;
      children: unknown[];
    }>) {
      if (n.type === 'tag') all.push(n);
      if (n.children) walk(n.children);
    }
  };
  walk(doc.children);
  return (name: string) => all.filter((e) => e.name === name);
}

describe('JUnit', () => {
  it('has one test case per rule of the checks that ran, failed at or above --fail-on', () => {
    const low = xml(renderJunit(report));
    const names = low('testcase').map((t) => t.attribs.name!.split(':')[0]);
    expect(names).toEqual(
      expect.arrayContaining([
        'clickjacking',
        'cors-reflected-origin',
        'cors-wildcard-credentials',
        'hsts-missing',
      ]),
    );
    expect(new Set(names).size).toBe(names.length);
    const failed = (doc: ReturnType<typeof xml>) =>
      doc('testcase')
        .filter((t) => (t.children as Array<{ name?: string }>).some((c) => c.name === 'failure'))
        .map((t) => t.attribs.name!.split(':')[0])
        .sort();
    // tentative (csp-missing) and suppressed (server-version-disclosure) findings never fail a case
    expect(failed(low)).toEqual([
      'clickjacking',
      'cookie-httponly-missing',
      'cors-reflected-origin',
      'hsts-missing',
    ]);
    const high = xml(renderJunit(report, { failOn: 'high' }));
    expect(failed(high)).toEqual(['clickjacking', 'cors-reflected-origin']);
    expect(high('testsuites')[0]!.attribs).toMatchObject({ failures: '2', errors: '1', skipped: '1' });
  });

  it('escapes the target’s bytes', () => {
    const text = renderJunit(report);
    expect(text).not.toContain('<script>');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('Markdown', () => {
  const md = renderMarkdown(report);
  it('leads with the grade and score, counts, and the top findings', () => {
    expect(md.split('\n')[0]).toBe(`### Parapet: grade ${report.grade} · ${report.score}/100`);
    expect(md).toContain('5 findings (2 high, 2 medium, 1 low) · 1 suppressed');
    expect(md).toContain('`clickjacking`');
    expect(renderMarkdown(report, { top: 2 })).toContain('…and 3 more findings in the full report.');
  });

  it('cannot be turned into HTML, links, mentions or a broken table by the target', () => {
    // Outside code spans (where GitHub shows text as it is) nothing is markup.
    const prose = md.replace(/(`+)[^`].*?\1/g, '');
    expect(prose).not.toMatch(/<(script|img|svg|iframe)/i);
    expect(prose).not.toMatch(/\]\(/);
    expect(md).not.toContain('@everyone');
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    // every table row has exactly its four cells (a `|` from the target is escaped)
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|').length - 2).toBe(4);
    expect(hostile.url).toContain('<script>');
  });
});

describe('Markdown with repeated findings', () => {
  const md = renderMarkdown(repeated);
  const rows = md.split('\n').filter((l) => /^\| (?!Severity|---)/.test(l));

  it('counts every finding, and lists each issue once with the other URLs in its row', () => {
    expect(md).toContain('19 findings, 8 distinct (12 high, 2 medium, 5 low)');
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.includes('`clickjacking`'))).toEqual([
      expect.stringContaining(
        '| `GET /` · Also on 9 more URLs: `/about`, `/blog`, `/careers`, … (+6 more) |',
      ),
    ]);
    expect(rows.filter((r) => r.includes('`csrf-token-missing`'))).toEqual([
      expect.stringContaining('`POST /contact` · Also on 1 more URL: `/newsletter` |'),
    ]);
  });

  it('keeps different cookies, header values and parameters in rows of their own', () => {
    expect(rows.filter((r) => r.includes('`cookie-httponly-missing`'))).toHaveLength(2);
    expect(rows.filter((r) => r.includes('`server-version-disclosure`'))).toHaveLength(2);
    expect(rows.filter((r) => r.includes('`reflected-xss`'))).toHaveLength(2);
  });

  it('counts what the table leaves out in findings and distinct issues', () => {
    expect(renderMarkdown(repeated, { top: 2 })).toContain(
      '…and 17 more findings (6 distinct) in the full report.',
    );
  });

  it('escapes the other URLs it quotes', () => {
    const text = renderMarkdown(hostileTwice);
    expect(text).toContain('Also on 1 more URL: `/api/v2\\|x<img src=x onerror=alert(7)>`');
    for (const row of text.split('\n').filter((l) => l.startsWith('| '))) {
      expect(row.replace(/\\\|/g, '').split('|').length - 2).toBe(4);
    }
  });
});

describe('Markdown escaping', () => {
  it.each([
    ['@everyone look', '&#64;everyone look'],
    ['[click](javascript:alert(1))', '\\[click\\]\\(javascript:alert\\(1\\)\\)'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['a | b\nc', 'a \\| b c'],
    [
      'see http://evil.example or www.evil.example',
      'see http&#58;//evil\\.example or www&#46;evil\\.example',
    ],
  ])('mdText %j', (input, output) => expect(mdText(input)).toBe(output));

  it.each([
    ['plain', '`plain`'],
    ['a`b', '``a`b``'],
    ['`edge`', '`` `edge` ``'],
    ['x | y', '`x \\| y`'],
  ])('mdCode %j', (input, output) => expect(mdCode(input)).toBe(output));
});

describe('HTML', () => {
  const html = renderHtml(report);
  it('is self-contained: a strict CSP, no script, no external resource', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toMatch(/^default-src 'none';/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(html).not.toMatch(/<(script|link|iframe|img|object|embed|frame)\b|url\(/i);
  });

  it('escapes every hostile string from the target', () => {
    for (const payload of [
      '<script>alert(1)</script>',
      '"><svg onload=alert(3)>',
      '<b onmouseover=alert(6)>',
    ]) {
      expect(html).not.toContain(payload);
    }
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(3)&gt;');
    // the only links are the knowledge base's own https references
    for (const href of html.match(/href="[^"]*"/g) ?? []) expect(href).toMatch(/^href="https:\/\//);
  });

  it('shows an issue repeated on many URLs as one card that lists the other URLs', () => {
    const page = renderHtml(repeated);
    const cards = page.match(/<article class="finding[\s\S]*?<\/article>/g)!;
    expect(cards).toHaveLength(8);
    expect(page).toContain('<p class="lead">19 findings (8 distinct)</p>');
    expect(page).toContain('<h2>Findings (19, 8 distinct)</h2>');
    const framed = cards.filter((c) => c.includes('clickjacking'));
    expect(framed).toHaveLength(1);
    expect(framed[0]).toContain(
      '<p class="also">Also on 9 more URLs: <code>/about</code>, <code>/blog</code>, <code>/careers</code>, <code>/contact</code>, <code>/docs</code>, <code>/faq</code>, <code>/help</code>, <code>/pricing</code>, <code>http://127.0.0.1:5001/embed</code></p>',
    );
    expect(cards.filter((c) => c.includes('cookie-httponly-missing'))).toHaveLength(2);
    expect(cards.filter((c) => c.includes('server-version-disclosure'))).toHaveLength(2);
    expect(html).not.toContain('distinct');
  });

  it('escapes the other URLs it quotes', () => {
    const page = renderHtml(hostileTwice);
    expect(page).not.toContain('<img src=x onerror=alert(7)>');
    expect(page).toContain(
      '<p class="also">Also on 1 more URL: <code>/api/v2|x&lt;img src=x onerror=alert(7)&gt;</code></p>',
    );
  });

  it('shows suppressed findings as such', () => {
    expect(html).toContain('Suppressed until 2099-12-31: The version is public in our release notes');
    const live = applySuppressions(report, [], new Date());
    expect(live).toBe(report);
  });
});
