/**
 * Which exception of a Python chain is the crash. `raise … from` (a direct cause) keeps the root
 * cause's frames first. An exception raised while handling another (`During handling …`, or a
 * chain whose link is unknown, as the sentry-python SDK sends a plain chain) is the crash when
 * its own line is not a `raise`: the handler itself failed there. A `raise` there translates the
 * error, and the inner exception stays the root.
 */
import type { ExceptionRecord } from '../model/event.types';

/** How exception k+1 of a chain (root cause first) holds exception k. */
export type PythonLink = 'cause' | 'context' | 'unknown';

const RAISE = /^raise\b/;

/** True when the exception's own line (its crashing frame's source) is a `raise` statement. */
function raisedExplicitly(ex: ExceptionRecord): boolean | null {
  const line = ex.frames[0]?.context?.line;
  return typeof line === 'string' ? RAISE.test(line.trim()) : null;
}

/**
 * Index (root cause first) of the exception whose frames are the crash; 0 when the root cause is.
 * `links[k]` joins exceptions k and k+1. An exception whose line is unknown is never the crash.
 */
export function pythonCrashIndex(chain: readonly ExceptionRecord[], links: readonly PythonLink[]): number {
  let crash = 0;
  for (let k = 0; k + 1 < chain.length; k++) {
    if ((links[k] ?? 'unknown') === 'cause') continue;
    if (raisedExplicitly(chain[k + 1]) === false) crash = k + 1;
  }
  return crash;
}

/** Marks the crash of a Python chain (`crashing`), when it is not the root cause. */
export function markPythonCrash(chain: ExceptionRecord[], links: readonly PythonLink[]): void {
  const crash = pythonCrashIndex(chain, links);
  if (crash > 0) chain[crash].crashing = true;
}
