import { headerValue } from '../engine/exchange.js';
import type { Exchange } from '../types.js';
import { BANNER_HEADERS, bannerVersions } from './lib/banners.js';
import { defineCheck } from './types.js';

interface Banner {
  header: string;
  value: string;
  versions: string[];
}

/** Display names for the report (header names are stored lower-case). */
const DISPLAY: Record<string, string> = {
  server: 'Server',
  'x-powered-by': 'X-Powered-By',
  'x-aspnet-version': 'X-AspNet-Version',
  'x-aspnetmvc-version': 'X-AspNetMvc-Version',
  'x-generator': 'X-Generator',
  via: 'Via',
};

function bannersOf(ex: Exchange): Banner[] {
  const out: Banner[] = [];
  for (const header of BANNER_HEADERS) {
    const value = headerValue(ex.response?.headers, header);
    if (value === undefined) continue;
    const versions = bannerVersions(header, value);
    if (versions.length > 0) out.push({ header, value, versions });
  }
  return out;
}

export default defineCheck({
  meta: {
    id: 'server-version',
    title: 'Software versions in response headers',
    category: 'inventory',
    mode: 'passive',
    since: '0.1.0',
    sameAs: ['zap:10036', 'zap:10037'],
    maxRequests: 0,
    rules: {
      'server-version-disclosure': {
        title: 'Server banner discloses a version',
        severity: 'low',
        owasp: 'API8',
        cwe: 497,
      },
    },
  },
  async *run(ctx) {
    // One finding per origin: every versioned banner it sent (any status: error pages count too).
    const origins = new Map<
      string,
      { banners: Map<string, Banner>; urls: Set<string>; example: Exchange; shown: number }
    >();
    for (const ex of ctx.exchanges()) {
      const banners = bannersOf(ex);
      if (banners.length === 0) continue;
      const origin = new URL(ex.request.url).origin;
      let entry = origins.get(origin);
      if (!entry) {
        entry = { banners: new Map(), urls: new Set(), example: ex, shown: banners.length };
        origins.set(origin, entry);
      }
      entry.urls.add(ex.request.url);
      for (const b of banners) if (!entry.banners.has(b.header)) entry.banners.set(b.header, b);
      if (banners.length > entry.shown) {
        entry.example = ex;
        entry.shown = banners.length;
      }
    }
    for (const [origin, entry] of origins) {
      const banners = [...entry.banners.values()];
      const list = banners.map((b) => `${DISPLAY[b.header]}: ${b.value}`).join('; ');
      const versions = banners.flatMap((b) => b.versions).join(', ');
      yield ctx.finding('server-version-disclosure', entry.example, {
        confidence: 'firm',
        url: origin,
        instances: entry.urls.size,
        headers: banners.map((b) => b.header),
        detail: `Response headers name software versions (${versions}): ${list}.`,
      });
    }
  },
});
