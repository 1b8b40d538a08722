import type { Check } from '../../src/checks/types.js';
import type { ScanConfigInput } from '../../src/config/schema.js';
import type { Report } from '../../src/report/report.js';
import { scan } from '../../src/scan.js';
import { expectValidReport } from './report-schema.js';

/** Scans `url` with only `checks` (fast, focused tests). */
export async function scanWith(
  url: string,
  checks: readonly Check[],
  config: Partial<ScanConfigInput> = {},
): Promise<Report> {
  const report = await scan({ target: url, rate: 1000, ...config }, { checks });
  // Every report a test produces must match the published schema.
  expectValidReport(report);
  return report;
}

/** The sorted, distinct rule ids a scan of `url` with `checks` reports. */
export async function rulesFor(
  url: string,
  checks: readonly Check[],
  config: Partial<ScanConfigInput> = {},
): Promise<string[]> {
  const report = await scanWith(url, checks, config);
  return [...new Set(report.findings.map((f) => f.rule))].sort();
}
