/** The system Chromium, driven by playwright-core (which never downloads a browser of its own here). */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { HeaderMap } from '../types.js';

/** Debian's Chromium; PARAPET_CHROMIUM points elsewhere. */
export const CHROMIUM_PATH = process.env.PARAPET_CHROMIUM ?? '/usr/bin/chromium';

/** Headless, no sandbox (containers), and nothing that phones home: no sync, updates or background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Launches a headless Chromium with a fresh, temporary profile (playwright removes it on close). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Playwright's headers (lower-case names, repeated values joined by newlines) as Parapet's HeaderMap. */
export function headerMap(headers: Record<string, string>): HeaderMap {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.split('\n')]));
}
