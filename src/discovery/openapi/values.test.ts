import { describe, expect, it } from 'vitest';
import { sampleValue } from './values.js';

describe('sampleValue', () => {
  it.each([
    ['an example', { type: 'integer', example: 42 }, 42],
    ['the first of 3.1 examples', { type: 'string', examples: ['a', 'b'] }, 'a'],
    ['a default', { type: 'integer', default: 10 }, 10],
    ['an enum', { type: 'string', enum: ['cat', 'dog'] }, 'cat'],
    ['a const', { const: 'fixed' }, 'fixed'],
    ['an integer id', { type: 'integer' }, 1],
    ['an integer above its minimum', { type: 'integer', minimum: 5 }, 5],
    [
      'an integer above an exclusive minimum (3.0)',
      { type: 'integer', minimum: 5, exclusiveMinimum: true },
      6,
    ],
    ['a number above an exclusive minimum (3.1)', { type: 'number', exclusiveMinimum: 0 }, 1.5],
    ['a uuid', { type: 'string', format: 'uuid' }, '00000000-0000-4000-8000-000000000001'],
    ['a date', { type: 'string', format: 'date' }, '2024-01-01'],
    ['a date-time', { type: 'string', format: 'date-time' }, '2024-01-01T12:00:00Z'],
    ['an e-mail', { type: 'string', format: 'email' }, 'parapet@example.com'],
    ['a nullable 3.1 type', { type: ['null', 'integer'] }, 1],
    ['a string that must be long', { type: 'string', minLength: 10 }, 'parapetxxx'],
    ['a string that must be short', { type: 'string', maxLength: 3 }, 'par'],
    ['a string with a digits pattern', { type: 'string', pattern: '^[0-9]+$' }, '1'],
    ['the first non-null oneOf branch', { oneOf: [{ type: 'null' }, { type: 'boolean' }] }, true],
  ])('%s', (_, schema, expected) => expect(sampleValue(schema)).toEqual(expected));

  it('gives other values of the same kind for later variants', () => {
    expect(sampleValue({ type: 'integer' }, { variant: 1 })).toBe(2);
    expect(sampleValue({ type: 'string', format: 'uuid' }, { variant: 1 })).toBe(
      '00000000-0000-4000-8000-000000000002',
    );
    expect(sampleValue({ type: 'string', enum: ['cat', 'dog'] }, { variant: 1 })).toBe('dog');
    expect(sampleValue(undefined, { name: 'userId', variant: 2 })).toBe('3');
  });

  it('builds minimal objects: required properties, ones with examples, nothing read-only, allOf merged', () => {
    const schema = {
      allOf: [
        {
          type: 'object',
          required: ['name'],
          properties: { id: { type: 'integer', readOnly: true }, name: { type: 'string' } },
        },
        {
          type: 'object',
          properties: {
            tags: { type: 'array', items: { type: 'string', example: 'blue' } },
            age: { type: 'integer' },
          },
        },
      ],
    };
    expect(sampleValue(schema, { forRequest: true })).toEqual({ name: 'parapet' });
    expect(
      sampleValue({
        type: 'object',
        properties: { tags: { type: 'array', items: { type: 'string', example: 'blue' } } },
      }),
    ).toEqual({
      tags: ['blue'],
    });
  });

  it('stops at cycles', () => {
    const node: Record<string, unknown> = {
      type: 'object',
      required: ['name', 'parent'],
      properties: { name: { type: 'string' } },
    };
    (node.properties as Record<string, unknown>).parent = node;
    expect(sampleValue(node)).toEqual({ name: 'parapet', parent: {} });
  });
});
