import clickjacking from './clickjacking.js';
import cspMissing from './csp-missing.js';
import type { Check } from './types.js';

/** Every check, sorted by id. A check is one file in this folder named after its id. */
export const CHECKS: readonly Check[] = [clickjacking, cspMissing];
