import { describe, expect, it } from 'vitest';
import { parseSetCookie } from '../../engine/set-cookie.js';
import { classifyCookie, maskedSetCookie, pathApplies, sentOnCrossSitePost } from './cookies.js';
import { looksUnpredictable } from './randomness.js';

const RANDOM = 'u4QS2Zpo15MI3_blfUYtNbEGMhyHJaw-';
const HEX = '08aa331967097f8b6e84d7050ed60878';
const FLASK = 'eyJ1aWQiOiIzZjJhOWMifQ.awRb9A.KAc75ej8XgwNfreYbPc1IwhWGyE';
const JWT = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"7"}').toString('base64url')}.${RANDOM}`;

describe('classifyCookie', () => {
  const roles: Array<[string, string, string]> = [
    ['session', FLASK, 'session'],
    ['sessionid', HEX, 'session'],
    ['connect.sid', `s%3A${RANDOM}.${HEX}`, 'session'],
    ['_shop_session', `${RANDOM}--${HEX}`, 'session'],
    ['JSESSIONID', HEX.toUpperCase(), 'session'],
    ['ASP.NET_SessionId', 'k2v4zj0qxl1m3n5o7p9r2t4v', 'session'],
    ['.AspNetCore.Cookies', `CfDJ8${RANDOM}`, 'session'],
    ['laravel_session', RANDOM, 'session'],
    ['PHPSESSID', 'a8f3k2l9m4n7p1q6r5s0t2u8v3', 'session'],
    ['remember_user_token', RANDOM, 'session'],
    ['__Host-auth', RANDOM, 'session'],
    ['app', JWT, 'credential'],
    ['prefs', FLASK, 'credential'],
    ['visitor', HEX, 'opaque'],
    ['XSRF-TOKEN', RANDOM, 'csrf'],
    ['csrftoken', RANDOM, 'csrf'],
    ['.AspNetCore.Antiforgery.x1', `CfDJ8${RANDOM}`, 'csrf'],
    ['_ga', 'GA1.1.1234567890.1700000000', 'tracking'],
    ['AWSALB', `${RANDOM}${RANDOM}`, 'tracking'],
    ['incap_ses_123_456', RANDOM, 'tracking'],
    ['theme', 'dark', 'preference'],
    ['lang', 'en-US', 'preference'],
    ['cookieconsent_status', 'dismiss', 'preference'],
    ['session', '1', 'plain'],
    ['author_pref', HEX, 'opaque'],
    ['cart', '3', 'plain'],
  ];
  it.each(roles)('%s=%s is %s', (name, value, role) => {
    expect(classifyCookie(name, value).role).toBe(role);
  });

  it('authenticates only session, credential and opaque cookies, and is strong only on two signals', () => {
    expect(classifyCookie('session', FLASK)).toMatchObject({ authenticates: true, strong: true });
    expect(classifyCookie('visitor', HEX)).toMatchObject({ authenticates: true, strong: false });
    expect(classifyCookie('XSRF-TOKEN', RANDOM)).toMatchObject({ authenticates: false, strong: false });
  });
});

describe('looksUnpredictable', () => {
  const yes = [RANDOM, HEX, FLASK, JWT, '3f1c0e8a-7b2d-4c9e-a1f0-5d6b7c8e9f01'];
  const no = [
    '1',
    'true',
    'dark',
    '1700000000123',
    '2024-05-01T12:00:00.123Z',
    'user@example.com',
    'https://a.test/next?x=1',
    'aaaaaaaaaaaaaaaaaaaaaaaa',
    'returnto',
  ];
  it.each(yes)('%s: yes', (v) => expect(looksUnpredictable(v)).toBe(true));
  it.each(no)('%s: no', (v) => expect(looksUnpredictable(v)).toBe(false));
});

describe('browser model', () => {
  const c = (header: string) => parseSetCookie(header)!;
  it('only Strict and Lax keep a cookie off cross-site POSTs; an unknown value counts as absent', () => {
    expect(sentOnCrossSitePost(c('s=1; SameSite=Strict'))).toBe(false);
    expect(sentOnCrossSitePost(c('s=1; samesite=lax'))).toBe(false);
    expect(sentOnCrossSitePost(c('s=1; SameSite=None; Secure'))).toBe(true);
    expect(sentOnCrossSitePost(c('s=1'))).toBe(true);
    expect(sentOnCrossSitePost(c('s=1; SameSite=Sometimes'))).toBe(true);
  });
  it('matches paths as RFC 6265 does', () => {
    expect(pathApplies(c('s=1; Path=/admin'), 'http://h/', 'http://h/admin/x')).toBe(true);
    expect(pathApplies(c('s=1; Path=/admin'), 'http://h/', 'http://h/administrator')).toBe(false);
    expect(pathApplies(c('s=1; Path=/admin'), 'http://h/', 'http://h/transfer')).toBe(false);
    expect(pathApplies(c('s=1'), 'http://h/app/login', 'http://h/app/transfer')).toBe(true);
    expect(pathApplies(c('s=1'), 'http://h/app/login', 'http://h/transfer')).toBe(false);
  });
  it('masks the value in evidence', () => {
    expect(maskedSetCookie(c(`session=${FLASK}; HttpOnly; Path=/`))).toBe('session=eyJ1…; HttpOnly; Path=/');
  });
});
