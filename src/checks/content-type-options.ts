import { contentKind, headerValues } from '../engine/exchange.js';
import type { Exchange, HeaderMap } from '../types.js';
import { groupFailures } from './lib/group.js';
import { splitHeaderValues } from './lib/header-list.js';
import { defineCheck } from './types.js';

/**
 * Fetch's "determine nosniff": the first value of the header list, matched ASCII
 * case-insensitively. `nosniff, sniff` protects; `sniff, nosniff`, `"nosniff"` and an empty
 * first value do not.
 */
export function hasNosniff(headers: HeaderMap): boolean {
  const values = splitHeaderValues(headerValues(headers, 'x-content-type-options'));
  return values[0]?.toLowerCase() === 'nosniff';
}

/** Media a browser may sniff into something else, or run as script: not images, fonts, audio, video, CSS. */
function sniffable(ex: Exchange): boolean {
  const res = ex.response!;
  if (res.body.length === 0) return false;
  switch (contentKind(res)) {
    case 'document':
    case 'json':
    case 'script':
    case 'text':
      return true;
    case 'other':
      return !/^(font|audio|video|model)\//.test(res.mediaType);
    default:
      return false;
  }
}

export default defineCheck({
  meta: {
    id: 'content-type-options',
    title: 'Responses may be MIME-sniffed',
    category: 'headers',
    mode: 'passive',
    since: '0.1.0',
    sameAs: ['zap:10021'],
    maxRequests: 0,
    rules: {
      'content-type-options-missing': {
        title: 'X-Content-Type-Options: nosniff missing',
        severity: 'low',
        owasp: 'API8',
        cwe: 693,
      },
    },
  },
  async *run(ctx) {
    const judged = ctx.exchanges({ status: '2xx' }).filter(sniffable);
    const failing = judged.filter((ex) => !hasNosniff(ex.response!.headers));
    for (const group of groupFailures(judged, failing)) {
      const kinds = [...new Set(group.members.map((ex) => ex.response!.mediaType || 'no Content-Type'))];
      const sent = headerValues(group.example.response!.headers, 'x-content-type-options');
      const how =
        sent.length > 0
          ? `X-Content-Type-Options is "${sent.join(', ')}", not nosniff first`
          : 'no X-Content-Type-Options';
      yield ctx.finding('content-type-options-missing', group.example, {
        confidence: 'firm',
        url: group.url,
        instances: group.instances,
        headers: ['content-type', 'x-content-type-options'],
        detail: `${group.instances} of ${group.judged} responses (${kinds.slice(0, 4).join(', ')}) carry ${how}.`,
      });
    }
  },
});
