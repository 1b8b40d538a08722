// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are config files, whose ${NAME} reads the environment
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isParapetError } from '../errors.js';
import { findConfigFile, loadConfigFile, withConfigFile } from './config-file.js';
import type { ScanFlags } from './scan-config.js';

const root = mkdtempSync(join(tmpdir(), 'parapet-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
/** A fresh folder holding `files`. */
function folder(files: Record<string, string>): string {
  const dir = join(root, String(n++));
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const load = (yaml: string, env: NodeJS.ProcessEnv = {}) => {
  const dir = folder({ 'parapet.config.yml': yaml });
  return loadConfigFile(join(dir, 'parapet.config.yml'), env);
};
/** The one-line message loading fails with (a PARAPET_CONFIG error, exit 2). */
function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (!isParapetError(err)) throw err;
    expect(err.code).toBe('PARAPET_CONFIG');
    expect(err.exitCode).toBe(2);
    return err.message;
  }
  throw new Error('did not fail');
}

describe('finding the file', () => {
  it('takes parapet.config.yml or .parapet.yml from the folder, or --config', () => {
    expect(findConfigFile(folder({ 'parapet.config.yml': '' }))).toMatch(/parapet\.config\.yml$/);
    expect(findConfigFile(folder({ '.parapet.yml': '' }))).toMatch(/\.parapet\.yml$/);
    expect(findConfigFile(folder({}))).toBeUndefined();
    const dir = folder({ 'ci.yml': '' });
    expect(findConfigFile(dir, 'ci.yml')).toBe(join(dir, 'ci.yml'));
  });

  it('refuses two files and a --config that does not exist', () => {
    const two = folder({ 'parapet.config.yml': '', '.parapet.yml': '' });
    expect(failure(() => findConfigFile(two))).toBe(
      'both parapet.config.yml and .parapet.yml exist; keep one (or pass --config)',
    );
    expect(failure(() => findConfigFile(folder({}), 'nope.yml'))).toBe('--config nope.yml: no such file');
  });
});

describe('loading', () => {
  it('reads every key, in the units flags use', () => {
    const c = load(
      [
        'target: http://127.0.0.1:5000/',
        'headers: { X-API-Key: "${API_KEY}", X-Tenant: t1 }',
        'bearer: ${TOKEN}',
        'budget: 50',
        'timeout: 2.5',
        'maxTime: 60',
        'maxBody: 512kb',
        'scope: [https://api.example.test]',
        'failOn: high',
        'threshold: 70',
        'formats: [sarif, html]',
        'outputDir: reports',
        'suppressions:',
        '  - rule: csp-missing',
        '    url: /legacy/*',
        '    reason: Legacy pages go away in Q3',
        '    expires: 2099-09-30',
      ].join('\n'),
      { API_KEY: 'k-123', TOKEN: 't-456' },
    );
    expect(c).toMatchObject({
      target: 'http://127.0.0.1:5000/',
      headers: { 'X-API-Key': 'k-123', 'X-Tenant': 't1' },
      bearer: 't-456',
      budget: 50,
      timeout: 2500,
      maxTime: 60_000,
      maxBody: 512 * 1024,
      scope: ['https://api.example.test'],
      failOn: 'high',
      threshold: 70,
      formats: ['sarif', 'html'],
      outputDir: 'reports',
      suppressions: [
        {
          rule: 'csp-missing',
          url: '/legacy/*',
          reason: 'Legacy pages go away in Q3',
          expires: '2099-09-30',
        },
      ],
    });
  });

  it('an empty file is an empty config', () => {
    expect(load('')).toMatchObject({ suppressions: [] });
  });

  it.each([
    ['budget: lots', 'parapet.config.yml: budget: must be a whole number (got "lots")'],
    ['budget: 0', 'parapet.config.yml: budget: must be at least 1 (got 0)'],
    ['fail-on: high', 'parapet.config.yml: unknown key fail-on (did you mean failOn?)'],
    [
      'failOn: severe',
      'parapet.config.yml: failOn: must be one of critical, high, medium, low, info (got "severe")',
    ],
    [
      'formats: [sarif, word]',
      /^parapet\.config\.yml: formats\.1: must be one of text, json, sarif, .* \(got "word"\)$/,
    ],
    ['maxBody: lots', 'parapet.config.yml: maxBody: must be a size such as 65536, 512kb or 2mb (got "lots")'],
    ['threshold: 120', 'parapet.config.yml: threshold: must be from 0 to 100 (got 120)'],
    ['active: yes please', 'parapet.config.yml: active: must be true or false (got "yes please")'],
    [
      'suppressions: [{ rule: csp-missing, expires: 2099-01-01 }]',
      /^parapet\.config\.yml: suppressions\.0\.reason: /,
    ],
    [
      'suppressions: [{ rule: csp-missing, reason: r, expires: next year }]',
      'parapet.config.yml: suppressions.0.expires: must be a date, YYYY-MM-DD (got "next year")',
    ],
    [
      'suppressions: [{ rule: csp-missing, reason: r, expires: 2099-02-30 }]',
      'parapet.config.yml: suppressions.0.expires: is not a real date (got "2099-02-30")',
    ],
    [
      'suppressions: [{ rule: csp-missing, reason: r, expires: 2099-01-01, until: x }]',
      'parapet.config.yml: unknown key suppressions.0.until',
    ],
    ['budget: 1\nbudget: 2', /^parapet\.config\.yml: not valid YAML: Map keys must be unique at line 2/],
    ['- a\n- b', 'parapet.config.yml: expected a mapping of keys'],
  ])('%j → one line naming the key', (yaml, message) => {
    const got = failure(() => load(yaml));
    if (typeof message === 'string') expect(got).toBe(message);
    else expect(got).toMatch(message);
  });

  it('refuses secrets written in the file, and never echoes them', () => {
    const secret = 'Zq9-PARAPET-SECRET-4471';
    for (const yaml of [
      `headers: { X-API-Key: ${secret} }`,
      `headers: { Authorization: Bearer ${secret} }`,
      `bearer: ${secret}`,
      `cookie: session=${secret}`,
    ]) {
      const message = failure(() => load(yaml));
      expect(message).toMatch(/put the secret in an environment variable and write \$\{NAME\}$/);
      expect(message).not.toContain(secret);
    }
  });

  it('names the variable a ${NAME} needs; $${ is a literal', () => {
    expect(failure(() => load('headers: { X-API-Key: "${API_KEY}" }'))).toBe(
      'parapet.config.yml: headers.X-API-Key: the environment variable API_KEY is not set',
    );
    expect(load('target: "http://h/$${x}"').target).toBe('http://h/${x}');
  });
});

describe('flags over the file', () => {
  const flags = (more: Partial<ScanFlags> = {}): ScanFlags => ({ format: ['text'], color: true, ...more });
  const file = load(
    'target: http://127.0.0.1:5000/\nbudget: 50\nformats: [sarif]\nheaders: { X-Tenant: t1, X-Env: ci }\n',
  );

  it('the file fills in what the command line left out', () => {
    const merged = withConfigFile(undefined, flags(), new Set(), file);
    expect(merged.url).toBe('http://127.0.0.1:5000/');
    expect(merged.flags).toMatchObject({
      budget: 50,
      format: ['sarif'],
      header: ['X-Tenant: t1', 'X-Env: ci'],
    });
  });

  it('a flag on the command line wins; a header of the same name replaces the file’s', () => {
    const merged = withConfigFile(
      'http://127.0.0.1:6000/',
      flags({ budget: 9, format: ['json'], header: ['X-Env: local'] }),
      new Set(['budget', 'format', 'header']),
      file,
    );
    expect(merged.url).toBe('http://127.0.0.1:6000/');
    expect(merged.flags).toMatchObject({ budget: 9, format: ['json'] });
    // credentialsFrom keeps the last value of a name: the command line's
    expect(merged.flags.header).toEqual(['X-Tenant: t1', 'X-Env: ci', 'X-Env: local']);
  });
});
