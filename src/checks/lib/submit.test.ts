import { describe, expect, it } from 'vitest';
import type { RecordedResponse } from '../../types.js';
import {
  decodeForm,
  destructiveReason,
  encodeForm,
  FORM_ENCTYPES,
  filledPairs,
  judgeResponse,
  type Pairs,
} from './submit.js';

const page = (
  status: number,
  body: string,
  headers: Record<string, string> = {},
): Pick<RecordedResponse, 'status' | 'headers' | 'body' | 'mediaType'> => ({
  status,
  body,
  mediaType: 'text/html',
  headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
});
const URL_ = 'http://127.0.0.1:5000/transfer';

describe('form encodings', () => {
  const pairs: Pairs = [
    ['to', 'Zoë & co'],
    ['note', 'one line; text/plain cannot carry line breaks'],
    ['a"b', '='],
  ];
  it.each(FORM_ENCTYPES)('%s decodes back to the pairs it encoded', (enctype) => {
    const { contentType, body } = encodeForm(pairs, enctype);
    expect(contentType.startsWith(enctype)).toBe(true);
    expect(decodeForm(contentType, body)).toEqual({ enctype, pairs });
  });
});

describe('filled pairs', () => {
  it('keeps values, leaves buttons and boxes out, and puts the marker in empty text fields', () => {
    const fields = [
      { name: 'csrf', type: 'hidden', value: 'abc' },
      { name: 'to', type: 'text', value: '' },
      { name: 'amount', type: 'text', value: '' },
      { name: 'email', type: 'email', value: '' },
      { name: 'agree', type: 'checkbox', value: 'yes' },
      { name: 'go', type: 'submit', value: 'Send' },
    ];
    expect(filledPairs(fields, 'parapet0123456789')).toEqual([
      ['csrf', 'abc'],
      ['to', 'parapet0123456789'],
      ['amount', '1'],
      ['email', 'parapet0123456789@example.invalid'],
    ]);
  });
});

describe('judging an answer', () => {
  const accepted: Array<[string, ReturnType<typeof page>]> = [
    [
      '200 with a csrf-token meta in the layout',
      page(200, '<head><meta name="csrf-token" content="x"></head><p>Sent 10 to Bob</p>'),
    ],
    ['303 to the account page', page(303, '', { location: '/account?done=1' })],
    ['200 JSON', { ...page(200, '{"ok":true}'), mediaType: 'application/json' }],
  ];
  const refused: Array<[string, ReturnType<typeof page>]> = [
    ['403', page(403, 'nope')],
    ['200 saying the token is invalid', page(200, '<p>Invalid CSRF token</p>')],
    ['200 saying the link was already used', page(200, '<p>This link was already used.</p>')],
    ['200 with a login form', page(200, '<form><input type="password" name="pw"></form>')],
    ['302 to the login page', page(302, '', { location: '/login?next=/transfer' })],
    ['302 to an error page', page(302, '', { location: '/?error=expired' })],
  ];
  it.each(accepted)('accepted: %s', (_, res) => expect(judgeResponse(URL_, res).accepted).toBe(true));
  it.each(refused)('refused: %s', (_, res) => expect(judgeResponse(URL_, res).accepted).toBe(false));
});

describe('destructive forms', () => {
  it.each<[string, Pairs, boolean]>([
    ['http://h/account/delete', [], true],
    ['http://h/posts/7', [['_method', 'DELETE']], true],
    ['http://h/items', [['action', 'remove']], true],
    ['http://h/transfer', [['to', 'bob']], false],
    ['http://h/models', [['name', 'undeleted-ish']], false],
  ])('%s %j → %s', (url, pairs, destructive) => {
    expect(destructiveReason(url, pairs) !== undefined).toBe(destructive);
  });
});
