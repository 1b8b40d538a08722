// The MDN HTTP Observatory's header analyzers, run on responses the bench fetched itself. Its own
// `scan()` fetches http:// and https:// of a hostname with robots.txt and a CORS preflight, so
// instead each analyzer gets the `Requests` shape it reads (responses.auto, session.url), built
// from one response. Installed on demand into bench/.peers/, never into package.json.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { root } from '../lib.mjs';

const PREFIX = join(root, 'bench/.peers');
const PACKAGE = join(PREFIX, 'node_modules/@mdn/mdn-http-observatory');
const SPEC = '@mdn/mdn-http-observatory@1';

/** The analyzers the bench uses → the Parapet rule each failed analyzer stands for. */
const ANALYZERS = [
  ['analyzer/tests/x-frame-options.js', 'xFrameOptionsTest', 'clickjacking'],
  ['analyzer/tests/csp.js', 'contentSecurityPolicyTest', 'csp-missing'],
  ['analyzer/tests/x-content-type-options.js', 'xContentTypeOptionsTest', 'content-type-options-missing'],
  ['analyzer/tests/referrer-policy.js', 'referrerPolicyTest', 'referrer-policy-missing'],
];
export const OBSERVATORY_RULES = ANALYZERS.map(([, , rule]) => rule);

const load = (path) => import(pathToFileURL(join(PACKAGE, 'src', path)).href);

/**
 * Installs the package if needed and returns `{ version, analyze(url, response) }`, or
 * `{ error }` when it cannot be installed or loaded.
 */
export async function loadObservatory() {
  if (!existsSync(join(PACKAGE, 'package.json'))) {
    try {
      await promisify(execFile)(
        'npm',
        ['install', '--prefix', PREFIX, '--ignore-scripts', '--no-save', '--no-audit', '--no-fund', SPEC],
        { timeout: 300_000 },
      );
    } catch (err) {
      return { error: `npm install ${SPEC} failed: ${String(err.message).split('\n')[0]}` };
    }
  }
  try {
    const { Requests } = await load('types.js');
    const { parseHttpEquivHeaders } = await load('retriever/utils.js');
    const { AxiosHeaders } = await import(pathToFileURL(join(PREFIX, 'node_modules/axios/index.js')).href);
    const tests = [];
    for (const [path, name, rule] of ANALYZERS) tests.push([(await load(path))[name], rule]);
    const { version } = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8'));
    /** Runs each analyzer on one response; returns the Parapet rules of the analyzers that failed. */
    const analyze = (url, response) => {
      const requests = new Requests(new URL(url).hostname);
      const html = /^(text\/html|application\/xhtml\+xml)\b/.test(response.headers['content-type'] ?? '');
      requests.responses.auto = {
        status: response.status,
        headers: new AxiosHeaders(response.headers),
        data: response.body,
        verified: false,
        httpEquiv: html ? parseHttpEquivHeaders(response.body, url) : new Map(),
      };
      requests.session = { url: new URL(url) };
      requests.resources.path = response.body;
      const results = tests.map(([test, rule]) => [rule, test(requests)]);
      return {
        rules: results.filter(([, out]) => !out.pass).map(([rule]) => rule),
        results: Object.fromEntries(results.map(([rule, out]) => [rule, out.result])),
      };
    };
    return { version, analyze };
  } catch (err) {
    return { error: `loading ${SPEC} failed: ${err.message}` };
  }
}

/**
 * GET `url` once (no redirects followed, as the Observatory's `auto` response would be the first
 * hop on these fixtures), with the Accept header the Observatory sends. Headers as node:http
 * joins them — the shape axios hands the Observatory.
 */
export function fetchOnce(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', ...headers },
        timeout: 10_000,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout fetching ${url}`)));
    req.on('error', reject);
    req.end();
  });
}
