/** What the two CORS rules (cors-reflected-origin, cors-wildcard-credentials) say alike. */
import type { Reference } from '../types.js';

/** nginx: allowed origins map to themselves, any other to an empty value (then the header is left out). */
export const NGINX_ORIGIN_MAP = `map $http_origin $cors_origin {
    default "";
    "https://app.example.com" $http_origin;
}`;

/** Apache: the CORS headers only for an origin that matches an anchored pattern. */
export const APACHE_ORIGIN_MATCH = `\`\`\`apache
SetEnvIf Origin "^https://app\\.example\\.com$" CORS_ORIGIN=$0
Header always set Access-Control-Allow-Origin "%{CORS_ORIGIN}e" env=CORS_ORIGIN
Header always set Access-Control-Allow-Credentials "true" env=CORS_ORIGIN
Header merge Vary Origin
\`\`\``;

/** The references both rules end with. */
export const CORS_REFERENCES: Reference[] = [
  {
    title: 'OWASP WSTG: Testing Cross Origin Resource Sharing',
    url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/11-Client-side_Testing/07-Testing_Cross_Origin_Resource_Sharing',
  },
  {
    title: 'CWE-942: Permissive Cross-domain Policy with Untrusted Domains',
    url: 'https://cwe.mitre.org/data/definitions/942.html',
  },
];
