/**
 * A whole-run deadline (`culprit triage --timeout`, the `culprit.timeout` setting). It is an
 * AbortSignal whose reason is a `timeout` CulpritError, so every request and git process started
 * for the run stops when it passes, and code can tell a passed deadline (keep what was fetched,
 * report the rest) from a user's cancel (drop the half-done run).
 */
import { CulpritError } from '../errors';

export interface Deadline {
  /** Aborts when the deadline passes (reason: a `timeout` CulpritError) or the parent signal aborts. */
  readonly signal: AbortSignal;
  /** The deadline in ms, for messages. */
  readonly ms: number;
  /** Whether the deadline itself (not a cancel) has passed. */
  passed(): boolean;
  /** Stops the timer (call when the run ends). */
  dispose(): void;
}

/** `90 s`, `2 min`, `1 min 30 s`: for people. */
function formatSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** The error a passed deadline aborts with. `setting` names where it was set, e.g. `--timeout`. */
function deadlineError(ms: number, setting: string): CulpritError {
  return new CulpritError('timeout', `the ${formatSeconds(ms)} deadline (${setting}) passed`, { deadlineMs: ms });
}

/** Whether `e` is (or was caused by) a passed deadline rather than a per-request timeout or a cancel. */
export function isDeadlineError(e: unknown): e is CulpritError {
  return CulpritError.is(e, 'timeout') && typeof e.details?.deadlineMs === 'number';
}

/**
 * Starts a deadline of `ms` (no deadline when `ms` is 0 or not finite: the signal then follows
 * `parent` only). The timer does not keep a process alive.
 */
export function createDeadline(ms: number, setting: string, parent?: AbortSignal): Deadline {
  const controller = new AbortController();
  let passed = false;
  const timer =
    Number.isFinite(ms) && ms > 0
      ? setTimeout(() => {
          passed = true;
          controller.abort(deadlineError(ms, setting));
        }, ms)
      : null;
  timer?.unref?.();
  const onParent = (): void => controller.abort(parent?.reason);
  if (parent?.aborted) onParent();
  else parent?.addEventListener('abort', onParent, { once: true });
  return {
    signal: controller.signal,
    ms,
    passed: () => passed,
    dispose() {
      if (timer) clearTimeout(timer);
      parent?.removeEventListener('abort', onParent);
    },
  };
}
