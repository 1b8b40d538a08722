import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { bothVariants, startFlask } from '../../test/support/flask.js';
import { serve, type TestServer } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import type { ScanConfigInput } from '../config/schema.js';
import type { Report } from '../report/report.js';
import bola from './bola.js';
import pii from './pii-exposure.js';
import rateLimit from './rate-limit.js';
import sensitive from './sensitive-field-exposure.js';

// ---- a small API whose behaviour each row chooses ----------------------------------------------

interface Api {
  /** The objects of the collection, by id. */
  objects: Record<number, Record<string, unknown>>;
  /** Collection name in the URL (`/api/<name>/<id>`). */
  collection?: string;
  /** Who may read an object: `any` (public), `authenticated`, or `owner` (compares `owner` with the caller). */
  read: 'any' | 'authenticated' | 'owner';
  /** What the index links to: object ids (default: the caller's first object, or 1). */
  linked?: number[];
  /** Serve `/api/me` for the caller. */
  me?: boolean;
  /** A listing at `/api/<name>` of every object (without links). */
  listing?: boolean;
  /** What a refused read answers. */
  refused?: { status: number; body: unknown };
}

const TOKENS: Record<string, string> = { 'Bearer alice-token': 'alice', 'Bearer bob-token': 'bob' };
/** A JWT (unsigned, as far as the server here cares) whose `sub` is alice. */
const ALICE_JWT = [
  Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url'),
  Buffer.from('{"sub":"alice","iat":1700000000}').toString('base64url'),
  'c2lnbmF0dXJlLW5vdC1jaGVja2Vk',
].join('.');

function apiHandler(api: Api) {
  const name = api.collection ?? 'orders';
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const auth = req.headers.authorization ?? '';
    const who = TOKENS[auth] ?? (auth === `Bearer ${ALICE_JWT}` ? 'alice' : undefined);
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (url.pathname === '/') {
      const mine = Object.values(api.objects).find((o) => o.owner === who);
      const ids = api.linked ?? [Number(mine?.id ?? 1)];
      return json(200, {
        links: ids.map((id) => `/api/${name}/${id}`),
        ...(api.listing ? { all: `/api/${name}` } : {}),
        ...(api.me ? { me: '/api/me' } : {}),
      });
    }
    if (url.pathname === '/api/me' && api.me) {
      return who ? json(200, { id: who === 'alice' ? 1 : 2, username: who }) : json(401, { error: 'login' });
    }
    if (url.pathname === `/api/${name}` && api.listing) {
      return who ? json(200, { items: Object.values(api.objects) }) : json(401, { error: 'login' });
    }
    const m = new RegExp(`^/api/${name}/(\\d+)$`).exec(url.pathname);
    const obj = m ? api.objects[Number(m[1])] : undefined;
    if (!obj) return json(404, { error: 'not found' });
    if (api.read !== 'any' && !who) return json(401, { error: 'login' });
    if (api.read === 'owner' && obj.owner !== who) {
      const refused = api.refused ?? { status: 404, body: { error: 'not found' } };
      return json(refused.status, refused.body);
    }
    return json(200, obj);
  };
}

const orders = {
  1: { id: 1, owner: 'alice', item: 'Desk lamp', total: 39.5 },
  2: { id: 2, owner: 'bob', item: 'Road bike', total: 1290 },
  3: { id: 3, owner: 'alice', item: 'Notebook', total: 4.2 },
};
const products = {
  1: { id: 1, name: 'Lamp', price: 39.5, stock: 4 },
  2: { id: 2, name: 'Bike', price: 1290, stock: 1 },
  3: { id: 3, name: 'Notebook', price: 4.2, stock: 80 },
};
const alice = { credentials: { bearer: 'alice-token' } };

const fires: Array<[string, Api, Partial<ScanConfigInput>, string]> = [
  [
    'adjacent id serves another owner’s order (caller from /api/me)',
    { objects: orders, read: 'authenticated', me: true },
    alice,
    'firm',
  ],
  [
    'adjacent id serves another owner’s order (caller from the JWT sub)',
    { objects: orders, read: 'authenticated' },
    { credentials: { bearer: ALICE_JWT } },
    'firm',
  ],
  [
    'adjacent id, caller unknown: owners differ between the two orders',
    { objects: orders, read: 'authenticated' },
    alice,
    'firm',
  ],
  [
    'an object harvested from a listing names another owner',
    { objects: orders, read: 'authenticated', me: true, listing: true, linked: [] },
    alice,
    'firm',
  ],
  [
    'the second identity reads the first identity’s order',
    { objects: orders, read: 'authenticated', me: true },
    { ...alice, secondCredentials: { bearer: 'bob-token' } },
    'confirmed',
  ],
  [
    'authenticated-only objects without an owner field',
    { objects: products, read: 'authenticated' },
    alice,
    'tentative',
  ],
  [
    'no credentials: neighbouring orders of other owners are open to anyone',
    { objects: orders, read: 'any' },
    {},
    'tentative',
  ],
];

const quiet: Array<[string, Api, Partial<ScanConfigInput>]> = [
  ['a public product catalogue with adjacent ids (anonymous scan)', { objects: products, read: 'any' }, {}],
  [
    'a public product catalogue with adjacent ids (authenticated scan)',
    { objects: products, read: 'any' },
    alice,
  ],
  [
    'orders scoped to their owner (404 for others)',
    { objects: orders, read: 'owner', me: true, listing: true },
    alice,
  ],
  [
    'orders scoped to their owner (403 for others)',
    { objects: orders, read: 'owner', me: true, refused: { status: 403, body: { error: 'forbidden' } } },
    alice,
  ],
  [
    'others’ orders answer 200 with an error body',
    { objects: orders, read: 'owner', me: true, refused: { status: 200, body: { error: 'not found' } } },
    alice,
  ],
  [
    'scoped orders, second identity refused',
    { objects: orders, read: 'owner', me: true },
    { ...alice, secondCredentials: { bearer: 'bob-token' } },
  ],
  [
    'the neighbouring order is the caller’s own',
    { objects: { 1: orders[1], 2: { ...orders[2], owner: 'alice' } }, read: 'authenticated', me: true },
    alice,
  ],
  [
    'public orders readable by anyone are not an authorization flaw of an authenticated scan',
    { objects: orders, read: 'any', me: true },
    alice,
  ],
  [
    'a listing of the caller’s own objects only',
    { objects: { 1: orders[1], 3: orders[3] }, read: 'owner', me: true, listing: true, linked: [] },
    alice,
  ],
];

const flask = bothVariants((variant) => startFlask('bola', variant));
const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function scanApi(
  api: Api,
  config: Partial<ScanConfigInput>,
): Promise<{ report: Report; server: TestServer }> {
  const server = await serve(apiHandler(api));
  servers.push(server);
  return { report: await scanWith(server.url, [bola], config), server };
}

const bolaOf = (r: Report) => r.findings.filter((f) => f.rule === 'bola');

describe('bola', () => {
  it.each(fires)('fires: %s', async (_, api, config, confidence) => {
    const { report } = await scanApi(api, config);
    expect(bolaOf(report).map((f) => [f.rule, f.confidence])).toEqual([['bola', confidence]]);
  });

  it.each(quiet)('quiet: %s', async (_, api, config) => {
    const { report } = await scanApi(api, config);
    expect(bolaOf(report)).toEqual([]);
  });

  it('sends only GETs, within its budget, and quotes the foreign object with the owner', async () => {
    const { report, server } = await scanApi({ objects: orders, read: 'authenticated', me: true }, alice);
    const [f] = bolaOf(report);
    expect(new URL(f!.url).pathname).toBe('/api/orders/2');
    expect(f!.evidence.detail).toContain('owner: bob');
    expect(f!.evidence.excerpt).toContain('"owner":"bob"');
    expect(server.requests.every((r) => r.method === 'GET' || r.method === 'HEAD')).toBe(true);
    expect(report.stats.requests).toBeLessThanOrEqual(20 + 40);
  });

  it('tries neighbouring ids in the query string too', async () => {
    const invoices: Record<string, { id: number; customer_id: number; amount: number }> = {
      '40': { id: 40, customer_id: 1, amount: 12 },
      '41': { id: 41, customer_id: 2, amount: 99 },
    };
    const s = await serve((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const json = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      const who = req.headers.authorization === 'Bearer alice-token' ? 1 : undefined;
      if (url.pathname === '/') return json(200, { invoice: '/api/invoice?id=40', me: '/api/me' });
      if (!who) return json(401, { error: 'login' });
      if (url.pathname === '/api/me') return json(200, { id: who, username: 'alice' });
      const inv = url.pathname === '/api/invoice' ? invoices[url.searchParams.get('id') ?? ''] : undefined;
      return inv ? json(200, inv) : json(404, { error: 'not found' });
    });
    servers.push(s);
    const report = await scanWith(s.url, [bola], alice);
    expect(bolaOf(report).map((f) => [f.url, f.confidence])).toEqual([
      [`${s.origin}/api/invoice?id=41`, 'firm'],
    ]);
    expect(bolaOf(report)[0]!.evidence.detail).toContain('customer_id: 2');
  });

  it('does not compare objects across two identities that are the same user', async () => {
    const { report } = await scanApi(
      { objects: orders, read: 'owner', me: true },
      { credentials: { bearer: 'alice-token' }, secondCredentials: { bearer: ALICE_JWT } },
    );
    expect(bolaOf(report)).toEqual([]);
    expect(report.notes.join('\n')).toMatch(/same user/);
  });
});

describe('bola on Flask', () => {
  it('vulnerable: an order of bob is served to alice (firm), and to bob from alice’s list (confirmed with --auth2)', async () => {
    const one = await scanWith(flask.vulnerable.url, [bola], alice);
    expect(bolaOf(one).map((f) => [new URL(f.url).pathname, f.confidence])).toEqual([
      ['/api/orders/2', 'firm'],
    ]);
    const two = await scanWith(flask.vulnerable.url, [bola], {
      ...alice,
      secondCredentials: { bearer: 'bob-token' },
    });
    expect(bolaOf(two).map((f) => f.confidence)).toEqual(['confirmed']);
  });

  it('fixed: none of the four rules fire and the report completes, though the limiter answers 429', async () => {
    const report = await scanWith(flask.fixed.url, [bola, pii, rateLimit, sensitive], {
      ...alice,
      secondCredentials: { bearer: 'bob-token' },
    });
    expect(report.findings).toEqual([]);
    expect(report.partial).toBe(false);
    expect(report.coverage.checks.map((c) => [c.id, c.status])).toEqual([
      ['bola', 'ran'],
      ['pii-exposure', 'ran'],
      ['rate-limit', 'ran'],
      ['sensitive-field-exposure', 'ran'],
    ]);
  });

  it('vulnerable: all four rules fire', async () => {
    const report = await scanWith(flask.vulnerable.url, [bola, pii, rateLimit, sensitive], alice);
    expect([...new Set(report.findings.map((f) => f.rule))].sort()).toEqual([
      'bola',
      'pii-exposure',
      'rate-limit-missing',
      'sensitive-field-exposure',
    ]);
  });
});

describe('bola writes (--active, --auth2)', () => {
  const both = {
    credentials: { bearer: 'alice-token' },
    secondCredentials: { bearer: 'bob-token' },
    mode: 'active',
  } as const;
  const apps = bothVariants((variant) => startFlask('profile_api', variant));
  const writesOf = (r: Report) => bolaOf(r).filter((f) => f.subject === 'write');

  it('fires: bob edits alice’s note, alice reads the change back, and the original text is restored', async () => {
    const app = apps.vulnerable;
    const report = await scanWith(app.url, [bola], both);
    expect(bolaOf(report).map((f) => [f.subject, f.method, new URL(f.url).pathname, f.confidence])).toEqual([
      ['write', 'PATCH', '/api/notes/1', 'confirmed'],
    ]);
    expect(report.findings[0]!.evidence.detail).toMatch(/wrote the original `(title|body)` back/);
    const state = (await (await fetch(`${app.origin}/state`)).json()) as { pristine: boolean };
    expect(state.pristine).toBe(true);
  });

  it('quiet: a note of someone else answers 404 to PATCH', async () => {
    expect(bolaOf(await scanWith(apps.fixed.url, [bola], both))).toEqual([]);
  });

  it('quiet: without --active only reads are tried', async () => {
    const report = await scanWith(apps.vulnerable.url, [bola], { ...both, mode: 'safe' });
    expect(bolaOf(report)).toEqual([]);
  });

  it('quiet: a write answered 200 that changes nothing (only the read is reported)', async () => {
    const { report, server } = await scanApi({ objects: orders, read: 'authenticated', me: true }, both);
    expect(writesOf(report)).toEqual([]);
    expect(bolaOf(report).map((f) => f.confidence)).toEqual(['confirmed']);
    expect(server.requests.some((r) => r.method === 'PATCH')).toBe(true);
  });
});
