/**
 * The signal of the run a git call is made for (a triage's deadline or cancel), carried by async
 * context rather than threaded through every workspace, cache and suspect-port call: each git
 * process started inside {@link withRunSignal} stops when that run's signal aborts.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const store = new AsyncLocalStorage<AbortSignal>();

/** Runs `fn` with `signal` applying to every git process it starts (directly or through caches). */
export function withRunSignal<T>(signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
  return signal ? store.run(signal, fn) : fn();
}

/** The current run's signal, if any. */
export function currentRunSignal(): AbortSignal | undefined {
  return store.getStore();
}
