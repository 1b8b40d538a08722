import type { OperationsCoverage } from '../discovery/openapi/types.js';
import type { Grade } from '../scoring/index.js';
import type { Category, CategoryScore, Finding, Stack } from '../types.js';

/** Bumped on any change to the report's shape; `docs/report-schema.json` describes this version. */
export const REPORT_SCHEMA_VERSION = '1.0.0';

export interface ReportConfigEcho {
  target: string;
  mode: 'safe' | 'active';
  budget: number;
  concurrency: number;
  rate: number;
  timeoutMs: number;
  maxBodyBytes: number;
  scope: string[];
  insecure: boolean;
  /** Names of credential headers sent (values are never stored). */
  credentialHeaders: string[];
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'parapet'; version: string };
  target: string;
  startedAt: string;
  finishedAt: string;
  /** True when the scan was cut short (Ctrl-C, SIGTERM, time limit): findings are partial. */
  partial: boolean;
  config: ReportConfigEcho;
  stack: Stack;
  score: number;
  grade: Grade;
  scoringVersion: number;
  categories: CategoryScore[];
  findings: Finding[];
  /** What could not be tested and why, throttling met, checks that failed. */
  notes: string[];
  coverage: {
    pages: number;
    forms: number;
    skipped: number;
    checks: Array<{
      id: string;
      category: Category;
      status: 'ran' | 'skipped' | 'failed' | 'partial';
      reason?: string;
    }>;
    /** The spec's operations: planned, sent, and left out with the reasons (when a spec was used). */
    operations?: OperationsCoverage;
  };
  stats: { requests: number; bytes: number; durationMs: number };
}
