import type { Remediation, Stack, StackPart } from '../types.js';
import {
  AUTH_PART_CONTEXTS,
  contextAdvice,
  hasKbPage,
  isDbEngine,
  kbPagePath,
  type RuleContext,
  ruleContext,
} from './contexts.js';
import { FIX_STACKS, type FixStack, type RuleDoc } from './types.js';

/**
 * Picks the fix written for the detected framework (then the server in front), else the generic one,
 * and appends the rule's advice for each authentication scheme and database engine the stack names.
 * `docs` points at the page for that framework and the first such context when there is one.
 */
export function selectRemediation(rule: string, doc: RuleDoc, stack: Stack): Remediation {
  const chosen = pickFix(doc, stack);
  const contexts = detectedContexts(doc, stack);
  const page = contexts.find((c) => hasKbPage(doc, chosen.stack, c.context.key));
  const docs = page ? kbPagePath(rule, chosen.stack, page.context.key) : `docs/rules/${rule}.md`;
  if (contexts.length === 0) return { ...chosen, docs };
  const text = [chosen.text, ...contexts.map((c) => contextAdvice(c.context, chosen.stack))].join('\n\n');
  const basis = [chosen.basis, ...contexts.map((c) => detected(c.part))].filter(Boolean).join('; ');
  return { ...chosen, text, basis, docs, contexts: contexts.map((c) => c.context.key) };
}

function pickFix(doc: RuleDoc, stack: Stack): Omit<Remediation, 'docs'> {
  for (const part of [...stack.framework, ...stack.server]) {
    if (!(FIX_STACKS as readonly string[]).includes(part.id)) continue;
    const text = doc.fix[part.id as FixStack];
    if (text) return { text, stack: part.id, basis: detected(part) };
  }
  return { text: doc.fix.generic, stack: 'generic' };
}

/** The contexts the stack shows and the rule writes for, each once: auth schemes, then database engines. */
function detectedContexts(doc: RuleDoc, stack: Stack): Array<{ context: RuleContext; part: StackPart }> {
  const out: Array<{ context: RuleContext; part: StackPart }> = [];
  const candidates = [
    ...stack.auth.map((part) => ({ part, key: AUTH_PART_CONTEXTS[part.id] })),
    ...stack.database.map((part) => ({ part, key: isDbEngine(part.id) ? part.id : undefined })),
  ];
  for (const { part, key } of candidates) {
    if (!key || out.some((c) => c.context.key === key)) continue;
    const context = ruleContext(doc, key);
    if (context) out.push({ context, part });
  }
  return out;
}

/** `Flask detected: <its strongest signal>`, short: the Stack section of the report has the rest. */
function detected(part: StackPart): string {
  const first = part.evidence.split('; ')[0] ?? part.evidence;
  return `${part.name} detected: ${first.length > 120 ? `${first.slice(0, 119)}…` : first}`;
}
