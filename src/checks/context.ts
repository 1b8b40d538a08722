import type { ScanConfig } from '../config/schema.js';
import type { Site } from '../discovery/site.js';
import type { Engine } from '../engine/engine.js';
import { contentKind, headerValue, requestLine, statusClass } from '../engine/exchange.js';
import { ParapetError } from '../errors.js';
import type { Exchange } from '../types.js';
import { maskFindingUrls } from './lib/url-secrets.js';
import type { Check, CheckContext, ExchangeFilter, FindingInput, RawFinding } from './types.js';

const EXCERPT_CHARS = 400;

export function createContext<R extends string>(
  check: Check<R>,
  engine: Engine,
  site: Site,
  config: ScanConfig,
  notes: string[],
  signal: AbortSignal,
): CheckContext<R> {
  let used = 0;
  const withResponse = site.exchanges.filter((ex) => ex.response);
  return {
    config,
    target: new URL(config.target),
    site,
    signal,
    exchanges(filter?: ExchangeFilter): Exchange[] {
      if (!filter) return withResponse;
      const kinds = filter.kind === undefined ? undefined : [filter.kind].flat();
      const statuses = filter.status === undefined ? undefined : [filter.status].flat();
      return withResponse.filter(
        (ex) =>
          (!kinds || kinds.includes(contentKind(ex.response))) &&
          (!statuses || statuses.includes(statusClass(ex.response!.status))),
      );
    },
    async request(opts) {
      if (used >= check.meta.maxRequests) {
        throw new ParapetError(
          'PARAPET_BUDGET',
          `check ${check.meta.id} spent its ${check.meta.maxRequests} requests`,
        );
      }
      used++;
      return engine.send({ ...opts, initiator: check.meta.id });
    },
    finding(rule: R, ex: Exchange, input: FindingInput): RawFinding {
      const meta = check.meta.rules[rule];
      const headers: Record<string, string> = {};
      for (const name of input.headers ?? []) {
        const v = headerValue(ex.response?.headers, name);
        if (v !== undefined) headers[name.toLowerCase()] = v;
      }
      return maskFindingUrls({
        rule,
        check: check.meta.id,
        ...(input.subject !== undefined ? { subject: input.subject } : {}),
        severity: input.severity ?? meta.severity,
        confidence: input.confidence,
        method: input.method ?? ex.request.method,
        url: input.url ?? ex.request.url,
        identity: ex.identity,
        ...(input.instances !== undefined ? { instances: input.instances } : {}),
        evidence: {
          request: requestLine(ex),
          ...(ex.response ? { status: ex.response.status } : {}),
          ...(Object.keys(headers).length > 0 ? { headers } : {}),
          ...(input.excerpt !== undefined ? { excerpt: trimExcerpt(input.excerpt) } : {}),
          detail: input.detail,
        },
      });
    },
    note(text: string) {
      notes.push(`${check.meta.id}: ${text}`);
    },
  };
}

function trimExcerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_CHARS ? flat : `${flat.slice(0, EXCERPT_CHARS)}…`;
}
