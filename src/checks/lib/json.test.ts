import { describe, expect, it } from 'vitest';
import { isDescriptive, isSpecDocument, jsonLeaves, normalKey } from './json.js';

describe('jsonLeaves', () => {
  it('names each scalar by its path, arrays collapsed, in document order', () => {
    const leaves = jsonLeaves({ users: [{ id: 1, 'e-mail': 'a' }, { id: 2 }], 'odd key': null, n: true });
    expect(leaves.map((l) => [l.path, l.at, l.inArray, l.value])).toEqual([
      ['$.users[*].id', '$.users[0].id', true, 1],
      ['$.users[*].e-mail', '$.users[0].e-mail', true, 'a'],
      ['$.users[*].id', '$.users[1].id', true, 2],
      ['$["odd key"]', '$["odd key"]', false, null],
      ['$.n', '$.n', false, true],
    ]);
  });

  it('stops at its depth and node bounds', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 5000; i++) deep = { a: deep };
    expect(jsonLeaves(deep)).toEqual([]);
    const wide = Array.from({ length: 100_000 }, (_, i) => i);
    const leaves = jsonLeaves(wide);
    expect(leaves.length).toBeGreaterThan(1000);
    expect(leaves.length).toBeLessThan(100_000);
  });
});

describe('descriptive documents', () => {
  it('knows schemas, examples and messages from data', () => {
    const [inError, plain] = jsonLeaves({ errors: { password: 'x' }, password: 'y' });
    expect(isDescriptive(inError!)).toBe(true);
    expect(isDescriptive(plain!)).toBe(false);
    expect(isSpecDocument({ openapi: '3.1.0' })).toBe(true);
    expect(isSpecDocument({ $schema: 'https://json-schema.org/draft/2020-12/schema' })).toBe(true);
    expect(isSpecDocument([{ openapi: 1 }])).toBe(false);
    expect(normalKey('Access-Token')).toBe(normalKey('access_token'));
  });
});
