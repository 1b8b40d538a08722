import { describe, expect, it } from 'vitest';
import { parseHsts } from './hsts.js';

const valid: Array<[string[], number, boolean]> = [
  [['max-age=31536000'], 31536000, false],
  [['max-age="600"; includeSubDomains'], 600, true],
  [['includesubdomains; MAX-AGE=600;'], 600, true],
  [[';; max-age = 600 ;'], 600, false],
  [['max-age=600; ext="a;b\\"c"'], 600, false],
  [['max-age=600', 'max-age=0'], 600, false],
];
const invalid: Array<[string[], string]> = [
  [[], 'no Strict-Transport-Security header'],
  [[''], 'max-age is missing'],
  [['max-age=0'], 'max-age=0 removes the policy'],
  [['max-age=000'], 'max-age=0 removes the policy'],
  [['max-age'], 'is not a number of seconds'],
  [['max-age=-5'], 'is not a number of seconds'],
  [['max-age=1.5'], 'is not a number of seconds'],
  [['max-age=600; Max-Age=600'], 'appears more than once'],
  [['max-age=600; preload; preload'], 'appears more than once'],
  [['max-age="600'], 'malformed value'],
  [['max-age=6 00'], 'malformed value'],
  [['"max-age"=600'], 'malformed directive'],
];

describe('parseHsts', () => {
  it.each(valid)('valid: %j', (fields, maxAge, includeSubDomains) => {
    expect(parseHsts(fields)).toMatchObject({ valid: true, maxAge, includeSubDomains });
  });
  it.each(invalid)('invalid: %j', (fields, reason) => {
    const policy = parseHsts(fields);
    expect(policy.valid).toBe(false);
    expect(policy.valid === false && policy.reason).toContain(reason);
  });
});
