/**
 * Writes every generated doc: `npm run build && node dist/docs/generate.js`. Tests compare the committed
 * files with `generatedDocs()`, so a stale doc fails the build.
 */
import { mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { KB_DOCS_DIR } from '../kb/contexts.js';
import { ERRORS_DOC_PATH, renderErrorsDoc } from './errors.js';
import { kbDocFiles } from './kb-pages.js';
import { REPORT_SCHEMA_PATH, renderReportSchema } from './report-schema.js';
import { RULE_DOCS_DIR, ruleDocFiles } from './rules.js';
import { renderScoringDoc, SCORING_DOC_PATH } from './scoring.js';

/** The repository root, from `src/docs/` or `dist/docs/` alike. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every generated file, path from the repository root → content. */
export function generatedDocs(root: string = REPO_ROOT): Map<string, string> {
  const files = new Map<string, string>([
    [ERRORS_DOC_PATH, renderErrorsDoc()],
    [REPORT_SCHEMA_PATH, renderReportSchema()],
    [SCORING_DOC_PATH, renderScoringDoc(readFileSync(join(root, SCORING_DOC_PATH), 'utf8'))],
  ]);
  for (const [path, content] of ruleDocFiles()) files.set(path, content);
  for (const [path, content] of kbDocFiles()) files.set(path, content);
  return files;
}

/** Markdown files in docs/rules that no rule generates (a renamed or removed rule's old page). */
export function orphanRulePages(files: ReadonlyMap<string, string>, root: string = REPO_ROOT): string[] {
  let names: string[];
  try {
    names = readdirSync(join(root, RULE_DOCS_DIR));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.md'))
    .map((n) => `${RULE_DOCS_DIR}/${n}`)
    .filter((p) => !files.has(p))
    .sort();
}

/** Markdown files under docs/kb that no rule × framework × context generates any more. */
export function orphanKbPages(files: ReadonlyMap<string, string>, root: string = REPO_ROOT): string[] {
  let names: string[];
  try {
    names = readdirSync(join(root, KB_DOCS_DIR), { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.md'))
    .map((n) => `${KB_DOCS_DIR}/${n.split(sep).join('/')}`)
    .filter((p) => !files.has(p))
    .sort();
}

export function writeDocs(root: string = REPO_ROOT): { written: string[]; removed: string[] } {
  const files = generatedDocs(root);
  const removed = [...orphanRulePages(files, root), ...orphanKbPages(files, root)];
  for (const path of removed) rmSync(join(root, path));
  const written: string[] = [];
  for (const [path, content] of files) {
    const full = join(root, path);
    let current: string | undefined;
    try {
      current = readFileSync(full, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === content) continue;
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    written.push(path);
  }
  return { written, removed };
}

function invokedDirectly(): boolean {
  try {
    return (
      process.argv[1] !== undefined && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url
    );
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  const { written, removed } = writeDocs();
  for (const p of written) process.stdout.write(`wrote ${p}\n`);
  for (const p of removed) process.stdout.write(`removed ${p}\n`);
  if (written.length + removed.length === 0) process.stdout.write('docs are up to date\n');
}
