/**
 * The signal of the run a git call is made for (a triage's deadline or cancel), carried by async
 * context rather than threaded through every workspace, cache and suspect-port call: each git
 * process started inside {@link withRunSignal} stops when that run's signal aborts.
 *
 * On Node 20 the first `AsyncLocalStorage.run` installs promise hooks that tax every promise of the
 * process from then on (~5% of a CLI triage). A run that owns the process's git work while it lasts
 * (the CLI's {@link runTriage}) therefore goes through {@link withSoleRunSignal}: its signal is held
 * in a module variable, and async context is used only when runs overlap (the extension's folders).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const store = new AsyncLocalStorage<AbortSignal>();
/** The signal of the sole run in flight, when it is carried without async context. */
let sole: AbortSignal | undefined;
/** Runs in flight under async context. */
let contextual = 0;

/** Runs `fn` with `signal` applying to every git process it starts (directly or through caches). */
export async function withRunSignal<T>(signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
  if (!signal) return fn();
  contextual++;
  try {
    return await store.run(signal, fn);
  } finally {
    contextual--;
  }
}

/**
 * {@link withRunSignal} for a run that is the only git work of the process while it lasts (the CLI):
 * when no other run is in flight its signal is carried without async context, so it also applies to
 * git calls started outside `fn` meanwhile; when runs overlap it falls back to async context.
 */
export async function withSoleRunSignal<T>(signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
  if (!signal) return fn();
  if (sole !== undefined || contextual > 0) return withRunSignal(signal, fn);
  sole = signal;
  try {
    return await fn();
  } finally {
    sole = undefined;
  }
}

/** The current run's signal, if any. */
export function currentRunSignal(): AbortSignal | undefined {
  return store.getStore() ?? sole;
}
