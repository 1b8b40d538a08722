/**
 * Browser proofs: after the checks, findings a browser can settle are tried in the system Chromium
 * (`--active --browser`). One browser context per scan holds the scan's cookies; the attacker's pages
 * come from Parapet's own server on another site; requests outside the scan's scope are blocked.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { chromiumInstalled, chromiumPath, launchChromium } from '../browser/chromium.js';
import { cookiePairs } from '../checks/lib/ambient.js';
import { liveCookies } from '../checks/lib/cookies.js';
import type { RawFinding } from '../checks/types.js';
import type { ScanConfig } from '../config/schema.js';
import type { Site } from '../discovery/site.js';
import type { Exchange } from '../types.js';
import { type Artifacts, openArtifacts } from './artifacts.js';
import { type AttackerSite, startAttacker } from './attacker.js';
import { clickjackingProver } from './clickjacking.js';
import { csrfProver } from './csrf.js';
import type { ProofContext, Prover } from './types.js';

export const PROVERS: readonly Prover[] = [clickjackingProver, csrfProver];

export interface ProofEnv {
  config: ScanConfig;
  site: Site;
  engine: { readonly exchanges: readonly Exchange[]; inScope(url: string): boolean };
  notes: string[];
  signal: AbortSignal;
  /** A running browser to reuse (the caller closes it); else Chromium is launched and closed here. */
  browser?: Browser;
}

type Cookie = Parameters<BrowserContext['addCookies']>[0][number];

/** The findings after the browser proofs: confirmed, unchanged, or withdrawn (with a note). */
export async function runProofs(raw: RawFinding[], env: ProofEnv): Promise<RawFinding[]> {
  const note = (text: string) => env.notes.push(`browser proof: ${text}`);
  if (env.config.mode !== 'active') {
    note('needs --active; no proof ran.');
    return raw;
  }
  const work = PROVERS.filter((p) => raw.some((f) => f.rule === p.rule));
  if (work.length === 0) return raw;
  let browser = env.browser;
  if (!browser) {
    if (!chromiumInstalled()) {
      note(`no Chromium at ${chromiumPath()}; findings stand as the checks reported them.`);
      return raw;
    }
    try {
      browser = await launchChromium();
    } catch (err) {
      note(`Chromium did not start (${firstLine(err)}); findings stand as the checks reported them.`);
      return raw;
    }
  }
  let attacker: AttackerSite | undefined;
  let context: BrowserContext | undefined;
  const stop = () => void context?.close().catch(() => {});
  env.signal.addEventListener('abort', stop, { once: true });
  try {
    let artifacts: Artifacts | undefined;
    if (env.config.artifactsDir) {
      artifacts = await openArtifacts(env.config.artifactsDir).catch((err: unknown) => {
        note(
          `cannot write to ${env.config.artifactsDir} (${firstLine(err)}); no screenshots or pages were saved.`,
        );
        return undefined;
      });
    }
    attacker = await startAttacker(new URL(env.site.origin));
    context = await browser.newContext({
      viewport: { width: 1000, height: 720 },
      ignoreHTTPSErrors: env.config.insecure,
    });
    context.setDefaultTimeout(env.config.timeoutMs);
    const blocked = new Set<string>();
    const own = attacker.origin;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (!/^https?:/i.test(url) || new URL(url).origin === own || env.engine.inScope(url))
        return route.continue();
      blocked.add(new URL(url).origin);
      return route.abort('blockedbyclient');
    });
    await context.addCookies(browserCookies(env.site, env.config.credentials?.cookie));
    const ctx: ProofContext = {
      config: env.config,
      site: env.site,
      exchanges: env.engine.exchanges,
      page: () => context!.newPage(),
      attacker,
      artifacts,
      note: (text) => env.notes.push(text),
      signal: env.signal,
    };
    let out = raw.filter((f) => !work.some((p) => p.rule === f.rule));
    for (const prover of work) {
      const mine = raw.filter((f) => f.rule === prover.rule);
      try {
        out = [...out, ...(await prover.prove(mine, ctx))];
      } catch (err) {
        note(`${prover.rule} failed (${firstLine(err)}); its findings stand as the checks reported them.`);
        out = [...out, ...mine];
      }
    }
    if (blocked.size > 0) {
      note(
        `requests to origins outside the scan's scope were blocked in the browser: ${[...blocked].sort().join(', ')}.`,
      );
    }
    return out;
  } catch (err) {
    note(`could not run (${firstLine(err)}); findings stand as the checks reported them.`);
    return raw;
  } finally {
    env.signal.removeEventListener('abort', stop);
    await context?.close().catch(() => {});
    await attacker?.close();
    if (!env.browser) await browser.close().catch(() => {});
  }
}

/**
 * The scan's cookies for the browser, with the attributes the target set (SameSite, Secure, HttpOnly,
 * Path, Domain) so that the browser applies its own rules to them. A cookie given to the scan has
 * no known attributes: the browser's defaults apply.
 */
function browserCookies(site: Site, given: string | undefined): Cookie[] {
  const origin = new URL(site.origin);
  const out = new Map<string, Cookie>();
  for (const { cookie } of liveCookies(site.exchanges).values()) {
    const a = cookie.attributes;
    const sameSite = { strict: 'Strict', lax: 'Lax', none: 'None' }[a.samesite?.toLowerCase() ?? ''] as
      | Cookie['sameSite']
      | undefined;
    const path = a.path?.startsWith('/') ? a.path : '/';
    const where = a.domain
      ? { domain: `.${a.domain.replace(/^\./, '')}`, path }
      : path === '/'
        ? { url: `${origin.origin}/` }
        : { domain: origin.hostname, path };
    out.set(cookie.name, {
      name: cookie.name,
      value: cookie.value,
      ...where,
      httpOnly: 'httponly' in a,
      secure: 'secure' in a,
      ...(sameSite ? { sameSite } : {}),
    });
  }
  for (const [name, value] of cookiePairs(given)) {
    if (!out.has(name)) out.set(name, { name, value, url: `${origin.origin}/` });
  }
  return [...out.values()];
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}
