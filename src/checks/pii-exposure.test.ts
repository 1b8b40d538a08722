import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlaskApp, startFlask } from '../../test/support/flask.js';
import { html, serve, type TestServer } from '../../test/support/http-server.js';
import { rulesFor, scanWith } from '../../test/support/scan.js';
import check from './pii-exposure.js';

/** A response: JSON (any value) or an HTML page (a string), served at `path` (default `/`). */
interface Row {
  body: unknown;
  path?: string;
}

const people = [
  { id: 1, name: 'Alice Ng', email: 'alice.ng@mail-alpha.net' },
  { id: 2, name: 'Bob Stone', email: 'bob.stone@mail-alpha.net' },
  { id: 3, name: 'Carol Diaz', email: 'carol.diaz@post-beta.org' },
];

const fires: Array<[string, Row, 'firm' | 'tentative']> = [
  ['a listing of many users’ e-mail addresses', { body: { users: people } }, 'firm'],
  ['two users’ addresses in a listing', { body: [people[0], people[1]] }, 'tentative'],
  [
    'a full card number under a card field',
    { body: { id: 9, card: { number: '4539 1488 0343 6467', exp: '12/29' } } },
    'firm',
  ],
  [
    'a card number on the caller’s own page',
    { body: { id: 7, card_number: '5524610293847564' }, path: '/api/me/payment' },
    'firm',
  ],
  [
    'IBANs of several customers',
    { body: { customers: [{ iban: 'DE89370400440532013000' }, { iban: 'GB82 WEST 1234 5698 7654 32' }] } },
    'firm',
  ],
  ['an SSN under its name', { body: { id: 4, name: 'Dan', ssn: '219-09-9999' } }, 'firm'],
  [
    'a card number written as a JSON number under a card field',
    { body: { id: 9, card_number: 4539148803436467 } },
    'firm',
  ],
  ['SSNs in an array named after them', { body: { id: 4, ssns: ['219-09-9999', '123-45-6789'] } }, 'firm'],
  [
    'a UK National Insurance number under its name',
    { body: { id: 4, national_insurance_number: 'AB123456C' } },
    'firm',
  ],
  [
    'an HTML table of users’ addresses',
    {
      body: html(
        `<table>${people.map((p) => `<tr><td>${p.name}</td><td>${p.email}</td></tr>`).join('')}</table>`,
      ),
    },
    'tentative',
  ],
  [
    'a labelled card number on an HTML page',
    { body: html('<p>Card number:</p><p>4539 1488 0343 6467</p>') },
    'firm',
  ],
  ['a labelled SSN on an HTML page', { body: html('<dl><dt>SSN:</dt><dd>219-09-9999</dd></dl>') }, 'firm'],
];

const quiet: Array<[string, Row]> = [
  ['the caller’s own e-mail on /me', { body: { id: 1, email: 'alice.ng@mail-alpha.net' }, path: '/api/me' }],
  [
    'the caller’s own addresses on /me/emails',
    {
      body: [{ email: 'alice.ng@mail-alpha.net', primary: true }, { email: 'alice@home-gamma.io' }],
      path: '/api/me/emails',
    },
  ],
  ['one e-mail on an object', { body: { id: 5, total: 12, customer_email: 'bob.stone@mail-alpha.net' } }],
  [
    'two addresses in different fields of one object',
    { body: { email: 'alice.ng@mail-alpha.net', backup_email: 'alice@home-gamma.io' } },
  ],
  [
    'role mailboxes in a listing',
    {
      body: {
        contacts: [
          { email: 'support@corp.test' },
          { email: 'sales@corp.test' },
          { email: 'no-reply@corp.test' },
        ],
      },
    },
  ],
  [
    'image names that look like addresses',
    { body: { icons: ['logo@2x.png', 'logo@3x.png', 'hero@2x.webp'] } },
  ],
  [
    'card numbers failing Luhn',
    { body: { cards: [{ card_number: '4539148803436468' }, { card_number: '5524610293847565' }] } },
  ],
  [
    'masked card numbers',
    {
      body: { cards: [{ card_number: '4539 14** **** 6467' }, { last4: '6467', card: '************6467' }] },
    },
  ],
  [
    'a Luhn-valid order number outside a card field',
    { body: { order_number: '4024007153429815', total: 3 } },
  ],
  [
    'large ids that are not card numbers',
    { body: { items: [{ id: '1234567890123456789' }, { id: '1234567890123456790' }] } },
  ],
  [
    'IBANs failing mod-97',
    { body: { customers: [{ iban: 'DE89370400440532013001' }, { iban: 'GB82WEST12345698765433' }] } },
  ],
  ['one IBAN (a payee on an invoice)', { body: { invoice: 12, pay_to: 'DE89370400440532013000' } }],
  ['nine digits without an SSN label', { body: { zip: '123456789', phone: '219-09-9999' } }],
  ['a masked SSN', { body: { ssn: '***-**-9999', ssn_last4: '9999' } }],
  ['an SSN the SSA never issues', { body: { ssn: '000-12-3456' } }],
  [
    'an OpenAPI document with example data',
    { body: { openapi: '3.1.0', components: { examples: { u: { value: { users: people } } } } } },
  ],
  [
    'support addresses in an HTML footer and mailto links',
    {
      body: html(
        `<p>Talk to <a href="mailto:alice.ng@corp.test">Alice</a> or <a href="mailto:bob.stone@corp.test">bob.stone@corp.test</a></p><footer>jane.doe@corp.test, john.roe@corp.test, max.mu@corp.test</footer>`,
      ),
    },
  ],
  [
    'two addresses in page text',
    { body: html('<p>Written by alice.ng@corp.test and bob.stone@corp.test</p>') },
  ],
  [
    'a card-like number on a page without a card label',
    { body: html('<p>Tracking: 4539 1488 0343 6467</p>') },
  ],
];

const rows: Row[] = [...fires.map((f) => f[1]), ...quiet.map((q) => q[1])];

let server: TestServer;
let vulnerable: FlaskApp;
let fixed: FlaskApp;
beforeAll(async () => {
  server = await serve((req, res) => {
    const m = /^\/r(\d+)(\/.*)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const row = m ? rows[Number(m[1])] : undefined;
    if (!row || (row.path ?? '/') !== m![2]) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const isHtml = typeof row.body === 'string';
    res.writeHead(200, { 'content-type': isHtml ? 'text/html; charset=utf-8' : 'application/json' });
    res.end(isHtml ? (row.body as string) : JSON.stringify(row.body));
  });
  [vulnerable, fixed] = await Promise.all([startFlask('bola', 'vulnerable'), startFlask('bola', 'fixed')]);
});
afterAll(async () => {
  await Promise.all([server?.close(), vulnerable?.close(), fixed?.close()]);
});

const urlOf = (row: Row) => `${server.origin}/r${rows.indexOf(row)}${row.path ?? '/'}`;

describe('pii-exposure', () => {
  it.each(fires)('fires: %s', async (_, row, confidence) => {
    const report = await scanWith(urlOf(row), [check]);
    expect(report.findings.map((f) => [f.rule, f.confidence])).toEqual([['pii-exposure', confidence]]);
  });

  it.each(quiet)('quiet: %s', async (_, row) => {
    expect(await rulesFor(urlOf(row), [check])).toEqual([]);
  });

  it('reports kinds, counts and paths with the values masked', async () => {
    const report = await scanWith(urlOf(fires[0]![1]), [check]);
    const { detail } = report.findings[0]!.evidence;
    expect(detail).toContain('3 e-mail addresses at $.users[*].email (alic…, bob.…, caro…)');
    expect(JSON.stringify(report)).not.toContain('alice.ng@');
    expect(report.findings[0]!.severity).toBe('medium');
  });
});

describe('pii-exposure on Flask', () => {
  it('vulnerable: the user listing exposes every user’s e-mail', async () => {
    const report = await scanWith(vulnerable.url, [check], { credentials: { bearer: 'alice-token' } });
    expect(report.findings.map((f) => [new URL(f.url).pathname, f.confidence])).toEqual([
      ['/api/users', 'firm'],
    ]);
  });

  it('fixed: only usernames are listed, and /api/me’s own e-mail does not count', async () => {
    const report = await scanWith(fixed.url, [check], { credentials: { bearer: 'alice-token' } });
    expect(report.findings).toEqual([]);
  });
});
