import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { bothVariants, type FlaskApp, startFlask } from '../../test/support/flask.js';
import { serveEach } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import type { ScanConfigInput } from '../config/schema.js';
import massAssignment from './mass-assignment.js';

const alice: Partial<ScanConfigInput> = { credentials: { bearer: 'alice-token' }, mode: 'active' };

// ---- Flask: `user.update(request.json)` against a whitelist ---------------------------------------

describe('mass-assignment on the Flask profile API', () => {
  const apps = bothVariants((variant) => startFlask('profile_api', variant));
  const state = async (app: FlaskApp) =>
    (
      (await (await fetch(`${app.origin}/state`)).json()) as {
        users: Record<string, Record<string, unknown>>;
      }
    ).users;

  it('fires: the profile takes is_admin, role and credits, and reads back changed; the values are restored', async () => {
    const app = apps.vulnerable;
    const report = await scanWith(app.url, [massAssignment], alice);
    expect(report.findings.map((f) => [f.rule, f.method, f.url, f.confidence])).toEqual([
      ['mass-assignment', 'PATCH', `${app.origin}/api/me`, 'confirmed'],
    ]);
    const detail = report.findings[0]!.evidence.detail;
    expect(detail).toContain('is_admin: false → true');
    expect(detail).toContain('role: "user" → "admin"');
    expect(detail).toMatch(/sent the original values back afterwards and read them back/);
    expect(await state(app)).toMatchObject({ alice: { role: 'user', is_admin: false, credits: 10 } });
  });

  it('quiet: only name and bio are taken', async () => {
    const report = await scanWith(apps.fixed.url, [massAssignment], alice);
    expect(report.findings).toEqual([]);
  });

  it('quiet: nothing is written without --active', async () => {
    const report = await scanWith(apps.vulnerable.url, [massAssignment], { ...alice, mode: 'safe' });
    expect(report.findings).toEqual([]);
    expect(await state(apps.vulnerable)).toMatchObject({ alice: { role: 'user' } });
  });
});

// ---- Node: other ways of taking (or not taking) the properties ----------------------------------

interface Api {
  /** What a write stores: every key, the editable ones, or nothing (it only echoes the merge). */
  stores: 'all' | 'editable' | 'nothing';
  /** The write method the profile takes. */
  method: 'PATCH' | 'PUT';
  /** Refuse bodies with keys the object does not have (422). */
  strictKeys?: boolean;
  /** Link an order of someone else's from the index. */
  othersOrder?: boolean;
}

function handler(api: Api) {
  const profile: Record<string, unknown> = { id: 7, username: 'alice', name: 'Alice', role: 'member' };
  const order = { id: 2, owner: 'bob', item: 'Road bike', total: 1290 };
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.headers.authorization !== 'Bearer alice-token') return json(401, { error: 'login' });
    if (path === '/')
      return json(200, { me: '/api/v1/me', ...(api.othersOrder ? { order: '/api/orders/2' } : {}) });
    if (path === '/api/orders/2') return json(200, order);
    if (path !== '/api/v1/me') return json(404, { error: 'not found' });
    if (req.method === 'GET') return json(200, profile);
    if (req.method !== api.method) return json(405, { error: 'method not allowed' });
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw) as Record<string, unknown>;
    if (api.strictKeys && Object.keys(body).some((k) => !(k in profile)))
      return json(422, { error: 'unknown field' });
    const merged = { ...profile, ...body };
    if (api.stores === 'all') Object.assign(profile, body);
    if (api.stores === 'editable' && typeof body.name === 'string') profile.name = body.name;
    return json(200, merged);
  };
}

const fires: Array<[string, Api, string]> = [
  [
    'PUT replaces the whole profile, role included',
    { stores: 'all', method: 'PUT' },
    'role: "member" → "admin"',
  ],
  [
    'unknown keys are refused, but role is bound',
    { stores: 'all', method: 'PATCH', strictKeys: true },
    'role: "member" → "admin"',
  ],
];
const quiet: Array<[string, Api]> = [
  ['the answer echoes the merge, nothing is stored', { stores: 'nothing', method: 'PATCH' }],
  ['only name is stored', { stores: 'editable', method: 'PATCH' }],
  [
    'unknown keys are refused and role is not bound',
    { stores: 'editable', method: 'PATCH', strictKeys: true },
  ],
];

describe('mass-assignment on small Node APIs', () => {
  const other: Api = { stores: 'all', method: 'PATCH', othersOrder: true };
  const servers = serveEach([...fires.map((r) => r[1]), ...quiet.map((r) => r[1]), other], handler);

  it.each(fires)('fires: %s', async (_, api, change) => {
    const report = await scanWith(servers.get(api)!.url, [massAssignment], alice);
    expect(report.findings.map((f) => [f.rule, f.method])).toEqual([['mass-assignment', api.method]]);
    expect(report.findings[0]!.evidence.detail).toContain(change);
  });

  it.each(quiet)('quiet: %s', async (_, api) => {
    const report = await scanWith(servers.get(api)!.url, [massAssignment], alice);
    expect(report.findings).toEqual([]);
  });

  it('writes only to the caller’s own objects: another owner’s order is left alone', async () => {
    const server = servers.get(other)!;
    await scanWith(server.url, [massAssignment], alice);
    const writes = server.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.filter((r) => r.url !== '/api/v1/me')).toEqual([]);
  });

  it('without credentials nothing is written', async () => {
    const server = servers.get(other)!;
    const before = server.requests.length;
    await scanWith(server.url, [massAssignment], { mode: 'active' });
    expect(server.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
