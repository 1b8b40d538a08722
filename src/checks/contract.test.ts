/**
 * The contract every check, knowledge-base entry and rule page keeps. The registry assertions loop over
 * the real CHECKS and KB; a stand-in check and entry, defined here, exercise the doc generator and the
 * validators themselves (so these tests mean something while the registry is small).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, type CatalogueEntry, isRuleId } from '../catalogue.js';
import { orphanRulePages, REPO_ROOT } from '../docs/generate.js';
import { kbProblems } from '../docs/kb-validate.js';
import { headings } from '../docs/markdown.js';
import {
  emittedRules,
  RULE_INDEX,
  RULE_SECTIONS,
  renderRuleIndex,
  renderRulePage,
  ruleDocFiles,
  STACK_NAMES,
} from '../docs/rules.js';
import { KB } from '../kb/index.js';
import { FIX_STACKS, type RuleDoc } from '../kb/types.js';
import { CATEGORIES, MODES, type Mode, SEVERITIES } from '../types.js';
import { CHECKS } from './index.js';
import { type Check, defineCheck } from './types.js';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MODE_RANK: Record<Mode, number> = { passive: 0, safe: 1, active: 2 };
const inRepo = (path: string): boolean => existsSync(join(REPO_ROOT, path));
const read = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');

/** Everything wrong with a check's meta; empty when it keeps the contract. */
function metaProblems(check: Check, fileExists: (path: string) => boolean = inRepo): string[] {
  const m = check.meta;
  const out: string[] = [];
  if (!KEBAB.test(m.id)) out.push(`id "${m.id}" is not kebab-case`);
  if (!fileExists(`src/checks/${m.id}.ts`)) out.push(`id "${m.id}" has no file src/checks/${m.id}.ts`);
  if (m.title.trim() === '') out.push('title is empty');
  if (!CATEGORIES.includes(m.category)) out.push(`category "${m.category}" is unknown`);
  if (!MODES.includes(m.mode)) out.push(`mode "${m.mode}" is unknown`);
  if (!Number.isInteger(m.maxRequests) || m.maxRequests < 0)
    out.push(`maxRequests ${m.maxRequests} is not ≥ 0`);
  if (m.mode !== 'passive' && m.maxRequests === 0)
    out.push(`a ${m.mode} check with maxRequests 0 sends nothing`);
  if (!/^\d+\.\d+\.\d+$/.test(m.since)) out.push(`since "${m.since}" is not a version`);
  for (const s of m.sameAs ?? []) if (!/^[a-z0-9-]+:\S+$/.test(s)) out.push(`sameAs "${s}" is not tool:id`);
  const rules = Object.entries(m.rules);
  if (rules.length === 0) out.push('emits no rule');
  const categories = new Set<string>();
  for (const [rule, r] of rules) {
    if (!isRuleId(rule)) {
      out.push(`rule "${rule}" is not in the catalogue`);
      continue;
    }
    const e: CatalogueEntry = CATALOGUE[rule];
    categories.add(e.category);
    if (r.title.trim() === '') out.push(`rule ${rule}: title is empty`);
    if (r.owasp !== e.owasp) out.push(`rule ${rule}: owasp ${r.owasp}, catalogue says ${e.owasp}`);
    if (r.cwe !== e.cwe) out.push(`rule ${rule}: cwe ${r.cwe}, catalogue says ${e.cwe}`);
    if (!SEVERITIES.includes(r.severity) || !new RegExp(`\\b${r.severity}\\b`).test(e.severityNote)) {
      out.push(`rule ${rule}: severity ${r.severity} is not one the catalogue gives (${e.severityNote})`);
    }
    if (MODE_RANK[m.mode] < MODE_RANK[e.mode])
      out.push(`rule ${rule} needs mode ${e.mode}, the check is ${m.mode}`);
  }
  if (categories.size > 0 && !categories.has(m.category)) {
    out.push(`category ${m.category} is none of its rules' categories (${[...categories].join(', ')})`);
  }
  return out;
}

/** Everything wrong with the structure of a rule page. */
function pageProblems(markdown: string): string[] {
  const out: string[] = [];
  const hs = headings(markdown);
  if (hs.filter((h) => h.level === 1).length !== 1 || hs[0]?.level !== 1)
    out.push('needs exactly one H1, first');
  const h2 = hs.filter((h) => h.level === 2).map((h) => h.text);
  if (JSON.stringify(h2) !== JSON.stringify(RULE_SECTIONS)) {
    out.push(`sections are [${h2.join(', ')}], expected [${RULE_SECTIONS.join(', ')}]`);
  }
  let section = '';
  const stacks: string[] = [];
  for (const h of hs) {
    if (h.level === 2) section = h.text;
    if (h.level !== 3) continue;
    if (section !== 'Fix') out.push(`H3 "${h.text}" outside Fix`);
    else stacks.push(h.text);
  }
  const order: string[] = FIX_STACKS.map((s) => STACK_NAMES[s]);
  const known = stacks.filter((s) => order.includes(s));
  if (known.length !== stacks.length)
    out.push(`Fix has subsections for unknown stacks: ${stacks.join(', ')}`);
  if (
    JSON.stringify(known) !== JSON.stringify([...known].sort((a, b) => order.indexOf(a) - order.indexOf(b)))
  ) {
    out.push(`Fix subsections are out of order: ${stacks.join(', ')}`);
  }
  return out;
}

// ---- the stand-in check and knowledge-base entry --------------------------------------------------

const fakeCheck = defineCheck({
  meta: {
    id: 'server-banner',
    title: 'Server banners',
    category: 'inventory',
    mode: 'passive',
    since: '0.1.0',
    sameAs: ['zap:10036'],
    maxRequests: 0,
    rules: {
      'server-version-disclosure': {
        title: 'Server banner names a version',
        severity: 'low',
        owasp: 'API8',
        cwe: 497,
      },
    },
  },
  async *run() {},
});

const fakeDoc: RuleDoc = {
  summary: 'The response names the server software and its version.',
  meaning: 'An attacker learns which **known** vulnerabilities to try.',
  decides: 'Fires on a `Server` header with a version number.\n\nDoes not fire on a bare product name.',
  fix: {
    nginx: '```nginx\nserver_tokens off;\n```',
    generic: 'Remove the version from banners.\n\n```python\n## a comment, not a heading\n```',
    flask: 'Set `SERVER_NAME`… (example)',
  },
  limitations: 'A proxy may add its own banner.',
  references: [{ title: 'CWE-497', url: 'https://cwe.mitre.org/data/definitions/497.html' }],
  pciDss: ['6.2.4'],
  soc2: ['CC7.1'],
};
const fakeFile = (path: string) => path === 'src/checks/server-banner.ts';
const fakePage = renderRulePage('server-version-disclosure', fakeCheck.meta, fakeDoc);

describe('the contract checks themselves (stand-in check)', () => {
  it('a well-formed check, entry and page raise no problem', () => {
    expect(metaProblems(fakeCheck, fakeFile)).toEqual([]);
    expect(kbProblems(fakeDoc)).toEqual([]);
    expect(pageProblems(fakePage)).toEqual([]);
  });

  const broken: Array<[string, Partial<Check['meta']>, RegExp]> = [
    ['id not kebab-case', { id: 'Server_Banner' }, /not kebab-case/],
    ['id not its file name', { id: 'banner' }, /no file src\/checks\/banner\.ts/],
    ['negative budget', { maxRequests: -1 }, /maxRequests -1/],
    ['safe check with no budget', { mode: 'safe' }, /safe check with maxRequests 0/],
    [
      'unknown rule',
      { rules: { 'no-such-rule': { title: 'x', severity: 'low', owasp: 'API8', cwe: 1 } } },
      /not in the catalogue/,
    ],
    [
      'OWASP and CWE differ from the catalogue',
      { rules: { 'server-version-disclosure': { title: 'x', severity: 'low', owasp: 'API9', cwe: 200 } } },
      /owasp API9, catalogue says API8.*cwe 200, catalogue says 497/s,
    ],
    [
      'severity the catalogue never gives',
      {
        rules: { 'server-version-disclosure': { title: 'x', severity: 'critical', owasp: 'API8', cwe: 497 } },
      },
      /severity critical/,
    ],
    [
      'mode below what its rule needs',
      { rules: { 'jwt-alg-none': { title: 'x', severity: 'critical', owasp: 'API2', cwe: 347 } } },
      /needs mode active, the check is passive/,
    ],
    ['category of none of its rules', { category: 'cors' }, /category cors is none of its rules' categories/],
  ];
  it.each(broken)('flags %s', (_, change, problem) => {
    const check = { ...fakeCheck, meta: { ...fakeCheck.meta, ...change } } as Check;
    expect(metaProblems(check, fakeFile).join('\n')).toMatch(problem);
  });

  it('flags knowledge-base entries that would break the page', () => {
    const bad: RuleDoc = {
      ...fakeDoc,
      summary: ' ',
      meaning: '## My own section',
      fix: { generic: 'x', cobol: 'y' } as RuleDoc['fix'],
      references: [{ title: 'plain', url: 'http://example.test' }],
      pciDss: ['Req 6'],
      soc2: ['CC 6'],
    };
    expect(kbProblems(bad)).toEqual([
      'summary is empty',
      'meaning has a level-2 heading "My own section"',
      'fix for unknown stack cobol',
      'reference "plain" <http://example.test> is not a titled https link',
      'PCI DSS "Req 6" is not a requirement number',
      'SOC 2 "CC 6" is not a criterion',
    ]);
  });

  it('the page header comes from the meta, the catalogue and the entry', () => {
    expect(fakePage).toMatch(
      /^<!-- Generated by src\/docs\/rules\.ts .*-->\n\n# Server banner names a version\n/,
    );
    for (const row of [
      '| Rule id | `server-version-disclosure` |',
      '| Check | [`server-banner`](../../src/checks/server-banner.ts) |',
      '| Category | `inventory` ([scoring](../scoring.md)) |',
      '| Default severity | low |',
      '| Mode | passive: reads what the scan fetched, sends nothing more |',
      '| OWASP API Security Top 10 (2023) | API8: Security Misconfiguration |',
      '| CWE | [CWE-497](https://cwe.mitre.org/data/definitions/497.html) |',
      '| PCI DSS 4.0 | 6.2.4 |',
      '| SOC 2 | CC7.1 |',
      '| Since | 0.1.0 |',
      '| Same as | `zap:10036` |',
    ]) {
      expect(fakePage).toContain(row);
    }
    expect(fakePage).toContain(fakeDoc.summary);
  });

  it('the page has the sections in order, generic fix first, then one subsection per stack in stack order', () => {
    const hs = headings(fakePage).filter((h) => h.level > 1);
    expect(hs.map((h) => `${'#'.repeat(h.level)} ${h.text}`)).toEqual([
      '## What it means',
      '## How Parapet decides',
      '## Fix',
      '### Flask',
      '### nginx',
      '## Known limitations',
      '## References',
    ]);
    const fix = fakePage.slice(fakePage.indexOf('## Fix'), fakePage.indexOf('### Flask'));
    expect(fix).toContain('Remove the version from banners.');
    expect(fakePage).toContain('- [CWE-497](https://cwe.mitre.org/data/definitions/497.html)');
  });

  it('pageProblems flags missing, extra and misordered sections', () => {
    const swapped = fakePage
      .replace('## What it means', '## TMP')
      .replace('## Fix', '## What it means')
      .replace('## TMP', '## Fix');
    expect(pageProblems(swapped)).toContainEqual(
      expect.stringMatching(/^sections are \[Fix, How Parapet decides, What it/),
    );
    expect(pageProblems(fakePage.replace('## Known limitations\n', ''))).toHaveLength(1);
    expect(pageProblems(fakePage.replace('### nginx', '### nginx\n\n## Extra'))).toHaveLength(1);
    expect(pageProblems(fakePage.replace('### Flask', '### Fortran'))).toEqual([
      expect.stringMatching(/unknown stacks/),
    ]);
  });

  it('the index links implemented rules and lists the rest as planned', () => {
    const index = renderRuleIndex([fakeCheck]);
    expect(index).toContain(
      '| [server-version-disclosure](server-version-disclosure.md) | Server banner names a version | inventory | low | passive | API8 |',
    );
    expect(index).toMatch(/\| clickjacking \| — \| framing \|.*\| planned \|/);
    expect(index).toContain(`1 of ${Object.keys(CATALOGUE).length}`);
  });

  it('the generator refuses a rule without a knowledge-base entry', () => {
    expect(() => ruleDocFiles([fakeCheck], {})).toThrow(
      /server-version-disclosure .*no knowledge-base entry/,
    );
    expect([...ruleDocFiles([fakeCheck], { 'server-version-disclosure': fakeDoc }).keys()]).toEqual([
      'docs/rules/server-version-disclosure.md',
      'docs/rules/README.md',
    ]);
  });
});

// ---- the real registry -------------------------------------------------------------------------

describe('check registry', () => {
  const ids = CHECKS.map((c) => c.meta.id);

  it('is sorted by id with no duplicates', () => {
    expect(ids).toEqual([...new Set(ids)].sort());
  });

  it.each(CHECKS.map((c) => [c.meta.id, c] as const))('%s: meta keeps the contract', async (id, check) => {
    expect(metaProblems(check)).toEqual([]);
    const mod = (await import(join(REPO_ROOT, 'src/checks', `${id}.ts`))) as { default?: unknown };
    expect(mod.default).toBe(check);
  });

  it('every check file in src/checks is registered', async () => {
    const files = readdirSync(join(REPO_ROOT, 'src/checks')).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    const unregistered: string[] = [];
    for (const f of files) {
      const mod = (await import(join(REPO_ROOT, 'src/checks', f))) as { default?: Partial<Check> };
      const exported = mod.default;
      if (exported?.meta && typeof exported.run === 'function' && !CHECKS.includes(exported as Check))
        unregistered.push(f);
    }
    expect(unregistered).toEqual([]);
  });

  it('no rule is emitted by two checks', () => {
    const rules = emittedRules().map((e) => e.rule);
    expect(rules).toEqual([...new Set(rules)]);
  });
});

describe('knowledge base', () => {
  const emitted = emittedRules().map((e) => e.rule);

  it('every emitted rule has an entry, and every entry belongs to an emitted rule', () => {
    expect(emitted.filter((r) => !KB[r])).toEqual([]);
    expect(Object.keys(KB).filter((r) => !emitted.includes(r))).toEqual([]);
  });

  it('is sorted by rule id', () => {
    expect(Object.keys(KB)).toEqual(Object.keys(KB).sort());
  });

  it.each(Object.keys(KB))('%s: entry is src/kb/rules/<rule>.ts and keeps the contract', async (rule) => {
    const mod = (await import(join(REPO_ROOT, 'src/kb/rules', `${rule}.ts`))) as { default?: unknown };
    expect(mod.default).toBe(KB[rule]);
    expect(kbProblems(KB[rule]!)).toEqual([]);
  });
});

describe('rule pages', () => {
  const files = ruleDocFiles();
  const pages = [...files.keys()].filter((p) => !p.endsWith(`/${RULE_INDEX}`));

  it.each([...files.keys()])('%s exists and is current (run `node dist/docs/generate.js`)', (path) => {
    expect(inRepo(path)).toBe(true);
    expect(read(path)).toBe(files.get(path));
  });

  it.each(pages)('%s has the sections in order', (path) => {
    expect(pageProblems(read(path))).toEqual([]);
  });

  it('there is no orphan page', () => {
    expect(orphanRulePages(files)).toEqual([]);
  });
});

// ---- the catalogue against the design's RULES.md --------------------------------------------------

// RULES.md lives beside the repository in the design folder; PARAPET_RULES_MD points elsewhere.
const rulesMd = process.env.PARAPET_RULES_MD ?? join(REPO_ROOT, '../shared/design/RULES.md');
const hasRulesMd = existsSync(rulesMd);

/** The rows of the first table in RULES.md. */
function rulesMdRows(text: string): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^\|\s*-/.test(l));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

describe('catalogue', () => {
  it.skipIf(!hasRulesMd)(
    hasRulesMd ? `matches ${rulesMd}` : `matches RULES.md (skipped: ${rulesMd} not found)`,
    () => {
      const rows = rulesMdRows(readFileSync(rulesMd, 'utf8'));
      expect(rows.map((r) => r[0])).toEqual(Object.keys(CATALOGUE));
      for (const [rule, category, severityNote, mode, owasp, cwe] of rows) {
        const e = CATALOGUE[rule as keyof typeof CATALOGUE];
        expect({
          rule,
          category,
          severityNote,
          mode: mode!.split(' ')[0],
          owasp,
          cwe: /^\d+/.exec(cwe!)?.[0] ?? null,
        }).toEqual({
          rule,
          category: e.category,
          severityNote: e.severityNote,
          mode: e.mode,
          owasp: e.owasp,
          cwe: e.cwe === null ? null : String(e.cwe),
        });
      }
    },
  );

  it('every entry is well-formed', () => {
    for (const [rule, e] of Object.entries(CATALOGUE)) {
      expect(KEBAB.test(rule), rule).toBe(true);
      expect(CATEGORIES.includes(e.category), rule).toBe(true);
      expect(new RegExp(`\\b${e.severity}\\b`).test(e.severityNote), rule).toBe(true);
    }
  });
});
