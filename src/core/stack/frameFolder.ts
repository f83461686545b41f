/**
 * One frame cap for every runtime, with recursion folded. A stack overflow repeats one frame (or a
 * cycle of a few) tens of thousands of times; every parser and decoder hands its frames through
 * here so each trace keeps its head, one line for the recursion (`… 99,990 more frames of
 * recursion in f …`) and its tail, at most {@link FRAME_CAP} entries, whatever the runtime.
 */
import type { RawFrame } from '../model/event.types';

/** Most entries a trace keeps (markers included). */
export const FRAME_CAP = 500;
/** Entries kept from the outermost end when a trace is cut (the callers that started it all). */
export const FRAME_TAIL = 50;
/** Longest cycle recognised as recursion (mutual recursion through a few functions). */
const MAX_CYCLE = 8;
/** How many times a cycle shows before the rest of it is folded. */
const SHOWN_REPEATS = 2;

/** The same call site: what repeats in a recursion (no string is built: this runs per frame). */
function same(a: RawFrame, b: RawFrame): boolean {
  return (
    a.line === b.line &&
    a.function === b.function &&
    a.path === b.path &&
    a.column === b.column &&
    a.module === b.module
  );
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** What a marker stands for: a count of real frames. */
function weight(f: RawFrame): number {
  return typeof f.folded === 'number' && f.folded > 0 ? f.folded : 1;
}

/** The inApp of a marker: app code when any folded frame was, library when all were. */
function inAppOf(frames: readonly RawFrame[]): boolean | null {
  if (frames.some((f) => f.inApp === true)) return true;
  return frames.length > 0 && frames.every((f) => f.inApp === false) ? false : null;
}

/** A marker entry standing for `n` frames: no path, no line, its text says what was folded. */
function foldMarker(text: string, n: number, inApp: boolean | null): RawFrame {
  return { path: null, module: null, function: null, line: null, column: null, inApp, raw: text, folded: n };
}

/** `… 99,990 more frames of recursion in f …`, naming up to three functions of the cycle. */
export function recursionMarker(n: number, cycle: readonly RawFrame[]): RawFrame {
  const names = [...new Set(cycle.map((f) => f.function).filter((x): x is string => !!x))].slice(0, 3);
  const what = names.length
    ? `recursion in ${names.join(' → ').slice(0, 300)}`
    : `recursion (the same ${cycle.length} frame${cycle.length === 1 ? '' : 's'})`;
  return foldMarker(`… ${count(n)} more frame${n === 1 ? '' : 's'} of ${what} …`, n, inAppOf(cycle));
}

/**
 * Folds as frames arrive (crashing frame first), so a parser can bound its memory: the head is
 * kept, a repeated cycle becomes one marker, and once the head is full only the last
 * {@link FRAME_TAIL} entries are kept, with one marker for what was cut between.
 */
export class FrameFolder {
  private readonly head: RawFrame[] = [];
  private readonly tail: RawFrame[] = [];
  private cut = 0;
  /** One app frame among the cut ones (or one cut frame), for the cut marker's inApp. */
  private cutSample: RawFrame[] = [];
  /** The last emitted frames (for cycle detection); reset by a marker. */
  private recent: RawFrame[] = [];
  private folding: { cycle: RawFrame[]; pos: number; n: number } | null = null;

  constructor(
    private readonly cap = FRAME_CAP,
    private readonly tailSize = Math.min(FRAME_TAIL, Math.floor(cap / 4)),
  ) {}

  /** Frames cut between the head and the tail (not counting folded recursion). */
  get cutFrames(): number {
    return this.cut;
  }

  push(frame: RawFrame): void {
    if (frame.folded) {
      this.endFold();
      this.emit(frame);
      this.recent = [];
      return;
    }
    const f = this.folding;
    if (f) {
      if (same(f.cycle[f.pos % f.cycle.length], frame)) {
        f.pos++;
        f.n++;
        return;
      }
      this.endFold();
    }
    const r = this.recent;
    for (let k = 1; k <= MAX_CYCLE && r.length >= k * SHOWN_REPEATS; k++) {
      if (!same(r[r.length - k], frame) || !this.repeats(k)) continue;
      this.folding = { cycle: r.slice(r.length - k), pos: 1, n: 1 };
      return;
    }
    this.emit(frame);
    r.push(frame);
    if (r.length > MAX_CYCLE * SHOWN_REPEATS * 4) r.splice(0, r.length - MAX_CYCLE * SHOWN_REPEATS);
  }

  /** The folded, capped frames (crashing first). */
  finish(): RawFrame[] {
    this.endFold();
    if (this.cut === 0) return [...this.head, ...this.tail];
    const marker = foldMarker(`… ${count(this.cut)} more frames …`, this.cut, inAppOf(this.cutSample));
    return [...this.head, marker, ...this.tail];
  }

  /** Whether the last `k` recent frames repeat the `k` before them, SHOWN_REPEATS times in all. */
  private repeats(k: number): boolean {
    const r = this.recent;
    for (let rep = 1; rep < SHOWN_REPEATS; rep++) {
      for (let i = 0; i < k; i++) {
        if (!same(r[r.length - 1 - i], r[r.length - 1 - i - rep * k])) return false;
      }
    }
    return true;
  }

  private endFold(): void {
    const f = this.folding;
    if (!f) return;
    this.folding = null;
    this.emit(recursionMarker(f.n, f.cycle));
    this.recent = [];
  }

  private emit(frame: RawFrame): void {
    if (this.head.length < this.cap - this.tailSize - 1) {
      this.head.push(frame);
      return;
    }
    this.tail.push(frame);
    if (this.tail.length > this.tailSize) {
      const out = this.tail.shift() as RawFrame;
      this.cut += weight(out);
      if (this.cutSample.length === 0 || (out.inApp === true && this.cutSample[0].inApp !== true))
        this.cutSample = [out];
    }
  }
}

/** Folds and caps one trace's frames (crashing first); a trace within the cap and without recursion is unchanged. */
export function foldFrames(frames: readonly RawFrame[], cap = FRAME_CAP): RawFrame[] {
  const folder = new FrameFolder(cap);
  for (const f of frames) folder.push(f);
  return folder.finish();
}
