/** Turns the scan command's flags into a validated ScanConfig; schema errors name the flag, in its units. */
import { resolve } from 'node:path';
import { type ScanConfig, type ScanConfigInput, ScanConfigSchema } from '../config/schema.js';
import { ParapetError } from '../errors.js';
import type { Format } from '../reporters/formats.js';
import { type CredentialFlags, credentialsFrom, secondIdentityFrom } from './credentials.js';
import { loginFrom } from './login.js';

export interface ScanFlags extends CredentialFlags {
  auth2?: string;
  login?: string;
  tokenPath?: string;
  tokenHeader?: string;
  format: Format[];
  output?: string;
  outputDir?: string;
  config?: string;
  failOn?: 'critical' | 'high' | 'medium' | 'low' | 'info';
  threshold?: number;
  budget?: number;
  concurrency?: number;
  rate?: number;
  /** Milliseconds (parsed from seconds). */
  timeout?: number;
  maxBody?: number;
  scope?: string[];
  /** An OpenAPI/Swagger document: a file path or URL. */
  spec?: string;
  server?: string;
  active?: boolean;
  allowDestructive?: boolean;
  browser?: boolean;
  artifacts?: string;
  insecure?: boolean;
  callbackHost?: string;
  /** Milliseconds (parsed from seconds). */
  maxTime?: number;
  color: boolean;
  quiet?: boolean;
}

/** Config keys → the flag a user typed, and how to show its bounds. */
const FLAGS: Record<string, { flag: string; scale?: number; unit?: string }> = {
  target: { flag: 'the URL' },
  budget: { flag: '--budget' },
  concurrency: { flag: '--concurrency' },
  rate: { flag: '--rate' },
  timeoutMs: { flag: '--timeout', scale: 1000, unit: ' seconds' },
  maxDurationMs: { flag: '--max-time', scale: 1000, unit: ' seconds' },
  maxBodyBytes: { flag: '--max-body', unit: ' bytes' },
  scope: { flag: '--scope' },
  spec: { flag: '--spec' },
  server: { flag: '--server' },
  callbackHost: { flag: '--callback-host' },
  credentials: { flag: 'the credentials' },
};
const CREDENTIAL_FLAGS: Record<string, string> = {
  headers: '--header',
  bearer: '--bearer',
  basic: '--basic',
  cookie: '--cookie',
};

export function scanConfigFrom(url: string, flags: ScanFlags): ScanConfig {
  const input: ScanConfigInput = {
    target: url,
    mode: flags.active ? 'active' : 'safe',
    insecure: flags.insecure === true,
    scope: flags.scope ?? [],
  };
  for (const [set, flag, needs, given] of [
    [flags.browser, '--browser', '--active', flags.active],
    [flags.allowDestructive, '--allow-destructive', '--active', flags.active],
    [flags.artifacts !== undefined, '--artifacts', '--browser', flags.browser],
  ] as const) {
    if (set && !given) throw new ParapetError('PARAPET_USAGE', `${flag} needs ${needs}`);
  }
  if (flags.browser) input.browser = true;
  if (flags.allowDestructive) input.allowDestructive = true;
  if (flags.artifacts !== undefined) input.artifactsDir = resolve(flags.artifacts);
  const credentials = credentialsFrom(flags);
  if (credentials) input.credentials = credentials;
  if (flags.auth2) input.secondCredentials = secondIdentityFrom(flags.auth2);
  if (flags.login) input.login = loginFrom(flags.login, flags.tokenPath, flags.tokenHeader, process.env);
  if (flags.budget !== undefined) input.budget = flags.budget;
  if (flags.concurrency !== undefined) input.concurrency = flags.concurrency;
  if (flags.rate !== undefined) input.rate = flags.rate;
  if (flags.timeout !== undefined) input.timeoutMs = flags.timeout;
  if (flags.maxBody !== undefined) input.maxBodyBytes = flags.maxBody;
  if (flags.maxTime !== undefined) input.maxDurationMs = flags.maxTime;
  if (flags.spec !== undefined) input.spec = flags.spec;
  if (flags.server !== undefined) input.server = flags.server;
  if (flags.callbackHost !== undefined) input.callbackHost = flags.callbackHost;

  const result = ScanConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const [key, sub] = issue.path.map(String);
  const known = FLAGS[key ?? ''] ?? { flag: key ?? 'the configuration' };
  const flag = key === 'credentials' && sub ? (CREDENTIAL_FLAGS[sub] ?? known.flag) : known.flag;
  if (key === 'target') throw new ParapetError('PARAPET_INVALID_URL', issue.message);
  const bound = issue as { code: string; minimum?: number | bigint; maximum?: number | bigint };
  const scale = known.scale ?? 1;
  if (bound.code === 'too_small' && bound.minimum !== undefined) {
    throw new ParapetError(
      'PARAPET_USAGE',
      `${flag} must be at least ${Number(bound.minimum) / scale}${known.unit ?? ''}`,
    );
  }
  if (bound.code === 'too_big' && bound.maximum !== undefined) {
    throw new ParapetError(
      'PARAPET_USAGE',
      `${flag} must be at most ${Number(bound.maximum) / scale}${known.unit ?? ''}`,
    );
  }
  // Credential values are never echoed; zod's messages about them name only the problem.
  throw new ParapetError('PARAPET_USAGE', `${flag}: ${issue.message}`);
}
