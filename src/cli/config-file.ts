/**
 * The config file: `parapet.config.yml` or `.parapet.yml` in the current directory, or `--config FILE`.
 * It holds what a team wants in version control (target, limits, gates, formats, suppressions), never a
 * secret: values may reference environment variables as `${NAME}`, and credential headers must.
 * Validated by zod; the first problem is one line naming the file and the key.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ParapetError } from '../errors.js';
import type { Suppression } from '../report/suppress.js';
import { FORMATS, type Format } from '../reporters/formats.js';
import { SEVERITIES, type Severity } from '../types.js';
import type { ScanFlags } from './scan-config.js';

export const CONFIG_FILE_NAMES = [
  'parapet.config.yml',
  'parapet.config.yaml',
  '.parapet.yml',
  '.parapet.yaml',
];

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2 };

const whole = (min: number) => z.int('must be a whole number').min(min, `must be at least ${min}`);
const seconds = z.number('must be a number of seconds').positive('must be a positive number of seconds');
const text = z.string('must be text');
const flag = z.boolean('must be true or false');
const SIZE_MESSAGE = 'must be a size such as 65536, 512kb or 2mb';
const size = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : v),
  z
    .string(SIZE_MESSAGE)
    .regex(/^\s*\d+(\.\d+)?\s*(b|k|kb|m|mb)?\s*$/i, SIZE_MESSAGE)
    .transform((v) => {
      const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v)!;
      return Math.round(Number(m[1]) * SIZE_UNITS[m[2]!.toLowerCase()]!);
    }),
);
const DAY_MESSAGE = 'must be a date, YYYY-MM-DD';
const day = z
  .string(DAY_MESSAGE)
  .regex(/^\d{4}-\d{2}-\d{2}$/, DAY_MESSAGE)
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, 'is not a real date');

const SuppressionSchema = z.strictObject(
  {
    rule: z
      .string('must be a rule id')
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a rule id such as csp-missing'),
    url: text.min(1, 'must not be empty').optional(),
    reason: z
      .string('must say why the finding is accepted')
      .trim()
      .min(1, 'must say why the finding is accepted'),
    expires: day,
  },
  'must be a mapping with rule, reason and expires (and optionally url)',
);

const oneOf = (values: readonly string[]) => `must be one of ${values.join(', ')}`;

export const ConfigFileSchema = z.strictObject({
  target: text.optional(),
  /** An OpenAPI document (path or URL). */
  spec: text.optional(),
  headers: z.record(z.string(), text, 'must be a mapping of header names to values').optional(),
  bearer: text.optional(),
  basic: text.optional(),
  cookie: text.optional(),
  budget: whole(1).optional(),
  concurrency: whole(1).optional(),
  rate: z.number('must be a number').positive('must be positive').optional(),
  /** Seconds. */
  timeout: seconds.optional(),
  /** Seconds. */
  maxTime: seconds.optional(),
  maxBody: size.optional(),
  scope: z.array(text, 'must be a list of origins').optional(),
  active: flag.optional(),
  insecure: flag.optional(),
  failOn: z.enum(SEVERITIES, oneOf(SEVERITIES)).optional(),
  threshold: z
    .number('must be a score from 0 to 100')
    .min(0, 'must be from 0 to 100')
    .max(100, 'must be from 0 to 100')
    .optional(),
  formats: z
    .array(z.enum(FORMATS, oneOf(FORMATS)), 'must be a list of formats')
    .min(1, 'must name a format')
    .optional(),
  output: text.optional(),
  outputDir: text.optional(),
  suppressions: z.array(SuppressionSchema, 'must be a list of suppressions').optional(),
});

export interface ConfigFile {
  path: string;
  target?: string;
  spec?: string;
  headers?: Record<string, string>;
  bearer?: string;
  basic?: string;
  cookie?: string;
  budget?: number;
  concurrency?: number;
  rate?: number;
  /** Milliseconds. */
  timeout?: number;
  /** Milliseconds. */
  maxTime?: number;
  maxBody?: number;
  scope?: string[];
  active?: boolean;
  insecure?: boolean;
  failOn?: Severity;
  threshold?: number;
  formats?: Format[];
  output?: string;
  outputDir?: string;
  suppressions: Suppression[];
}

/** Header names whose values are secrets: they must come from the environment. */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie)$|key|token|secret|passw|session|auth/i;

/** `--config FILE`, else the one config file in `cwd`, else none. */
export function findConfigFile(cwd: string, explicit?: string): string | undefined {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) throw new ParapetError('PARAPET_CONFIG', `--config ${explicit}: no such file`);
    return path;
  }
  const found = CONFIG_FILE_NAMES.filter((name) => existsSync(join(cwd, name)));
  if (found.length > 1) {
    throw new ParapetError(
      'PARAPET_CONFIG',
      `both ${found.join(' and ')} exist; keep one (or pass --config)`,
    );
  }
  return found[0] === undefined ? undefined : join(cwd, found[0]);
}

/** Reads, interpolates and validates a config file. */
export function loadConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): ConfigFile {
  const name = path.split(/[\\/]/).pop() ?? path;
  const fail = (message: string): never => {
    throw new ParapetError('PARAPET_CONFIG', `${name}: ${message}`);
  };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return fail(`cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) return fail(`not valid YAML: ${yamlError.message.split('\n')[0]!.replace(/:$/, '')}`);
  const raw: unknown = doc.toJS() ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail('expected a mapping of keys');

  checkSecrets(raw as Record<string, unknown>, fail);
  const interpolated = interpolate(raw, [], env, fail);
  const result = ConfigFileSchema.safeParse(interpolated);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    return fail(describeIssue(issue, raw as Record<string, unknown>));
  }
  const c = result.data;
  const out: ConfigFile = { path, suppressions: c.suppressions ?? [] };
  for (const [key, value] of Object.entries(c)) {
    if (value === undefined || key === 'suppressions') continue;
    (out as unknown as Record<string, unknown>)[key] =
      key === 'timeout' || key === 'maxTime' ? Math.round((value as number) * 1000) : value;
  }
  return out;
}

/** Credential values must reference the environment; a literal secret in a committed file is refused. */
function checkSecrets(raw: Record<string, unknown>, fail: (m: string) => never): void {
  const literal = (v: unknown) =>
    typeof v === 'string' && v.trim() !== '' && !/\$\{[A-Za-z_][A-Za-z0-9_]*\}/.test(v);
  for (const key of ['bearer', 'basic', 'cookie']) {
    if (literal(raw[key])) fail(`${key}: put the secret in an environment variable and write \${NAME}`);
  }
  const headers = raw.headers;
  if (headers && typeof headers === 'object') {
    for (const [name, value] of Object.entries(headers)) {
      if (SECRET_HEADER.test(name) && literal(value)) {
        fail(`headers.${name}: put the secret in an environment variable and write \${NAME}`);
      }
    }
  }
}

/** `${NAME}` in any string value becomes the variable's value; `$${` is a literal `${`. */
function interpolate(
  value: unknown,
  path: string[],
  env: NodeJS.ProcessEnv,
  fail: (m: string) => never,
): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$(\$?)\{([^}]*)\}/g, (whole, escaped: string, name: string) => {
      if (escaped) return whole.slice(1);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
        fail(`${path.join('.')}: \${${name}} is not a variable name`);
      const v = env[name];
      if (v === undefined) fail(`${path.join('.')}: the environment variable ${name} is not set`);
      return v!;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, [...path, String(i)], env, fail));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolate(v, [...path, k], env, fail)]),
    );
  }
  return value;
}

const KEYS = Object.keys(ConfigFileSchema.shape);
const normalize = (k: string) => k.toLowerCase().replace(/[-_]/g, '');

function describeIssue(issue: z.core.$ZodIssue, raw: Record<string, unknown>): string {
  const where = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const full = where ? `${where}.${key}` : key;
    const guess = where === '' ? KEYS.find((k) => normalize(k) === normalize(key)) : undefined;
    return `unknown key ${full}${guess ? ` (did you mean ${guess}?)` : ''}`;
  }
  let value: unknown = raw;
  for (const p of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[p as PropertyKey];
  const shown =
    issue.path[0] === 'headers' || ['bearer', 'basic', 'cookie'].includes(String(issue.path[0]))
      ? ''
      : value === undefined
        ? ''
        : ` (got ${JSON.stringify(value)})`;
  return `${where || 'the file'}: ${issue.message}${shown}`;
}

/** Flags a config file can set; a flag given on the command line (or its environment variable) wins. */
const FILE_FLAGS = [
  'bearer',
  'basic',
  'cookie',
  'budget',
  'concurrency',
  'rate',
  'timeout',
  'maxTime',
  'maxBody',
  'scope',
  'active',
  'insecure',
  'failOn',
  'threshold',
  'output',
  'outputDir',
] as const;

/**
 * The scan's URL and flags with the config file underneath: command-line values (`explicit` names them)
 * override the file's; headers merge, a command-line header replacing the file's header of that name.
 */
export function withConfigFile(
  url: string | undefined,
  flags: ScanFlags,
  explicit: ReadonlySet<string>,
  file: ConfigFile,
): { url: string | undefined; flags: ScanFlags } {
  const merged: ScanFlags = { ...flags };
  const set = merged as unknown as Record<string, unknown>;
  for (const key of FILE_FLAGS) {
    if (!explicit.has(key) && file[key] !== undefined) set[key] = file[key];
  }
  if (!explicit.has('format') && file.formats) merged.format = [...new Set(file.formats)];
  if (file.headers) {
    const fromFile = Object.entries(file.headers).map(([name, value]) => `${name}: ${value}`);
    merged.header = [...fromFile, ...(flags.header ?? [])];
  }
  if (!explicit.has('spec') && file.spec !== undefined) merged.spec = file.spec;
  return { url: url ?? file.target, flags: merged };
}
