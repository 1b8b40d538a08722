// `npm run bench`: wall time, requests and peak memory of default scans of the fixture apps,
// and the CLI's start-up time. Traffic goes only to servers this script starts on 127.0.0.1.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { listen, PYTHON, root, startFlask } from './lib.mjs';

function tenPageApp() {
  const names = [
    'about',
    'pricing',
    'docs',
    'blog',
    'contact',
    'careers',
    'login',
    'signup',
    'support',
    'status',
  ];
  const nav = names.map((n) => `<a href="/${n}">${n}</a>`).join(' ');
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/' || names.includes(path.slice(1))) {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'set-cookie': 'sid=8f2a9c1d7e6b5a4c3d2e1f0a9b8c7d6e; Path=/',
      });
      res.end(`<!doctype html><html><head><title>${path}</title></head><body><nav>${nav}</nav>
        <form method="post" action="/comment"><input name="text"><button>Send</button></form>
        <p>${'Lorem ipsum dolor sit amet. '.repeat(200)}</p></body></html>`);
      return;
    }
    if (path === '/api/items') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: [{ id: 1, href: '/api/items/1' }] }));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
}

// Asynchronous: the ten-page app is served from this very process.
async function measure(url) {
  const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'bench/scan-child.mjs'), url], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return JSON.parse(stdout);
}

function versionStartupMs(runs = 7) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    execFileSync(join(root, 'parapet'), ['--version'], { stdio: 'ignore' });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(runs / 2)]);
}

const rows = [];
const app = tenPageApp();
const appUrl = await listen(app);
rows.push({ target: 'node ten-page app', ...(await measure(appUrl)) });
app.close();

const flaskDir = join(root, 'test/fixtures/flask');
const haveFlask = existsSync(PYTHON);
if (haveFlask) {
  // Fixture apps are the modules that carry both variants (not the runners and helpers beside them).
  const apps = readdirSync(flaskDir).filter(
    (f) =>
      f.endsWith('.py') &&
      !['run.py', 'run_many.py', 'apply_fix.py'].includes(f) &&
      readFileSync(join(flaskDir, f), 'utf8').includes('VARIANT'),
  );
  for (const file of apps.sort()) {
    const name = file.slice(0, -3);
    for (const variant of ['vulnerable', 'fixed']) {
      let fx;
      try {
        fx = await startFlask(name, variant);
        rows.push({ target: `flask ${name} (${variant})`, ...(await measure(fx.url)) });
      } catch (err) {
        rows.push({ target: `flask ${name} (${variant})`, error: String(err.message ?? err) });
      } finally {
        await fx?.stop();
      }
    }
  }
} else {
  console.log(`(Flask fixtures skipped: ${PYTHON} not found)`);
}

console.log('\nDefault scans (one fresh process each):');
console.table(
  rows.map((r) => ({
    target: r.target,
    'wall ms': r.ms,
    requests: r.requests,
    'peak RSS MB': r.maxRssMb,
    findings: r.findings,
    grade: r.grade,
    error: r.error ?? '',
  })),
);
try {
  console.log(`./parapet --version (median of 7): ${versionStartupMs()} ms`);
} catch (err) {
  console.log(`./parapet --version failed: ${err.message}`);
}
const worst = rows.filter((r) => r.ms !== undefined);
console.log(
  `max wall ${Math.max(...worst.map((r) => r.ms))} ms, max peak RSS ${Math.max(...worst.map((r) => r.maxRssMb))} MB`,
);

// The focused benchmarks beside this file, each printing its own numbers.
for (const extra of ['passive.mjs', 'hostile.mjs', 'offline-keys.mjs', 'spec.mjs']) {
  const file = join(root, 'bench', extra);
  if (!existsSync(file)) continue;
  console.log(`\n== bench/${extra}`);
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [file], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    process.stdout.write(stdout);
  } catch (err) {
    console.log(`bench/${extra} failed: ${err.message}`);
  }
}
