import apiKeyInQuery from './rules/api-key-in-query.js';
import authMethodBypass from './rules/auth-method-bypass.js';
import authMissing from './rules/auth-missing.js';
import bflaAdminExposed from './rules/bfla-admin-exposed.js';
import bola from './rules/bola.js';
import clickjacking from './rules/clickjacking.js';
import contentTypeOptionsMissing from './rules/content-type-options-missing.js';
import cookieHttponlyMissing from './rules/cookie-httponly-missing.js';
import cookieSamesiteMissing from './rules/cookie-samesite-missing.js';
import cookieSecureMissing from './rules/cookie-secure-missing.js';
import corsReflectedOrigin from './rules/cors-reflected-origin.js';
import corsWildcardCredentials from './rules/cors-wildcard-credentials.js';
import credentialReflected from './rules/credential-reflected.js';
import cspMissing from './rules/csp-missing.js';
import csrfCrossOriginAccepted from './rules/csrf-cross-origin-accepted.js';
import csrfTokenMissing from './rules/csrf-token-missing.js';
import dangerousMethods from './rules/dangerous-methods.js';
import debugModeEnabled from './rules/debug-mode-enabled.js';
import deprecatedEndpointLive from './rules/deprecated-endpoint-live.js';
import flaskSessionWeakSecret from './rules/flask-session-weak-secret.js';
import hstsMissing from './rules/hsts-missing.js';
import jwtAlgNone from './rules/jwt-alg-none.js';
import jwtExpiredAccepted from './rules/jwt-expired-accepted.js';
import jwtWeakSecret from './rules/jwt-weak-secret.js';
import massAssignment from './rules/mass-assignment.js';
import piiExposure from './rules/pii-exposure.js';
import rateLimitMissing from './rules/rate-limit-missing.js';
import referrerPolicyMissing from './rules/referrer-policy-missing.js';
import reflectedXss from './rules/reflected-xss.js';
import secretLeak from './rules/secret-leak.js';
import sensitiveFieldExposure from './rules/sensitive-field-exposure.js';
import serverVersionDisclosure from './rules/server-version-disclosure.js';
import sessionDataExposed from './rules/session-data-exposed.js';
import signatureReplay from './rules/signature-replay.js';
import sqlErrorDisclosure from './rules/sql-error-disclosure.js';
import ssrf from './rules/ssrf.js';
import stackTraceDisclosure from './rules/stack-trace-disclosure.js';
import tlsMissing from './rules/tls-missing.js';
import userEnumeration from './rules/user-enumeration.js';
import type { RuleDoc } from './types.js';

/** One entry per implemented rule, each in `kb/rules/<rule>.ts`, sorted (scripts/gen-registry.mjs). */
export const KB: Record<string, RuleDoc> = {
  'api-key-in-query': apiKeyInQuery,
  'auth-method-bypass': authMethodBypass,
  'auth-missing': authMissing,
  'bfla-admin-exposed': bflaAdminExposed,
  bola: bola,
  clickjacking: clickjacking,
  'content-type-options-missing': contentTypeOptionsMissing,
  'cookie-httponly-missing': cookieHttponlyMissing,
  'cookie-samesite-missing': cookieSamesiteMissing,
  'cookie-secure-missing': cookieSecureMissing,
  'cors-reflected-origin': corsReflectedOrigin,
  'cors-wildcard-credentials': corsWildcardCredentials,
  'credential-reflected': credentialReflected,
  'csp-missing': cspMissing,
  'csrf-cross-origin-accepted': csrfCrossOriginAccepted,
  'csrf-token-missing': csrfTokenMissing,
  'dangerous-methods': dangerousMethods,
  'debug-mode-enabled': debugModeEnabled,
  'deprecated-endpoint-live': deprecatedEndpointLive,
  'flask-session-weak-secret': flaskSessionWeakSecret,
  'hsts-missing': hstsMissing,
  'jwt-alg-none': jwtAlgNone,
  'jwt-expired-accepted': jwtExpiredAccepted,
  'jwt-weak-secret': jwtWeakSecret,
  'mass-assignment': massAssignment,
  'pii-exposure': piiExposure,
  'rate-limit-missing': rateLimitMissing,
  'referrer-policy-missing': referrerPolicyMissing,
  'reflected-xss': reflectedXss,
  'secret-leak': secretLeak,
  'sensitive-field-exposure': sensitiveFieldExposure,
  'server-version-disclosure': serverVersionDisclosure,
  'session-data-exposed': sessionDataExposed,
  'signature-replay': signatureReplay,
  'sql-error-disclosure': sqlErrorDisclosure,
  ssrf: ssrf,
  'stack-trace-disclosure': stackTraceDisclosure,
  'tls-missing': tlsMissing,
  'user-enumeration': userEnumeration,
};
