/**
 * The requirements of outside standards that knowledge-base entries may cite, each with a short
 * description in Parapet's words. An entry citing an id that is not here fails the knowledge-base
 * test: add the id only after reading it in the standard itself.
 */

/** The OWASP ASVS release the `asvs` ids refer to; reports cite them as `v5.0.0-3.4.6`, as ASVS asks. */
export const ASVS_VERSION = '5.0.0';

export const ASVS: Record<string, string> = {
  '1.2.1': 'output is encoded for its HTML, attribute, CSS or header context',
  '1.2.3': 'output is escaped when building JavaScript or JSON',
  '1.2.4': 'database queries are parameterised or built by an ORM',
  '1.3.6': 'outgoing requests built from untrusted data are checked against an allowlist (SSRF)',
  '2.3.1': 'business flows run in their expected order, without skipped steps',
  '2.4.1': 'anti-automation controls limit excessive calls',
  '3.3.1': 'cookies are Secure and use the __Host- or __Secure- prefix',
  '3.3.2': "each cookie's SameSite value fits its purpose",
  '3.3.4': 'cookies scripts need not read (session tokens) are HttpOnly',
  '3.4.1': 'Strict-Transport-Security on every response, at least a year',
  '3.4.2': 'CORS Access-Control-Allow-Origin is fixed or checked against an allowlist',
  '3.4.3': "a Content-Security-Policy with object-src 'none' and base-uri 'none' on every response",
  '3.4.4': 'X-Content-Type-Options: nosniff on every response',
  '3.4.5': 'a Referrer-Policy keeps sensitive URL parts from other parties',
  '3.4.6': 'CSP frame-ancestors on every response, so pages cannot be embedded by default',
  '3.5.1':
    'requests to sensitive functions that need no preflight prove they come from the application (CSRF)',
  '3.5.2': 'functions relying on the CORS preflight cannot be called without one',
  '3.5.3': 'sensitive functions use unsafe methods (or strict Sec-Fetch-* checks), never GET',
  '4.1.4': 'only the HTTP methods the application supports are accepted',
  '4.1.5': 'highly sensitive requests carry per-message signatures',
  '6.3.1': 'credential stuffing and password brute force are limited',
  '6.3.4': 'every authentication pathway is known and enforces the same strength',
  '6.3.8': 'failed authentication does not reveal which accounts exist',
  '7.2.2': 'sessions use dynamically generated tokens, not static API secrets',
  '8.2.1': 'function-level access needs explicit permission',
  '8.2.2': 'data-level access needs explicit permission for that item (BOLA, IDOR)',
  '8.2.3': 'field-level access needs explicit permission for that field (BOPLA)',
  '8.3.1': 'authorization is enforced on a trusted server layer',
  '9.1.1': 'self-contained tokens are verified by signature or MAC before use',
  '9.1.2': "only allowlisted token algorithms, never 'none'",
  '9.2.1': 'token validity periods (exp, nbf) are enforced',
  '11.2.3': 'cryptographic keys and primitives give at least 128 bits of security',
  '11.5.1': 'secret random values come from a CSPRNG with at least 128 bits of entropy',
  '12.2.1': 'TLS for every client connection, with no fallback to plain HTTP',
  '13.3.1': 'secrets live in a secrets manager, never in source code or build artifacts',
  '13.4.2': 'debug modes are off in production',
  '13.4.4': 'the TRACE method is not supported in production',
  '13.4.5': 'internal documentation and monitoring endpoints are not exposed unintentionally',
  '13.4.6': 'backend components do not expose detailed versions',
  '14.2.1': 'sensitive data such as API keys and session tokens never travel in URLs',
  '14.2.6': 'responses return only the minimum sensitive data, masked where possible',
  '14.3.3': 'browser storage (including cookies) holds no sensitive data beyond session tokens',
  '15.3.1': 'responses return only the fields the caller needs, not whole objects',
  '15.2.3': 'production exposes only the functionality the application needs, nothing extraneous',
  '15.3.3': 'mass assignment is prevented by allowing only the intended fields per action',
  '16.5.1': 'unexpected errors answer with a generic message, never traces, queries or secrets',
};

/** PCI DSS v4.0 (and 4.0.1) requirements. */
export const PCI_DSS: Record<string, string> = {
  '2.2.1': 'configuration standards address known vulnerabilities and follow hardening guidance',
  '2.2.4': 'only necessary services, protocols and functions are enabled',
  '3.4.1': 'PAN is masked when displayed',
  '4.2.1': 'strong cryptography protects PAN over open, public networks',
  '6.2.4': 'engineering techniques prevent common software attacks (injection, XSS, CSRF, access control…)',
  '6.4.3': 'payment page scripts are authorised, integrity-checked and inventoried',
  '7.2.1': 'an access control model covers all system components',
  '7.2.2': 'access follows job function and least privilege',
  '8.3.1': 'all user access is authenticated',
  '8.3.2': 'strong cryptography renders authentication factors unreadable in transit and at rest',
  '8.6.2': 'passwords of application and system accounts are not hard-coded in scripts or source',
};

/** SOC 2 trust services criteria (AICPA, 2017 criteria with the 2022 points of focus). */
export const SOC2: Record<string, string> = {
  'A1.1': 'capacity is monitored and managed',
  'C1.1': 'confidential information is identified and protected',
  'CC6.1': 'logical access security over protected information assets',
  'CC6.3': 'access is authorised by role, with least privilege',
  'CC6.6': 'logical access measures against threats from outside the system boundary',
  'CC6.7': 'information is protected in transmission and restricted to authorised parties',
  'CC7.1': 'configuration changes and vulnerabilities are detected and monitored',
  'CC8.1': 'changes to infrastructure, data and software are authorised, tested, approved and implemented',
};

/** An ASVS id as ASVS asks tools to cite it: `v5.0.0-3.4.6`. */
export const asvsRef = (id: string): string => `v${ASVS_VERSION}-${id}`;
