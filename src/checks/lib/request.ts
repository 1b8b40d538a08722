import type { SendOptions } from '../../engine/engine.js';
import { isParapetError } from '../../errors.js';
import type { Exchange } from '../../types.js';
import type { CheckContext } from '../types.js';

/**
 * Sends a probe; undefined when no response came back or the budget (the check's or the scan's)
 * is spent, so a check reports what it could test. Other errors (abort, scope) propagate.
 */
export async function tryRequest(
  ctx: Pick<CheckContext, 'request'>,
  opts: Omit<SendOptions, 'initiator'>,
): Promise<Exchange | undefined> {
  try {
    const ex = await ctx.request(opts);
    return ex.response ? ex : undefined;
  } catch (err) {
    if (isParapetError(err, 'PARAPET_BUDGET')) return undefined;
    throw err;
  }
}
