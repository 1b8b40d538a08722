import clickjacking from './clickjacking.js';
import contentTypeOptions from './content-type-options.js';
import cookieHttponlyMissing from './cookie-httponly-missing.js';
import cookieSamesiteMissing from './cookie-samesite-missing.js';
import cookieSecureMissing from './cookie-secure-missing.js';
import cors from './cors.js';
import cspMissing from './csp-missing.js';
import csrfCrossOriginAccepted from './csrf-cross-origin-accepted.js';
import csrfTokenMissing from './csrf-token-missing.js';
import referrerPolicy from './referrer-policy.js';
import serverVersion from './server-version.js';
import signatureReplay from './signature-replay.js';
import sqlErrorDisclosure from './sql-error-disclosure.js';
import tls from './tls.js';
import type { Check } from './types.js';

/** Every check, sorted by id. A check is one file in this folder named after its id (scripts/gen-registry.mjs). */
export const CHECKS: readonly Check[] = [
  clickjacking,
  contentTypeOptions,
  cookieHttponlyMissing,
  cookieSamesiteMissing,
  cookieSecureMissing,
  cors,
  cspMissing,
  csrfCrossOriginAccepted,
  csrfTokenMissing,
  referrerPolicy,
  serverVersion,
  signatureReplay,
  sqlErrorDisclosure,
  tls,
];
