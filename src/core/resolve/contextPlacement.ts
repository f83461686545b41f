/**
 * Places a frame by the source line the event carries (Sentry `context_line` and its neighbours)
 * when its path names no file git tracks: a published bundle (`lib/index.js`) built from `src/`
 * without a map. The line is looked up in the tree at the deployed revision; the one place whose
 * neighbours agree best with the event's wins, and a tie places nothing.
 */
import type { SourceContext } from '../model/event.types';
import type { LineHit } from '../git/lineSearch';

/** Shortest line text that can identify a place (`}` or `return;` identify nothing). */
const MIN_TEXT = 8;
/** Sentry marks a line it cut with `{snip}`: such text is not the source's. */
const SNIPPED = '{snip}';
const MAX_TEXT = 1000;

/** The event's line text when it can identify a place, else null. */
export function placeableText(context: SourceContext | undefined): string | null {
  const text = context?.line?.trim() ?? '';
  if (text.length < MIN_TEXT || text.length > MAX_TEXT || text.includes(SNIPPED)) return null;
  return /[A-Za-z0-9_$]{3}/.test(text) ? text : null;
}

/** How many of the event's neighbouring lines stand at the same offsets in `lines` around `at` (0-based). */
function neighbourScore(lines: readonly string[], at: number, context: SourceContext): number {
  let score = 0;
  context.pre.forEach((text, i) => {
    const want = text.trim();
    if (want && lines[at - context.pre.length + i]?.trim() === want) score++;
  });
  context.post.forEach((text, i) => {
    const want = text.trim();
    if (want && lines[at + 1 + i]?.trim() === want) score++;
  });
  return score;
}

/** A chosen place, or why none was chosen. */
export type Placement = { hit: LineHit } | { hit: null; reason: string };

/**
 * The hit whose neighbours agree with the event's most, when it is the only one that does.
 * `textOf` reads a hit's file at the revision. With neighbours in the event, at least one must agree.
 */
export async function choosePlacement(
  hits: readonly LineHit[],
  context: SourceContext,
  textOf: (path: string) => Promise<string | null>,
): Promise<Placement> {
  if (hits.length === 0) return { hit: null, reason: 'its line is in no tracked file' };
  const neighbours = [...context.pre, ...context.post].filter((l) => l.trim() !== '').length;
  let best: LineHit | null = null;
  let bestScore = -1;
  let tied = false;
  for (const hit of hits) {
    const lines = (await textOf(hit.path))?.split('\n') ?? [];
    const score = neighbourScore(lines, hit.line - 1, context);
    if (score > bestScore) [best, bestScore, tied] = [hit, score, false];
    else if (score === bestScore) tied = true;
  }
  if (best === null || tied) return { hit: null, reason: `its line is in ${hits.length} places that fit equally` };
  if (neighbours > 0 && bestScore === 0) return { hit: null, reason: 'its neighbouring lines match nowhere' };
  return { hit: best };
}
