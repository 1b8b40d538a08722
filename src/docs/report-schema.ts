/** Generates `docs/report-schema.json`, the published JSON Schema of a report, from the zod schema. */
import { z } from 'zod';
import { REPORT_SCHEMA_VERSION } from '../report/report.js';
import { ReportSchema } from '../report/schema.js';

export const REPORT_SCHEMA_PATH = 'docs/report-schema.json';
/** The schema's `$id`: names this version of the report shape (a URN: no URL is published yet). */
export const REPORT_SCHEMA_ID = `urn:parapet:report-schema:${REPORT_SCHEMA_VERSION}`;

export function reportJsonSchema(): Record<string, unknown> {
  const { $schema, title, ...rest } = z.toJSONSchema(ReportSchema, { target: 'draft-2020-12', io: 'output' });
  return {
    $schema,
    $id: REPORT_SCHEMA_ID,
    title,
    description: `A Parapet scan report, schemaVersion ${REPORT_SCHEMA_VERSION}. Generated from src/report/schema.ts; do not edit.`,
    ...rest,
  };
}

export function renderReportSchema(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}
