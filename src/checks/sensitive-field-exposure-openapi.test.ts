import { describe, expect, it } from 'vitest';
import { type Handler, serveEach } from '../../test/support/http-server.js';
import { scanWith } from '../../test/support/scan.js';
import check from './sensitive-field-exposure.js';

const BCRYPT = '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW';
const BCRYPT2 = '$2b$12$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z0Hk3e.0Z8K7C8d8FqC2xJ6a';
const TOKEN = 'tk_8f2KqL0zR4mX7cV1bN9wS3dE6hJ5gA2p';

const str = { type: 'string' };
const user = { type: 'object', properties: { id: { type: 'integer' }, name: str } };
const userWithHash = { type: 'object', properties: { ...user.properties, password_hash: str } };

interface Case {
  /** The response schema the description declares for `GET /api/users/{id}`. */
  schema: unknown;
  /** What the API actually answers. */
  body: unknown;
}

/** `[case, body, text the finding's detail contains, text it must not contain]` */
const fires: Array<[string, Case, string, string | undefined]> = [
  [
    'a password hash the schema does not declare',
    { schema: user, body: { id: 1, name: 'alice', password_hash: BCRYPT } },
    '$.password_hash',
    undefined,
  ],
  [
    'hashes in a listing whose item schema does not declare them',
    {
      schema: { type: 'object', properties: { users: { type: 'array', items: user } } },
      body: {
        users: [
          { id: 1, name: 'alice', password_hash: BCRYPT },
          { id: 2, name: 'bob', password_hash: BCRYPT2 },
        ],
      },
    },
    '$.users[*].password_hash',
    undefined,
  ],
  [
    'a declared password hash is still reported, as before',
    { schema: userWithHash, body: { id: 1, name: 'alice', password_hash: BCRYPT } },
    '$.password_hash',
    'not in the API description',
  ],
];

const quiet: Array<[string, Case]> = [
  ['the API answers exactly the declared fields', { schema: user, body: { id: 1, name: 'alice' } }],
  [
    'an undeclared field that is not a credential',
    { schema: user, body: { id: 1, name: 'alice', nickname: 'al' } },
  ],
  [
    'one undeclared token on a single object: the caller’s own, as without a description',
    { schema: user, body: { id: 1, name: 'alice', token: TOKEN } },
  ],
];

function specOf(schema: unknown): unknown {
  return {
    openapi: '3.0.3',
    info: { title: 'Users', version: '1' },
    paths: {
      '/api/users/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', example: 1 } }],
          responses: {
            '200': { description: 'a user', content: { 'application/json': { schema } } },
          },
        },
      },
    },
  };
}

const cases: Case[] = [...fires.map((c) => c[1]), ...quiet.map((c) => c[1])];
function handler(c: Case): Handler {
  const spec = JSON.stringify(specOf(c.schema));
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body =
      path === '/'
        ? JSON.stringify({ name: 'users api' })
        : path === '/openapi.json'
          ? spec
          : /^\/api\/users\/\d+$/.test(path)
            ? JSON.stringify(c.body)
            : undefined;
    if (body === undefined) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    else res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  };
}

const servers = serveEach(cases, handler);

describe('sensitive-field-exposure with an OpenAPI description', () => {
  it.each(fires)('fires: %s', async (_, c, path, absent) => {
    const report = await scanWith(servers.get(c)!.url, [check]);
    expect(report.findings.map((f) => [f.rule, new URL(f.url).pathname])).toEqual([
      ['sensitive-field-exposure', '/api/users/1'],
    ]);
    const detail = report.findings[0]!.evidence.detail;
    expect(detail).toContain(path);
    if (absent) expect(detail).not.toContain(absent);
    else expect(detail).toContain(`not in the API description (${servers.get(c)!.origin}/openapi.json)`);
    expect(JSON.stringify(report.findings)).not.toContain(BCRYPT.slice(0, 12));
  });

  it.each(quiet)('quiet: %s', async (_, c) => {
    const report = await scanWith(servers.get(c)!.url, [check]);
    expect(report.findings).toEqual([]);
  });
});
