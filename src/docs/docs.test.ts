import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ERRORS } from '../errors.js';
import { KB_DOCS_DIR } from '../kb/contexts.js';
import { ERRORS_DOC_PATH, renderErrorsDoc } from './errors.js';
import { generatedDocs, REPO_ROOT, writeDocs } from './generate.js';
import { fillRegions, headings } from './markdown.js';
import { RULE_DOCS_DIR } from './rules.js';
import { renderScoringDoc, SCORING_DOC_PATH } from './scoring.js';

const read = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');

describe('generated docs', () => {
  // rule pages are checked by src/checks/contract.test.ts, stack pages by src/docs/kb-pages.test.ts
  const docs = [...generatedDocs()].filter(
    ([path]) => !path.startsWith(`${RULE_DOCS_DIR}/`) && !path.startsWith(`${KB_DOCS_DIR}/`),
  );
  it.each(docs)('%s is committed and current (run `node dist/docs/generate.js`)', (path, content) => {
    expect(read(path)).toBe(content);
  });
});

describe('docs/errors.md', () => {
  it('lists every error code with its exit code and summary, and nothing else', () => {
    const rows = read(ERRORS_DOC_PATH)
      .split('\n')
      .map((line) => /^\| `([A-Z_]+)` \| (\d+) \| (.*) \|$/.exec(line))
      .filter((m) => m !== null)
      .map((m) => [m[1], Number(m[2]), m[3]]);
    expect(rows).toEqual(Object.entries(ERRORS).map(([code, e]) => [code, e.exit, e.summary]));
    expect(read(ERRORS_DOC_PATH)).toBe(renderErrorsDoc());
  });
});

describe('docs/scoring.md', () => {
  it('has every table region filled from the weights table', () => {
    const doc = read(SCORING_DOC_PATH);
    expect(doc).toBe(renderScoringDoc(doc));
    expect(doc).toContain('| critical | 50 |');
  });

  it('the regions are refilled whatever they held before', () => {
    const emptied = read(SCORING_DOC_PATH).replace(
      /(<!-- generated:(\w+) -->)[\s\S]*?(<!-- \/generated:\2 -->)/g,
      '$1\nstale\n$3',
    );
    expect(emptied).toContain('stale');
    expect(renderScoringDoc(emptied)).toBe(read(SCORING_DOC_PATH));
  });
});

describe('markdown helpers', () => {
  it('headings skip fenced code', () => {
    const md = '# T\n\n## A\n\n```python\n## not a heading\n```\n\n~~~\n# nor this\n~~~\n### B ##\n';
    expect(headings(md)).toEqual([
      { level: 1, text: 'T' },
      { level: 2, text: 'A' },
      { level: 3, text: 'B' },
    ]);
  });

  it('fillRegions refuses a document without the region', () => {
    expect(() => fillRegions('no markers', { x: 'y' })).toThrow(/generated:x/);
  });
});

describe('writeDocs', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('writes every generated file, removes orphan rule pages, and is a no-op the second time', () => {
    root = mkdtempSync(join(tmpdir(), 'parapet-docs-'));
    mkdirSync(join(root, RULE_DOCS_DIR), { recursive: true });
    writeFileSync(join(root, SCORING_DOC_PATH), read(SCORING_DOC_PATH));
    writeFileSync(join(root, RULE_DOCS_DIR, 'retired-rule.md'), '# old\n');

    const first = writeDocs(root);
    expect(first.removed).toEqual([`${RULE_DOCS_DIR}/retired-rule.md`]);
    expect(existsSync(join(root, RULE_DOCS_DIR, 'retired-rule.md'))).toBe(false);
    expect(first.written).toEqual([...generatedDocs().keys()].filter((p) => p !== SCORING_DOC_PATH));
    for (const [path, content] of generatedDocs(root))
      expect(readFileSync(join(root, path), 'utf8')).toBe(content);

    expect(writeDocs(root)).toEqual({ written: [], removed: [] });
  });
});
