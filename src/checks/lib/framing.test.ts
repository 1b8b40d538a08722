import { describe, expect, it } from 'vitest';
import type { HeaderMap } from '../../types.js';
import { FRAMING_RESULTS, type FramingResult, framingPolicy } from './framing.js';

type Headers = Record<string, string | string[]>;

/** Header names are lower-cased and every value kept, as the engine records them. */
function headerMap(h: Headers): HeaderMap {
  const out: HeaderMap = {};
  for (const [k, v] of Object.entries(h))
    out[k.toLowerCase()] = [...(out[k.toLowerCase()] ?? []), ...[v].flat()];
  return out;
}

const CSP = 'content-security-policy';
const CSPRO = 'content-security-policy-report-only';
const XFO = 'x-frame-options';

// [case, response headers, expected code, blocks an arbitrary cross-origin framer]
const table: Array<[string, Headers, FramingResult, boolean]> = [
  // Nothing at all
  ['no headers', {}, 'missing', false],
  [
    'unrelated headers only',
    { 'content-type': 'text/html', 'x-content-type-options': 'nosniff' },
    'missing',
    false,
  ],

  // X-Frame-Options alone (HTML Standard processing)
  ['XFO DENY', { [XFO]: 'DENY' }, 'xfo-deny', true],
  ['XFO deny lower case', { [XFO]: 'deny' }, 'xfo-deny', true],
  ['XFO SameOrigin mixed case', { [XFO]: 'SameOrigin' }, 'xfo-sameorigin', true],
  ['XFO padded with spaces and tabs', { [XFO]: ' \tDENY \t' }, 'xfo-deny', true],
  [
    'XFO "SAMEORIGIN, SAMEORIGIN" is one distinct value',
    { [XFO]: 'SAMEORIGIN, SAMEORIGIN' },
    'xfo-sameorigin',
    true,
  ],
  ['XFO sent twice with the same value', { [XFO]: ['DENY', 'deny'] }, 'xfo-deny', true],
  [
    'XFO "DENY, SAMEORIGIN" (distinct values incl. deny)',
    { [XFO]: 'DENY, SAMEORIGIN' },
    'xfo-conflict',
    true,
  ],
  ['XFO two headers DENY and SAMEORIGIN', { [XFO]: ['DENY', 'SAMEORIGIN'] }, 'xfo-conflict', true],
  ['XFO "SAMEORIGIN, foo" (one recognised among others)', { [XFO]: 'SAMEORIGIN, foo' }, 'xfo-conflict', true],
  ['XFO "ALLOWALL, bar" (allowall counts in a conflict)', { [XFO]: 'ALLOWALL, bar' }, 'xfo-conflict', true],
  ['XFO "DENY," (empty second value is distinct)', { [XFO]: 'DENY,' }, 'xfo-conflict', true],
  ['XFO "ALLOW-FROM x, DENY"', { [XFO]: 'ALLOW-FROM https://a.test, DENY' }, 'xfo-conflict', true],
  ['XFO "foo, bar" (several unrecognised)', { [XFO]: 'foo, bar' }, 'xfo-invalid', false],
  ['XFO ALLOW-FROM', { [XFO]: 'ALLOW-FROM https://partner.test' }, 'xfo-allow-from', false],
  ['XFO allow-from lower case', { [XFO]: 'allow-from https://partner.test' }, 'xfo-allow-from', false],
  ['XFO ALLOWALL', { [XFO]: 'ALLOWALL' }, 'xfo-allowall', false],
  ['XFO empty value', { [XFO]: '' }, 'xfo-invalid', false],
  ['XFO misspelt SAME-ORIGIN', { [XFO]: 'SAME-ORIGIN' }, 'xfo-invalid', false],
  ['XFO "DENY;" (trailing semicolon)', { [XFO]: 'DENY;' }, 'xfo-invalid', false],
  ['XFO "SAMEORIGIN DENY" (space is not a separator)', { [XFO]: 'SAMEORIGIN DENY' }, 'xfo-invalid', false],
  ['XFO quoted "DENY"', { [XFO]: '"DENY"' }, 'xfo-invalid', false],

  // frame-ancestors in an enforced header
  ["frame-ancestors 'none'", { [CSP]: "frame-ancestors 'none'" }, 'csp-none', true],
  [
    "frame-ancestors 'NONE' (keywords are case-insensitive)",
    { [CSP]: "FRAME-ANCESTORS 'NONE'" },
    'csp-none',
    true,
  ],
  ['frame-ancestors with an empty list', { [CSP]: 'frame-ancestors' }, 'csp-none', true],
  [
    'frame-ancestors of tokens that match nothing',
    { [CSP]: "frame-ancestors 'unsafe-inline' 'nonce-abc'" },
    'csp-none',
    true,
  ],
  ["frame-ancestors 'self'", { [CSP]: "frame-ancestors 'self'" }, 'csp-self', true],
  [
    "frame-ancestors 'none' 'self' ('none' ignored beside others)",
    { [CSP]: "frame-ancestors 'none' 'self'" },
    'csp-self',
    true,
  ],
  ['frame-ancestors *', { [CSP]: 'frame-ancestors *' }, 'csp-allows-any', false],
  ['frame-ancestors https:', { [CSP]: 'frame-ancestors https:' }, 'csp-allows-any', false],
  [
    'frame-ancestors http: (also matches https pages)',
    { [CSP]: "frame-ancestors 'self' http:" },
    'csp-allows-any',
    false,
  ],
  [
    'frame-ancestors wss: (matches https pages in CSP3)',
    { [CSP]: 'frame-ancestors wss:' },
    'csp-allows-any',
    false,
  ],
  [
    'frame-ancestors https://* (host wildcard)',
    { [CSP]: 'frame-ancestors https://*' },
    'csp-allows-any',
    false,
  ],
  [
    'frame-ancestors *.com (wildcard over a TLD)',
    { [CSP]: 'frame-ancestors *.com' },
    'csp-allows-any',
    false,
  ],
  [
    'frame-ancestors specific host',
    { [CSP]: 'frame-ancestors https://partner.example' },
    'csp-allowlist',
    true,
  ],
  [
    'frame-ancestors host with port and path',
    { [CSP]: 'frame-ancestors https://partner.example:8443/app/' },
    'csp-allowlist',
    true,
  ],
  ['frame-ancestors *.example.com', { [CSP]: "frame-ancestors 'self' *.example.com" }, 'csp-allowlist', true],
  [
    'frame-ancestors data: (no web origin matches)',
    { [CSP]: 'frame-ancestors data:' },
    'csp-allowlist',
    true,
  ],
  ['frame-ancestors self unquoted is a host name', { [CSP]: 'frame-ancestors self' }, 'csp-allowlist', true],
  [
    'frame-ancestors among other directives',
    { [CSP]: "default-src 'self'; script-src 'self'; frame-ancestors 'none'; img-src *" },
    'csp-none',
    true,
  ],
  [
    'frame-ancestors with tabs and extra semicolons',
    { [CSP]: ";;\tframe-ancestors\t'none'\t;; " },
    'csp-none',
    true,
  ],
  ['CSP without frame-ancestors, no XFO', { [CSP]: "default-src 'self'" }, 'missing', false],

  // frame-ancestors beats X-Frame-Options, both ways
  [
    'frame-ancestors * with XFO DENY: XFO ignored',
    { [CSP]: 'frame-ancestors *', [XFO]: 'DENY' },
    'csp-allows-any',
    false,
  ],
  [
    'frame-ancestors https: with XFO SAMEORIGIN: XFO ignored',
    { [CSP]: 'frame-ancestors https:', [XFO]: 'SAMEORIGIN' },
    'csp-allows-any',
    false,
  ],
  [
    "frame-ancestors 'self' with XFO ALLOWALL",
    { [CSP]: "frame-ancestors 'self'", [XFO]: 'ALLOWALL' },
    'csp-self',
    true,
  ],
  [
    'frame-ancestors none with ALLOW-FROM',
    { [CSP]: "frame-ancestors 'none'", [XFO]: 'ALLOW-FROM https://a.test' },
    'csp-none',
    true,
  ],
  [
    'CSP without frame-ancestors leaves XFO in charge',
    { [CSP]: "script-src 'self'", [XFO]: 'DENY' },
    'xfo-deny',
    true,
  ],

  // Duplicates and lists
  [
    'duplicate directive: the first (*) wins',
    { [CSP]: "frame-ancestors *; frame-ancestors 'none'" },
    'csp-allows-any',
    false,
  ],
  [
    'duplicate directive: the first (none) wins',
    { [CSP]: "frame-ancestors 'none'; frame-ancestors *" },
    'csp-none',
    true,
  ],
  [
    'duplicate with different case: the first wins',
    { [CSP]: "Frame-Ancestors *; frame-ancestors 'none'" },
    'csp-allows-any',
    false,
  ],
  [
    'two policies in one header: any blocking one blocks',
    { [CSP]: "frame-ancestors *, frame-ancestors 'self'" },
    'csp-self',
    true,
  ],
  [
    'two CSP headers: both enforced',
    { [CSP]: ['frame-ancestors *', "frame-ancestors 'none'"] },
    'csp-none',
    true,
  ],
  [
    'two CSP headers, both allow any',
    { [CSP]: ['frame-ancestors *', 'frame-ancestors https:'] },
    'csp-allows-any',
    false,
  ],
  [
    'two CSP headers, frame-ancestors in the second only',
    { [CSP]: ["default-src 'self'", "frame-ancestors 'self'"] },
    'csp-self',
    true,
  ],
  [
    'comma inside a source list splits the policy',
    { [CSP]: 'frame-ancestors https://a.example, https:' },
    'csp-allowlist',
    true,
  ],
  [
    'strictest of allowlist and self is self',
    { [CSP]: ['frame-ancestors https://a.example', "frame-ancestors 'self'"] },
    'csp-self',
    true,
  ],
  ['empty CSP header', { [CSP]: '' }, 'missing', false],
  ['empty CSP header beside XFO DENY', { [CSP]: ' ', [XFO]: 'DENY' }, 'xfo-deny', true],

  // Report-only never protects, and does not switch XFO off
  ["report-only frame-ancestors 'none'", { [CSPRO]: "frame-ancestors 'none'" }, 'missing', false],
  [
    'report-only frame-ancestors * with XFO DENY',
    { [CSPRO]: 'frame-ancestors *', [XFO]: 'DENY' },
    'xfo-deny',
    true,
  ],
  [
    "report-only 'none' with XFO ALLOW-FROM",
    { [CSPRO]: "frame-ancestors 'none'", [XFO]: 'ALLOW-FROM https://a.test' },
    'xfo-allow-from',
    false,
  ],
  [
    "report-only 'none' beside enforced *",
    { [CSPRO]: "frame-ancestors 'none'", [CSP]: 'frame-ancestors *' },
    'csp-allows-any',
    false,
  ],
];

describe('framingPolicy', () => {
  it.each(table)('%s', (_, headers, code, blocks) => {
    const verdict = framingPolicy(headerMap(headers));
    expect(verdict.code).toBe(code);
    expect(verdict.blocksCrossOrigin).toBe(blocks);
    expect(verdict.via).toBe(code === 'missing' ? 'none' : code.startsWith('csp-') ? 'csp' : 'xfo');
    expect(verdict.reason.length).toBeGreaterThan(10);
  });

  it('covers every result code', () => {
    expect(new Set(table.map((row) => row[2]))).toEqual(new Set(FRAMING_RESULTS));
  });

  it('ignores meta-delivered policies and says so', () => {
    const meta = [
      { name: 'content-security-policy', content: "frame-ancestors 'none'" },
      { name: 'x-frame-options', content: 'DENY' },
    ];
    const verdict = framingPolicy({}, meta);
    expect(verdict).toMatchObject({ code: 'missing', blocksCrossOrigin: false });
    expect(verdict.reason).toContain('<meta> policy is ignored');
    expect(verdict.reason).toContain('X-Frame-Options in <meta> is ignored');
  });

  it('names the allowed hosts and the ignored X-Frame-Options', () => {
    const verdict = framingPolicy(
      headerMap({ [CSP]: "frame-ancestors 'self' https://partner.example", [XFO]: 'DENY' }),
    );
    expect(verdict.allowed).toEqual(['https://partner.example']);
    expect(verdict.reason).toContain('https://partner.example');
    expect(verdict.reason).toContain('X-Frame-Options (DENY) is ignored');
  });

  it('says a report-only frame-ancestors blocks nothing', () => {
    const verdict = framingPolicy(headerMap({ [CSPRO]: "frame-ancestors 'none'" }));
    expect(verdict.reason).toContain('Report-Only only reports');
  });
});
