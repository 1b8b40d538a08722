/**
 * The pages per rule × framework × context (docs/kb): committed and current, one per combination that
 * has content, each with the same sections, links that lead somewhere, and all listed in the index.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KB_DOCS_DIR, PAGE_FRAMEWORKS, ruleContexts } from '../kb/contexts.js';
import { KB } from '../kb/index.js';
import { orphanKbPages, REPO_ROOT } from './generate.js';
import { kbDocFiles, kbPages } from './kb-pages.js';
import { headings } from './markdown.js';
import { emittedRules, STACK_NAMES } from './rules.js';

const files = kbDocFiles();
const pages = [...files.keys()].filter((p) => !p.endsWith('/README.md'));
const read = (path: string): string | undefined => {
  try {
    return readFileSync(join(REPO_ROOT, path), 'utf8');
  } catch {
    return undefined;
  }
};

/** Everything wrong with one generated page's structure. */
function pageProblems(path: string, markdown: string): string[] {
  const out: string[] = [];
  const hs = headings(markdown);
  const h1 = hs.filter((h) => h.level === 1);
  if (h1.length !== 1 || !/^.+ in .+ with .+$/.test(h1[0]!.text)) out.push(`H1 is ${JSON.stringify(h1)}`);
  const h2 = hs.filter((h) => h.level === 2).map((h) => h.text.replace(/ (with|in) .*$/, ''));
  if (JSON.stringify(h2) !== JSON.stringify(['What changes', 'The fix', 'Questions and answers', 'See also']))
    out.push(`sections are ${h2.join(', ')}`);
  let section = '';
  for (const h of hs) {
    if (h.level === 2) section = h.text;
    if (h.level === 3 && section === 'Questions and answers' && !h.text.endsWith('?'))
      out.push(`question "${h.text}" is not a question`);
    if (h.level === 3 && !section.startsWith('The fix') && section !== 'Questions and answers')
      out.push(`H3 "${h.text}" under ${section}`);
    if (h.level > 3) out.push(`H${h.level} "${h.text}"`);
  }
  // every relative link leads to a committed or generated file
  for (const m of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1]!;
    if (/^(https?:|#|mailto:)/.test(target)) continue;
    const file = normalize(join(dirname(path), target.split('#')[0]!));
    if (!files.has(file) && !existsSync(join(REPO_ROOT, file))) out.push(`link to ${target} leads nowhere`);
  }
  return out;
}

describe('stack pages (docs/kb)', () => {
  it('are committed and current (run `node dist/docs/generate.js`)', () => {
    const stale = [...files].filter(([path, content]) => read(path) !== content).map(([path]) => path);
    expect(stale).toEqual([]);
  });

  it('have no orphans', () => {
    expect(orphanKbPages(files)).toEqual([]);
  });

  it('exist exactly for the combinations with a framework fix and a context', () => {
    const expected = Object.entries(KB).flatMap(([rule, doc]) =>
      PAGE_FRAMEWORKS.filter((f) => doc.fix[f]).flatMap((f) =>
        ruleContexts(doc).map((c) => `${KB_DOCS_DIR}/${rule}/${f}-${c.key}.md`),
      ),
    );
    expect(pages.sort()).toEqual(expected.sort());
  });

  it('share one structure, and their links lead somewhere', () => {
    const problems = pages.flatMap((p) => pageProblems(p, files.get(p)!).map((x) => `${p}: ${x}`));
    expect(problems).toEqual([]);
  });

  it('are all linked from the index and from their rule page', () => {
    const index = files.get(`${KB_DOCS_DIR}/README.md`)!;
    for (const p of pages) expect(index, p).toContain(`](${p.slice(KB_DOCS_DIR.length + 1)})`);
    expect(index).toContain(`There are ${pages.length} pages`);
    for (const { rule } of emittedRules()) {
      const rulePage = read(`docs/rules/${rule}.md`) ?? '';
      for (const page of kbPages(rule, KB[rule]!))
        expect(rulePage, page.path).toContain(`(../${page.path.slice('docs/'.length)})`);
    }
  });

  it('name the combination and carry its context, its framework fix and its questions', () => {
    const path = `${KB_DOCS_DIR}/clickjacking/flask-api-keys.md`;
    const page = files.get(path)!;
    const doc = KB.clickjacking!;
    const context = ruleContexts(doc).find((c) => c.key === 'api-keys')!;
    expect(page).toContain(`# Clickjacking in ${STACK_NAMES.flask} with API keys`);
    expect(page).toContain(context.doc.text.trim());
    expect(page).toContain(doc.fix.flask!.trim());
    expect(page).toContain(`### ${context.doc.faq![0]!.q}`);
    expect(page).toContain('| OWASP ASVS 5.0.0 | v5.0.0-3.4.6 (');
  });
});
