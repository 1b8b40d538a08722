import clickjacking from './rules/clickjacking.js';
import contentTypeOptionsMissing from './rules/content-type-options-missing.js';
import cookieHttponlyMissing from './rules/cookie-httponly-missing.js';
import cookieSamesiteMissing from './rules/cookie-samesite-missing.js';
import cookieSecureMissing from './rules/cookie-secure-missing.js';
import corsReflectedOrigin from './rules/cors-reflected-origin.js';
import corsWildcardCredentials from './rules/cors-wildcard-credentials.js';
import cspMissing from './rules/csp-missing.js';
import csrfCrossOriginAccepted from './rules/csrf-cross-origin-accepted.js';
import csrfTokenMissing from './rules/csrf-token-missing.js';
import hstsMissing from './rules/hsts-missing.js';
import referrerPolicyMissing from './rules/referrer-policy-missing.js';
import serverVersionDisclosure from './rules/server-version-disclosure.js';
import signatureReplay from './rules/signature-replay.js';
import sqlErrorDisclosure from './rules/sql-error-disclosure.js';
import tlsMissing from './rules/tls-missing.js';
import type { RuleDoc } from './types.js';

/** One entry per implemented rule, each in `kb/rules/<rule>.ts`, sorted (scripts/gen-registry.mjs). */
export const KB: Record<string, RuleDoc> = {
  clickjacking: clickjacking,
  'content-type-options-missing': contentTypeOptionsMissing,
  'cookie-httponly-missing': cookieHttponlyMissing,
  'cookie-samesite-missing': cookieSamesiteMissing,
  'cookie-secure-missing': cookieSecureMissing,
  'cors-reflected-origin': corsReflectedOrigin,
  'cors-wildcard-credentials': corsWildcardCredentials,
  'csp-missing': cspMissing,
  'csrf-cross-origin-accepted': csrfCrossOriginAccepted,
  'csrf-token-missing': csrfTokenMissing,
  'hsts-missing': hstsMissing,
  'referrer-policy-missing': referrerPolicyMissing,
  'server-version-disclosure': serverVersionDisclosure,
  'signature-replay': signatureReplay,
  'sql-error-disclosure': sqlErrorDisclosure,
  'tls-missing': tlsMissing,
};
