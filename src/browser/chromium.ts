/**
 * The system Chromium through playwright-core (never a downloaded browser): headless, no sandbox (CI
 * containers run as root), nothing that phones home, and a fresh profile that is removed afterwards.
 */

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { ParapetError } from '../errors.js';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** PARAPET_CHROMIUM names another Chromium or Chrome binary; Debian's is the default. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.PARAPET_CHROMIUM || '/usr/bin/chromium';
}

export function chromiumInstalled(): boolean {
  return existsSync(chromiumPath());
}

/** A headless browser with a temporary profile (playwright removes it on close), for proofs that need several contexts. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  } catch (err) {
    throw browserError(err);
  }
}

function browserError(err: unknown): ParapetError {
  const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return new ParapetError(
    'PARAPET_BROWSER',
    `cannot start Chromium at ${chromiumPath()} (install Debian's chromium or set PARAPET_CHROMIUM): ${why}`,
  );
}

/** Runs `use` with a fresh headless browser context and always closes it and deletes its profile. */
export async function withChromium<T>(use: (context: BrowserContext) => Promise<T>): Promise<T> {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(join(tmpdir(), 'parapet-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_ARGS,
      offline: true,
    });
  } catch (err) {
    await rm(profile, { recursive: true, force: true });
    throw browserError(err);
  }
  try {
    return await use(context);
  } finally {
    await context.close().catch(() => {});
    await rm(profile, { recursive: true, force: true });
  }
}
