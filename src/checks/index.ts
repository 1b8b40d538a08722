import contentTypeOptions from './content-type-options.js';
import referrerPolicy from './referrer-policy.js';
import serverVersion from './server-version.js';
import type { Check } from './types.js';

/** Every check, sorted by id. A check is one file in this folder named after its id. */
export const CHECKS: readonly Check[] = [contentTypeOptions, referrerPolicy, serverVersion];
