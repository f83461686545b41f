/**
 * Every commit of the deploy range that touched one line, not only the last one blame names: when
 * a later commit rewrote the crashing line (a reformat, an added `.upper()`), the commit that put
 * the failing construct there is an earlier one. Follows the line back through each commit's
 * `-U0` hunks, so it costs no git process beyond the range patch already read.
 */
import { isCosmetic, isRename, type PatchCommit, type PatchHunk } from './rangePatch';
import { WINDOWS } from './searchWindows';

export interface LineTouch {
  sha: string;
  /** The hunk's removed and added lines: the line as it was and as the commit left it. */
  removed: string[];
  added: string[];
}

const MAX_TOUCHES = WINDOWS['history.touches'];

function covers(h: PatchHunk, line: number): boolean {
  return h.newLines > 0 && line >= h.newStart && line < h.newStart + h.newLines;
}

/** Hunks above `line` move it by their net line count. */
function isAbove(h: PatchHunk, line: number): boolean {
  return h.newLines === 0 ? h.newStart < line : h.newStart + h.newLines - 1 < line;
}

/**
 * Commits that changed `line` (1-based, at the newest revision of `patches`) of `path`, newest
 * first. `patches` come from `git log -p -U0` newest first; behaviour-neutral edits (spacing,
 * line breaks, quote style, comments, a renamed identifier) are followed through but not listed. Stops where
 * the line was first written or where the file appears whole (created or renamed).
 */
export function lineHistory(patches: PatchCommit[], path: string, line: number): LineTouch[] {
  const out: LineTouch[] = [];
  let cur = line;
  for (const c of patches) {
    const file = c.files.find((f) => f.path === path);
    if (!file) continue;
    const hit = file.hunks.find((h) => covers(h, cur));
    if (!hit) {
      const at = cur;
      for (const h of file.hunks) if (isAbove(h, at)) cur += h.oldLines - h.newLines;
      continue;
    }
    // The file appears whole here (created, or renamed: the patch has no renames): its lines
    // are older than this commit or were written by it, and blame already names the latter.
    if (hit.oldStart === 0 && hit.oldLines === 0) break;
    // A formatter pass or a rename of a function with its callers is followed through, not listed.
    if (!isCosmetic(hit) && !isRename(c.files.flatMap((f) => f.hunks)))
      out.push({ sha: c.sha, removed: hit.removed, added: hit.added });
    // A hunk that adds without removing wrote the line: nothing older touched it.
    if (hit.oldLines === 0 || out.length >= MAX_TOUCHES) break;
    cur = hit.oldStart + Math.min(cur - hit.newStart, hit.oldLines - 1);
  }
  return out;
}
