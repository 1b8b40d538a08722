// Framing ground truth: HTML documents served with framing headers (the cases of
// src/checks/clickjacking.test.ts that a browser can judge), and a real Chromium that loads each
// one in a cross-origin frame.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen } from '../lib.mjs';

const CSP = 'content-security-policy';
const XFO = 'x-frame-options';

// [name, response headers, extra] — extra: status, a <meta> for the head, or no content type.
export const FRAMING_CASES = [
  ['no framing headers', {}],
  ['X-Frame-Options DENY', { [XFO]: 'DENY' }],
  ['X-Frame-Options sameorigin (lower case)', { [XFO]: 'sameorigin' }],
  ['X-Frame-Options "SAMEORIGIN, SAMEORIGIN"', { [XFO]: 'SAMEORIGIN, SAMEORIGIN' }],
  ['two X-Frame-Options headers, DENY and SAMEORIGIN', { [XFO]: ['DENY', 'SAMEORIGIN'] }],
  ['X-Frame-Options ALLOW-FROM', { [XFO]: 'ALLOW-FROM https://partner.test' }],
  ['X-Frame-Options ALLOWALL', { [XFO]: 'ALLOWALL' }],
  ['X-Frame-Options SAME-ORIGIN (misspelt)', { [XFO]: 'SAME-ORIGIN' }],
  ['X-Frame-Options empty', { [XFO]: '' }],
  ["frame-ancestors 'none'", { [CSP]: "frame-ancestors 'none'" }],
  ["frame-ancestors 'self'", { [CSP]: "default-src 'self'; frame-ancestors 'self'" }],
  [
    'frame-ancestors names partner hosts only',
    { [CSP]: 'frame-ancestors https://partner.example *.example.com' },
  ],
  [
    "frame-ancestors 'none' beats X-Frame-Options ALLOWALL",
    { [CSP]: "frame-ancestors 'none'", [XFO]: 'ALLOWALL' },
  ],
  ['frame-ancestors * beats X-Frame-Options DENY', { [CSP]: 'frame-ancestors *', [XFO]: 'DENY' }],
  // The test's `https:` case, as `http:`: the attacker page here is served over http.
  ['frame-ancestors http: allows any web origin', { [CSP]: "frame-ancestors 'self' http:" }],
  ['duplicate frame-ancestors: the first (*) wins', { [CSP]: "frame-ancestors *; frame-ancestors 'none'" }],
  ['second CSP header blocks', { [CSP]: ['frame-ancestors *', "frame-ancestors 'self'"] }],
  ['CSP without frame-ancestors', { [CSP]: "default-src 'self'" }],
  ['CSP Report-Only does not protect', { 'content-security-policy-report-only': "frame-ancestors 'none'" }],
  [
    'Report-Only * leaves X-Frame-Options DENY in force',
    { 'content-security-policy-report-only': 'frame-ancestors *', [XFO]: 'DENY' },
  ],
  [
    'frame-ancestors in <meta> does not protect',
    {},
    { meta: `<meta http-equiv="Content-Security-Policy" content="frame-ancestors 'none'" />` },
  ],
  [
    'X-Frame-Options in <meta> does not protect',
    {},
    { meta: '<meta http-equiv="X-Frame-Options" content="DENY" />' },
  ],
  ['HTML without a content type (sniffed)', {}, { untyped: true }],
  ['XHTML document', { 'content-type': 'application/xhtml+xml' }],
  ['201 Created page', {}, { status: 201 }],
];

/** Well-formed as XML too, so the XHTML case renders. */
const page = (meta = '') =>
  `<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Pay</title>${meta}</head>` +
  `<body><div><form method="post" action="/pay"><input name="amount" />` +
  '<button type="submit">Pay</button></form></div></body></html>';

/** Serves case i at /case/<i>; everything else is a plain-text 404. Resolves to { url, close }. */
export async function startFramingSite() {
  const server = createServer((req, res) => {
    const m = /^\/case\/(\d+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const found = m ? FRAMING_CASES[Number(m[1])] : undefined;
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const [, headers, extra = {}] = found;
    const type = extra.untyped ? {} : { 'content-type': 'text/html; charset=utf-8' };
    res.writeHead(extra.status ?? 200, { ...type, ...headers });
    res.end(req.method === 'HEAD' ? undefined : page(extra.meta));
  });
  const url = await listen(server);
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Loads every URL in its own iframe of one page on another origin (http://localhost:<port>, the
 * targets being on 127.0.0.1) in headless Chromium, and returns Map<url, boolean>: did the document
 * render in its frame. Every host but localhost and 127.0.0.1 fails to resolve inside the browser.
 */
export async function browserVerdicts(urls, executablePath) {
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_ARGS } = await import('../../dist/browser/chromium.js');
  const attr = (v) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const frames = urls.map((u, i) => `<iframe name="f${i}" src="${attr(u)}"></iframe>`).join('\n');
  const attacker = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>attacker</title>\n${frames}`);
  });
  const origin = (await listen(attacker)).replace('127.0.0.1', 'localhost');
  const profile = mkdtempSync(join(tmpdir(), 'parapet-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      // The project's launch flags; names other than the two loopback ones resolve nowhere.
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
    });
    const tab = context.pages()[0] ?? (await context.newPage());
    await tab.goto(origin, { waitUntil: 'load', timeout: 30_000 });
    const verdicts = new Map();
    for (const [i, url] of urls.entries()) {
      const frame = tab.frame({ name: `f${i}` });
      // A refused frame holds Chromium's error page (chrome-error://…) instead of the document.
      const at = frame ? await frame.evaluate(() => location.href).catch(() => '') : '';
      const rendered = at === new URL(url).href;
      verdicts.set(url, rendered);
    }
    return verdicts;
  } finally {
    await context?.close();
    attacker.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
