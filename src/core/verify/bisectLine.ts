/**
 * Binary search for the first bad commit of a first-parent line, as `git bisect` does: the commit
 * before the line is known good, its last commit known bad; a skipped step is stepped around.
 */
import type { StepResult } from './verify.types';

export interface LineOutcome {
  /** The first bad commit; null when skips left more than one candidate. */
  firstBad: string | null;
  /** Its predecessor on the line, tested good; null when it is the line's known-good base. */
  lastGood: string | null;
  /** Commits that could still be the first bad one (all of them when undecided). */
  candidates: string[];
}

/** The untested index in (lo, hi) nearest the middle, skipping `skipped`; -1 when none is left. */
function pick(lo: number, hi: number, skipped: Set<number>): number {
  const mid = Math.floor((lo + hi) / 2);
  for (let d = 0; mid - d > lo || mid + d < hi; d++) {
    if (mid - d > lo && !skipped.has(mid - d)) return mid - d;
    if (mid + d < hi && !skipped.has(mid + d)) return mid + d;
  }
  return -1;
}

/**
 * `line` is oldest first; the commit before `line[0]` is good and `line[line.length - 1]` is bad
 * (both already tested by the caller). Takes ⌈log2 n⌉ tests when nothing is skipped.
 */
export async function bisectLine(line: string[], test: (sha: string) => Promise<StepResult>): Promise<LineOutcome> {
  let lo = -1;
  let hi = line.length - 1;
  const skipped = new Set<number>();
  while (hi - lo > 1) {
    const at = pick(lo, hi, skipped);
    if (at < 0) break;
    const result = await test(line[at]);
    if (result === 'good') lo = at;
    else if (result === 'bad') hi = at;
    else skipped.add(at);
  }
  if (hi - lo === 1) return { firstBad: line[hi], lastGood: lo >= 0 ? line[lo] : null, candidates: [line[hi]] };
  return { firstBad: null, lastGood: lo >= 0 ? line[lo] : null, candidates: line.slice(lo + 1, hi + 1) };
}

/** The most tests a line of `n` commits takes without skips. */
export function maxBisectTests(n: number): number {
  return n <= 1 ? 0 : Math.ceil(Math.log2(n));
}
