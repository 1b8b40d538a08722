import sqlErrorDisclosure from './sql-error-disclosure.js';
import type { Check } from './types.js';

/** Every check, sorted by id. A check is one file in this folder named after its id. */
export const CHECKS: readonly Check[] = [sqlErrorDisclosure];
