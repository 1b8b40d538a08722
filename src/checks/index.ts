import dangerousMethods from './dangerous-methods.js';
import debugMode from './debug-mode.js';
import reflectedXss from './reflected-xss.js';
import stackTrace from './stack-trace.js';
import type { Check } from './types.js';

/** Every check, sorted by id. A check is one file in this folder named after its id. */
export const CHECKS: readonly Check[] = [dangerousMethods, debugMode, reflectedXss, stackTrace];
