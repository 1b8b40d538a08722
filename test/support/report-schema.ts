import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';

const SCHEMA_FILE = new URL('../../docs/report-schema.json', import.meta.url);

// The pattern beside `format: date-time` does the checking; ajv only needs to know the format name.
const ajv = new Ajv2020({ allErrors: true, strict: true, formats: { 'date-time': true } });
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));

/** The schema errors of `report` against the committed `docs/report-schema.json` (empty when valid). */
export function reportSchemaErrors(report: unknown): string[] {
  // a round trip through JSON: what a consumer of the report file sees
  if (validate(JSON.parse(JSON.stringify(report)))) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

/** Fails the test unless `report` is valid against the published report schema. */
export function expectValidReport(report: unknown): void {
  expect(reportSchemaErrors(report)).toEqual([]);
}
