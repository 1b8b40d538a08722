/**
 * `--spec` and `--server` as a user types them: `node dist/cli/main.js` (build first with
 * `npx tsc -p tsconfig.build.json`), against a fixture API on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanConfigFrom } from '../../src/cli/scan-config.js';
import { fixture, petstore } from '../fixtures/openapi/apis.js';
import { assertBuilt, runCli } from '../support/cli.js';
import { serve, type TestServer } from '../support/http-server.js';

let api: TestServer;
beforeAll(async () => {
  assertBuilt();
  api = await serve(petstore('fixed'));
});
afterAll(() => api.close());

describe('parapet scan --spec', () => {
  it('maps --spec and --server into the scan config', () => {
    expect(
      scanConfigFrom('http://127.0.0.1:1/', {
        format: ['text'],
        color: false,
        spec: './a.yaml',
        server: '2',
      }),
    ).toMatchObject({
      spec: './a.yaml',
      server: '2',
    });
  });

  it('shows the operations covered in the terminal report', async () => {
    const r = await runCli([
      'scan',
      api.url,
      '--spec',
      fixture('petstore-30/openapi.yaml'),
      '--quiet',
      '--no-color',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('operations: 6 planned · 4 run · 2 skipped (spec');
    expect(r.stdout).toContain('1 DELETE is never sent without an explicit opt-in: DELETE /pets/{petId}');
  });

  it('a spec that cannot be read is one line on stderr and exit 2, before any request', async () => {
    api.requests.length = 0;
    const spec = fixture('broken/bad-param.json');
    const r = await runCli(['scan', api.url, '--spec', spec]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `parapet: cannot read the spec ${spec} at #/paths/~1users/get/parameters/0/in: must be one of path, query, header, cookie, not "querystring"\n`,
    );
    expect(api.requests).toEqual([]);
  });

  it('a --server the spec does not name is a usage error that lists the servers', async () => {
    api.requests.length = 0;
    const r = await runCli(['scan', api.url, '--spec', fixture('petstore-30/openapi.yaml'), '--server', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "parapet: --server 3 is not one of the spec's servers (1. http://localhost:5000/api, 2. https://staging.example.com/api)\n",
    );
    expect(api.requests).toEqual([]);
  });
});
