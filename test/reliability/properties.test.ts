/**
 * Property tests: random headers, cookies, HTML and JSON fed to every passive check (in memory, with a
 * context from src/checks/context.ts) and to the parsers they share. Nothing throws, and verdicts do
 * not change under rewrites that change nothing for a browser: surrounding whitespace, the order of
 * different headers, one list header sent as several lines, and (over real HTTP) header-name case.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/checks/context.js';
import { CHECKS } from '../../src/checks/index.js';
import { bannerVersions } from '../../src/checks/lib/banners.js';
import { classifyCookie } from '../../src/checks/lib/cookies.js';
import { parseSerializedPolicy, responsePolicies } from '../../src/checks/lib/csp.js';
import { framingPolicy } from '../../src/checks/lib/framing.js';
import { splitHeaderValues } from '../../src/checks/lib/header-list.js';
import { parseHsts } from '../../src/checks/lib/hsts.js';
import { sqlErrorMatches } from '../../src/checks/lib/sql-errors.js';
import { parseScanConfig } from '../../src/config/parse.js';
import { formsOf } from '../../src/discovery/crawl.js';
import { htmlOf } from '../../src/discovery/html.js';
import { jsonOf } from '../../src/discovery/json.js';
import { jsonLinks } from '../../src/discovery/json-links.js';
import type { Site } from '../../src/discovery/site.js';
import { Engine } from '../../src/engine/engine.js';
import { mediaTypeOf } from '../../src/engine/exchange.js';
import { parseSetCookie } from '../../src/engine/set-cookie.js';
import { exchangeNotes } from '../../src/engine/summary.js';
import { fingerprint } from '../../src/fingerprint/index.js';
import type { Exchange, HeaderMap } from '../../src/types.js';
import { hostileServer, type RawHandler } from '../support/hostile.js';
import { scanWith } from '../support/scan.js';

const PASSIVE = CHECKS.filter((c) => c.meta.mode === 'passive');
const RUNS = 100;

// ── Arbitraries ──────────────────────────────────────────────────────────────────────────────────

const NAMES = [
  'content-type',
  'content-security-policy',
  'content-security-policy-report-only',
  'x-frame-options',
  'set-cookie',
  'referrer-policy',
  'x-content-type-options',
  'strict-transport-security',
  'server',
  'x-powered-by',
  'via',
  'x-generator',
  'www-authenticate',
  'refresh',
  'content-disposition',
  'access-control-allow-origin',
  'vary',
  'cache-control',
] as const;

/** Pieces that header grammars care about, mixed with noise. */
const piece = fc.oneof(
  fc.constantFrom(
    'DENY',
    'sameorigin',
    'ALLOW-FROM https://a.test',
    'allowall',
    "frame-ancestors 'none'",
    "frame-ancestors 'self' https://a.test",
    'frame-ancestors *',
    "script-src 'unsafe-inline'",
    "script-src 'nonce-abc' 'unsafe-inline'",
    "default-src 'self'",
    'nosniff',
    'max-age=31536000; includeSubDomains',
    'max-age="0"',
    'unsafe-url',
    'no-referrer',
    'text/html',
    'application/json; charset=utf-8',
    'nginx/1.25.3',
    'PHP/8.2.1',
    '1.1 varnish (Varnish/7.1)',
    'Basic realm="x"',
    '0; url=https://a.test/',
    'attachment',
    'session=0123456789abcdefABCDEF; Path=/; HttpOnly',
    'sid=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl; SameSite=None; Secure',
    'csrftoken=abc; SameSite=Lax',
    'a=b; Max-Age=0',
    '"quoted, value"',
    ';',
    ',',
    "'",
    '"',
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
);

const headerValue = fc
  .tuple(fc.array(piece, { minLength: 1, maxLength: 4 }), fc.constantFrom(' ', '; ', ', ', ''))
  .map(([parts, separator]) => parts.join(separator));

const headerMap: fc.Arbitrary<HeaderMap> = fc
  .dictionary(fc.constantFrom(...NAMES), fc.array(headerValue, { minLength: 1, maxLength: 3 }), {
    maxKeys: 8,
  })
  .map((h) => ({ ...h }));

const ELEMENTS = [
  '<form method="post" action="/save"><input type="hidden" name="n" value="aB3dE5fG7hJ9kL1mN"><button>go</button></form>',
  '<form method="get"><input name="q"></form>',
  '<meta http-equiv="Content-Security-Policy" content="script-src \'self\'">',
  '<meta http-equiv="X-Frame-Options" content="DENY">',
  '<meta http-equiv="refresh" content="0; url=https://a.test/">',
  '<meta name="referrer" content="unsafe-url">',
  '<meta name="csrf-token" content="aB3dE5fG7hJ9kL1mNpQ">',
  '<a href="https://other.test/" referrerpolicy="unsafe-url">x</a>',
  '<a href="/x?token=abcdef1234567890">t</a>',
  '<script>var k = 1;</script>',
  '<script src="/app.js"></script>',
  '<base href="https://elsewhere.test/">',
  '<iframe src="/frame"></iframe>',
  '<select name="s"><option value="1">1</option></select><textarea name="t">x</textarea>',
  '<!--',
  '<',
  '"',
];
const html = fc
  .array(fc.oneof(fc.constantFrom(...ELEMENTS), fc.string({ maxLength: 30 })), { maxLength: 12 })
  .map((parts) => `<!doctype html><html><head><title>t</title>${parts.join('')}</head></html>`);

const deepJson = fc.integer({ min: 1, max: 3000 }).map((n) => `${'['.repeat(n)}"/x"${']'.repeat(n)}`);
const json = fc.oneof(
  fc.json({ maxDepth: 5 }),
  deepJson,
  fc.constant('{"next": "/v1/items?page=2", "items": [{"href": "/v1/items/1"}]}'),
);

const body = fc.oneof(
  html,
  json,
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

interface Spec {
  path: string;
  status: number;
  headers: HeaderMap;
  body: string;
}

const spec: fc.Arbitrary<Spec> = fc.record({
  path: fc.constantFrom('/', '/a', '/b/c', '/api/items/7', '/login?token=abcdef1234567890'),
  status: fc.constantFrom(200, 200, 200, 204, 302, 401, 403, 404, 500),
  headers: headerMap,
  body,
});

// ── In-memory scans ──────────────────────────────────────────────────────────────────────────────

const ORIGIN = 'https://127.0.0.1:9';
const config = parseScanConfig({ target: `${ORIGIN}/`, budget: 20, timeoutMs: 200 });
// Any request a check sends goes to a closed loopback port and fails at once.
const engine = new Engine(config);
afterAll(() => engine.close());

function exchangeOf(s: Spec, id: number): Exchange {
  return {
    id,
    request: { method: 'GET', url: `${ORIGIN}${s.path}`, headers: { 'user-agent': 'parapet' } },
    response: {
      status: s.status,
      headers: s.headers,
      body: s.body,
      bytes: s.body.length,
      truncated: false,
      mediaType: mediaTypeOf(s.headers),
    },
    startedAt: 0,
    durationMs: 1,
    initiator: 'discovery',
    identity: 'anonymous',
  };
}

function siteOf(exchanges: Exchange[]): Site {
  const forms = exchanges.flatMap(formsOf);
  return { origin: ORIGIN, exchanges, start: exchanges[0]!, forms, scripts: [], skipped: [] };
}

/** What a user would compare: rule, severity, confidence and URL of every finding, sorted. */
async function verdicts(specs: Spec[]): Promise<string[]> {
  const exchanges = specs.map((s, i) => exchangeOf(s, i + 1));
  const site = siteOf(exchanges);
  const out: string[] = [];
  for (const check of PASSIVE) {
    const ctx = createContext(check, engine, site, config, [], new AbortController().signal);
    for await (const f of check.run(ctx)) out.push(`${f.rule}|${f.severity}|${f.confidence}|${f.url}`);
  }
  fingerprint(exchanges);
  return out.sort();
}

const mapHeaders = (s: Spec, fn: (h: HeaderMap) => HeaderMap): Spec => ({ ...s, headers: fn(s.headers) });

/** Optional whitespace around every value, as an HTTP parser would have stripped it. */
const padded = (h: HeaderMap): HeaderMap =>
  Object.fromEntries(Object.entries(h).map(([k, vs]) => [k, vs.map((v) => ` \t${v}\t `)]));

/** Different headers in reverse order (the values of one header keep theirs). */
const reordered = (h: HeaderMap): HeaderMap => Object.fromEntries(Object.entries(h).reverse());

/** List headers whose meaning ignores order and line breaks: CSP and X-Frame-Options, one line per item reversed. */
const ORDER_FREE = ['content-security-policy', 'content-security-policy-report-only', 'x-frame-options'];

describe('passive checks on random responses', () => {
  it('never throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 4 }), async (specs) => {
        await verdicts(specs);
      }),
      { numRuns: RUNS },
    );
  });

  it('give the same verdicts with whitespace around header values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 3 }), async (specs) => {
        const plain = await verdicts(specs);
        expect(await verdicts(specs.map((s) => mapHeaders(s, padded)))).toEqual(plain);
      }),
      { numRuns: RUNS },
    );
  });

  it('give the same verdicts whatever the order of different headers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 3 }), async (specs) => {
        const plain = await verdicts(specs);
        expect(await verdicts(specs.map((s) => mapHeaders(s, reordered)))).toEqual(plain);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('shared parsers on random input', () => {
  it('never throw', () => {
    fc.assert(
      fc.property(headerMap, body, fc.string({ maxLength: 100 }), (h, b, s) => {
        const ex = exchangeOf({ path: '/', status: 200, headers: h, body: b }, 1);
        framingPolicy(h, htmlOf(ex).metaHttpEquiv);
        responsePolicies(h);
        parseSerializedPolicy(s, 'header');
        parseHsts([s]);
        splitHeaderValues([s, s]);
        bannerVersions('via', s);
        const cookie = parseSetCookie(s);
        if (cookie) classifyCookie(cookie.name, cookie.value);
        sqlErrorMatches(b);
        jsonLinks(jsonOf(ex));
        exchangeNotes([ex], `${ORIGIN}/`, 1024);
      }),
      { numRuns: 300 },
    );
  });

  it('framing: one list header as several lines, in any order, means the same', () => {
    fc.assert(
      fc.property(headerMap, (h) => {
        // A double quote starts a quoted string that swallows later commas: there, order does matter.
        fc.pre(ORDER_FREE.every((name) => !(h[name] ?? []).some((v) => v.includes('"'))));
        const split: HeaderMap = { ...h };
        for (const name of ORDER_FREE) {
          if (!h[name] || name === 'content-security-policy-report-only') continue;
          // CSP: each comma-separated policy on its own line; XFO: each value on its own line.
          split[name] = h[name].flatMap((v) => v.split(',')).reverse();
        }
        const a = framingPolicy(h);
        const b = framingPolicy(split);
        expect([b.code, b.blocksCrossOrigin]).toEqual([a.code, a.blocksCrossOrigin]);
      }),
      { numRuns: 500 },
    );
  });

  it('CSP: whitespace around directives and tokens changes nothing', () => {
    const token = fc.constantFrom(
      "'self'",
      "'none'",
      "'unsafe-inline'",
      "'nonce-a1'",
      'https:',
      '*',
      'a.test',
      'data:',
    );
    const directive = fc.tuple(
      fc.constantFrom('script-src', 'default-src', 'frame-ancestors', 'SCRIPT-SRC', 'object-src'),
      fc.array(token, { maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(directive, { maxLength: 5 }), fc.constantFrom(' ', '\t', '  \t '), (ds, ws) => {
        const tight = ds.map(([n, t]) => [n, ...t].join(' ')).join(';');
        const loose = ds.map(([n, t]) => `${ws}${[n, ...t].join(`${ws} `)}${ws}`).join(`;${ws}`);
        const a = parseSerializedPolicy(tight, 'header').directives;
        const b = parseSerializedPolicy(loose, 'header').directives;
        expect([...b]).toEqual([...a]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('header-name case over real HTTP', () => {
  it('a response with randomly cased header names gets the same verdicts', async () => {
    const caseOf = (name: string, seed: number) =>
      [...name].map((c, i) => ((seed >> (i % 16)) & 1 ? c.toUpperCase() : c)).join('');
    const sendable = fc.stringMatching(/^[\x20-\x7e]{0,60}$/).filter((v) => v.trim() === v);
    const headers = fc.dictionary(fc.constantFrom(...NAMES.filter((n) => n !== 'content-type')), sendable, {
      maxKeys: 6,
    });
    await fc.assert(
      fc.asyncProperty(headers, html, fc.integer({ min: 1, max: 0xffff }), async (h, page, seed) => {
        const list = (cased: boolean): Array<[string, string]> => [
          [cased ? caseOf('content-type', seed) : 'content-type', 'text/html'],
          ...Object.entries(h).map(([k, v]) => [cased ? caseOf(k, seed) : k, v] as [string, string]),
        ];
        const serve =
          (cased: boolean): RawHandler =>
          (conn) => {
            const data = Buffer.from(page);
            conn.write(
              `HTTP/1.1 200 OK\r\n${[...list(cased), ['Content-Length', String(data.length)]].map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`,
            );
            conn.write(data);
            conn.keepAlive();
          };
        const lower = await hostileServer({ '*': serve(false) });
        const mixed = await hostileServer({ '*': serve(true) });
        try {
          const rules = async (url: string) => {
            const report = await scanWith(url, PASSIVE, { budget: 12, maxPages: 3, timeoutMs: 1000 });
            return report.findings
              .map((f) => `${f.rule}|${f.severity}|${f.confidence}|${new URL(f.url).pathname}`)
              .sort();
          };
          expect(await rules(mixed.url)).toEqual(await rules(lower.url));
        } finally {
          await lower.close();
          await mixed.close();
        }
      }),
      { numRuns: 8 },
    );
  });
});
