import clickjacking from './rules/clickjacking.js';
import cspMissing from './rules/csp-missing.js';
import type { RuleDoc } from './types.js';

/** One entry per implemented rule, each in `kb/rules/<rule>.ts`. Sorted by rule id. */
export const KB: Record<string, RuleDoc> = {
  clickjacking,
  'csp-missing': cspMissing,
};
