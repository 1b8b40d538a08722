/**
 * Browser proof of `clickjacking`: the page is framed by the attacker's site in Chromium. Rendered in
 * the frame: confirmed (with a screenshot and the proof-of-concept page). Refused by the browser or
 * the server, or hidden by the page itself: withdrawn, with a note saying why.
 */
import type { ConsoleMessage, Frame, Page, Request, Response } from 'playwright-core';
import { type FramingPolicy, framingPolicy } from '../checks/lib/framing.js';
import { maskUrlSecrets } from '../checks/lib/url-secrets.js';
import type { RawFinding } from '../checks/types.js';
import { htmlOf } from '../discovery/html.js';
import { urlPattern } from '../discovery/url-pattern.js';
import { headerMap } from './chromium.js';
import { type Box, clickjackingPage, DEFAULT_DECOY } from './pages.js';
import type { ProofContext, Prover } from './types.js';

/** At most this many pages (one per URL pattern) are framed per scan. */
const MAX_PAGES = 10;
/** After the load event: time for a late framing script to hide the page or fail to bust the frame. */
const SETTLE_MS = 300;
const CONTROLS = 'button, input:not([type=hidden]), select, textarea, a[href]';

type Verdict =
  | { kind: 'rendered'; detail: string }
  | { kind: 'refused'; why: string }
  /** `broken`: the tab failed (a timeout, a crash) and is not reused. */
  | { kind: 'inconclusive'; why: string; broken?: boolean };

export const clickjackingProver: Prover = {
  rule: 'clickjacking',
  async prove(findings, ctx) {
    const groups = new Map<string, RawFinding[]>();
    for (const f of findings) {
      const key = urlPattern(f.url);
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    const out: RawFinding[] = [];
    let framed = 0;
    // One tab for every page (a new tab costs more than a navigation); a failed proof gets a fresh one.
    let tab: Page | undefined;
    for (const group of groups.values()) {
      const first = group[0]!;
      if (framed >= MAX_PAGES || ctx.signal.aborted) {
        out.push(...group);
        continue;
      }
      framed++;
      const url = originalUrl(first.url, ctx);
      tab ??= await ctx.page();
      const verdict = await frame(ctx, tab, url);
      if (verdict.kind === 'inconclusive' && verdict.broken) {
        await tab.close().catch(() => {});
        tab = undefined;
      }
      if (verdict.kind === 'rendered') {
        out.push(
          ...group.map((f) => ({
            ...f,
            confidence: 'confirmed' as const,
            evidence: { ...f.evidence, detail: `${f.evidence.detail} ${verdict.detail}` },
          })),
        );
      } else if (verdict.kind === 'refused') {
        ctx.note(`clickjacking: withdrawn for ${first.url}: ${verdict.why}`);
      } else {
        ctx.note(
          `clickjacking: the browser proof for ${first.url} was inconclusive (${verdict.why}); the finding stands as the headers say.`,
        );
        out.push(...group);
      }
    }
    await tab?.close().catch(() => {});
    if (groups.size > MAX_PAGES) {
      ctx.note(
        `clickjacking: only ${MAX_PAGES} of ${groups.size} pages were framed in the browser; the others stand as the headers say.`,
      );
    }
    return out;
  },
};

/** The URL as the scan fetched it (findings mask secrets in URLs; the browser needs the real one). */
function originalUrl(findingUrl: string, ctx: ProofContext): string {
  const ex = ctx.site.exchanges.find(
    (e) => e.request.url === findingUrl || maskUrlSecrets(e.request.url) === findingUrl,
  );
  return ex?.request.url ?? findingUrl;
}

async function frame(ctx: ProofContext, page: Page, url: string): Promise<Verdict> {
  const main = page.mainFrame();
  const consoleRefusals: string[] = [];
  let response: { status: number; headers: Record<string, string> } | undefined;
  let failure: string | undefined;
  const onConsole = (m: ConsoleMessage) => {
    if (/refused to (display|frame)/i.test(m.text())) consoleRefusals.push(m.text());
  };
  const onResponse = (r: Response) => {
    if (r.request().isNavigationRequest() && r.frame() !== main)
      response = { status: r.status(), headers: r.headers() };
  };
  const onFailure = (r: Request) => {
    if (r.isNavigationRequest() && r.frame() !== main) failure = r.failure()?.errorText ?? 'failed';
  };
  page.on('console', onConsole);
  page.on('response', onResponse);
  page.on('requestfailed', onFailure);
  try {
    const attackerUrl = ctx.attacker.serve(
      `/clickjacking/${encodeURIComponent(url)}`,
      clickjackingPage(url, DEFAULT_DECOY),
    );
    await page.goto(attackerUrl, { waitUntil: 'load', timeout: ctx.config.timeoutMs });
    await page.waitForTimeout(SETTLE_MS);
    const framed = await (await page.$('#target'))?.contentFrame();
    const where = `a frame on ${ctx.attacker.origin} (another site)`;
    if (!framed || framed.url().startsWith('chrome-error:') || failure) {
      const said = consoleRefusals[0] ? `: "${consoleRefusals[0]}"` : failure ? ` (${failure})` : '';
      const judged = scanPolicy(ctx, url);
      const framedPolicy = response ? framingPolicy(headerMap(response.headers)) : undefined;
      if (framedPolicy?.blocksCrossOrigin && judged && !judged.blocksCrossOrigin) {
        return {
          kind: 'refused',
          why: `Chromium blocked framing of the page in ${where}${said}. The answer to the framed request (sent with Sec-Fetch-Dest: iframe) carried protection the scan's own request did not get: ${framedPolicy.reason}`,
        };
      }
      if (judged?.code === 'csp-allows-any') {
        // `*.com` or `https:` let an attacker's own site in; Parapet's loopback page cannot stand for it.
        return {
          kind: 'inconclusive',
          why: `Chromium blocked the frame on ${ctx.attacker.origin}, but ${judged.reason}`,
        };
      }
      return { kind: 'refused', why: `Chromium blocked framing of the page in ${where}${said}.` };
    }
    if (response && response.status >= 400) {
      return {
        kind: 'refused',
        why: `the server answered ${response.status} when the page was loaded in ${where}.`,
      };
    }
    if (!sameDocument(framed.url(), url)) {
      return { kind: 'inconclusive', why: `inside the frame the page went to ${framed.url()}` };
    }
    const shown = await visible(framed);
    if (!shown.text && !shown.controls) {
      return {
        kind: 'refused',
        why: `the page hid its content inside ${where} (a framing defence in its scripts or styles).`,
      };
    }
    const decoy = await placeDecoy(page, framed);
    let files = '';
    if (ctx.artifacts) {
      const name = ctx.artifacts.name('clickjacking', url);
      const png = await ctx.artifacts.save(`${name}.png`, await page.screenshot());
      const poc = await ctx.artifacts.save(`${name}.html`, clickjackingPage(url, decoy));
      files = ` Screenshot: ${png}; proof-of-concept page: ${poc}.`;
    }
    const what = [
      shown.controls ? `${shown.controls} visible control${shown.controls === 1 ? '' : 's'}` : '',
      shown.text ? 'text' : '',
    ]
      .filter(Boolean)
      .join(' and ');
    return {
      kind: 'rendered',
      detail: `Chromium rendered the page inside ${where}, showing ${what}.${files}`,
    };
  } catch (err) {
    return {
      kind: 'inconclusive',
      why: (err instanceof Error ? err.message : String(err)).split('\n')[0]!,
      broken: true,
    };
  } finally {
    page.off('console', onConsole);
    page.off('response', onResponse);
    page.off('requestfailed', onFailure);
  }
}

/** The framing verdict the passive check gave the page (from the scan's own request). */
function scanPolicy(ctx: ProofContext, url: string): FramingPolicy | undefined {
  const seen = ctx.site.exchanges.find((e) => e.request.url === url && e.response);
  return seen?.response ? framingPolicy(seen.response.headers, htmlOf(seen).metaHttpEquiv) : undefined;
}

function sameDocument(a: string, b: string): boolean {
  const x = new URL(a);
  const y = new URL(b);
  x.hash = '';
  y.hash = '';
  return x.href === y.href;
}

/** What a victim would see in the frame: visible text and controls (run in the page; Node has no DOM types). */
const VISIBLE_SCRIPT = `(() => {
  const body = document.body;
  if (!body) return { text: false, controls: 0 };
  const shown = (e) => e.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  const controls = [...document.querySelectorAll(${JSON.stringify(CONTROLS)})].filter(shown).length;
  return { text: shown(body) && body.innerText.trim().length > 0, controls };
})()`;

function visible(framed: Frame): Promise<{ text: boolean; controls: number }> {
  return framed.evaluate<{ text: boolean; controls: number }>(VISIBLE_SCRIPT);
}

/** What an attacker wants clicked, best first: buttons, then links, then any control. */
const CLICK_TARGETS = [
  'button, input[type=submit], input[type=button], input[type=image]',
  'a[href]',
  CONTROLS,
];

/** Moves the decoy under the framed page's first visible button (or link, or control); returns where it went. */
async function placeDecoy(page: Page, framed: Frame): Promise<Box> {
  const stage = await page.locator('#stage').boundingBox();
  let control: Box | null = null;
  for (const selector of CLICK_TARGETS) {
    const target = framed.locator(selector).filter({ visible: true }).first();
    if ((await target.count()) === 0) continue;
    control = await target.boundingBox({ timeout: 1_000 }).catch(() => null);
    if (control) break;
  }
  if (!control || !stage) return DEFAULT_DECOY;
  const box: Box = {
    x: Math.round(control.x - stage.x),
    y: Math.round(control.y - stage.y),
    width: Math.max(40, Math.round(control.width)),
    height: Math.max(24, Math.round(control.height)),
  };
  const style = `left:${box.x}px;top:${box.y}px;width:${box.width}px;height:${box.height}px`;
  await page.evaluate(`document.getElementById('decoy').style.cssText += ${JSON.stringify(`;${style}`)}`);
  return box;
}
