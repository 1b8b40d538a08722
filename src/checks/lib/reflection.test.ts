import { describe, expect, it } from 'vitest';
import type { RecordedResponse } from '../../types.js';
import { jsStateAt, PROBE_SUFFIX, reflections, rendersAsHtml, survivors } from './reflection.js';

const M = 'prp0123456789';

describe('reflections: the context the tokenizer gives the marker', () => {
  it.each([
    ['text', `<p>${M}</p>`, 'text'],
    ['double-quoted attribute', `<input value="${M}">`, 'attribute'],
    ['attribute name (inside the tag)', `<div ${M}>x</div>`, 'tag'],
    ['comment', `<!-- ${M} -->`, 'comment'],
    ['script', `<script>var a = "${M}";</script>`, 'script'],
    ['JSON script block', `<script type="application/json">{"a":"${M}"}</script>`, 'raw-text'],
    ['textarea', `<textarea>${M}</textarea>`, 'raw-text'],
    ['after a script, text again', `<script>var a = 1;</script><p>${M}</p>`, 'text'],
    ['markup-looking text inside a script', `<script>var s = "<p>${M}</p>";</script>`, 'script'],
  ])('%s', (_, html, kind) => {
    expect(reflections(html, M).map((r) => r.context.kind)).toEqual([kind]);
  });

  it('finds every occurrence, each with its own context', () => {
    const html = `<title>${M}</title><input value='${M}'><p>${M}</p>`;
    expect(reflections(html, M).map((r) => r.context.kind)).toEqual(['raw-text', 'attribute', 'text']);
  });
});

describe('survivors: which characters came back as sent', () => {
  const suffix = `'"<x`;
  it.each([
    ['all raw', `'"<x`, false, [true, true, true, true]],
    ['HTML entities', `&#39;&quot;&lt;x`, false, [false, false, false, true]],
    ['percent-encoding', `%27%22%3Cx`, false, [false, false, false, true]],
    ['a stripped quote keeps alignment', `"<x`, false, [false, true, true, true]],
    ['in HTML a backslash escapes nothing', `\\'\\"<x`, false, [true, true, true, true]],
    ['in script it does', `\\'\\"\\u003cx`, true, [false, false, false, true]],
    ['unknown text stops the reading', `zzzz'"<x`, false, [false, false, false, false]],
  ])('%s', (_, text, js, expected) => {
    expect(survivors(`${M}${text}`, M.length, suffix, js)).toEqual(expected);
  });

  it('probes with quotes of each kind, a closing and an opening tag', () => {
    expect(PROBE_SUFFIX).toContain("'");
    expect(PROBE_SUFFIX).toContain('"');
    expect(PROBE_SUFFIX).toContain('`');
    expect(PROBE_SUFFIX).toContain('</x>');
    expect(PROBE_SUFFIX).toContain(' <x>');
  });
});

describe('jsStateAt: where in a script a position falls', () => {
  const at = (code: string) => jsStateAt(code.replace('@', ''), code.indexOf('@'));
  it.each([
    ['code', 'var a = @;', { kind: 'code' }],
    ['double-quoted string', 'var a = "x@";', { kind: 'string', quote: '"' }],
    ['single-quoted string after an escaped quote', "var a = 'it\\'s @';", { kind: 'string', quote: "'" }],
    ['template literal', 'var a = `x @`;', { kind: 'string', quote: '`' }],
    ['code inside the substitution of a template', `var a = \`x $\{ f(@) }\`;`, { kind: 'code' }],
    [
      'after a template with a substitution',
      `var a = \`$\{b}\`; var c = "@";`,
      { kind: 'string', quote: '"' },
    ],
    ['line comment', 'f(); // @', { kind: 'comment' }],
    ['block comment', 'f(); /* " @ */', { kind: 'comment' }],
    ['regex literal with a quote', 'var r = /"/; var s = "@";', { kind: 'string', quote: '"' }],
    ['division is not a regex', 'var r = a / 2; var s = "@";', { kind: 'string', quote: '"' }],
    ['inside a regex', 'var r = /ab@c/;', { kind: 'regex' }],
  ])('%s', (_, code, expected) => {
    expect(at(code)).toEqual(expected);
  });
});

describe('rendersAsHtml: what a browser renders as a page', () => {
  const res = (mediaType: string, headers: Record<string, string> = {}, body = '<p>x</p>', status = 200) =>
    ({
      status,
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      body,
      bytes: body.length,
      truncated: false,
      mediaType,
    }) as RecordedResponse;
  it.each([
    ['text/html', res('text/html'), true],
    ['XHTML', res('application/xhtml+xml'), true],
    ['no type, sniffs as HTML', res('', {}, '\n  <!DOCTYPE html><p>x'), true],
    ['no type, sniffs as HTML (a comment first)', res('', {}, '<!-- x --><p>x'), true],
    ['no type, text first', res('', {}, 'hello <p>x</p>'), false],
    ['no type with nosniff', res('', { 'x-content-type-options': 'nosniff' }), false],
    ['text/plain', res('text/plain'), false],
    ['JSON', res('application/json'), false],
    ['SVG image', res('image/svg+xml'), false],
    ['attachment', res('text/html', { 'content-disposition': 'attachment; filename=a.html' }), false],
    ['followed redirect', res('text/html', { location: '/next' }, '<p>x</p>', 302), false],
  ])('%s', (_, response, expected) => {
    expect(rendersAsHtml(response)).toBe(expected);
  });
});
