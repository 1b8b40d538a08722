export { CATALOGUE, type RuleId } from './catalogue.js';
export { CHECKS } from './checks/index.js';
export type { Check, CheckContext, CheckMeta, RawFinding } from './checks/types.js';
export type { ScanConfig, ScanConfigInput } from './config/schema.js';
export { ERRORS, type ErrorCode, ParapetError } from './errors.js';
export { REPORT_SCHEMA_VERSION, type Report } from './report/report.js';
export { type ScanEvent, type ScanOptions, scan } from './scan.js';
export type * from './types.js';
export { VERSION } from './version.js';
