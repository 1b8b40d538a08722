// OpenAPI costs (reads dist/: `npm run build` first). 1) A generated ~1 MB document with several
// hundred operations, read and planned in a fresh process (cold, parser loading included) and again
// in the same process (warm). 2) A default scan of a 50-operation API that publishes its spec, on
// 127.0.0.1: requests, time and operation coverage within the default budget.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const dist = new URL('../dist/', import.meta.url);
const mod = (path) => import(new URL(path, dist).href);

/** A document of `resources` × 4 operations, padded with the descriptions real specs carry. */
export function bigSpec(resources) {
  const prose = (n) =>
    'Returns the resource with its relations, paging and filtering as documented. '.repeat(n);
  const schemas = {
    Owner: {
      type: 'object',
      properties: {
        id: { type: 'integer', format: 'int64' },
        email: { type: 'string', format: 'email' },
        manager: { $ref: '#/components/schemas/Owner' },
      },
    },
  };
  const paths = {};
  for (let i = 0; i < resources; i++) {
    const name = `Thing${i}`;
    const ref = { $ref: `#/components/schemas/${name}` };
    schemas[name] = {
      type: 'object',
      required: ['id', 'name'],
      description: prose(4),
      properties: {
        id: { type: 'integer', format: 'int64', readOnly: true },
        name: { type: 'string', example: `thing ${i}`, description: prose(2) },
        status: { type: 'string', enum: ['draft', 'live', 'retired'] },
        created: { type: 'string', format: 'date-time' },
        tags: { type: 'array', items: { type: 'string' } },
        owner: { $ref: '#/components/schemas/Owner' },
      },
    };
    const id = { name: 'id', in: 'path', required: true, schema: { type: 'integer', format: 'int64' } };
    paths[`/things${i}`] = {
      get: {
        operationId: `list${i}`,
        tags: [`group${i % 10}`],
        description: prose(3),
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', default: 20, maximum: 100 } },
          {
            name: 'status',
            in: 'query',
            required: true,
            schema: { type: 'string', enum: ['live', 'draft'] },
          },
        ],
        responses: {
          200: {
            description: 'A page',
            content: { 'application/json': { schema: { type: 'array', items: ref } } },
          },
        },
      },
      post: {
        operationId: `create${i}`,
        requestBody: { required: true, content: { 'application/json': { schema: ref } } },
        responses: { 201: { description: 'Created', content: { 'application/json': { schema: ref } } } },
      },
    };
    paths[`/things${i}/{id}`] = {
      parameters: [id],
      get: {
        operationId: `get${i}`,
        deprecated: i % 25 === 0,
        description: prose(3),
        responses: {
          200: { description: 'One', content: { 'application/json': { schema: ref } } },
          404: { description: 'Not found' },
        },
      },
      delete: {
        operationId: `delete${i}`,
        security: [{ key: [] }],
        responses: { 204: { description: 'Deleted' } },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Benchmark', version: '1' },
    servers: [{ url: 'http://localhost:5000/api' }],
    paths,
    components: { schemas, securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
  };
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Reads and plans `file`, timing each stage (wall and CPU milliseconds). */
async function readAndPlan(file) {
  const stages = {};
  let wall = performance.now();
  let cpu = cpuNow();
  const lap = (name) => {
    stages[name] = { ms: performance.now() - wall, cpuMs: cpuNow() - cpu };
    wall = performance.now();
    cpu = cpuNow();
  };
  const { loadSpec } = await mod('discovery/openapi/load.js');
  const { readModel } = await mod('discovery/openapi/model.js');
  const { planRequest } = await mod('discovery/openapi/plan.js');
  const { chooseBase, serverUrls } = await mod('discovery/openapi/servers.js');
  await import('@readme/openapi-parser');
  lap('load');
  const loaded = await loadSpec(file);
  lap('read');
  const model = readModel(loaded.document, loaded.version, file);
  const target = new URL('http://127.0.0.1:8080/');
  const { baseUrl } = chooseBase(serverUrls(loaded.document, loaded.version, target), target);
  let planned = 0;
  for (const op of model.operations) if (!('unplannable' in planRequest(op, baseUrl))) planned++;
  lap('plan');
  const total = (k) => Object.values(stages).reduce((sum, s) => sum + s[k], 0);
  return { stages, ms: total('ms'), cpuMs: total('cpuMs'), operations: model.operations.length, planned };
}

/** An API of 50 operations (its spec at /openapi.json) that answers every documented read. */
function fiftyOperationApi() {
  const doc = bigSpec(13); // 52 operations; two removed below
  delete doc.paths['/things12/{id}'].delete;
  delete doc.paths['/things12'].post;
  doc.servers = [{ url: '/api' }];
  const body = JSON.stringify(doc);
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    res.setHeader('content-type', 'application/json');
    if (path === '/openapi.json') return res.end(body);
    if (path === '/') return res.end('{"service":"bench"}');
    const m = /^\/api\/things(\d+)(?:\/(\d+))?$/.exec(path);
    if (m && Number(m[1]) < 13) {
      return res.end(JSON.stringify(m[2] ? { id: Number(m[2]), name: 'x' } : [{ id: 1, name: 'x' }]));
    }
    res.statusCode = 404;
    res.end('{"error":"not found"}');
  });
}

const main = process.argv[1] === self;

if (main && process.argv[2] === '--read') {
  // Child: one cold read-and-plan, then warm ones.
  const file = process.argv[3];
  const cold = await readAndPlan(file);
  const warm = [];
  for (let i = 0; i < 5; i++) warm.push(await readAndPlan(file));
  warm.sort((a, b) => a.ms - b.ms);
  process.stdout.write(JSON.stringify({ ...cold, warm: warm[2] }));
  process.exit(0);
}

if (main && process.argv[2] === '--scan') {
  const { scan } = await mod('index.js');
  const started = performance.now();
  const report = await scan({ target: process.argv[3] });
  process.stdout.write(
    JSON.stringify({
      ms: Math.round(performance.now() - started),
      requests: report.stats.requests,
      budget: report.config.budget,
      operations: report.coverage.operations,
      budgetSpent: report.notes.some((n) => n.includes('request budget')),
    }),
  );
  process.exit(0);
}

if (main) await measureAll();

async function measureAll() {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-bench-'));
  try {
    const file = join(dir, 'big.json');
    const text = JSON.stringify(bigSpec(290), null, 1);
    writeFileSync(file, text);
    const read = JSON.parse(execFileSync(process.execPath, [self, '--read', file], { encoding: 'utf8' }));
    const t = (x) => `${Math.round(x.ms)} ms (${Math.round(x.cpuMs)} ms CPU)`;
    const stages = (r) =>
      `load modules ${t(r.stages.load)}, read + dereference ${t(r.stages.read)}, model + plans ${t(r.stages.plan)}`;
    console.log(
      `spec: ${(text.length / 1024 / 1024).toFixed(2)} MB, ${read.operations} operations, ${read.planned} planned`,
    );
    console.log(
      `  cold (fresh process): ${t(read)} = ${stages(read)}; aim < 300 ms ${read.ms < 300 ? 'met' : 'missed'}`,
    );
    console.log(`  warm (same process):  ${t(read.warm)} = ${stages(read.warm)}`);

    const server = fiftyOperationApi();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${server.address().port}/`;
    const child = await new Promise((resolve, reject) => {
      import('node:child_process').then(({ execFile }) =>
        execFile(
          process.execPath,
          [self, '--scan', url],
          { encoding: 'utf8', timeout: 300_000 },
          (err, out) => (err ? reject(err) : resolve(JSON.parse(out))),
        ),
      );
    });
    server.close();
    const ops = child.operations;
    console.log(
      `scan of a 50-operation API (spec found at /openapi.json): ${child.ms} ms, ${child.requests} of ${child.budget} requests; ` +
        `operations ${ops.planned} planned, ${ops.run} run, ${ops.skipped} skipped ` +
        `(${ops.reasons.map((r) => `${r.count} ${r.reason}`).join(', ')})` +
        `${child.budgetSpent ? ' — BUDGET SPENT' : ' — within the default budget'}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
