/**
 * Browser proofs, run for real in the system Chromium: one browser for the whole file, shared by the
 * scans. Skipped (and saying so) only when Chromium is not installed.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlaskApp, startFlask } from '../../test/support/flask.js';
import { html, type Page, pages, serve, type TestServer } from '../../test/support/http-server.js';
import { expectValidReport } from '../../test/support/report-schema.js';
import { chromiumInstalled, chromiumPath, launchChromium } from '../browser/chromium.js';
import clickjacking from '../checks/clickjacking.js';
import csrf from '../checks/csrf-cross-origin-accepted.js';
import type { Check } from '../checks/types.js';
import type { ScanConfigInput } from '../config/schema.js';
import { scan } from '../scan.js';

const HAVE_CHROMIUM = chromiumInstalled();
const TITLE = HAVE_CHROMIUM
  ? 'browser proofs in Chromium'
  : `browser proofs: SKIPPED because ${chromiumPath()} is not installed (apt-get install chromium)`;

const framedBy = (req: IncomingMessage) => req.headers['sec-fetch-dest'] === 'iframe';
const PAY = html('<form method="post" action="/pay"><button>Pay 100 €</button></form>');

/**
 * Pages a header-parsing check calls frameable (the scan's own GET gets no framing protection), and
 * what a browser framing them meets: nothing, a header sent only to framed requests (Fetch Metadata),
 * a refusal, or a page that hides itself when framed.
 */
const FRAMING_SITE: Record<string, Page | ((req: IncomingMessage) => Page)> = {
  '/': {
    headers: { 'content-type': 'text/html', 'x-frame-options': 'DENY' },
    body: html(
      '<a href="/open">open</a> <a href="/guarded">guarded</a> <a href="/refuses">refuses</a> <a href="/hides">hides</a> <a href="/schemes">schemes</a>',
    ),
  },
  '/open': { body: PAY },
  '/guarded': (req) => ({
    headers: {
      'content-type': 'text/html',
      vary: 'Sec-Fetch-Dest',
      ...(framedBy(req) ? { 'x-frame-options': 'DENY' } : {}),
    },
    body: PAY,
  }),
  '/refuses': (req) => (framedBy(req) ? { status: 403, body: 'framing refused' } : { body: PAY }),
  // Lets in any https site: an attacker's, though not Parapet's http page on loopback.
  '/schemes': {
    headers: { 'content-type': 'text/html', 'content-security-policy': 'frame-ancestors https:' },
    body: PAY,
  },
  '/hides': {
    body: html(
      '<form method="post" action="/pay"><button>Pay 100 €</button></form><script>if (self === top) document.getElementById("frame-guard").remove();</script>',
      '<style id="frame-guard">body { display: none !important; }</style>',
    ),
  },
};

// A browser on a busy CI machine is slow to start and to render: generous limits, few tests.
describe.skipIf(!HAVE_CHROMIUM)(TITLE, { timeout: 120_000 }, () => {
  let browser: Browser;
  let artifacts: string;
  let site: TestServer;
  let vulnerable: FlaskApp;
  let fixed: FlaskApp;

  beforeAll(async () => {
    artifacts = mkdtempSync(join(tmpdir(), 'parapet-artifacts-'));
    [browser, site, vulnerable, fixed] = await Promise.all([
      launchChromium(),
      serve(pages(FRAMING_SITE)),
      startFlask('csrf_active', 'vulnerable'),
      startFlask('csrf_active', 'fixed'),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([browser?.close(), site?.close(), vulnerable?.close(), fixed?.close()]);
    rmSync(artifacts, { recursive: true, force: true });
  });

  async function scanIn(url: string, check: Check, config: Partial<ScanConfigInput>) {
    const report = await scan({ target: url, rate: 1000, ...config }, { checks: [check], browser });
    expectValidReport(report);
    return report;
  }
  const proofConfig = () => ({ mode: 'active' as const, browser: true, artifactsDir: artifacts });
  const pathsOf = (report: Awaited<ReturnType<typeof scanIn>>) =>
    report.findings.map((f) => new URL(f.url).pathname).sort();

  it('clickjacking: headers alone call five pages frameable', async () => {
    const report = await scanIn(site.url, clickjacking, {});
    expect(pathsOf(report)).toEqual(['/guarded', '/hides', '/open', '/refuses', '/schemes']);
    expect(report.findings.every((f) => f.confidence === 'firm')).toBe(true);
  });

  it('clickjacking: Chromium confirms the frameable page, withdraws three it cannot frame, keeps one it cannot judge', async () => {
    const report = await scanIn(site.url, clickjacking, proofConfig());
    expect(pathsOf(report)).toEqual(['/open', '/schemes']);
    const f = report.findings.find((x) => x.url.endsWith('/open'))!;
    expect(f.confidence).toBe('confirmed');
    expect(f.evidence.detail).toMatch(
      /Chromium rendered the page inside a frame on http:\/\/localhost:\d+ \(another site\)/,
    );

    // The browser framed it cross-site, as an attacker's page would.
    const framed = site.requests.find((r) => r.url === '/open' && r.headers['sec-fetch-dest'] === 'iframe');
    expect(framed?.headers['sec-fetch-site']).toBe('cross-site');

    // The report names the screenshot and the proof-of-concept page; both exist.
    const png = /Screenshot: (\S+\.png);/.exec(f.evidence.detail)?.[1];
    const poc = /proof-of-concept page: (\S+\.html)\./.exec(f.evidence.detail)?.[1];
    expect(png?.startsWith(artifacts)).toBe(true);
    expect(readFileSync(png!).subarray(1, 4).toString()).toBe('PNG');
    const page = readFileSync(poc!, 'utf8');
    expect(page).toContain(`<iframe id="target" src="${site.origin}/open"`);
    expect(page).toMatch(/opacity: 0\.5/);
    expect(page).toContain('id="decoy"');

    const notes = report.notes.join('\n');
    expect(notes).toMatch(
      /withdrawn for .*\/guarded: Chromium blocked framing .*X-Frame-Options.*carried protection the scan's own request did not get/,
    );
    expect(notes).toMatch(
      /withdrawn for .*\/refuses: the server answered 403 when the page was loaded in a frame/,
    );
    expect(notes).toMatch(/withdrawn for .*\/hides: the page hid its content/);
    // A block that only shows Parapet's page is not the attacker's origin: the finding stands.
    expect(report.findings.find((x) => x.url.endsWith('/schemes'))?.confidence).toBe('firm');
    expect(notes).toMatch(
      /\/schemes was inconclusive \(Chromium blocked the frame on http:\/\/localhost:\d+, but Content-Security-Policy "frame-ancestors https:" lets any origin frame/,
    );
  });

  it('csrf: Chromium submits the forged form with the session cookie, and the transfer shows up', async () => {
    const report = await scanIn(vulnerable.url, csrf, proofConfig());
    expect(report.findings).toHaveLength(1);
    const f = report.findings[0]!;
    expect([f.rule, f.confidence, f.url]).toEqual([
      'csrf-cross-origin-accepted',
      'confirmed',
      `${vulnerable.origin}/transfer`,
    ]);
    expect(f.evidence.detail).toMatch(
      /Chromium confirmed it: a page on http:\/\/localhost:\d+ \(another site\) submitted the form, the browser attached `session`, and the server answered 303 to \/; the submitted value then showed on/,
    );
    const poc = /proof-of-concept page: (\S+\.html)\./.exec(f.evidence.detail)?.[1];
    expect(existsSync(poc!)).toBe(true);
    expect(readFileSync(poc!, 'utf8')).toContain(`action="${vulnerable.origin}/transfer"`);
  });

  it('csrf: nothing to prove on the fixed app', async () => {
    const report = await scanIn(fixed.url, csrf, proofConfig());
    expect(report.findings).toEqual([]);
  });

  it('csrf: the browser, not the model, decides which cookies go along', async () => {
    // SameSite=None without Secure: Parapet's model sends it cross-site; Chromium refuses to store it.
    const app = await serve((req, res) => {
      const sid = /sid=(\w+)/.exec(req.headers.cookie ?? '')?.[1];
      if (req.method === 'POST') {
        res.writeHead(sid ? 200 : 403, { 'content-type': 'text/plain' });
        res.end(sid ? 'saved' : 'no session');
        return;
      }
      res.setHeader('set-cookie', `sid=${randomBytes(16).toString('hex')}; Path=/; SameSite=None`);
      res.setHeader('content-type', 'text/html');
      res.end(html('<form method="post" action="/save"><input name="note"><button>Save</button></form>'));
    });
    try {
      const report = await scanIn(app.url, csrf, { mode: 'active', browser: true });
      expect(report.findings).toHaveLength(1);
      expect(report.findings[0]!.confidence).toBe('firm');
      expect(report.findings[0]!.evidence.detail).toMatch(
        /In Chromium the form .* went without the session cookie/,
      );
    } finally {
      await app.close();
    }
  });
});
