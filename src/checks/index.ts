import apiKeyInQuery from './api-key-in-query.js';
import authMethodBypass from './auth-method-bypass.js';
import authMissing from './auth-missing.js';
import bflaAdminExposed from './bfla-admin-exposed.js';
import bola from './bola.js';
import clickjacking from './clickjacking.js';
import contentTypeOptions from './content-type-options.js';
import cookieHttponlyMissing from './cookie-httponly-missing.js';
import cookieSamesiteMissing from './cookie-samesite-missing.js';
import cookieSecureMissing from './cookie-secure-missing.js';
import cors from './cors.js';
import credentialReflected from './credential-reflected.js';
import cspMissing from './csp-missing.js';
import csrfCrossOriginAccepted from './csrf-cross-origin-accepted.js';
import csrfTokenMissing from './csrf-token-missing.js';
import dangerousMethods from './dangerous-methods.js';
import debugMode from './debug-mode.js';
import deprecatedEndpointLive from './deprecated-endpoint-live.js';
import flaskSession from './flask-session.js';
import jwtForgery from './jwt-forgery.js';
import jwtWeakSecret from './jwt-weak-secret.js';
import massAssignment from './mass-assignment.js';
import piiExposure from './pii-exposure.js';
import rateLimit from './rate-limit.js';
import referrerPolicy from './referrer-policy.js';
import reflectedXss from './reflected-xss.js';
import secretLeak from './secret-leak.js';
import sensitiveFieldExposure from './sensitive-field-exposure.js';
import serverVersion from './server-version.js';
import signatureReplay from './signature-replay.js';
import sqlErrorDisclosure from './sql-error-disclosure.js';
import ssrf from './ssrf.js';
import stackTrace from './stack-trace.js';
import tls from './tls.js';
import type { Check } from './types.js';
import userEnumeration from './user-enumeration.js';

/** Every check, sorted by id. A check is one file in this folder named after its id (scripts/gen-registry.mjs). */
export const CHECKS: readonly Check[] = [
  apiKeyInQuery,
  authMethodBypass,
  authMissing,
  bflaAdminExposed,
  bola,
  clickjacking,
  contentTypeOptions,
  cookieHttponlyMissing,
  cookieSamesiteMissing,
  cookieSecureMissing,
  cors,
  credentialReflected,
  cspMissing,
  csrfCrossOriginAccepted,
  csrfTokenMissing,
  dangerousMethods,
  debugMode,
  deprecatedEndpointLive,
  flaskSession,
  jwtForgery,
  jwtWeakSecret,
  massAssignment,
  piiExposure,
  rateLimit,
  referrerPolicy,
  reflectedXss,
  secretLeak,
  sensitiveFieldExposure,
  serverVersion,
  signatureReplay,
  sqlErrorDisclosure,
  ssrf,
  stackTrace,
  tls,
  userEnumeration,
];
