/** A counting semaphore: at most `max` holders at once, FIFO, abortable while queued. */
export class ConcurrencyLimiter {
  private active = 0;
  private peak = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be a positive integer');
  }

  get inFlight(): number {
    return this.active;
  }

  /** Highest number of simultaneous holders seen so far. */
  get maxInFlight(): number {
    return this.peak;
  }

  /** Resolves with a release function once a slot is free; rejects if the signal aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        this.peak = Math.max(this.peak, this.active);
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.active--;
          this.queue.shift()?.();
        });
      };
      const onAbort = (): void => {
        const i = this.queue.indexOf(grant);
        if (i >= 0) this.queue.splice(i, 1);
        reject(signal?.reason);
      };
      if (this.active < this.max) {
        grant();
        return;
      }
      this.queue.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
