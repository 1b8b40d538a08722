/** `parapet explain <rule>`: a rule's documentation, in the terminal, from the catalogue and the knowledge base. */
import { CATALOGUE, isRuleId } from '../catalogue.js';
import { CHECKS } from '../checks/index.js';
import { ParapetError } from '../errors.js';
import { KB } from '../kb/index.js';
import { clean, colors, markdownLines, STACK_NAMES, wrap } from '../reporters/lib/terminal.js';
import { OWASP_API_2023 } from '../types.js';

export function renderExplain(rule: string, options: { color: boolean; width: number }): string {
  if (!isRuleId(rule)) throw unknownRule(rule);
  const c = colors(options.color);
  const width = options.width;
  const entry = CATALOGUE[rule];
  const meta = CHECKS.flatMap((check) => {
    const r = (check.meta.rules as Record<string, { title: string }>)[rule];
    return r ? [{ check: check.meta.id, title: r.title }] : [];
  })[0];
  const doc = KB[rule];
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
    for (const [stack, text] of Object.entries(stacks)) {
      if (!text) continue;
      out.push('', `  ${c.bold(STACK_NAMES[stack] ?? stack)}`);
      out.push(...markdownLines(text, width, '    ', c));
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
  if (doc?.pciDss.length) out.push(`  PCI DSS 4.0: ${doc.pciDss.join(', ')}`);
  if (doc?.soc2.length) out.push(`  SOC 2: ${doc.soc2.join(', ')}`);
  out.push('', c.dim(`  docs/rules/${rule}.md`));
  return `${out.join('\n')}\n`;
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
