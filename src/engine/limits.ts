/** A counting semaphore: at most `size` holders at once, FIFO. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async acquire(): Promise<() => void> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
  }
}

/** Spaces requests to one host at least 1/rate seconds apart; a pause (Retry-After) delays all. */
export class HostPacer {
  private readonly next = new Map<string, number>();

  constructor(private readonly ratePerSecond: number) {}

  /** Milliseconds to wait before this request may go. Reserves its slot. */
  reserve(host: string, now: number): number {
    const interval = 1000 / this.ratePerSecond;
    const slot = Math.max(now, this.next.get(host) ?? 0);
    this.next.set(host, slot + interval);
    return slot - now;
  }

  pause(host: string, until: number): void {
    if ((this.next.get(host) ?? 0) < until) this.next.set(host, until);
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Retry-After as milliseconds (delta-seconds or HTTP date), or undefined when absent or invalid. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
