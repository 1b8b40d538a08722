/** Fetched on every scan: what an attacker's first look would include. */
export const WELL_KNOWN_PATHS = [
  '/robots.txt',
  '/sitemap.xml',
  '/.well-known/security.txt',
  '/api',
  '/api/v1',
  '/v1',
] as const;

const MAX_ENTRIES = 50;

/** Literal paths named by Allow/Disallow lines (wildcard rules are skipped) and Sitemap URLs. */
export function robotsPaths(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/).slice(0, 2000)) {
    const m = /^\s*(allow|disallow|sitemap)\s*:\s*(\S+)/i.exec(line);
    if (!m) continue;
    const value = m[2]!;
    if (value.includes('*') || value.includes('$') || value === '/') continue;
    out.push(value);
    if (out.length >= MAX_ENTRIES) break;
  }
  return out;
}

/** `<loc>` entries of a sitemap. */
export function sitemapUrls(xml: string): string[] {
  const out: string[] = [];
  const re = /<loc>\s*([^<\s]{1,500})\s*<\/loc>/gi;
  for (let m = re.exec(xml); m && out.length < MAX_ENTRIES; m = re.exec(xml)) out.push(m[1]!);
  return out;
}
