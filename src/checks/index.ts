import clickjacking from './clickjacking.js';
import cspMissing from './csp-missing.js';
import flaskSession from './flask-session.js';
import jwtWeakSecret from './jwt-weak-secret.js';
import secretLeak from './secret-leak.js';
import type { Check } from './types.js';

/** Every check, sorted by id. A check is one file in this folder named after its id. */
export const CHECKS: readonly Check[] = [clickjacking, cspMissing, flaskSession, jwtWeakSecret, secretLeak];
