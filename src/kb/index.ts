import corsReflectedOrigin from './rules/cors-reflected-origin.js';
import corsWildcardCredentials from './rules/cors-wildcard-credentials.js';
import hstsMissing from './rules/hsts-missing.js';
import tlsMissing from './rules/tls-missing.js';
import type { RuleDoc } from './types.js';

/** One entry per implemented rule, each in `kb/rules/<rule>.ts`. Sorted by rule id. */
export const KB: Record<string, RuleDoc> = {
  'cors-reflected-origin': corsReflectedOrigin,
  'cors-wildcard-credentials': corsWildcardCredentials,
  'hsts-missing': hstsMissing,
  'tls-missing': tlsMissing,
};
