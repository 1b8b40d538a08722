import { describe, expect, it } from 'vitest';
import { isIpLiteral, isLocalHost } from './host.js';

const local = [
  'localhost',
  'LOCALHOST.',
  'app.localhost',
  '127.0.0.1',
  '127.8.9.10',
  '10.1.2.3',
  '172.16.0.1',
  '172.31.255.255',
  '192.168.1.1',
  '169.254.169.254',
  '0.0.0.0',
  '[::1]',
  '[fd00::1]',
  '[fe80::1]',
  '[::ffff:7f00:1]',
];
const global = [
  'example.com',
  'localhost.example.com',
  '8.8.8.8',
  '172.32.0.1',
  '192.169.0.1',
  '[2001:db8::1]',
  '[::ffff:808:808]',
];

describe('isLocalHost', () => {
  it.each(local)('local: %s', (host) => expect(isLocalHost(host)).toBe(true));
  it.each(global)('not local: %s', (host) => expect(isLocalHost(host)).toBe(false));
  it('tells IP literals from names', () => {
    expect([isIpLiteral('[::1]'), isIpLiteral('10.0.0.1'), isIpLiteral('example.com')]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
