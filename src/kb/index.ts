import cookieHttponlyMissing from './rules/cookie-httponly-missing.js';
import cookieSamesiteMissing from './rules/cookie-samesite-missing.js';
import cookieSecureMissing from './rules/cookie-secure-missing.js';
import csrfTokenMissing from './rules/csrf-token-missing.js';
import type { RuleDoc } from './types.js';

/** One entry per implemented rule, each in `kb/rules/<rule>.ts`. Sorted by rule id. */
export const KB: Record<string, RuleDoc> = {
  'cookie-httponly-missing': cookieHttponlyMissing,
  'cookie-samesite-missing': cookieSamesiteMissing,
  'cookie-secure-missing': cookieSecureMissing,
  'csrf-token-missing': csrfTokenMissing,
};
