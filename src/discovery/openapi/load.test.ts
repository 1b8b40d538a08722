import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec } from './load.js';

const dir = mkdtempSync(join(tmpdir(), 'parapet-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const failure = (path: string) =>
  loadSpec(path).then(
    () => 'loaded',
    (err: Error) => err.message,
  );

describe('loadSpec refuses, in one line naming the place', () => {
  it('a JSON syntax error, with its line and column', async () => {
    const path = file(
      'syntax.json',
      '{\n  "openapi": "3.0.3",\n  "paths": {\n    "/a": {}\n    "/b": {}\n  }\n}',
    );
    expect(await failure(path)).toMatch(
      new RegExp(`^cannot read the spec ${path} at line 5, column 5: invalid JSON: `),
    );
  });

  it('a reference to another origin, without fetching it', async () => {
    const path = file(
      'remote.yaml',
      "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get:\n      responses:\n        '200': { $ref: 'https://schemas.example.com/ok.yaml' }\n",
    );
    expect(await failure(path)).toBe(
      `cannot read the spec ${path} at #/paths/~1a/get/responses/200: $ref "https://schemas.example.com/ok.yaml" points to https://schemas.example.com, which is outside the scan's scope`,
    );
  });

  it('a document nested absurdly deep', async () => {
    const path = file('deep.json', `{"openapi":"3.0.3","x":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect(await failure(path)).toBe(`cannot read the spec ${path}: nested more than 1000 levels deep`);
  });

  it('YAML aliases that multiply into a huge document', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [prev, name] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f'],
    ]) {
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const path = file('bomb.yaml', `openapi: 3.0.3\n${levels.join('\n')}\n`);
    expect(await failure(path)).toMatch(/^cannot read the spec .*: invalid YAML: Excessive alias count/);
  });

  it('an OpenAPI version it does not read', async () => {
    const path = file('v32.json', '{"openapi":"3.2.0","info":{"title":"t","version":"1"},"paths":{}}');
    expect(await failure(path)).toBe(
      `cannot read the spec ${path} at #/openapi: OpenAPI 3.2.0 is not supported (3.0 and 3.1 are)`,
    );
  });
});

describe('loadSpec reads', () => {
  it('JSON with comments as YAML, and YAML with duplicate keys (the last wins)', async () => {
    const commented = file(
      'c.json',
      '{\n  # generated\n  "openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}\n}',
    );
    expect((await loadSpec(commented)).version).toBe('3.1');
    const dup = file(
      'd.yaml',
      "openapi: 3.0.3\ninfo: { title: a, version: '1' }\ninfo: { title: b, version: '1' }\npaths: {}\n",
    );
    expect((await loadSpec(dup)).document.info).toEqual({ title: 'b', version: '1' });
  });
});
