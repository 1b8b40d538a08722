/**
 * Browser proof of `csrf-cross-origin-accepted`: the forged form, as the probe sent it, submits itself
 * from the attacker's site in Chromium, which holds the scan's cookies. The browser decides which
 * cookies go along (its SameSite rules, not Parapet's model) and the server's answer decides the rest.
 */
import type { Page } from 'playwright-core';
import { FOREIGN_ORIGIN } from '../checks/csrf-cross-origin-accepted.js';
import { victimCookies } from '../checks/lib/ambient.js';
import { decodeForm, judgeResponse, MARKER, newMarker } from '../checks/lib/submit.js';
import { maskUrlSecrets } from '../checks/lib/url-secrets.js';
import type { RawFinding } from '../checks/types.js';
import type { Exchange } from '../types.js';
import { headerMap } from './chromium.js';
import { csrfPage } from './pages.js';
import type { ProofContext, Prover } from './types.js';

const MAX_FORMS = 5;
const PROBE = 'csrf-cross-origin-accepted';

type Verdict =
  | { kind: 'confirmed'; detail: string }
  | { kind: 'refused'; why: string }
  | { kind: 'unsent'; detail: string }
  /** `broken`: the tab failed (a timeout, a crash) and is not reused. */
  | { kind: 'inconclusive'; why: string; broken?: boolean };

export const csrfProver: Prover = {
  rule: 'csrf-cross-origin-accepted',
  async prove(findings, ctx) {
    const out: RawFinding[] = [];
    let tried = 0;
    let tab: Page | undefined;
    for (const f of findings) {
      const forged = tried < MAX_FORMS && !ctx.signal.aborted ? forgedRequest(f, ctx) : undefined;
      if (!forged) {
        out.push(f);
        continue;
      }
      tried++;
      tab ??= await ctx.page();
      const verdict = await submit(ctx, tab, forged);
      if (verdict.kind === 'inconclusive' && verdict.broken) {
        await tab.close().catch(() => {});
        tab = undefined;
      }
      const where = `${f.method} ${f.url}`;
      if (verdict.kind === 'confirmed') {
        out.push({
          ...f,
          confidence: 'confirmed',
          evidence: { ...f.evidence, detail: `${f.evidence.detail} ${verdict.detail}` },
        });
      } else if (verdict.kind === 'refused') {
        ctx.note(`csrf-cross-origin-accepted: withdrawn for ${where}: ${verdict.why}`);
      } else if (verdict.kind === 'unsent') {
        out.push({ ...f, evidence: { ...f.evidence, detail: `${f.evidence.detail} ${verdict.detail}` } });
      } else {
        ctx.note(
          `csrf-cross-origin-accepted: the browser proof for ${where} was inconclusive (${verdict.why}).`,
        );
        out.push(f);
      }
    }
    await tab?.close().catch(() => {});
    return out;
  },
};

/**
 * The forged form submission the probe sent for the finding (the one with cookies, not the control).
 * Forged JSON operations (sent as a script's fetch, not a navigation) have no form to replay.
 */
function forgedRequest(f: RawFinding, ctx: ProofContext): Exchange | undefined {
  return ctx.exchanges.find(
    (ex) =>
      ex.initiator === PROBE &&
      ex.request.method === 'POST' &&
      ex.request.headers['sec-fetch-mode'] === 'navigate' &&
      ex.request.headers.origin === FOREIGN_ORIGIN &&
      ex.request.headers.cookie !== undefined &&
      (ex.request.url === f.url || maskUrlSecrets(ex.request.url) === f.url),
  );
}

async function submit(ctx: ProofContext, page: Page, forged: Exchange): Promise<Verdict> {
  const action = forged.request.url;
  const { enctype, pairs } = decodeForm(forged.request.headers['content-type'], forged.request.body ?? '');
  // A new marker, so that a change read back afterwards is this submission's.
  const marker = newMarker();
  const fields = pairs.map(([n, v]): [string, string] => [n, v.replace(MARKER, marker)]);
  const poc = csrfPage(action, enctype, fields);
  const riders = victimCookies(action, ctx.site.exchanges, ctx.config.credentials?.cookie).filter(
    (c) => c.authenticates,
  );
  try {
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === action, {
      timeout: ctx.config.timeoutMs,
    });
    await page.goto(ctx.attacker.serve(`/csrf/${encodeURIComponent(action)}`, poc), {
      waitUntil: 'commit',
      timeout: ctx.config.timeoutMs,
    });
    const response = await answered;
    const sentCookies = ((await response.request().allHeaders()).cookie ?? '')
      .split(';')
      .map((pair) => pair.split('=')[0]!.trim());
    const sent = riders.filter((c) => sentCookies.includes(c.name));
    const headers = await response.allHeaders();
    const body = await response.text().catch(() => '');
    const answer = judgeResponse(action, {
      status: response.status(),
      headers: headerMap(headers),
      body,
      mediaType: (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase(),
    });
    await page.waitForLoadState('load').catch(() => {});
    let files = '';
    if (ctx.artifacts) {
      const name = ctx.artifacts.name('csrf-cross-origin-accepted', action);
      const png = await ctx.artifacts.save(`${name}.png`, await page.screenshot());
      const html = await ctx.artifacts.save(`${name}.html`, poc);
      files = ` Screenshot of the answer: ${png}; proof-of-concept page: ${html}.`;
    }
    const from = `a page on ${ctx.attacker.origin} (another site)`;
    if (sent.length === 0) {
      const kept = riders.map((c) => c.describe).join(', ') || 'no session cookie';
      return {
        kind: 'unsent',
        detail: `In Chromium the form submitted from ${from} went without the session cookie (${kept}): Chromium treats a cookie without SameSite as Lax (except on top-level POSTs in the two minutes after it is set) and drops SameSite=None without Secure; Firefox and Safari still send cookies without SameSite on cross-site POSTs.${files}`,
      };
    }
    const names = sent.map((c) => `\`${c.name}\``).join(', ');
    if (!answer.accepted) {
      return {
        kind: 'refused',
        why: `Chromium submitted the form from ${from} with the cookie ${names}, and the server refused it (${answer.why}).${files}`,
      };
    }
    const readBack = fields.some(([, v]) => v.includes(marker))
      ? await showsMarker(ctx, page, action, marker)
      : undefined;
    return {
      kind: 'confirmed',
      detail: `Chromium confirmed it: ${from} submitted the form, the browser attached ${names}, and the server ${answer.summary}${readBack ? `; the submitted value then showed on ${readBack}` : ''}.${files}`,
    };
  } catch (err) {
    return {
      kind: 'inconclusive',
      why: (err instanceof Error ? err.message : String(err)).split('\n')[0]!,
      broken: true,
    };
  }
}

/** Opens the form's page as the victim (a same-site visit) and looks for the marker. */
async function showsMarker(
  ctx: ProofContext,
  page: Page,
  action: string,
  marker: string,
): Promise<string | undefined> {
  const url =
    ctx.site.forms.find((f) => f.method === 'POST' && f.action === action)?.pageUrl ?? `${ctx.site.origin}/`;
  await page.goto(url, { waitUntil: 'load', timeout: ctx.config.timeoutMs });
  return (await page.content()).includes(marker) ? url : undefined;
}
