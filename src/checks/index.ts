import apiKeyInQuery from './api-key-in-query.js';
import authMethodBypass from './auth-method-bypass.js';
import authMissing from './auth-missing.js';
import bflaAdminExposed from './bfla-admin-exposed.js';
import clickjacking from './clickjacking.js';
import contentTypeOptions from './content-type-options.js';
import cookieHttponlyMissing from './cookie-httponly-missing.js';
import cookieSamesiteMissing from './cookie-samesite-missing.js';
import cookieSecureMissing from './cookie-secure-missing.js';
import cors from './cors.js';
import credentialReflected from './credential-reflected.js';
import cspMissing from './csp-missing.js';
import csrfTokenMissing from './csrf-token-missing.js';
import referrerPolicy from './referrer-policy.js';
import serverVersion from './server-version.js';
import tls from './tls.js';
import type { Check } from './types.js';

/** Every check, sorted by id. A check is one file in this folder named after its id (scripts/gen-registry.mjs). */
export const CHECKS: readonly Check[] = [
  apiKeyInQuery,
  authMethodBypass,
  authMissing,
  bflaAdminExposed,
  clickjacking,
  contentTypeOptions,
  cookieHttponlyMissing,
  cookieSamesiteMissing,
  cookieSecureMissing,
  cors,
  credentialReflected,
  cspMissing,
  csrfTokenMissing,
  referrerPolicy,
  serverVersion,
  tls,
];
