import contentTypeOptionsMissing from './rules/content-type-options-missing.js';
import referrerPolicyMissing from './rules/referrer-policy-missing.js';
import serverVersionDisclosure from './rules/server-version-disclosure.js';
import type { RuleDoc } from './types.js';

/** One entry per implemented rule, each in `kb/rules/<rule>.ts`. Sorted by rule id. */
export const KB: Record<string, RuleDoc> = {
  'content-type-options-missing': contentTypeOptionsMissing,
  'referrer-policy-missing': referrerPolicyMissing,
  'server-version-disclosure': serverVersionDisclosure,
};
