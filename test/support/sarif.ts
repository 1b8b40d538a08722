/**
 * SARIF checks for tests: the official OASIS SARIF 2.1.0 JSON schema (via ajv), plus the constraints
 * GitHub code scanning adds on top of it.
 *
 * The schema is not vendored in this repository. It is read from the npm package
 * `@microsoft/sarif-multitool-ts` (MIT; it ships the canonical schema as assets/sarif-2.1.0.schema.json)
 * when that is installed, or from the file PARAPET_SARIF_SCHEMA names. Without it the schema test is
 * skipped locally and fails in CI (CI=true), so a CI run never silently skips it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';

const BUNDLED = fileURLToPath(
  new URL('../../node_modules/@microsoft/sarif-multitool-ts/assets/sarif-2.1.0.schema.json', import.meta.url),
);

export function officialSarifSchemaPath(): string | undefined {
  const path = process.env.PARAPET_SARIF_SCHEMA || BUNDLED;
  return existsSync(path) ? path : undefined;
}

/** RFC 3986 characters; a URI reference has nothing else (spaces, braces, quotes must be escaped). */
const URI_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
const FORMATS = {
  uri: (s: string) => URI_CHARS.test(s) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && URL.canParse(s),
  'uri-reference': (s: string) => URI_CHARS.test(s) && !/%(?![0-9A-Fa-f]{2})/.test(s),
  'date-time': (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(s),
};

let compiled: ((log: unknown) => string[]) | undefined;

/** A validator against the official schema, or undefined when the schema is not available here. */
export function officialSarifValidator(): ((log: unknown) => string[]) | undefined {
  if (compiled) return compiled;
  const path = officialSarifSchemaPath();
  if (!path) return undefined;
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false, formats: FORMATS });
  // The schema names draft-07, which ajv's default class implements; its own $schema key is dropped so
  // ajv does not look for a meta-schema by URL.
  const { $schema: _drafted, ...body } = schema;
  const validate = ajv.compile(body);
  compiled = (log) =>
    validate(log)
      ? []
      : (validate.errors ?? []).map(
          (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
        );
  return compiled;
}

interface Log {
  runs: Array<{
    tool: {
      driver: {
        rules?: Array<{ id: string; help?: { text?: string }; properties?: Record<string, unknown> }>;
      };
    };
    originalUriBaseIds?: Record<string, { uri?: string }>;
    results?: Array<{
      ruleId?: string;
      ruleIndex?: number;
      message: { text?: string };
      locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string; uriBaseId?: string } } }>;
      partialFingerprints?: Record<string, string>;
    }>;
  }>;
}

/** What GitHub code scanning would refuse or mishandle in a SARIF log (empty when none). */
export function githubSarifProblems(data: unknown): string[] {
  const log = data as Log;
  const problems: string[] = [];
  for (const [r, run] of log.runs.entries()) {
    const rules = run.tool.driver.rules ?? [];
    const bases = run.originalUriBaseIds ?? {};
    for (const [id, base] of Object.entries(bases)) {
      if (!base.uri || !/^https?:\/\/[^/]+\/$/.test(base.uri))
        problems.push(`run ${r} base ${id}: uri ${base.uri}`);
    }
    for (const rule of rules) {
      if (!rule.help?.text) problems.push(`rule ${rule.id}: no help text`);
      const sev = rule.properties?.['security-severity'];
      if (sev !== undefined && !(typeof sev === 'string' && /^\d+(\.\d+)?$/.test(sev) && Number(sev) <= 10)) {
        problems.push(`rule ${rule.id}: security-severity ${String(sev)}`);
      }
    }
    for (const [i, res] of (run.results ?? []).entries()) {
      const where = `run ${r} result ${i}`;
      if (!res.message.text) problems.push(`${where}: no message text`);
      if (res.ruleIndex === undefined || rules[res.ruleIndex]?.id !== res.ruleId) {
        problems.push(`${where}: ruleIndex ${res.ruleIndex} does not point at ${res.ruleId}`);
      }
      const loc = res.locations?.[0]?.physicalLocation?.artifactLocation;
      if (!loc?.uri) problems.push(`${where}: no artifactLocation.uri`);
      else if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(loc.uri)) problems.push(`${where}: absolute uri ${loc.uri}`);
      if (loc?.uriBaseId !== undefined && !(loc.uriBaseId in bases)) {
        problems.push(`${where}: uriBaseId ${loc.uriBaseId} is not in originalUriBaseIds`);
      }
      if (!res.partialFingerprints || Object.keys(res.partialFingerprints).length === 0) {
        problems.push(`${where}: no partialFingerprints`);
      }
    }
  }
  return problems;
}
