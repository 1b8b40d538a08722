import sqlErrorDisclosure from './rules/sql-error-disclosure.js';
import type { RuleDoc } from './types.js';

/** One entry per implemented rule, each in `kb/rules/<rule>.ts`. Sorted by rule id. */
export const KB: Record<string, RuleDoc> = {
  'sql-error-disclosure': sqlErrorDisclosure,
};
