import dangerousMethods from './rules/dangerous-methods.js';
import debugModeEnabled from './rules/debug-mode-enabled.js';
import reflectedXss from './rules/reflected-xss.js';
import stackTraceDisclosure from './rules/stack-trace-disclosure.js';
import type { RuleDoc } from './types.js';

/** One entry per implemented rule, each in `kb/rules/<rule>.ts`. Sorted by rule id. */
export const KB: Record<string, RuleDoc> = {
  'dangerous-methods': dangerousMethods,
  'debug-mode-enabled': debugModeEnabled,
  'reflected-xss': reflectedXss,
  'stack-trace-disclosure': stackTraceDisclosure,
};
