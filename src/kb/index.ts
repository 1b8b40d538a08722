import clickjacking from './rules/clickjacking.js';
import cspMissing from './rules/csp-missing.js';
import flaskSessionWeakSecret from './rules/flask-session-weak-secret.js';
import jwtWeakSecret from './rules/jwt-weak-secret.js';
import secretLeak from './rules/secret-leak.js';
import sessionDataExposed from './rules/session-data-exposed.js';
import type { RuleDoc } from './types.js';

/** One entry per implemented rule, each in `kb/rules/<rule>.ts`. Sorted by rule id. */
export const KB: Record<string, RuleDoc> = {
  clickjacking,
  'csp-missing': cspMissing,
  'flask-session-weak-secret': flaskSessionWeakSecret,
  'jwt-weak-secret': jwtWeakSecret,
  'secret-leak': secretLeak,
  'session-data-exposed': sessionDataExposed,
};
