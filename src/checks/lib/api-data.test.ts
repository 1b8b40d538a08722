import { describe, expect, it } from 'vitest';
import type { RecordedResponse } from '../../types.js';
import { dataKind, sensitiveFields, similarity } from './api-data.js';

function res(body: unknown, mediaType = 'application/json', status = 200): RecordedResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { status, headers: {}, body: text, bytes: text.length, truncated: false, mediaType };
}

describe('dataKind', () => {
  const data: Array<[string, RecordedResponse, string]> = [
    ['a list of objects', res([{ id: 1 }]), 'json'],
    ['an object with a filled field', res({ items: [1], status: 'ok' }), 'json'],
    ['JSON served as text/plain', res('{"id": 7, "name": "x"}', 'text/plain'), 'json'],
    ['an XML document', res('<orders><order id="1"/></orders>', 'application/xml'), 'xml'],
    ['a CSV table', res('id,email\n1,a@example.test\n', 'text/csv'), 'csv'],
  ];
  const none: Array<[string, RecordedResponse]> = [
    ['an empty object', res({})],
    ['an empty list', res([])],
    ['a status envelope', res({ status: 'ok' })],
    ['an error envelope', res({ error: 'not found', code: 404, message: 'no such thing' })],
    ['empty fields only', res({ user: null, authenticated: false, roles: [] })],
    ['an error status', res([{ id: 1 }], 'application/json', 500)],
    ['an HTML page', res('<p>hi</p>', 'text/html')],
    ['a CSV header alone', res('id,email\n', 'text/csv')],
  ];
  it.each(data)('data: %s', (_, r, kind) => expect(dataKind(r)).toBe(kind));
  it.each(none)('not data: %s', (_, r) => expect(dataKind(r)).toBeUndefined());
});

describe('similarity', () => {
  const rows = [
    { id: 1, name: 'widget' },
    { id: 2, name: 'gadget' },
    { id: 3, name: 'gizmo' },
  ];
  it('is 1 for the same list in another order', () => {
    expect(similarity(res(rows), res([...rows].reverse()))).toBe(1);
  });
  it('stays high when one volatile value changes', () => {
    const a = res({ items: rows, generated: '2024-05-01T10:00:00Z' });
    const b = res({ items: rows, generated: '2024-05-01T10:00:01Z' });
    expect(similarity(a, b)).toBeGreaterThanOrEqual(0.8);
  });
  it('is low for a public subset of the data', () => {
    expect(similarity(res(rows), res(rows.slice(0, 1)))).toBeLessThan(0.5);
  });
  it('is 0 between JSON and text', () => {
    expect(similarity(res(rows), res('id name', 'text/plain'))).toBe(0);
  });
  it('compares text by its words', () => {
    expect(similarity(res('id,name\n1,widget', 'text/csv'), res('id,name\n1,widget\n', 'text/csv'))).toBe(1);
  });
});

describe('sensitiveFields', () => {
  it('finds filled personal and secret fields at any depth', () => {
    const body = { users: [{ name: 'a', email: 'a@example.test', card: { number: '4111' }, api_key: 'k' }] };
    expect(sensitiveFields(res(body)).sort()).toEqual(['api_key', 'card', 'email']);
  });
  it('counts every credential name the credential checks know', () => {
    const body = { id: 1, pass_hash: 'x', otpSeed: 'JBSWY3DPEHPK3PXP' };
    expect(sensitiveFields(res(body)).sort()).toEqual(['otpSeed', 'pass_hash']);
  });
  it('ignores empty values, flags and descriptive names', () => {
    const body = { password: '', token_type: 'bearer', email_verified: true, phone: null, secret_set: false };
    expect(sensitiveFields(res(body))).toEqual([]);
  });
  it('reads the header row of a CSV table', () => {
    expect(sensitiveFields(res('id,"Email",date_of_birth\n1,a,b\n', 'text/csv'))).toEqual([
      'Email',
      'date_of_birth',
    ]);
  });
});
