/**
 * Pairs the removed and added lines of one modified diff hunk the way a side-by-side diff editor
 * aligns them: lines that still resemble each other are counterparts, in order; the rest take the
 * counterpart of their nearest paired neighbour, or their position when nothing resembles.
 */

/** Below this resemblance two lines are not taken for the same line edited. */
const MIN_SIMILARITY = 0.4;
/** Hunks larger than this (old × new lines) are paired by position: the alignment is quadratic. */
const MAX_CELLS = 40_000;

function bigrams(s: string): Map<string, number> {
  const t = s.trim().replace(/\s+/g, ' ');
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < t.length; i++) {
    const g = t.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  if (t.length === 1) out.set(t, 1);
  return out;
}

/** Dice coefficient over character bigrams of the trimmed lines, in [0, 1]. */
export function lineSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let sx = 0;
  let sy = 0;
  let both = 0;
  for (const n of x.values()) sx += n;
  for (const [g, n] of y) {
    sy += n;
    both += Math.min(n, x.get(g) ?? 0);
  }
  if (sx + sy === 0) return a.trim() === b.trim() ? 1 : 0;
  return (2 * both) / (sx + sy);
}

/**
 * For each removed line (index into `oldText`), the index of its counterpart in `newText`, or
 * null when nothing was added in its place. Monotone: counterparts keep their order.
 */
export function pairHunkLines(oldText: readonly string[], newText: readonly string[]): Array<number | null> {
  const n = oldText.length;
  const m = newText.length;
  if (m === 0) return oldText.map(() => null);
  const paired = resemblingLines(oldText, newText);
  if (paired.every((p) => p === null)) return oldText.map((_, i) => Math.min(i, m - 1));
  // Unpaired lines sit between paired ones: give them the previous pair's counterpart, else the next's.
  let prev: number | null = null;
  const filled = paired.slice();
  for (let i = 0; i < n; i++) {
    if (paired[i] !== null) prev = paired[i];
    else if (prev !== null) filled[i] = prev;
  }
  let next: number | null = null;
  for (let i = n - 1; i >= 0; i--) {
    if (paired[i] !== null) next = paired[i];
    else if (filled[i] === null) filled[i] = next;
  }
  return filled;
}

/**
 * For each removed line, the added line that still resembles it in the monotone alignment of
 * greatest total resemblance, or null when none does (no position or neighbour fallback).
 */
export function resemblingLines(oldText: readonly string[], newText: readonly string[]): Array<number | null> {
  const paired: Array<number | null> = new Array<number | null>(oldText.length).fill(null);
  if (oldText.length * newText.length <= MAX_CELLS) alignBySimilarity(oldText, newText, paired);
  return paired;
}

/** Needleman–Wunsch without gap costs: the monotone matching of greatest total resemblance. */
function alignBySimilarity(oldText: readonly string[], newText: readonly string[], out: Array<number | null>): void {
  const n = oldText.length;
  const m = newText.length;
  const sim = (i: number, j: number): number => {
    const s = lineSimilarity(oldText[i], newText[j]);
    return s >= MIN_SIMILARITY ? s : 0;
  };
  // score[i][j]: best total for oldText[i..] against newText[j..].
  const score: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  const take: Float64Array[] = Array.from({ length: n }, () => new Float64Array(m));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = sim(i, j);
      take[i][j] = s;
      const diag = s > 0 ? s + score[i + 1][j + 1] : 0;
      score[i][j] = Math.max(diag, score[i + 1][j], score[i][j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = take[i][j];
    if (s > 0 && score[i][j] === s + score[i + 1][j + 1]) {
      out[i] = j;
      i++;
      j++;
    } else if (score[i][j] === score[i + 1][j]) i++;
    else j++;
  }
}
