/**
 * SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, Azure DevOps, SARIF viewers).
 *
 * Locations: GitHub rejects absolute http(s) URIs in `artifactLocation.uri`, so each finding's URL is
 * split into an origin, declared once in `run.originalUriBaseIds` (`TARGET` for the scanned origin), and
 * a path relative to it. Alerts are matched across scans by `partialFingerprints` (the finding's own
 * fingerprint, which ignores the host). Tentative findings are `note`s; suppressed ones carry a SARIF
 * `suppressions` entry with their reason.
 */
import type { Report } from '../report/report.js';
import type { Confidence, Finding, Severity } from '../types.js';
import { severityRank } from '../types.js';
import { sortFindings } from './lib/findings.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The key of a result's `partialFingerprints`: versioned so a change of formula can be told apart. */
export const FINGERPRINT_KEY = 'parapet/v1';
export const TARGET_BASE_ID = 'TARGET';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub's `security-severity` (0.0–10.0): it reads >= 9 critical, >= 7 high, >= 4 medium, else low. */
const SECURITY_SEVERITY: Partial<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

const PRECISION: Record<Confidence, string> = { confirmed: 'very-high', firm: 'high', tentative: 'low' };

/** Characters a URI reference may hold as they are (RFC 3986); anything else is percent-encoded. */
const URI_CHAR = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/;

function uriReference(text: string): string {
  let out = '';
  for (const ch of text) {
    out += URI_CHAR.test(ch)
      ? ch
      : [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  // A `%` that does not start an escape is itself escaped.
  return out.replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
}

interface Location {
  uri: string;
  uriBaseId?: string;
}

/** Origins (as SARIF base ids) and each finding's location relative to its origin. */
function locations(report: Report): { bases: Map<string, string>; locate: (url: string) => Location } {
  const bases = new Map<string, string>();
  const originOf = (url: string): string | undefined => {
    try {
      const u = new URL(url);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
    } catch {
      return undefined;
    }
  };
  const target = originOf(report.target);
  if (target) bases.set(target, TARGET_BASE_ID);
  const locate = (url: string): Location => {
    const origin = originOf(url);
    if (!origin) return { uri: uriReference(url) || './' };
    let id = bases.get(origin);
    if (!id) {
      id = `ORIGIN_${bases.size + 1}`;
      bases.set(origin, id);
    }
    const u = new URL(url);
    // Relative to the origin's root; the root itself is `./` (an empty uri is not accepted).
    const path = uriReference(`${u.pathname}${u.search}`).replace(/^\/+/, '');
    return { uri: path === '' ? './' : path, uriBaseId: id };
  };
  return { bases, locate };
}

function ruleName(rule: string): string {
  return rule
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function mappingLine(f: Finding): string {
  const m = f.mappings;
  const parts = [`OWASP ${m.owasp}:2023 ${m.owaspTitle}`];
  if (m.cwe !== null) parts.push(`CWE-${m.cwe}`);
  if (m.pciDss.length > 0) parts.push(`PCI DSS ${m.pciDss.join(', ')}`);
  if (m.soc2.length > 0) parts.push(`SOC 2 ${m.soc2.join(', ')}`);
  return parts.join(' · ');
}

function ruleDescriptor(rule: string, findings: readonly Finding[]) {
  const first = findings[0]!;
  const worst = findings.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
  const surest = findings.reduce((a, b) =>
    PRECISION_RANK[b.confidence] > PRECISION_RANK[a.confidence] ? b : a,
  );
  const r = first.remediation;
  const fixTitle = r.stack === 'generic' ? 'How to fix' : `How to fix (${r.stack})`;
  const tags = ['security', first.category, `owasp-${first.mappings.owasp.toLowerCase()}`];
  if (first.mappings.cwe !== null) tags.push(`external/cwe/cwe-${first.mappings.cwe}`);
  const securitySeverity = SECURITY_SEVERITY[worst.severity];
  return {
    id: rule,
    name: ruleName(rule),
    shortDescription: { text: first.title },
    fullDescription: { text: first.description || first.title },
    defaultConfiguration: { level: LEVEL[worst.severity] },
    help: {
      text: `${first.description}\n\n${fixTitle}: ${r.text ? 'see the Markdown help or ' : 'see '}${r.docs}\n\n${mappingLine(first)}`.trim(),
      markdown: [first.description, `**${fixTitle}**`, r.text, `Docs: \`${r.docs}\``, mappingLine(first)]
        .filter((s) => s !== '')
        .join('\n\n'),
    },
    properties: {
      tags,
      precision: PRECISION[surest.confidence],
      ...(securitySeverity ? { 'security-severity': securitySeverity } : {}),
    },
  };
}

const PRECISION_RANK: Record<Confidence, number> = { confirmed: 3, firm: 2, tentative: 1 };

function splitRequest(line: string): { method: string; target: string } | undefined {
  const m = /^([A-Z]+) (\S+)/.exec(line);
  return m ? { method: m[1]!, target: m[2]! } : undefined;
}

export function renderSarif(report: Report): string {
  const findings = sortFindings(report.findings);
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const ruleIds = [...byRule.keys()].sort();
  const { bases, locate } = locations(report);

  const results = findings.map((f) => {
    const where = f.instances > 1 ? ` (${f.instances} URLs match)` : '';
    const request = splitRequest(f.evidence.request);
    const ev = f.evidence;
    return {
      ruleId: f.rule,
      ruleIndex: ruleIds.indexOf(f.rule),
      level: f.confidence === 'tentative' ? 'note' : LEVEL[f.severity],
      message: {
        text: `${f.title}: ${f.method} ${f.url}${where}. ${ev.detail}`.trim(),
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: locate(f.url),
            region: { startLine: 1 },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      ...(request
        ? {
            webRequest: { method: request.method, target: request.target },
            ...(ev.status !== undefined
              ? {
                  webResponse: {
                    statusCode: ev.status,
                    ...(ev.headers ? { headers: ev.headers } : {}),
                    ...(ev.excerpt ? { body: { text: ev.excerpt } } : {}),
                  },
                }
              : {}),
          }
        : {}),
      ...(f.suppressed
        ? {
            suppressions: [
              {
                kind: 'external',
                status: 'accepted',
                justification: `${f.suppressed.reason} (until ${f.suppressed.expires})`,
              },
            ],
          }
        : {}),
      properties: {
        url: f.url,
        method: f.method,
        ...(f.subject !== undefined ? { subject: f.subject } : {}),
        severity: f.severity,
        confidence: f.confidence,
        category: f.category,
        instances: f.instances,
        identity: f.identity,
        fixStack: f.remediation.stack,
      },
    };
  });

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Parapet',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: ruleIds.map((id) => ruleDescriptor(id, byRule.get(id)!)),
          },
        },
        originalUriBaseIds: Object.fromEntries(
          [...bases].map(([origin, id]) => [
            id,
            {
              uri: `${origin}/`,
              description: {
                text: id === TARGET_BASE_ID ? 'The scanned origin.' : 'Another origin within the scan scope.',
              },
            },
          ]),
        ),
        invocations: [
          {
            executionSuccessful: !report.partial,
            startTimeUtc: report.startedAt,
            endTimeUtc: report.finishedAt,
            toolExecutionNotifications: report.notes.map((text) => ({ level: 'note', message: { text } })),
          },
        ],
        results,
        properties: {
          target: report.target,
          score: report.score,
          grade: report.grade,
          scoringVersion: report.scoringVersion,
          reportSchemaVersion: report.schemaVersion,
          partial: report.partial,
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
