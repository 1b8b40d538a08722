/**
 * What every knowledge-base entry must hold, as lists of problems (empty when the entry is fine).
 * `kbProblems` guards what would break a generated page; `kbGaps` what a complete entry has (a fix for
 * every framework, ASVS requirements). Both run over every entry in `src/kb/kb.test.ts`.
 */
import { isAuthContext, isDbEngine, PAGE_FRAMEWORKS } from '../kb/contexts.js';
import { codeFences } from '../kb/fences.js';
import { ASVS, PCI_DSS, SOC2 } from '../kb/standards.js';
import { type ContextEntry, FIX_STACKS, type RuleDoc } from '../kb/types.js';
import { headings } from './markdown.js';

/** Languages a snippet's fence may name (what the docs and the snippet tests know). */
export const FENCE_LANGS = new Set([
  'apache',
  'blade',
  'caddy',
  'caddyfile',
  'csharp',
  'django',
  'go',
  'html',
  'http',
  'ini',
  'java',
  'js',
  'json',
  'nginx',
  'php',
  'properties',
  'python',
  'ruby',
  'sh',
  'sql',
  'text',
  'ts',
  'xml',
  'yaml',
]);

const isStack = (key: string): boolean => (FIX_STACKS as readonly string[]).includes(key);

/** Problems in one Markdown field: headings the page owns, fences without a known language or left open. */
function markdownProblems(name: string, text: string, maxHeading: number, stack?: string): string[] {
  const out: string[] = [];
  for (const h of headings(text))
    if (h.level <= maxHeading) out.push(`${name} has a level-${h.level} heading "${h.text}"`);
  for (const f of codeFences(text)) {
    if (!f.closed) out.push(`${name} has an unclosed code fence`);
    if (!FENCE_LANGS.has(f.lang)) out.push(`${name} has a code fence in "${f.lang}", not a known language`);
    for (const key of Object.keys(f.attrs))
      if (key !== 'fix') out.push(`${name}: unknown fence attribute ${key}`);
    if (f.attrs.fix !== undefined && f.attrs.fix !== stack)
      out.push(`${name}: a fix=${f.attrs.fix} snippet outside the ${f.attrs.fix} fix`);
  }
  return out;
}

function contextProblems(name: string, entry: ContextEntry | undefined): string[] {
  if (entry === undefined) return [];
  const doc = typeof entry === 'string' ? { text: entry } : entry;
  const out: string[] = [];
  if (!doc.text.trim()) out.push(`${name} is empty`);
  // context advice sits under an H4 on the rule page and under an H2 on its own page
  out.push(...markdownProblems(name, doc.text, 4));
  for (const [stack, code] of Object.entries(doc.fix ?? {})) {
    if (!isStack(stack)) out.push(`${name}: fix for unknown stack ${stack}`);
    else out.push(...markdownProblems(`${name}.fix.${stack}`, code ?? '', 3, stack));
  }
  for (const [i, f] of (doc.faq ?? []).entries()) {
    if (!f.q.trim().endsWith('?')) out.push(`${name}.faq[${i}] is not a question`);
    if (!f.a.trim()) out.push(`${name}.faq[${i}] has no answer`);
    out.push(...markdownProblems(`${name}.faq[${i}]`, f.a, 3));
  }
  return out;
}

/** Everything in an entry that would break its pages or cite something that does not exist. */
export function kbProblems(doc: RuleDoc): string[] {
  const out: string[] = [];
  const prose = {
    summary: doc.summary,
    meaning: doc.meaning,
    decides: doc.decides,
    limitations: doc.limitations,
  };
  for (const [name, text] of Object.entries({ ...prose, 'fix.generic': doc.fix.generic })) {
    if (!text?.trim()) out.push(`${name} is empty`);
  }
  // the page's own headings structure the doc: prose may not add H1–H3 headings of its own
  for (const [name, text] of Object.entries(prose)) out.push(...markdownProblems(name, text ?? '', 3));
  for (const [key, text] of Object.entries(doc.fix)) {
    if (key !== 'generic' && !isStack(key)) out.push(`fix for unknown stack ${key}`);
    else out.push(...markdownProblems(key, text ?? '', 3, key));
  }
  if (doc.topic !== undefined && (!doc.topic.trim() || doc.topic.length > 60))
    out.push(`topic "${doc.topic}" is not a short name`);
  for (const [key, entry] of Object.entries(doc.authContexts ?? {})) {
    if (!isAuthContext(key)) out.push(`authContexts has unknown context ${key}`);
    out.push(...contextProblems(`authContexts.${key}`, entry));
  }
  for (const [key, entry] of Object.entries(doc.contexts ?? {})) {
    if (!isDbEngine(key)) out.push(`contexts has unknown database ${key}`);
    out.push(...contextProblems(`contexts.${key}`, entry));
  }
  if (doc.references.length === 0) out.push('no references');
  for (const r of doc.references) {
    if (!r.title.trim() || !/^https:\/\/\S+$/.test(r.url))
      out.push(`reference "${r.title}" <${r.url}> is not a titled https link`);
  }
  for (const id of doc.asvs ?? []) if (!ASVS[id]) out.push(`ASVS "${id}" is not in src/kb/standards.ts`);
  for (const p of doc.pciDss) {
    if (!/^\d{1,2}(\.\d{1,2}){1,3}$/.test(p)) out.push(`PCI DSS "${p}" is not a requirement number`);
    else if (!PCI_DSS[p]) out.push(`PCI DSS "${p}" is not in src/kb/standards.ts`);
  }
  for (const s of doc.soc2) {
    if (!/^(CC|A|C|PI|P)\d\.\d{1,2}$/.test(s)) out.push(`SOC 2 "${s}" is not a criterion`);
    else if (!SOC2[s]) out.push(`SOC 2 "${s}" is not in src/kb/standards.ts`);
  }
  return out;
}

/** What a complete entry has that this one lacks: a fix per framework, ASVS requirements. */
export function kbGaps(doc: RuleDoc): string[] {
  const out = PAGE_FRAMEWORKS.filter((f) => !doc.fix[f]?.trim()).map((f) => `no fix for ${f}`);
  if (!doc.asvs?.length) out.push('no ASVS requirement');
  return out;
}
