import { ParapetError } from '../errors.js';
import { type ScanConfig, ScanConfigSchema } from './schema.js';

/** Validates a config object; one clear line on the first problem. */
export function parseScanConfig(input: unknown): ScanConfig {
  const result = ScanConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  const code = issue.path[0] === 'target' ? 'PARAPET_INVALID_URL' : 'PARAPET_USAGE';
  return fail(code, `${where}${issue.message}`);
}

function fail(code: 'PARAPET_INVALID_URL' | 'PARAPET_USAGE', message: string): never {
  throw new ParapetError(code, message);
}
