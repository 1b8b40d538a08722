/**
 * The report's shape as a zod schema: `docs/report-schema.json` is generated from it, and the types
 * below must stay mutually assignable with the `Report` interface (a compile error otherwise).
 */
import { z } from 'zod';
import { GRADES } from '../scoring/index.js';
import {
  CATEGORIES,
  type CategoryScore,
  CONFIDENCES,
  type Evidence,
  type Finding,
  type Mappings,
  OWASP_API_2023,
  type OwaspApi,
  type Remediation,
  SEVERITIES,
  type Stack,
  type StackPart,
  type Suppressed,
} from '../types.js';
import { REPORT_SCHEMA_VERSION, type Report, type ReportConfigEcho } from './report.js';

const count = z.int().min(0);
const kebabId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

export const SeveritySchema = z.enum(SEVERITIES).meta({ id: 'Severity' });
export const ConfidenceSchema = z.enum(CONFIDENCES).meta({
  id: 'Confidence',
  description:
    'confirmed: proven by a second request or a browser; firm: two independent signals; tentative: one signal.',
});
export const CategorySchema = z.enum(CATEGORIES).meta({ id: 'Category' });
export const OwaspApiSchema = z
  .enum(Object.keys(OWASP_API_2023) as OwaspApi[])
  .meta({ id: 'OwaspApi', description: 'OWASP API Security Top 10 (2023) id.' });

export const EvidenceSchema = z
  .strictObject({
    request: z.string().describe('The request line, e.g. `GET http://127.0.0.1:5000/login`.'),
    status: z.int().min(100).max(999).optional().describe('The response status.'),
    headers: z
      .record(z.string(), z.string())
      .optional()
      .describe('The response headers that matter for this finding (masked).'),
    excerpt: z.string().optional().describe('A trimmed body excerpt (masked).'),
    detail: z.string().describe('What was observed, in one or two sentences.'),
  })
  .meta({ id: 'Evidence' });

export const MappingsSchema = z
  .strictObject({
    owasp: OwaspApiSchema,
    owaspTitle: z.string(),
    cwe: z.int().positive().nullable().describe('The closest CWE id, or null when none fits.'),
    asvs: z
      .array(z.string().regex(/^v\d+\.\d+\.\d+-\d+\.\d+\.\d+$/))
      .optional()
      .describe("OWASP ASVS requirements in ASVS's versioned form, e.g. `v5.0.0-3.4.6`."),
    pciDss: z.array(z.string()).describe('PCI DSS 4.0 requirement numbers.'),
    soc2: z.array(z.string()).describe('SOC 2 trust services criteria.'),
  })
  .meta({ id: 'Mappings' });

export const RemediationSchema = z
  .strictObject({
    text: z.string().describe('The fix (Markdown), chosen for the detected stack.'),
    stack: z.string().describe("Which stack the fix was written for ('generic' when none matched)."),
    basis: z.string().optional().describe('Why that stack was picked (the fingerprint evidence).'),
    docs: z
      .string()
      .describe(
        "Path of the documentation page in the repository: the page for the detected framework and context (`docs/kb/<rule>/<framework>-<context>.md`) when there is one, else the rule's page.",
      ),
    contexts: z
      .array(z.string())
      .optional()
      .describe(
        'The contexts (auth scheme, database engine) whose advice was added to the fix, e.g. `api-keys`.',
      ),
  })
  .meta({ id: 'Remediation' });

export const SuppressedSchema = z
  .strictObject({
    reason: z.string().describe('Why the finding is accepted, from the config file.'),
    expires: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .describe('The last day (YYYY-MM-DD, UTC) the suppression holds; after it the finding counts again.'),
  })
  .meta({ id: 'Suppressed' });

export const FindingSchema = z
  .strictObject({
    rule: kebabId.describe('The rule id (docs/rules/<rule>.md).'),
    check: kebabId.describe('The id of the check that reported it.'),
    subject: z
      .string()
      .optional()
      .describe(
        'What within the URL the finding is about (a cookie, a header, a parameter), when a URL can have several.',
      ),
    title: z.string(),
    category: CategorySchema,
    severity: SeveritySchema,
    confidence: ConfidenceSchema,
    method: z.string(),
    url: z
      .string()
      .describe('The affected URL, or its pattern with `{param}` placeholders when one finding covers many.'),
    instances: z.int().min(1).describe('How many distinct URLs matched the pattern.'),
    identity: z.string().describe("Whose credentials were sent: 'anonymous' or 'primary'."),
    evidence: EvidenceSchema,
    description: z.string(),
    remediation: RemediationSchema,
    mappings: MappingsSchema,
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{16}$/)
      .describe('Stable across scans and hosts: rule + method + URL pattern, hashed.'),
    suppressed: SuppressedSchema.optional().describe(
      'Present when a suppression covers the finding: it is shown but moves neither the score nor a CI gate.',
    ),
  })
  .meta({ id: 'Finding' });

export const StackPartSchema = z
  .strictObject({
    id: z.string().describe('Stable key that selects fixes in the knowledge base, e.g. `flask`.'),
    name: z.string().describe('Display name, e.g. `Flask`.'),
    version: z.string().optional(),
    evidence: z.string(),
  })
  .meta({ id: 'StackPart' });

export const StackSchema = z
  .strictObject({
    server: z.array(StackPartSchema),
    framework: z.array(StackPartSchema),
    language: z.array(StackPartSchema),
    auth: z.array(StackPartSchema),
    database: z.array(StackPartSchema),
  })
  .meta({ id: 'Stack' });

export const CategoryScoreSchema = z
  .strictObject({
    category: CategorySchema,
    score: z.int().min(0).max(100),
    findings: count.describe('Findings reported in the category, including ones that do not move the score.'),
  })
  .meta({ id: 'CategoryScore' });

export const ReportConfigEchoSchema = z
  .strictObject({
    target: z.string(),
    mode: z.enum(['safe', 'active']),
    budget: z.int().min(1),
    concurrency: z.int().min(1),
    rate: z.number().positive().describe('Requests per second per host.'),
    timeoutMs: z.int().min(0),
    maxBodyBytes: z.int().min(0),
    scope: z.array(z.string()),
    insecure: z.boolean(),
    credentialHeaders: z
      .array(z.string())
      .describe('Names of the credential headers sent (their values are never stored).'),
  })
  .meta({ id: 'ReportConfig' });

const CoverageCheckSchema = z.strictObject({
  id: kebabId,
  category: CategorySchema,
  status: z.enum(['ran', 'skipped', 'failed', 'partial']),
  reason: z.string().optional(),
});

const CoverageOperationsSchema = z
  .strictObject({
    source: z.string().describe('Where the OpenAPI/Swagger document came from (file path or URL).'),
    planned: count.describe('Operations the document lists.'),
    run: count.describe('Operations Parapet sent a request for.'),
    skipped: count.describe('Operations it did not send.'),
    reasons: z
      .array(
        z.strictObject({
          reason: z.string(),
          count: z.int().min(1),
          operations: z.array(z.string()).describe('A few of them, e.g. `DELETE /users/{id}`.'),
        }),
      )
      .describe('Why operations were left out.'),
  })
  .meta({ id: 'CoverageOperations' });

export const ReportSchema = z
  .strictObject({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    tool: z.strictObject({ name: z.literal('parapet'), version: z.string() }),
    target: z.string(),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime(),
    partial: z
      .boolean()
      .describe('True when the scan was cut short (interrupted, time limit): the findings are partial.'),
    config: ReportConfigEchoSchema,
    stack: StackSchema,
    score: z.int().min(0).max(100),
    grade: z.enum(GRADES),
    scoringVersion: z.int().min(1).describe('Version of the scoring formula (docs/scoring.md).'),
    categories: z.array(CategoryScoreSchema),
    findings: z.array(FindingSchema),
    notes: z
      .array(z.string())
      .describe('What could not be tested and why, throttling met, checks that failed.'),
    coverage: z.strictObject({
      pages: count,
      forms: count,
      skipped: count,
      checks: z.array(CoverageCheckSchema),
      operations: CoverageOperationsSchema.optional().describe(
        "The spec's operations: planned, sent, and left out with the reasons (when a spec was used).",
      ),
    }),
    stats: z.strictObject({ requests: count, bytes: count, durationMs: z.number().min(0) }),
  })
  .meta({ title: `Parapet report ${REPORT_SCHEMA_VERSION}` });

// Compile-time parity: each schema's output and its TypeScript interface must accept each other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type SchemaParity = [
  Holds<Same<z.output<typeof EvidenceSchema>, Evidence>>,
  Holds<Same<z.output<typeof MappingsSchema>, Mappings>>,
  Holds<Same<z.output<typeof RemediationSchema>, Remediation>>,
  Holds<Same<z.output<typeof SuppressedSchema>, Suppressed>>,
  Holds<Same<z.output<typeof FindingSchema>, Finding>>,
  Holds<Same<z.output<typeof StackPartSchema>, StackPart>>,
  Holds<Same<z.output<typeof StackSchema>, Stack>>,
  Holds<Same<z.output<typeof CategoryScoreSchema>, CategoryScore>>,
  Holds<Same<z.output<typeof ReportConfigEchoSchema>, ReportConfigEcho>>,
  Holds<Same<z.output<typeof ReportSchema>, Report>>,
];
