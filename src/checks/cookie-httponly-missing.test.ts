import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html, type Page, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { rulesFor, scanWith } from '../../test/support/scan.js';
import check from './cookie-httponly-missing.js';

const FLASK = 'eyJ1aWQiOiIzZjJhOWMifQ.awRb9A.KAc75ej8XgwNfreYbPc1IwhWGyE';
const HEX = '08aa331967097f8b6e84d7050ed60878';
const RANDOM = 'u4QS2Zpo15MI3_blfUYtNbEGMhyHJaw-';
const JWT = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"sub":"7"}').toString('base64url')}.${RANDOM}`;

const fires: Array<[string, string[]]> = [
  ['Flask session readable by scripts', [`session=${FLASK}; SameSite=Lax; Path=/`]],
  ['PHP session without HttpOnly', ['PHPSESSID=a8f3k2l9m4n7p1q6r5s0t2u8v3; path=/']],
  ['JWT under an unknown name', [`app=${JWT}; Path=/; SameSite=Strict`]],
  [
    'one of two cookies lacks HttpOnly',
    [`laravel_session=${RANDOM}; HttpOnly; Path=/`, `remember_web_59ba=${HEX}; Path=/`],
  ],
];
const quiet: Array<[string, string[]]> = [
  ['session with HttpOnly', [`session=${FLASK}; HttpOnly; Path=/`]],
  ['lower-case httponly attribute', [`sessionid=${HEX}; httponly; path=/`]],
  ['anti-CSRF cookie meant for scripts', [`XSRF-TOKEN=${RANDOM}; Path=/`, `csrftoken=${HEX}; Path=/`]],
  ['preference and analytics cookies', ['theme=dark; Path=/', '_ga=GA1.1.1234567890.1700000000; Path=/']],
  ['deletion of the session cookie', ['session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/']],
];

const cases = new Map(
  [...fires, ...quiet].map(([name, cookies], i) => [name, { path: `/c/${i}/`, cookies }]),
);
let site: TestServer;
beforeAll(async () => {
  const table: Record<string, Page> = {};
  for (const { path, cookies } of cases.values()) {
    table[path] = {
      headers: { 'content-type': 'text/html', 'set-cookie': cookies },
      body: html('<p>hello</p>'),
    };
  }
  site = await serve(pages(table));
});
afterAll(() => site.close());
const urlOf = (name: string) => site.origin + cases.get(name)!.path;

describe('cookie-httponly-missing', () => {
  it.each(fires)('fires: %s', async (name) => {
    expect(await rulesFor(urlOf(name), [check])).toEqual(['cookie-httponly-missing']);
  });
  it.each(quiet)('quiet: %s', async (name) => {
    expect(await rulesFor(urlOf(name), [check])).toEqual([]);
  });

  it('names only the cookie that lacks HttpOnly, with its value masked', async () => {
    const [finding, ...rest] = (await scanWith(urlOf('one of two cookies lacks HttpOnly'), [check])).findings;
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'low', confidence: 'firm' });
    expect(finding!.evidence.excerpt).toBe('Set-Cookie: remember_web_59ba=08aa…; Path=/');
  });
});
