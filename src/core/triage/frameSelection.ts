/**
 * Turns an event's exception chain into one frame list, crashing frame first: the root cause's
 * frames (where the failure started), then the frames of the exceptions wrapped around it that
 * are not already listed (a Java `Caused by:` repeats its callers; those appear once).
 */
import type { ErrorEvent, ExceptionRecord, RawFrame } from '../model/event.types';
import { FRAME_CAP, foldFrames } from '../stack/frameFolder';

const MAX_FRAMES = FRAME_CAP;

function key(f: RawFrame): string {
  if (f.folded) return `folded\0${f.raw}`;
  return `${f.path ?? ''}\0${f.module ?? ''}\0${f.function ?? ''}\0${f.line ?? ''}\0${f.column ?? ''}`;
}

/**
 * Root cause first (the model's order), unless an exception is marked `crashing` (a failed
 * handler): its frames come first. Exceptions without frames are skipped. Recursion is folded and
 * the list capped by the one rule every source follows (stack/frameFolder: head, marker, tail).
 */
export function flattenFrames(exceptions: ExceptionRecord[]): RawFrame[] {
  const seen = new Set<string>();
  const out: RawFrame[] = [];
  const crashing = exceptions.find((e) => e.crashing === true);
  for (const ex of crashing ? [crashing, ...exceptions.filter((e) => e !== crashing)] : exceptions) {
    for (const f of foldFrames(ex.frames)) {
      const k = key(f);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(f);
    }
  }
  return out.length > MAX_FRAMES ? foldFrames(out) : out;
}

/** The exception a person would name the error by: the outermost one. */
export function primaryException(event: ErrorEvent): ExceptionRecord | null {
  return event.exceptions[event.exceptions.length - 1] ?? null;
}

/** `Type: value`, or the event message, or a placeholder. */
export function titleOf(event: ErrorEvent): string {
  const ex = primaryException(event);
  const text = ex ? [ex.type, ex.value].filter((x) => x).join(': ') : '';
  return (text || event.message || 'Unknown error').slice(0, 300);
}
