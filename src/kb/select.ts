import type { Remediation, Stack } from '../types.js';
import { FIX_STACKS, type FixStack, type RuleDoc } from './types.js';

/** Picks the fix written for the detected framework (then the server in front), else the generic one. */
export function selectRemediation(rule: string, doc: RuleDoc, stack: Stack): Remediation {
  const docs = `docs/rules/${rule}.md`;
  for (const part of [...stack.framework, ...stack.server]) {
    if (!(FIX_STACKS as readonly string[]).includes(part.id)) continue;
    const text = doc.fix[part.id as FixStack];
    if (text) return { text, stack: part.id, basis: `${part.name} detected: ${part.evidence}`, docs };
  }
  return { text: doc.fix.generic, stack: 'generic', docs };
}
