import type { Remediation, Stack, StackPart } from '../types.js';
import { DB_ENGINES, type DbEngine } from './signatures/sql-errors.js';
import { FIX_STACKS, type FixStack, type RuleDoc } from './types.js';

/**
 * Picks the fix written for the detected framework (then the server in front), else the generic one,
 * and appends the rule's advice for each database engine the stack names.
 */
export function selectRemediation(rule: string, doc: RuleDoc, stack: Stack): Remediation {
  const docs = `docs/rules/${rule}.md`;
  const chosen = pickFix(doc, stack);
  const databases = stack.database.filter(
    (p) => (DB_ENGINES as readonly string[]).includes(p.id) && doc.contexts?.[p.id as DbEngine],
  );
  if (databases.length === 0) return { ...chosen, docs };
  const text = [chosen.text, ...databases.map((p) => doc.contexts![p.id as DbEngine]!)].join('\n\n');
  const basis = [chosen.basis, ...databases.map(detected)].filter(Boolean).join('; ');
  return { ...chosen, text, basis, docs };
}

function pickFix(doc: RuleDoc, stack: Stack): Omit<Remediation, 'docs'> {
  for (const part of [...stack.framework, ...stack.server]) {
    if (!(FIX_STACKS as readonly string[]).includes(part.id)) continue;
    const text = doc.fix[part.id as FixStack];
    if (text) return { text, stack: part.id, basis: detected(part) };
  }
  return { text: doc.fix.generic, stack: 'generic' };
}

/** `Flask detected: <its strongest signal>`, short: the Stack section of the report has the rest. */
function detected(part: StackPart): string {
  const first = part.evidence.split('; ')[0] ?? part.evidence;
  return `${part.name} detected: ${first.length > 120 ? `${first.slice(0, 119)}…` : first}`;
}
