import type { DiffHunk } from './git.types';
import { parseDiffU0 } from './diffParser';
import type { GitRepo } from './gitRepo';

/**
 * Maps a 1-based line of the old side of a diff onto the new side, given that diff's `-U0` hunks.
 * Returns null when the line was deleted or replaced (or `line` is not a positive integer).
 * A `-U0` hunk with no old lines is an insertion *after* old line `oldStart`.
 */
export function mapLineThroughHunks(hunks: readonly DiffHunk[], line: number): number | null {
  if (!Number.isInteger(line) || line < 1 || !Array.isArray(hunks)) return null;
  let delta = 0;
  for (const h of hunks) {
    if (h.oldLines === 0) {
      if (h.oldStart < line) delta += h.newLines;
      continue;
    }
    const last = h.oldStart + h.oldLines - 1;
    if (line >= h.oldStart && line <= last) return null;
    if (last < line) delta += h.newLines - h.oldLines;
  }
  return line + delta;
}

/** Where a line of the deployed file stands today; nulls when the file or the line is gone. */
export interface LocalLine {
  path: string | null;
  line: number | null;
}

const DIFF_ARGS = ['diff', '-U0', '-M', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/'];

/**
 * Maps lines of `path` at `toSha` onto today's working tree (commits after TO plus uncommitted
 * edits) with one `git diff -U0 -M <to> -- <path>`. When the file no longer exists under that name,
 * a whole-tree `--name-status` diff finds its rename and the diff is rerun on both names. Lines
 * that were changed or deleted map to `line: null`; a deleted file maps everything to nulls.
 */
export async function localLineOf(
  repo: GitRepo,
  toSha: string,
  path: string,
  lines: readonly number[],
  signal?: AbortSignal,
): Promise<Map<number, LocalLine>> {
  const result = new Map<number, LocalLine>();
  const to = await repo.resolveRevision(toSha, signal);
  let files = parseDiffU0(await repo.run([...DIFF_ARGS, to, '--', path], signal));
  let fd = files.find((f) => f.oldPath === path);
  if (fd && fd.newPath === null) {
    const renamed = await findRename(repo, to, path, signal);
    if (renamed) {
      files = parseDiffU0(await repo.run([...DIFF_ARGS, to, '--', path, renamed], signal));
      fd = files.find((f) => f.oldPath === path) ?? { oldPath: path, newPath: renamed, hunks: [] };
    }
  }
  for (const line of lines) {
    if (!fd) result.set(line, { path, line: Number.isInteger(line) && line >= 1 ? line : null });
    else if (fd.newPath === null) result.set(line, { path: null, line: null });
    else result.set(line, { path: fd.newPath, line: mapLineThroughHunks(fd.hunks, line) });
  }
  return result;
}

/** The working-tree name of `path` (as of `to`) when git sees a rename, else null. */
async function findRename(repo: GitRepo, to: string, path: string, signal?: AbortSignal): Promise<string | null> {
  const out = await repo.run(['diff', '--name-status', '-z', '-M', '--diff-filter=R', '--no-ext-diff', to], signal);
  const tok = out.split('\0');
  for (let i = 0; i + 2 < tok.length; i += 3) {
    if (tok[i].startsWith('R') && tok[i + 1] === path) return tok[i + 2];
  }
  return null;
}
