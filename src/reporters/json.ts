import type { Report } from '../report/report.js';

/** The report as pretty JSON, keys in the order the report was built. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
