import { type ParamPoint, parameterPoints, withValue } from '../../discovery/parameters.js';
import type { Site } from '../../discovery/site.js';
import type { Exchange } from '../../types.js';
import type { CheckContext } from '../types.js';
import { tryRequest } from './request.js';

/** Parameter points probed for error pages, at most (one request each). */
export const ERROR_PROBE_POINTS = 12;
/**
 * An odd value most handlers do not expect: not a number, quotes that break string syntax, a
 * backslash that breaks escaping. It carries no markup and no SQL keyword.
 */
export const ERROR_PROBE_VALUE = 'parapet\'"\\';

export interface ErrorProbe {
  point: ParamPoint;
  exchange: Exchange;
}

const shared = new WeakMap<Site, Promise<ErrorProbe[]>>();

/**
 * Sends the error-provoking probe to each parameter point, once per scan: `debug-mode` and
 * `stack-trace` read the same answers (one judges debuggers, the other traces), so whichever runs
 * first sends the requests (on its own budget) and the other awaits them.
 */
export function errorProbes(ctx: Pick<CheckContext, 'site' | 'request'>): Promise<ErrorProbe[]> {
  let probes = shared.get(ctx.site);
  if (!probes) {
    probes = send(ctx);
    shared.set(ctx.site, probes);
  }
  return probes;
}

async function send(ctx: Pick<CheckContext, 'site' | 'request'>): Promise<ErrorProbe[]> {
  const answers = await Promise.all(
    parameterPoints(ctx.site, ERROR_PROBE_POINTS).map(async (point) => ({
      point,
      exchange: await tryRequest(ctx, { url: withValue(point, ERROR_PROBE_VALUE) }),
    })),
  );
  return answers.filter((a): a is ErrorProbe => a.exchange !== undefined);
}
