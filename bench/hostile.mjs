// Peak memory and wall time of the CLI, with its default settings, against hostile targets that
// serve the same thing on every path. The servers run in this process on 127.0.0.1.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { listen, root } from './lib.mjs';

const MB = 1024 * 1024;
const LINKS = `<!doctype html><title>t</title>${Array.from({ length: 30 }, (_, i) => `<a href="/p${i}">p</a>`).join(' ')}`;
const bigHtml = Buffer.from(
  `<!doctype html><title>big</title>${'<p><a href="/x">x</a> lorem ipsum</p>'.repeat(300_000)}`,
);
const users = Buffer.from(
  JSON.stringify(
    Array.from({ length: 60_000 }, (_, i) => ({ id: i, name: `user ${i}`, email: `user${i}@example.org` })),
  ),
);
const zeros = Buffer.alloc(64 * MB, 'a');
const gzipBomb = gzipSync(zeros, { level: 9 });
const brBomb = brotliCompressSync(zeros, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });

/** Each case: what every path but `/` answers. */
const CASES = {
  '10 MB HTML pages': (res) => send(res, { 'content-type': 'text/html' }, bigHtml),
  '2 MiB-deep JSON': (res) => send(res, { 'content-type': 'application/json' }, Buffer.alloc(2 * MB, '[')),
  '8 MB JSON listing': (res) => send(res, { 'content-type': 'application/json' }, users),
  'gzip bombs (64 MiB each)': (res) =>
    send(res, { 'content-type': 'text/html', 'content-encoding': 'gzip' }, gzipBomb),
  'brotli bombs (64 MiB each)': (res) =>
    send(res, { 'content-type': 'text/html', 'content-encoding': 'br' }, brBomb),
  'endless chunked bodies': (res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const chunk = Buffer.alloc(64 * 1024, 'e');
    let sent = 0;
    const pump = () => {
      // Bounded: the server gives up after 256 MiB per response.
      while (sent < 256 * MB && res.write(chunk)) sent += chunk.length;
      if (sent < 256 * MB) res.once('drain', pump);
      else res.end();
    };
    res.on('close', () => {
      sent = Number.POSITIVE_INFINITY;
    });
    pump();
  },
};

function send(res, headers, body) {
  res.writeHead(200, { ...headers, 'content-length': body.length });
  res.end(body);
}

function runCli(url, out) {
  return new Promise((resolve) => {
    const started = performance.now();
    // GNU time reports the child's peak RSS; without it, the row says so.
    execFile(
      '/usr/bin/time',
      [
        '-f',
        '%M',
        process.execPath,
        join(root, 'dist/cli/main.js'),
        'scan',
        url,
        '--format',
        'json',
        '-o',
        out,
      ],
      { encoding: 'utf8', timeout: 120_000 },
      (err, _stdout, stderr) => {
        const ms = Math.round(performance.now() - started);
        const kb = Number(stderr.trim().split('\n').at(-1));
        let report;
        try {
          report = JSON.parse(readFileSync(out, 'utf8'));
        } catch {}
        resolve({ ms, peakMb: Number.isFinite(kb) ? Math.round(kb / 1024) : undefined, report, err });
      },
    );
  });
}

const dir = mkdtempSync(join(tmpdir(), 'parapet-hostile-bench-'));
const rows = [];
try {
  for (const [name, answer] of Object.entries(CASES)) {
    const server = createServer((req, res) => {
      if (req.url === '/') return send(res, { 'content-type': 'text/html' }, Buffer.from(LINKS));
      answer(res);
    });
    const url = await listen(server);
    const r = await runCli(url, join(dir, 'report.json'));
    server.closeAllConnections();
    server.close();
    rows.push({
      target: name,
      'wall ms': r.ms,
      'peak RSS MB': r.peakMb ?? 'n/a',
      requests: r.report?.stats.requests ?? 'n/a',
      'report written': r.report ? 'yes' : `no (${r.err?.message ?? 'unknown'})`,
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log('Hostile targets, CLI with default settings (budget 400, body cap 2 MiB, concurrency 8):');
console.table(rows);
const peaks = rows.map((r) => r['peak RSS MB']).filter((n) => typeof n === 'number');
if (peaks.length) console.log(`max peak RSS ${Math.max(...peaks)} MB (aim: under 200 MB)`);
