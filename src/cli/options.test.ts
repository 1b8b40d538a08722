import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isParapetError } from '../errors.js';
import { parseInteger, parseSeconds, parseSize, parseThreshold } from './args.js';
import { useColor } from './color.js';
import { credentialsFrom } from './credentials.js';
import { type ScanFlags, scanConfigFrom } from './scan-config.js';

const SECRET = 'Zq9-PARAPET-SECRET-4471';
const flags = (more: Partial<ScanFlags> = {}): ScanFlags => ({ format: ['text'], color: true, ...more });

/** The one-line message a call fails with (and that it is a ParapetError with that exit code). */
function failure(fn: () => unknown, exit = 2): string {
  try {
    fn();
  } catch (err) {
    if (!isParapetError(err)) throw err;
    expect(err.exitCode).toBe(exit);
    return err.message;
  }
  throw new Error('did not fail');
}

describe('argument parsers', () => {
  it.each([
    ['65536', 65536],
    ['512kb', 512 * 1024],
    ['2mb', 2 * 1024 * 1024],
    ['2MiB', 2 * 1024 * 1024],
    ['1.5k', 1536],
  ])('--max-body %s = %i bytes', (text, bytes) => expect(parseSize(text)).toBe(bytes));

  it.each([['2xb'], ['mb'], ['-1'], ['']])('--max-body %j is refused', (text) =>
    expect(() => parseSize(text)).toThrow(/size/),
  );

  it('reads seconds as milliseconds, whole numbers and 0..100 thresholds', () => {
    expect(parseSeconds('2.5')).toBe(2500);
    expect(parseSeconds('30s')).toBe(30_000);
    expect(() => parseSeconds('soon')).toThrow();
    expect(parseInteger('400')).toBe(400);
    expect(() => parseInteger('4e2')).toThrow();
    expect(() => parseInteger('-3')).toThrow();
    expect(parseThreshold('0')).toBe(0);
    expect(parseThreshold('100')).toBe(100);
    expect(() => parseThreshold('100.5')).toThrow();
    expect(() => parseThreshold('')).toThrow();
  });
});

describe('flags → scan config', () => {
  it('maps every flag to its config field', () => {
    const config = scanConfigFrom(
      'http://127.0.0.1:5000/',
      flags({
        budget: 50,
        concurrency: 2,
        rate: 5,
        timeout: 2500,
        maxBody: 4096,
        maxTime: 60_000,
        scope: ['https://api.example.test/x'],
        active: true,
        insecure: true,
        callbackHost: '10.0.0.7:8899',
      }),
    );
    expect(config).toMatchObject({
      target: 'http://127.0.0.1:5000/',
      mode: 'active',
      budget: 50,
      concurrency: 2,
      rate: 5,
      timeoutMs: 2500,
      maxBodyBytes: 4096,
      maxDurationMs: 60_000,
      scope: ['https://api.example.test'],
      insecure: true,
      callbackHost: '10.0.0.7:8899',
    });
    expect(config.credentials).toBeUndefined();
  });

  it.each<[string, Partial<ScanFlags>, string]>([
    ['--timeout below its minimum, in seconds', { timeout: 10 }, '--timeout must be at least 0.1 seconds'],
    [
      '--max-time above its maximum, in seconds',
      { maxTime: 10 ** 9 },
      '--max-time must be at most 86400 seconds',
    ],
    ['--concurrency 0', { concurrency: 0 }, '--concurrency must be at least 1'],
    ['--max-body too small', { maxBody: 10 }, '--max-body must be at least 1024 bytes'],
    [
      '--callback-host with a path',
      { callbackHost: '10.0.0.7/cb' },
      '--callback-host: not a host or host:port: "10.0.0.7/cb"',
    ],
  ])('names the flag: %s', (_, more, message) => {
    expect(failure(() => scanConfigFrom('http://127.0.0.1/', flags(more)))).toBe(message);
  });

  it('--browser, --artifacts and --allow-destructive go with --active', () => {
    const config = scanConfigFrom(
      'http://127.0.0.1/',
      flags({ active: true, browser: true, artifacts: 'proofs', allowDestructive: true }),
    );
    expect(config).toMatchObject({ mode: 'active', browser: true, allowDestructive: true });
    expect(config.artifactsDir).toBe(resolve('proofs'));
    expect(scanConfigFrom('http://127.0.0.1/', flags())).toMatchObject({
      browser: false,
      allowDestructive: false,
    });
  });

  it.each<[string, Partial<ScanFlags>, string]>([
    ['--browser alone', { browser: true }, '--browser needs --active'],
    ['--allow-destructive alone', { allowDestructive: true }, '--allow-destructive needs --active'],
    ['--artifacts without --browser', { active: true, artifacts: 'x' }, '--artifacts needs --browser'],
  ])('refuses %s', (_, more, message) => {
    expect(failure(() => scanConfigFrom('http://127.0.0.1/', flags(more)))).toBe(message);
  });

  it.each([['not a url'], ['ftp://127.0.0.1/'], ['http://user:pw@127.0.0.1/']])(
    'refuses the URL %j',
    (url) => {
      expect(failure(() => scanConfigFrom(url, flags()))).toMatch(/URL|http/);
    },
  );
});

describe('credential flags', () => {
  it('builds headers, bearer, basic and cookie; empty values count as none', () => {
    expect(
      credentialsFrom({ header: ['X-Api-Key: k1', 'X-Tenant:t1'], bearer: 'tok', cookie: 'a=b' }),
    ).toEqual({
      headers: { 'X-Api-Key': 'k1', 'X-Tenant': 't1' },
      bearer: 'tok',
      cookie: 'a=b',
    });
    expect(credentialsFrom({ bearer: '', cookie: ' ', header: [] })).toBeUndefined();
  });

  it.each<[string, Parameters<typeof credentialsFrom>[0]]>([
    ['a header without a colon', { header: [`X-Key ${SECRET}`] }],
    ['a header with a bad name', { header: [`Bad Name: ${SECRET}`] }],
    ['a header the client owns', { header: [`Host: ${SECRET}`] }],
    ['basic without a colon', { basic: SECRET }],
    ['bearer and basic together', { bearer: SECRET, basic: `u:${SECRET}` }],
  ])('refuses %s without echoing the value', (_, input) => {
    const message = failure(() => credentialsFrom(input));
    expect(message).not.toContain(SECRET);
  });
});

describe('colour', () => {
  const tty = { isTTY: true };
  it.each<[string, { isTTY?: boolean }, boolean, NodeJS.ProcessEnv, boolean]>([
    ['a terminal', tty, true, {}, true],
    ['a pipe', {}, true, {}, false],
    ['--no-color', tty, false, {}, false],
    ['NO_COLOR', tty, true, { NO_COLOR: '1' }, false],
    ['FORCE_COLOR on a pipe', {}, true, { FORCE_COLOR: '1' }, true],
    ['FORCE_COLOR=0', tty, true, { FORCE_COLOR: '0' }, true],
    ['--no-color beats FORCE_COLOR', {}, false, { FORCE_COLOR: '1' }, false],
    ['TERM=dumb', tty, true, { TERM: 'dumb' }, false],
  ])('%s', (_, stream, flag, env, expected) => expect(useColor(stream, flag, env)).toBe(expected));
});
