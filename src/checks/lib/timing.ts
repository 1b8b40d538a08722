/** Telling a real timing difference from network noise, over a handful of interleaved samples. */

/** A gap counts when it is this large in absolute terms and this many times the spread. */
const MIN_GAP_MS = 50;
const SPREAD_FACTOR = 3;
const MIN_SAMPLES = 5;

export interface TimingGap {
  slowMedian: number;
  fastMedian: number;
  gap: number;
  spread: number;
}

/**
 * A timing difference beyond noise: the medians at least 50 ms apart and more than three times the
 * larger interquartile range, and the two samples not overlapping at all.
 */
export function timingGap(slow: readonly number[], fast: readonly number[]): TimingGap | undefined {
  if (slow.length < MIN_SAMPLES || fast.length < MIN_SAMPLES) return undefined;
  const slowMedian = quantile(slow, 0.5);
  const fastMedian = quantile(fast, 0.5);
  const gap = slowMedian - fastMedian;
  const spread = Math.max(iqr(slow), iqr(fast));
  if (gap < MIN_GAP_MS || gap <= SPREAD_FACTOR * spread) return undefined;
  if (Math.min(...slow) <= Math.max(...fast)) return undefined;
  return {
    slowMedian: Math.round(slowMedian),
    fastMedian: Math.round(fastMedian),
    gap: Math.round(gap),
    spread: Math.round(spread),
  };
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

function iqr(values: readonly number[]): number {
  return quantile(values, 0.75) - quantile(values, 0.25);
}
