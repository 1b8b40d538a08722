/** Parapet's shared vocabulary: the names in ARCHITECTURE.md and RULES.md. */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CONFIDENCES = ['confirmed', 'firm', 'tentative'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const CATEGORIES = [
  'framing',
  'csrf',
  'cors',
  'transport',
  'cookies',
  'headers',
  'api-keys',
  'authentication',
  'authorization',
  'data-exposure',
  'integrity',
  'injection',
  'misconfiguration',
  'resources',
  'inventory',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const MODES = ['passive', 'safe', 'active'] as const;
export type Mode = (typeof MODES)[number];

export const OWASP_API_2023 = {
  API1: 'Broken Object Level Authorization',
  API2: 'Broken Authentication',
  API3: 'Broken Object Property Level Authorization',
  API4: 'Unrestricted Resource Consumption',
  API5: 'Broken Function Level Authorization',
  API6: 'Unrestricted Access to Sensitive Business Flows',
  API7: 'Server Side Request Forgery',
  API8: 'Security Misconfiguration',
  API9: 'Improper Inventory Management',
  API10: 'Unsafe Consumption of APIs',
} as const;
export type OwaspApi = keyof typeof OWASP_API_2023;

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

/** Header names are lower-case; a header sent several times keeps every value in order. */
export type HeaderMap = Record<string, string[]>;

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RecordedResponse {
  status: number;
  headers: HeaderMap;
  /** Decoded text of the body, capped at the scan's max body size. */
  body: string;
  /** Bytes received on the wire (before decompression), up to the cap. */
  bytes: number;
  /** The body was cut at the cap (or the decompressed size cap). */
  truncated: boolean;
  /** Media type without parameters, lower-case ('' when absent). */
  mediaType: string;
}

/** One request/response pair as the engine saw it. */
export interface Exchange {
  id: number;
  request: RecordedRequest;
  response?: RecordedResponse;
  error?: { code: string; message: string };
  startedAt: number;
  durationMs: number;
  /** Who asked: 'discovery' or a check id. */
  initiator: string;
  /** Which identity's credentials were sent: 'anonymous' or 'primary'. */
  identity: string;
}

export interface Evidence {
  /** The request line, e.g. `GET http://127.0.0.1:5000/login`. */
  request: string;
  status?: number;
  /** The headers that matter for this finding (masked). */
  headers?: Record<string, string>;
  /** A trimmed body excerpt (masked). */
  excerpt?: string;
  /** What was observed, in one or two sentences. */
  detail: string;
}

export interface Mappings {
  owasp: OwaspApi;
  owaspTitle: string;
  cwe: number | null;
  /** OWASP ASVS requirement ids in ASVS's own versioned form, e.g. `v5.0.0-3.4.6`. */
  asvs?: string[];
  pciDss: string[];
  soc2: string[];
}

export interface Remediation {
  /** The fix, chosen for the detected stack. */
  text: string;
  /** Which stack the fix was written for ('generic' when none matched). */
  stack: string;
  /** Why that stack was picked (the fingerprint evidence), when not generic. */
  basis?: string;
  /**
   * Path of the documentation page in the repository: the page for the detected framework and
   * context (`docs/kb/<rule>/<framework>-<context>.md`) when there is one, else the rule's page.
   */
  docs: string;
  /** The contexts (auth scheme, database engine) whose advice was added to the fix, e.g. `api-keys`. */
  contexts?: string[];
}

export interface Finding {
  rule: string;
  check: string;
  /** What within the URL the finding is about (a cookie, a header, a parameter), when one URL can have several. */
  subject?: string;
  title: string;
  category: Category;
  severity: Severity;
  confidence: Confidence;
  method: string;
  /** The affected URL, or its pattern with `{param}` placeholders when one finding covers many. */
  url: string;
  /** How many distinct URLs matched the pattern. */
  instances: number;
  identity: string;
  evidence: Evidence;
  description: string;
  remediation: Remediation;
  mappings: Mappings;
  /** Stable across scans: rule + method + URL pattern (no host), hashed. */
  fingerprint: string;
  /** Set when a suppression in the config file covers the finding: shown, but not scored nor gated. */
  suppressed?: Suppressed;
}

export interface Suppressed {
  reason: string;
  /** The last day (YYYY-MM-DD, UTC) the suppression holds. */
  expires: string;
}

export interface StackPart {
  /** Stable key (`flask`, `express`, `nginx`, `postgresql`, `api-key`…) that selects fixes in the knowledge base. */
  id: string;
  /** Display name, e.g. `Flask`. */
  name: string;
  version?: string;
  evidence: string;
}

export interface Stack {
  server: StackPart[];
  framework: StackPart[];
  language: StackPart[];
  auth: StackPart[];
  database: StackPart[];
}

export interface CategoryScore {
  category: Category;
  score: number;
  findings: number;
}
