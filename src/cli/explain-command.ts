/** `parapet explain <rule>`: a rule's documentation, in the terminal, from the catalogue and the knowledge base. */
import { posix } from 'node:path';
import { CATALOGUE, isRuleId } from '../catalogue.js';
import { CHECKS } from '../checks/index.js';
import { kbPages, renderKbPage } from '../docs/kb-pages.js';
import { ParapetError } from '../errors.js';
import {
  AUTH_PART_CONTEXTS,
  type ContextKey,
  contextAdvice,
  isAuthContext,
  isDbEngine,
  ruleContext,
  ruleContexts,
} from '../kb/contexts.js';
import { KB } from '../kb/index.js';
import { ASVS, ASVS_VERSION, asvsRef, PCI_DSS, SOC2 } from '../kb/standards.js';
import { FIX_STACKS, type FixStack } from '../kb/types.js';
import { clean, colors, markdownLines, STACK_NAMES, wrap } from '../reporters/lib/terminal.js';
import { OWASP_API_2023 } from '../types.js';

export interface ExplainOptions {
  color: boolean;
  width: number;
  /** A framework or server id (`flask`): only its fix is shown; with `context`, the page for both. */
  stack?: string;
  /** An auth context (`api-keys`, or the fingerprint's `api-key`) or a database engine (`postgresql`). */
  context?: string;
}

export function renderExplain(rule: string, options: ExplainOptions): string {
  if (!isRuleId(rule)) throw unknownRule(rule);
  const stack = options.stack === undefined ? undefined : fixStack(options.stack);
  const contextKey = options.context === undefined ? undefined : contextKeyOf(options.context);
  const c = colors(options.color);
  const width = options.width;
  const entry = CATALOGUE[rule];
  const meta = CHECKS.flatMap((check) => {
    const r = (check.meta.rules as Record<string, { title: string }>)[rule];
    return r ? [{ check: check.meta.id, title: r.title }] : [];
  })[0];
  const doc = KB[rule];
  const context = doc && contextKey ? ruleContext(doc, contextKey) : undefined;
  if (contextKey && !context) throw noAdvice(rule, `for ${contextKey}`, doc ? listContexts(doc) : 'none');
  if (stack && doc && !doc.fix[stack] && !context)
    throw noAdvice(
      rule,
      `for ${stack}`,
      `the generic fix applies; fixes exist for ${Object.keys(doc.fix).join(', ')}`,
    );
  if (doc && meta && stack && context) {
    const page = kbPages(rule, doc).find((p) => p.framework === stack && p.context.key === context.key);
    if (!page) {
      const frameworks = kbPages(rule, doc).filter((p) => p.context.key === context.key);
      throw noAdvice(
        rule,
        `for ${stack} with ${context.key}`,
        frameworks.length > 0
          ? `pages with ${context.key}: ${frameworks.map((p) => p.framework).join(', ')}`
          : 'none',
      );
    }
    const check = CHECKS.find((k) => k.meta.id === meta.check)!.meta;
    const markdown = renderKbPage(page, doc, check)
      .replace(/^<!--.*-->\n+/, '')
      .replace(
        /\]\((?!https?:|#)([^)\s]+)\)/g,
        (_, target: string) => `](${posix.join(posix.dirname(page.path), target)})`,
      );
    return `${markdownLines(markdown, options.width, '', c).join('\n')}\n`;
  }
  const out: string[] = [];
  const section = (title: string) => out.push('', c.bold(c.underline(title)));
  const md = (text: string) => out.push(...markdownLines(text, width, '  ', c));

  out.push(c.bold(meta ? `${meta.title} (${rule})` : rule));
  const facts = [
    `category ${entry.category}`,
    `severity ${entry.severity === entry.severityNote ? entry.severity : entry.severityNote}`,
    `mode ${entry.mode}`,
    meta ? `check ${meta.check}` : 'not implemented in this version',
  ];
  out.push(...wrap(c.dim(facts.join(' · ')), width));

  if (doc) {
    out.push('');
    out.push(...wrap(clean(doc.summary), width));
    section('What it means');
    md(doc.meaning);
    section('How Parapet decides');
    md(doc.decides);
    section('How to fix');
    const { generic, ...stacks } = doc.fix;
    md(generic);
    for (const ctx of context ? [context] : ruleContexts(doc)) {
      out.push('', `  ${c.bold(`With ${ctx.name}`)}`);
      out.push(...markdownLines(contextAdvice(ctx, stack ?? ''), width, '    ', c));
    }
    for (const [name, text] of Object.entries(stacks)) {
      if (!text || (stack && name !== stack)) continue;
      out.push('', `  ${c.bold(STACK_NAMES[name] ?? name)}`);
      out.push(...markdownLines(text, width, '    ', c));
    }
    const pages = kbPages(rule, doc).filter((p) => !stack || p.framework === stack);
    if (pages.length > 0) {
      out.push('');
      out.push(
        ...wrap(
          c.dim(
            `For one framework and context: parapet explain ${rule} --stack <${[...new Set(pages.map((p) => p.framework))].join('|')}> --context <${[...new Set(pages.map((p) => p.context.key))].join('|')}>`,
          ),
          width,
          '  ',
          '    ',
        ),
      );
    }
    section('Known limitations');
    md(doc.limitations);
    if (doc.references.length > 0) {
      section('References');
      for (const ref of doc.references)
        out.push(...wrap(`${clean(ref.title)}: ${ref.url}`, width, '  • ', '    '));
    }
  } else {
    out.push('', 'No documentation yet: Parapet does not implement this rule in this version.');
  }

  section('Mappings');
  out.push(`  OWASP API Security Top 10 (2023): ${entry.owasp} ${OWASP_API_2023[entry.owasp]}`);
  if (entry.cwe !== null)
    out.push(`  CWE-${entry.cwe}: https://cwe.mitre.org/data/definitions/${entry.cwe}.html`);
  const named = (ids: readonly string[], names: Record<string, string>, ref = (id: string) => id) =>
    ids.map((id) => `${ref(id)} (${names[id] ?? '?'})`).join('; ');
  if (doc?.asvs?.length)
    out.push(...wrap(`OWASP ASVS ${ASVS_VERSION}: ${named(doc.asvs, ASVS, asvsRef)}`, width, '  ', '    '));
  if (doc?.pciDss.length)
    out.push(...wrap(`PCI DSS 4.0: ${named(doc.pciDss, PCI_DSS)}`, width, '  ', '    '));
  if (doc?.soc2.length) out.push(...wrap(`SOC 2: ${named(doc.soc2, SOC2)}`, width, '  ', '    '));
  out.push('', c.dim(`  docs/rules/${rule}.md`));
  return `${out.join('\n')}\n`;
}

function fixStack(id: string): FixStack {
  const lower = id.toLowerCase();
  if ((FIX_STACKS as readonly string[]).includes(lower)) return lower as FixStack;
  throw new ParapetError(
    'PARAPET_USAGE',
    `unknown stack '${clean(id).slice(0, 40)}' (one of ${FIX_STACKS.join(', ')})`,
  );
}

/** A context key, also accepting the fingerprint's auth part ids (`api-key` for `api-keys`). */
function contextKeyOf(id: string): ContextKey {
  const lower = id.toLowerCase();
  const key = AUTH_PART_CONTEXTS[lower] ?? lower;
  if (isAuthContext(key) || isDbEngine(key)) return key;
  throw new ParapetError(
    'PARAPET_USAGE',
    `unknown context '${clean(id).slice(0, 40)}' (an auth scheme: api-keys, hmac, jwt, cookie-session; or a database: postgresql, cockroachdb, mysql, sqlite, mssql, oracle)`,
  );
}

function listContexts(doc: NonNullable<(typeof KB)[string]>): string {
  const keys = ruleContexts(doc).map((c) => c.key);
  return keys.length > 0 ? `it has advice for ${keys.join(', ')}` : 'it has no context-specific advice';
}

function noAdvice(rule: string, what: string, hint: string): ParapetError {
  return new ParapetError('PARAPET_USAGE', `${rule} has no specific advice ${what} (${hint})`);
}

function unknownRule(rule: string): ParapetError {
  const shown = clean(rule).slice(0, 80);
  const guess = closest(rule.toLowerCase(), Object.keys(CATALOGUE));
  const hint = guess ? `did you mean '${guess}'?` : 'run `parapet rules` for the list';
  return new ParapetError('PARAPET_UNKNOWN_RULE', `unknown rule '${shown}' (${hint})`);
}

/** The nearest id by edit distance, if it is near enough to be a typo; or one that contains the word. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { id: string; d: number } | undefined;
  for (const id of candidates) {
    const d = distance(word, id);
    if (!best || d < best.d) best = { id, d };
  }
  if (best && best.d <= Math.max(2, Math.floor(best.id.length / 3))) return best.id;
  return word.length >= 3 ? candidates.find((id) => id.includes(word)) : undefined;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
