import { describe, expect, it } from 'vitest';
import {
  allowsAllInline,
  inlineScriptAllowed,
  metaPolicies,
  parseSerializedPolicy,
  responsePolicies,
} from './csp.js';

const directives = (serialized: string) =>
  Object.fromEntries(parseSerializedPolicy(serialized, 'header').directives);

describe('parseSerializedPolicy', () => {
  const table: Array<[string, string, Record<string, string[]>]> = [
    ['one directive', "default-src 'self'", { 'default-src': ["'self'"] }],
    [
      'names are lower-cased',
      "Script-SRC 'self' https://cdn.test",
      { 'script-src': ["'self'", 'https://cdn.test'] },
    ],
    ['first duplicate wins', "script-src 'none'; SCRIPT-SRC *", { 'script-src': ["'none'"] }],
    [
      'ASCII whitespace splits values',
      "img-src\t'self'\n  data:\f*",
      { 'img-src': ["'self'", 'data:', '*'] },
    ],
    ['empty directives skipped', " ; ;frame-ancestors 'none';;", { 'frame-ancestors': ["'none'"] }],
    ['directive without value', 'upgrade-insecure-requests', { 'upgrade-insecure-requests': [] }],
    ['non-ASCII directive skipped', "script-src 'self' h\u00e9llo.test; img-src *", { 'img-src': ['*'] }],
    ['empty policy', '   ', {}],
  ];
  it.each(table)('%s', (_, serialized, expected) => expect(directives(serialized)).toEqual(expected));
});

describe('responsePolicies', () => {
  it('splits header values on commas and keeps every header', () => {
    const { enforced, reportOnly } = responsePolicies({
      'content-security-policy': ["default-src 'self', script-src 'none'", "frame-ancestors 'none'"],
      'content-security-policy-report-only': ["script-src 'self'"],
    });
    expect(enforced.map((p) => [...p.directives.keys()])).toEqual([
      ['default-src'],
      ['script-src'],
      ['frame-ancestors'],
    ]);
    expect(enforced.every((p) => p.source === 'header')).toBe(true);
    expect(reportOnly.map((p) => p.source)).toEqual(['report-only']);
  });

  it('drops policies with no directive', () => {
    expect(responsePolicies({ 'content-security-policy': [' , ;'] }).enforced).toEqual([]);
  });
});

describe('metaPolicies', () => {
  it('keeps one policy per element and strips frame-ancestors, report-uri and sandbox', () => {
    const policies = metaPolicies([
      {
        name: 'content-security-policy',
        content: "script-src 'self', img-src *; frame-ancestors 'none'; sandbox; report-uri /r",
      },
      { name: 'content-security-policy-report-only', content: "script-src 'none'" },
      { name: 'content-security-policy', content: "frame-ancestors 'none'" },
    ]);
    expect(policies).toHaveLength(1);
    // No comma split in meta: the comma stays inside the script-src value.
    expect(Object.fromEntries(policies[0]!.directives)).toEqual({
      'script-src': ["'self',", 'img-src', '*'],
    });
  });
});

describe('inline scripts', () => {
  const lists: Array<[string, string[], boolean]> = [
    ["'unsafe-inline'", ["'self'", "'unsafe-inline'"], true],
    ["'UNSAFE-INLINE' in upper case", ["'UNSAFE-INLINE'"], true],
    ['unsafe-inline with a nonce', ["'unsafe-inline'", "'nonce-r4nd0m'"], false],
    ['unsafe-inline with a hash', ["'unsafe-inline'", "'sha256-abc='"], false],
    ["unsafe-inline with 'strict-dynamic'", ["'unsafe-inline'", "'strict-dynamic'"], false],
    ['no unsafe-inline', ["'self'", 'https:'], false],
    ['empty list', [], false],
  ];
  it.each(lists)('allowsAllInline: %s', (_, list, expected) => expect(allowsAllInline(list)).toBe(expected));

  const policies: Array<[string, string[], boolean]> = [
    ['no policy', [], true],
    ["script-src 'self'", ["script-src 'self'"], false],
    ["default-src 'self' governs scripts", ["default-src 'self'"], false],
    [
      "script-src 'unsafe-inline' beats default-src 'self'",
      ["default-src 'self'; script-src 'unsafe-inline'"],
      true,
    ],
    ["default-src 'unsafe-inline' without script-src", ["default-src 'self' 'unsafe-inline'"], true],
    ['policy without a script directive', ["frame-ancestors 'none'; img-src *"], true],
    ['second policy blocks: both enforced', ["script-src 'unsafe-inline'", "script-src 'self'"], false],
    [
      "script-src-elem blocks elements but script-src 'unsafe-inline' still allows handlers",
      ["script-src-elem 'self'; script-src 'unsafe-inline'"],
      true,
    ],
    [
      'elements and handlers both blocked',
      ["script-src-elem 'self'; script-src-attr 'none'; script-src 'unsafe-inline'"],
      false,
    ],
  ];
  it.each(policies)('inlineScriptAllowed: %s', (_, serialized, expected) => {
    expect(inlineScriptAllowed(serialized.map((s) => parseSerializedPolicy(s, 'header')))).toBe(expected);
  });
});
