/**
 * Inputs crafted against the regexes of passive checks, fingerprinting, signatures and discovery:
 * long runs that a regex with adjacent or trailing unbounded repeats would backtrack over
 * quadratically (or worse). Each is served to a full default scan, which must finish within its
 * time limit. Before the linear trims and the refresh parser, the CSP, framing and refresh rows
 * took minutes. Such a hang is synchronous, so the scan runs in a worker thread (from dist/: build
 * first) that the test can stop.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { hostileServer, page, type RawHandler, respond } from '../support/hostile.js';
import { scanWorker } from '../support/hostile-scan.js';

const KIB = 1024;
/** Just below the engine's 64 KiB header block limit. */
const HEADER_RUN = 60 * KIB;
/** Below the scans' body cap. */
const BODY_RUN = 400 * KIB;
const spaces = (n: number) => ' '.repeat(n);
const doc = (head: string, body = '') =>
  `<!doctype html><html><head><title>t</title>${head}</head><body>${body}</body></html>`;

const rows: Array<[string, RawHandler]> = [
  [
    'X-Frame-Options with a long inner run of spaces',
    page(doc(''), { 'X-Frame-Options': `a${spaces(HEADER_RUN)}b` }),
  ],
  [
    'X-Frame-Options list of many empty values',
    page(doc(''), { 'X-Frame-Options': ` ,${' \t,'.repeat(HEADER_RUN / 3)}deny` }),
  ],
  [
    'Content-Security-Policy directives padded with spaces',
    page(doc(''), {
      'Content-Security-Policy': `script-src 'self'${spaces(HEADER_RUN - 10 * KIB)}x; frame-ancestors${spaces(8 * KIB)}'none'`,
    }),
  ],
  [
    'a CSP of many commas and semicolons',
    page(doc(''), { 'Content-Security-Policy': ';,'.repeat(HEADER_RUN / 2) }),
  ],
  [
    'X-Content-Type-Options padded with tabs',
    page(doc(''), { 'X-Content-Type-Options': `\t${'\t '.repeat(HEADER_RUN / 2)}x` }),
  ],
  [
    'Referrer-Policy with an unclosed quote',
    page(doc(''), { 'Referrer-Policy': `"${'a, '.repeat(HEADER_RUN / 3)}` }),
  ],
  [
    'Strict-Transport-Security with quotes and escapes',
    page(doc(''), { 'Strict-Transport-Security': `max-age="${'\\"'.repeat(HEADER_RUN / 2)}` }),
  ],
  [
    'a Server banner of dotted digits',
    page(doc(''), { Server: `a/1${'.1'.repeat(HEADER_RUN / 2)}a (${'('.repeat(1000)}` }),
  ],
  ['a Via of nested parentheses', page(doc(''), { Via: `1.1 ${'(a'.repeat(HEADER_RUN / 2)}` })],
  ['X-Generator of digits', page(doc(''), { 'X-Generator': `${'1'.repeat(HEADER_RUN)}a` })],
  [
    'WWW-Authenticate of commas and spaces',
    respond(
      401,
      { 'Content-Type': 'text/plain', 'WWW-Authenticate': `${', '.repeat(HEADER_RUN / 2)}x` },
      'no',
    ),
  ],
  [
    'Set-Cookie with a huge value and attributes',
    page(doc(''), [
      [
        'Set-Cookie',
        `session=${'a1'.repeat(HEADER_RUN / 4)}; ${'Path=/; '.repeat(1000)}SameSite=${spaces(4000)}x`,
      ],
    ]),
  ],
  [
    'many Set-Cookie headers',
    page(
      doc(''),
      Array.from(
        { length: 500 },
        (_, i) => ['Set-Cookie', `c${i}=${'x'.repeat(60)}; Path=/`] as [string, string],
      ),
    ),
  ],
  ['a Refresh header with a long run of spaces', page(doc(''), { Refresh: `0;url=a${spaces(HEADER_RUN)}x` })],
  [
    'a meta refresh whose content is a long run of spaces',
    page(doc(`<meta http-equiv="refresh" content="0;url=a${spaces(BODY_RUN)}x">`)),
  ],
  [
    'a meta CSP whose content is a long run of spaces',
    page(doc(`<meta http-equiv="Content-Security-Policy" content="script-src${spaces(BODY_RUN)}x">`)),
  ],
  [
    'a meta referrer of commas',
    page(doc(`<meta name="referrer" content="${', '.repeat(BODY_RUN / 2)}unsafe-url">`)),
  ],
  [
    'an href of a hundred thousand dots and slashes',
    page(doc('', `<a href="/${'./'.repeat(100 * KIB)}x">x</a><a href="/${'a'.repeat(200 * KIB)}@">y</a>`)),
  ],
  [
    'a form with a huge hidden value',
    page(
      doc('', `<form method="post"><input type="hidden" name="t" value="${'aB3'.repeat(100 * KIB)}"></form>`),
      { 'Set-Cookie': 'sid=0123456789abcdefABCDEF; Path=/' },
    ),
  ],
  ['a body of SQL error prefixes', page(doc('', 'ERROR:  '.repeat(BODY_RUN / 8)))],
  ['a body of quoted error fragments', page(doc('', `near "${'"'.repeat(BODY_RUN / 2)}`))],
  [
    'a body of error-page fragments',
    respond(
      404,
      { 'Content-Type': 'text/html' },
      `<pre>Cannot GET ${'/a'.repeat(BODY_RUN / 2)}<address>Apache/1 ${'a'.repeat(BODY_RUN / 2)}`,
    ),
  ],
  [
    'a JSON body of token-like strings',
    respond(
      200,
      { 'Content-Type': 'application/json' },
      `{"access_token":"eyJ${'a'.repeat(BODY_RUN)}", "x": "${'/a'.repeat(BODY_RUN / 4)}"}`,
    ),
  ],
  ['a body of PHP warnings', page(doc('', `<b>Warning</b>:${'a'.repeat(BODY_RUN)} on line <b>`))],
  ['a body of unclosed tags', page(`<${'<a '.repeat(BODY_RUN / 3)}`)],
  ['a text body starting with whitespace and no type', respond(200, {}, `${spaces(BODY_RUN)}<htm`)],
];

const robots = `${'Disallow: /a\n'.repeat(10_000)}${spaces(BODY_RUN)}Allow:${spaces(BODY_RUN)}x`;
const sitemap = `${'<loc>'.repeat(20_000)}${spaces(BODY_RUN)}<loc>${'a'.repeat(600)}</loc>`;

describe('inputs built to make regexes backtrack', () => {
  const worker = scanWorker();
  afterAll(() => worker.close());

  it.each(rows)('%s: the scan finishes within its budget', async (_, hostile) => {
    // At the start URL too: some checks read only the start document.
    const server = await hostileServer({
      '*': hostile,
      '/robots.txt': respond(200, { 'Content-Type': 'text/plain' }, robots),
      '/sitemap.xml': respond(200, { 'Content-Type': 'application/xml' }, sitemap),
    });
    try {
      const report = await worker.scan(server.url, { maxBodyBytes: 512 * KIB });
      expect(report.coverage.checks.filter((c) => c.status === 'failed')).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
