import { describe, expect, it } from 'vitest';
import { PARTS } from '../../fingerprint/parts.js';
import { SIGNATURES } from '../../fingerprint/signatures.js';
import type { RecordedResponse } from '../../types.js';
import { ERROR_SCAN_CHARS, errorPageHits } from './error-page-match.js';
import { ERROR_PAGE_SIGNATURES, type ErrorPageSignature } from './error-pages.js';

const regexesOf = (s: ErrorPageSignature): RegExp[] =>
  s.kind === 'debugger'
    ? [s.pattern, s.also, ...(s.confirm ? [s.confirm.expect] : [])]
    : [s.pattern, ...(s.header ? [s.header] : [])];

/** The regex source with escapes and character classes blanked out: what is left is structure. */
const structure = (re: RegExp): string =>
  re.source.replace(/\\./g, '_').replace(/\[(?:[^\]\\]|\\.)*\]/g, '_');

const response = (body: string, mediaType = 'text/html', status = 500): RecordedResponse => ({
  status,
  headers: {},
  body,
  bytes: body.length,
  truncated: false,
  mediaType,
});
const ids = (body: string, mediaType?: string, status?: number) =>
  errorPageHits(response(body, mediaType, status)).map((h) => h.signature.id);

describe('error-page signature table', () => {
  it('has unique ids and names known languages and frameworks', () => {
    const all = ERROR_PAGE_SIGNATURES.map((s) => s.id);
    expect(new Set(all).size).toBe(all.length);
    for (const s of ERROR_PAGE_SIGNATURES) {
      expect(PARTS[s.language].kind, s.id).toBe('language');
      if (s.framework) expect(PARTS[s.framework].kind, s.id).toBe('framework');
      expect(s.description.length, s.id).toBeGreaterThan(5);
    }
  });

  it('uses linear-time regexes: bounded repeats only, no quantified groups, no g/y flags', () => {
    for (const s of ERROR_PAGE_SIGNATURES) {
      for (const re of regexesOf(s)) {
        expect(re.flags, s.id).not.toMatch(/[gy]/);
        const shape = structure(re);
        expect(shape, `${s.id}: unbounded repeat in ${re.source}`).not.toMatch(/[*+]|\{\d+,\}/);
        expect(shape, `${s.id}: quantified group in ${re.source}`).not.toMatch(/\)(?:\{\d|\?\?)/);
      }
    }
  });

  it('anchors every frame pattern at the start of the line', () => {
    for (const s of ERROR_PAGE_SIGNATURES)
      if (s.kind === 'trace') expect(s.pattern.source, s.id).toMatch(/^\^/);
  });

  it('is the fingerprint’s source for error pages: every entry becomes fingerprint signatures', () => {
    const fromTable = new Set(SIGNATURES.filter((s) => s.errorPage).map((s) => s.errorPage));
    expect([...fromTable]).toEqual(ERROR_PAGE_SIGNATURES.map((s) => s.id));
  });
});

// Hostile bodies, 1 MB each: near-misses that make a backtracking regex retry at every position.
const MB = 1_000_000;
const hostile: Array<[string, string]> = [
  ['spaces', ' '.repeat(MB)],
  ['"at " without end', 'at '.repeat(MB / 3)],
  ['frame prefixes without a location', `${'    at a.b.c(x'.repeat(60)}\n`.repeat(1_100)],
  ['Java-like frames cut before the file', `${'\tat '}${'a.'.repeat(450)}(\n`.repeat(1_000)],
  [
    '.NET-like frames with many ":line"',
    `   at A.B(${'x'.repeat(300)}) in ${':line '.repeat(100)}\n`.repeat(1_000),
  ],
  ['PHP warnings with many " in /"', `Warning: ${' in /x'.repeat(150)}\n`.repeat(1_000)],
  ['Python file lines without a line number', `  File "${'x'.repeat(990)}\n`.repeat(1_000)],
  ['Ruby-like paths without ":in"', `from ${'a'.repeat(490)}.rb\n`.repeat(2_000)],
  ['Go-like paths full of ".go:"', `/${'a.go:'.repeat(190)}\n`.repeat(1_000)],
  ['"<" only', '<'.repeat(MB)],
  ['"<title>" only', '<title>'.repeat(MB / 7)],
  ['Express frame prefixes', '<br> &nbsp; &nbsp;at '.repeat(MB / 21)],
  ['JSON string of backslashes', `{"exception": "${'\\\\'.repeat(MB / 2)}`],
  ['deeply nested JSON', '['.repeat(MB)],
  ['one long line of frames', `${'at f (/x.js:1:2) '.repeat(MB / 18)}`],
];

describe('matching hostile 1 MB bodies', () => {
  it.each(hostile)('%s: finishes and finds nothing', (_, body) => {
    for (const media of ['text/html', 'application/json', 'text/plain']) {
      expect(ids(body, media)).toEqual([]);
    }
  });

  it('reads no further than its scan window', () => {
    const trace = '\n  File "/app/a.py", line 1, in a\n  File "/app/b.py", line 2, in b\n';
    expect(ids(`${'x'.repeat(ERROR_SCAN_CHARS)}${trace}`, 'text/plain')).toEqual([]);
    expect(ids(`${'x'.repeat(1000)}${trace}`, 'text/plain')).toEqual(['python-trace']);
  });
});

describe('error-page matching', () => {
  it('finds traces in HTML (entities decoded, inline markup kept on one line), JSON strings and text', () => {
    const html =
      '<pre>Traceback (most recent call last):<br>  File &quot;/app/<b>views</b>.py&quot;, line 12, in show<br>  File &#34;/app/db.py&#34;, line 3, in get</pre>';
    expect(ids(html)).toEqual(['python-trace']);
    const json = JSON.stringify({
      error: 'boom',
      stack: 'Error: boom\n    at a (/app/a.js:1:2)\n    at /app/b.js:3:4',
    });
    expect(ids(json, 'application/json')).toEqual(['node-trace']);
    const frames = JSON.stringify({ trace: ['at com.x.A.run(A.java:1)', 'at com.x.B.main(B.java:2)'] });
    expect(ids(frames, 'application/json')).toEqual(['java-trace']);
  });

  it('gives each frame line to one language: Java frames are not also .NET', () => {
    const java = 'at com.x.A.run(A.java:1)\nat java.base/java.lang.Thread.run(Thread.java:833)\n';
    expect(ids(java, 'text/plain')).toEqual(['java-trace']);
    const dotnet = '   at App.Home.Index() in C:\\src\\Home.cs:line 12\n   at Lambda.Invoke(Object target)\n';
    expect(ids(dotnet, 'text/plain')).toEqual(['dotnet-trace']);
  });

  it('needs the shape: one frame, or a header without frames, is not a trace', () => {
    expect(ids('  File "/app/a.py", line 1, in a\n', 'text/plain')).toEqual([]);
    expect(ids('Traceback (most recent call last):\nValueError: x\n', 'text/plain')).toEqual([]);
    expect(ids('goroutine 1 [running]:\nmain.main()\n', 'text/plain')).toEqual([]);
    expect(ids('/app/main.go:8 +0x1d\n/app/main.go:9\n', 'text/plain')).toEqual([]);
    expect(ids('Look at this (it is nice).\nAt last(ly) we met.\n', 'text/plain')).toEqual([]);
  });

  it('ignores scripts and stylesheets', () => {
    const trace = 'at a (/app/a.js:1:2)\nat b (/app/b.js:3:4)\n';
    expect(ids(trace, 'text/plain')).toEqual(['node-trace']);
    expect(ids(trace, 'text/javascript')).toEqual([]);
    expect(ids(trace, 'text/css')).toEqual([]);
  });

  it('needs both markers of a debugger page, each in its real markup', () => {
    const footer = 'You’re seeing this error because you have <code>DEBUG = True</code> in your settings.';
    expect(ids(`<p>${footer}</p>`)).toEqual([]);
    expect(
      ids(`<p>Using the URLconf defined in <code>app.urls</code></p><p>${footer}</p>`, 'text/html', 404),
    ).toEqual(['django-debug-404']);
    // A blog post quoting the markup shows it escaped.
    expect(
      ids('&lt;title&gt;Action Controller: Exception caught&lt;/title&gt; <code>Rails.root: /app</code>'),
    ).toEqual([]);
    // A JSON debugger signature does not fire on HTML.
    expect(ids('<pre>{"activeProfiles":[],"propertySources":[]}</pre>')).toEqual([]);
  });
});
