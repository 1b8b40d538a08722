// Passive-check throughput: every passive check (meta.mode === 'passive') and the stack fingerprint
// over in-memory exchanges, on a mixed corpus (HTML, JSON, JS, text) and on hostile bodies.
// Reads dist/ (run `npm run build` first). Prints MB/s for the corpus and ms per MB for the slowest
// hostile body. No network: checks that would send a request have nowhere to send it here.
import { createContext } from '../dist/checks/context.js';
import { CHECKS } from '../dist/checks/index.js';
import { parseScanConfig } from '../dist/config/parse.js';
import { formsOf } from '../dist/discovery/crawl.js';
import { Engine } from '../dist/engine/engine.js';
import { mediaTypeOf } from '../dist/engine/exchange.js';
import { fingerprint } from '../dist/fingerprint/index.js';

const MB = 1024 * 1024;
const ORIGIN = 'http://127.0.0.1:9';
const PASSIVE = CHECKS.filter((c) => c.meta.mode === 'passive');
const config = parseScanConfig({ target: `${ORIGIN}/`, budget: 1000 });
const engine = new Engine(config);

// ── A deterministic corpus ───────────────────────────────────────────────────────────────────────
let seed = 42;
const rand = (n) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor'.split(' ');
const text = (n) => Array.from({ length: n }, () => words[rand(words.length)]).join(' ');

function htmlPage(kb) {
  const parts = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${text(4)}</title>`,
    '<meta name="viewport" content="width=device-width"><link rel="stylesheet" href="/static/app.css">',
    '<script src="/static/app.js"></script></head><body><nav>',
  ];
  for (let i = 0; i < 20; i++) parts.push(`<a href="/section/${i}">${text(2)}</a> `);
  parts.push('</nav><main>');
  let length = 0;
  const push = (part) => {
    parts.push(part);
    length += part.length;
  };
  while (length < kb * 1024) {
    push(
      `<article><h2>${text(6)}</h2><p>${text(80)}</p><img src="/img/${rand(1000)}.png" alt="x"></article>`,
    );
    if (rand(10) === 0) {
      push(
        `<form method="post" action="/comment"><input type="hidden" name="csrf" value="${rand(1e9).toString(36)}Ab9${rand(1e9).toString(36)}"><textarea name="t"></textarea><button>Send</button></form>`,
      );
    }
  }
  parts.push(
    `<script>window.__STATE__ = ${JSON.stringify({ user: null, items: [1, 2, 3] })};</script></main></body></html>`,
  );
  return parts.join('');
}

function jsonDoc(kb) {
  const items = [];
  let length = 0;
  while (length < kb * 1024) {
    const id = rand(100000);
    length += 160;
    items.push({
      id,
      href: `/v1/items/${id}`,
      name: text(3),
      tags: [text(1), text(1)],
      price: rand(10000) / 100,
      owner: { id: rand(500), email: `u${rand(500)}@example.test` },
    });
  }
  return JSON.stringify({ items, next: '/v1/items?page=2' });
}

function jsFile(kb) {
  const parts = [];
  let length = 0;
  while (length < kb * 1024) {
    length += 150;
    parts.push(
      `function f${rand(1e6)}(a, b) { const x = a + b * ${rand(100)}; if (x > 10) { return "${text(5)}"; } return fetch("/api/${text(1)}").then((r) => r.json()); }\n`,
    );
  }
  return parts.join('');
}

const HTML_HEADERS = {
  'content-type': ['text/html; charset=utf-8'],
  server: ['nginx/1.25.3'],
  'set-cookie': ['session=0123456789abcdefABCDEF0123456789; Path=/', 'theme=dark; Path=/'],
  'x-frame-options': ['SAMEORIGIN'],
  'content-security-policy': ["default-src 'self'; script-src 'self' 'unsafe-inline'"],
};
const corpus = [];
for (let i = 0; i < 30; i++)
  corpus.push({ path: `/page/${i}`, headers: HTML_HEADERS, body: htmlPage(20 + rand(200)) });
for (let i = 0; i < 20; i++)
  corpus.push({
    path: `/v1/items?page=${i}`,
    headers: { 'content-type': ['application/json'] },
    body: jsonDoc(10 + rand(300)),
  });
for (let i = 0; i < 10; i++)
  corpus.push({
    path: `/static/app${i}.js`,
    headers: { 'content-type': ['application/javascript'] },
    body: jsFile(50 + rand(400)),
  });
for (let i = 0; i < 10; i++)
  corpus.push({ path: `/docs/${i}.txt`, headers: { 'content-type': ['text/plain'] }, body: text(20000) });

// ── Hostile bodies (the reliability suite's worst inputs for passive work) ───────────────────────
const spaces = (n) => ' '.repeat(n);
const noise = (n) => {
  let out = '';
  for (let i = 0; i < n; i++) out += String.fromCharCode(rand(0x3000));
  return out;
};
const hostile = {
  'meta CSP of 1 MiB of spaces': `<!doctype html><meta http-equiv="Content-Security-Policy" content="script-src${spaces(MB)}x">`,
  'meta refresh of 1 MiB of spaces': `<!doctype html><meta http-equiv="refresh" content="0;url=a${spaces(MB)}x">`,
  '2 MiB of dense tags': `<!doctype html>${'<p><a href="/x">x</a> y</p>'.repeat((2 * MB) / 26)}`,
  '2 MiB of unclosed tags': `<!doctype html>${'<a '.repeat((2 * MB) / 3)}`,
  '1 MiB of random UTF-16': `<!doctype html>${noise(MB / 2)}`,
  '2 MiB of SQL error prefixes': `<!doctype html>${'ERROR:  '.repeat((2 * MB) / 8)}`,
  '2 MiB of quoted fragments': `<!doctype html>near "${'"'.repeat(2 * MB)}`,
  '2 MiB of one long token': `<!doctype html><pre>${'a'.repeat(2 * MB)}</pre>`,
  '2 MiB of forms': `<!doctype html>${'<form method=post><input type=hidden name=t value=aB3dE5fG7hJ9kL1m>'.repeat((2 * MB) / 70)}`,
  '2 MiB of inline scripts': `<!doctype html>${'<script>var a=1</script>'.repeat((2 * MB) / 24)}`,
};

// ── Running ──────────────────────────────────────────────────────────────────────────────────────
function exchange(spec, id) {
  const headers = spec.headers;
  return {
    id,
    request: { method: 'GET', url: `${ORIGIN}${spec.path}`, headers: { 'user-agent': 'parapet' } },
    response: {
      status: 200,
      headers,
      body: spec.body,
      bytes: spec.body.length,
      truncated: false,
      mediaType: mediaTypeOf(headers),
    },
    startedAt: 0,
    durationMs: 1,
    initiator: 'discovery',
    identity: 'anonymous',
  };
}

function site(exchanges) {
  const forms = exchanges.flatMap(formsOf);
  return { origin: ORIGIN, exchanges, start: exchanges[0], forms, scripts: [], skipped: [] };
}

/** One pass: fresh exchanges (so nothing is cached), the site, every passive check, the fingerprint. */
async function pass(specs) {
  const exchanges = specs.map((s, i) => exchange(s, i + 1));
  const s = site(exchanges);
  for (const check of PASSIVE) {
    const ctx = createContext(check, engine, s, config, [], new AbortController().signal);
    try {
      for await (const _ of check.run(ctx));
    } catch {
      // a check that wants the network cannot reach it here; its passive work is done by then
    }
  }
  fingerprint(exchanges);
}

/** Wall and CPU milliseconds per pass (CPU time, GC threads included, is steadier on a busy machine). */
async function timed(specs, minMs) {
  await pass(specs); // warm-up
  let runs = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - start < minMs || runs < 2) {
    await pass(specs);
    runs++;
  }
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - start) / runs, cpu: (used.user + used.system) / 1000 / runs };
}

const corpusBytes = corpus.reduce((n, s) => n + Buffer.byteLength(s.body), 0);
const { wall: ms, cpu: cpuMs } = await timed(corpus, 3000);
const mbps = corpusBytes / MB / (ms / 1000);
console.log(`Passive checks (${PASSIVE.map((c) => c.meta.id).join(', ')}) + fingerprint`);
console.log(
  `mixed corpus: ${corpus.length} responses, ${(corpusBytes / MB).toFixed(1)} MB: ${ms.toFixed(0)} ms per pass, ${mbps.toFixed(1)} MB/s (CPU ${cpuMs.toFixed(0)} ms, ${(corpusBytes / MB / (cpuMs / 1000)).toFixed(1)} MB/s of CPU)`,
);

const rows = [];
for (const [name, body] of Object.entries(hostile)) {
  const specs = [{ path: '/', headers: { 'content-type': ['text/html'] }, body }];
  const bytes = Buffer.byteLength(body);
  const { wall: t } = await timed(specs, 300);
  rows.push({
    body: name,
    MB: +(bytes / MB).toFixed(2),
    'ms per pass': Math.round(t),
    'ms per MB': Math.round(t / (bytes / MB)),
  });
}
rows.sort((a, b) => b['ms per MB'] - a['ms per MB']);
console.log('hostile bodies (slowest first):');
console.table(rows);
console.log(`worst hostile body: ${rows[0].body}, ${rows[0]['ms per MB']} ms per MB`);
await engine.close();
