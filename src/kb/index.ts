import apiKeyInQuery from './rules/api-key-in-query.js';
import authMethodBypass from './rules/auth-method-bypass.js';
import authMissing from './rules/auth-missing.js';
import bflaAdminExposed from './rules/bfla-admin-exposed.js';
import clickjacking from './rules/clickjacking.js';
import contentTypeOptionsMissing from './rules/content-type-options-missing.js';
import cookieHttponlyMissing from './rules/cookie-httponly-missing.js';
import cookieSamesiteMissing from './rules/cookie-samesite-missing.js';
import cookieSecureMissing from './rules/cookie-secure-missing.js';
import corsReflectedOrigin from './rules/cors-reflected-origin.js';
import corsWildcardCredentials from './rules/cors-wildcard-credentials.js';
import credentialReflected from './rules/credential-reflected.js';
import cspMissing from './rules/csp-missing.js';
import csrfTokenMissing from './rules/csrf-token-missing.js';
import hstsMissing from './rules/hsts-missing.js';
import referrerPolicyMissing from './rules/referrer-policy-missing.js';
import serverVersionDisclosure from './rules/server-version-disclosure.js';
import tlsMissing from './rules/tls-missing.js';
import type { RuleDoc } from './types.js';

/** One entry per implemented rule, each in `kb/rules/<rule>.ts`, sorted (scripts/gen-registry.mjs). */
export const KB: Record<string, RuleDoc> = {
  'api-key-in-query': apiKeyInQuery,
  'auth-method-bypass': authMethodBypass,
  'auth-missing': authMissing,
  'bfla-admin-exposed': bflaAdminExposed,
  clickjacking: clickjacking,
  'content-type-options-missing': contentTypeOptionsMissing,
  'cookie-httponly-missing': cookieHttponlyMissing,
  'cookie-samesite-missing': cookieSamesiteMissing,
  'cookie-secure-missing': cookieSecureMissing,
  'cors-reflected-origin': corsReflectedOrigin,
  'cors-wildcard-credentials': corsWildcardCredentials,
  'credential-reflected': credentialReflected,
  'csp-missing': cspMissing,
  'csrf-token-missing': csrfTokenMissing,
  'hsts-missing': hstsMissing,
  'referrer-policy-missing': referrerPolicyMissing,
  'server-version-disclosure': serverVersionDisclosure,
  'tls-missing': tlsMissing,
};
