import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html, type Page, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { rulesFor, scanWith } from '../../test/support/scan.js';
import check from './cookie-samesite-missing.js';

const FLASK = 'eyJ1aWQiOiIzZjJhOWMifQ.awRb9A.KAc75ej8XgwNfreYbPc1IwhWGyE';
const HEX = '08aa331967097f8b6e84d7050ed60878';
const RANDOM = 'u4QS2Zpo15MI3_blfUYtNbEGMhyHJaw-';

const fires: Array<[string, string]> = [
  ['Flask session without SameSite', `session=${FLASK}; HttpOnly; Path=/`],
  ['Django session with SameSite=None', `sessionid=${HEX}; SameSite=None; Secure; HttpOnly; Path=/`],
  [
    'JSESSIONID with an unknown SameSite value (counts as absent)',
    `JSESSIONID=${HEX.toUpperCase()}; SameSite=Sometimes; Path=/`,
  ],
  ['unguessable value under an unknown name', `visitor=${HEX}; Path=/`],
];
const quiet: Array<[string, string]> = [
  ['session with SameSite=Lax', `session=${FLASK}; HttpOnly; SameSite=Lax; Path=/`],
  ['session with SameSite=Strict', `sessionid=${HEX}; SameSite=Strict; Path=/`],
  ['preference cookie', 'theme=dark; Path=/'],
  ['anti-CSRF cookie (not a credential)', `XSRF-TOKEN=${RANDOM}; Path=/`],
  ['load-balancer cookie', `AWSALB=${RANDOM}${HEX}; Path=/`],
  ['deletion of the session cookie', 'session=; Max-Age=0; Path=/'],
  ['session-named cookie with a trivial value', 'session=1; Path=/'],
];

/** Each case is a page under its own path that sets the cookie. */
const cases = new Map([...fires, ...quiet].map(([name, cookie], i) => [name, { path: `/c/${i}/`, cookie }]));
let site: TestServer;
beforeAll(async () => {
  const table: Record<string, Page> = {};
  for (const { path, cookie } of cases.values()) {
    table[path] = {
      headers: { 'content-type': 'text/html', 'set-cookie': cookie },
      body: html('<p>hello</p>'),
    };
  }
  site = await serve(pages(table));
});
const urlOf = (name: string) => site.origin + cases.get(name)!.path;
afterAll(() => site.close());

describe('cookie-samesite-missing', () => {
  it.each(fires)('fires: %s', async (name) => {
    expect(await rulesFor(urlOf(name), [check])).toEqual(['cookie-samesite-missing']);
  });
  it.each(quiet)('quiet: %s', async (name) => {
    expect(await rulesFor(urlOf(name), [check])).toEqual([]);
  });

  it('rates a session cookie medium and firm, an unknown unguessable one low and tentative; values are masked', async () => {
    const session = (await scanWith(urlOf('Flask session without SameSite'), [check])).findings[0]!;
    expect(session).toMatchObject({ severity: 'medium', confidence: 'firm' });
    expect(session.evidence.excerpt).toBe('Set-Cookie: session=eyJ1…; HttpOnly; Path=/');
    expect(JSON.stringify(session)).not.toContain(FLASK);
    const opaque = (await scanWith(urlOf('unguessable value under an unknown name'), [check])).findings[0]!;
    expect(opaque).toMatchObject({ severity: 'low', confidence: 'tentative' });
  });
});
