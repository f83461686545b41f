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
 * Maps lines of several files at `toSha` onto today's working tree (commits after TO plus
 * uncommitted edits) with one `git diff -U0 -M <to> -- <paths>`. Files that no longer exist under
 * their name are looked up once in a whole-tree `--name-status` diff and, when renamed, diffed
 * again under both names. Lines that were changed or deleted map to `line: null`; a deleted file
 * maps everything to nulls.
 */
export async function localLinesOf(
  repo: GitRepo,
  toSha: string,
  linesByPath: ReadonlyMap<string, readonly number[]>,
  signal?: AbortSignal,
): Promise<Map<string, Map<number, LocalLine>>> {
  const out = new Map<string, Map<number, LocalLine>>();
  const paths = [...linesByPath.keys()];
  if (paths.length === 0) return out;
  const to = await repo.resolveRevision(toSha, signal);
  const byOld = new Map(
    parseDiffU0(await repo.run([...DIFF_ARGS, to, '--', ...paths], signal)).map((f) => [f.oldPath, f]),
  );
  const gone = paths.filter((p) => byOld.get(p)?.newPath === null);
  if (gone.length > 0) {
    const renames = await findRenames(repo, to, signal);
    const moved = gone.filter((p) => renames.has(p));
    if (moved.length > 0) {
      const again = parseDiffU0(
        await repo.run([...DIFF_ARGS, to, '--', ...moved, ...moved.map((p) => renames.get(p) as string)], signal),
      );
      for (const p of moved)
        byOld.set(
          p,
          again.find((f) => f.oldPath === p) ?? { oldPath: p, newPath: renames.get(p) as string, hunks: [] },
        );
    }
  }
  for (const [path, lines] of linesByPath) {
    const fd = byOld.get(path);
    const result = new Map<number, LocalLine>();
    for (const line of lines) {
      if (!fd) result.set(line, { path, line: Number.isInteger(line) && line >= 1 ? line : null });
      else if (fd.newPath === null) result.set(line, { path: null, line: null });
      else result.set(line, { path: fd.newPath, line: mapLineThroughHunks(fd.hunks, line) });
    }
    out.set(path, result);
  }
  return out;
}

/** {@link localLinesOf} for one file. */
export async function localLineOf(
  repo: GitRepo,
  toSha: string,
  path: string,
  lines: readonly number[],
  signal?: AbortSignal,
): Promise<Map<number, LocalLine>> {
  return (await localLinesOf(repo, toSha, new Map([[path, lines]]), signal)).get(path) ?? new Map();
}

/** Old name → working-tree name for every file git sees renamed since `to`. */
async function findRenames(repo: GitRepo, to: string, signal?: AbortSignal): Promise<Map<string, string>> {
  const out = await repo.run(['diff', '--name-status', '-z', '-M', '--diff-filter=R', '--no-ext-diff', to], signal);
  const tok = out.split('\0');
  const renames = new Map<string, string>();
  for (let i = 0; i + 2 < tok.length; i += 3) {
    if (tok[i].startsWith('R')) renames.set(tok[i + 1], tok[i + 2]);
  }
  return renames;
}
