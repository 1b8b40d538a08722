/**
 * Every code snippet in the knowledge base at least parses, with the toolchain of its language where
 * this machine has one: Python (`ast.parse`) and JavaScript (Node's own parser, as `node --check`)
 * always; Go (`gofmt -e`), Ruby (`ruby -c`) and PHP (`php -l`) when installed, skipped with a note
 * otherwise. Java, C# and server configuration snippets are fragments that need a project around them
 * (Spring, ASP.NET, a server) and are not compiled here. The Flask snippets marked `fix=flask` are also
 * run against vulnerable apps (verified.test.ts); Express snippets are checked for syntax only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PYTHON } from '../../test/support/flask.js';
import { asContextDoc } from './contexts.js';
import { codeFences, type Fence } from './fences.js';
import { KB } from './index.js';

interface Snippet extends Fence {
  /** Where it lives: `clickjacking fix.flask #1`. */
  where: string;
}

/** Every fence of every entry: the fixes, the contexts' text and code, their answers. */
function allSnippets(): Snippet[] {
  const out: Snippet[] = [];
  const add = (where: string, markdown: string | undefined) => {
    for (const [i, f] of codeFences(markdown ?? '').entries())
      out.push({ ...f, where: `${where} #${i + 1}` });
  };
  for (const [rule, doc] of Object.entries(KB)) {
    for (const [stack, text] of Object.entries(doc.fix)) add(`${rule} fix.${stack}`, text);
    const contexts = { ...doc.authContexts, ...doc.contexts };
    for (const [key, entry] of Object.entries(contexts)) {
      if (!entry) continue;
      const c = asContextDoc(entry);
      add(`${rule} context ${key}`, c.text);
      for (const [stack, text] of Object.entries(c.fix ?? {}))
        add(`${rule} context ${key} fix.${stack}`, text);
      for (const [i, f] of (c.faq ?? []).entries()) add(`${rule} context ${key} faq ${i + 1}`, f.a);
    }
  }
  return out;
}

const snippets = allSnippets();
const ofLang = (...langs: string[]) => snippets.filter((s) => langs.includes(s.lang));
const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'parapet-snippets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `program` once over all snippets (JSON on stdin); it prints `index: error` lines for failures. */
function failures(cmd: string, args: string[], list: readonly Snippet[]): string[] {
  const run = spawnSync(cmd, args, { input: JSON.stringify(list.map((s) => s.code)), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${cmd} failed: ${run.stderr}`);
  return run.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [i, ...rest] = line.split(':');
      return `${list[Number(i)]!.where}: ${rest.join(':').trim()}`;
    });
}

const PY_PARSE = `
import ast, json, sys
for i, code in enumerate(json.load(sys.stdin)):
    try:
        ast.parse(code)
    except SyntaxError as e:
        print(f"{i}: line {e.lineno}: {e.msg}")
`;

// A snippet is a module (import/export, top-level await) or a script (require): either parse will do.
const JS_PARSE = `
const vm = require('node:vm');
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  JSON.parse(input).forEach((code, i) => {
    try {
      new vm.SourceTextModule(code);
    } catch (moduleError) {
      try {
        new vm.Script(code);
      } catch {
        console.log(i + ': ' + String(moduleError.message).split('\\n')[0]);
      }
    }
  });
});
`;

/** Each snippet in its own file, checked by `cmd` with the file's path last. */
function fileFailures(
  cmd: string,
  args: string[],
  ext: string,
  list: readonly Snippet[],
  wrap = (c: string) => c,
) {
  return list.flatMap((s, i) => {
    const file = join(dir, `snippet-${ext}-${i}.${ext}`);
    writeFileSync(file, wrap(s.code));
    const run = spawnSync(cmd, [...args, file], { encoding: 'utf8' });
    return run.status === 0 ? [] : [`${s.where}: ${(run.stderr || run.stdout).trim().split('\n')[0]}`];
  });
}

describe('knowledge-base snippets parse', () => {
  it('there are snippets in the languages checked here', () => {
    expect(ofLang('python').length).toBeGreaterThan(50);
    expect(ofLang('js').length).toBeGreaterThan(20);
  });

  it('Python snippets (Flask, Django, FastAPI) parse with ast.parse', () => {
    expect(failures(PYTHON, ['-c', PY_PARSE], ofLang('python'))).toEqual([]);
  });

  it('JavaScript snippets (Express) parse with Node', () => {
    expect(
      failures(
        process.execPath,
        ['--experimental-vm-modules', '--no-warnings', '-e', JS_PARSE],
        ofLang('js'),
      ),
    ).toEqual([]);
  });

  const gofmt = has('gofmt', ['-l', '/dev/null']);
  it.skipIf(!gofmt)(`Go snippets pass gofmt -e${gofmt ? '' : ' (SKIPPED: no gofmt on this machine)'}`, () => {
    // fragments: statements go into a function, declarations stay at the top level
    const wrap = (code: string) =>
      /^(func|type|var|const|import)\b/m.test(code)
        ? `package x\n\n${code}\n`
        : `package x\n\nfunc _() {\n${code}\n}\n`;
    expect(fileFailures('gofmt', ['-e', '-l'], 'go', ofLang('go'), wrap)).toEqual([]);
  });

  const ruby = has('ruby', ['--version']);
  it.skipIf(!ruby)(`Ruby snippets pass ruby -c${ruby ? '' : ' (SKIPPED: no ruby on this machine)'}`, () => {
    expect(fileFailures('ruby', ['-c'], 'rb', ofLang('ruby'))).toEqual([]);
  });

  const php = has('php', ['--version']);
  it.skipIf(!php)(`PHP snippets pass php -l${php ? '' : ' (SKIPPED: no php on this machine)'}`, () => {
    const wrap = (code: string) => (code.trimStart().startsWith('<?php') ? code : `<?php\n${code}\n`);
    expect(fileFailures('php', ['-l'], 'php', ofLang('php'), wrap)).toEqual([]);
  });
});
