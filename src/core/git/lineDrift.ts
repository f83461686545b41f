import type { DiffHunk, FileDiff } from './git.types';
import { parseDiffU0 } from './diffParser';
import { pairHunkLines, resemblingLines } from './linePairing';
import type { GitRepo } from './gitRepo';
import { changesSince, type ChangedLine } from './lineChanges';
import type { ChangedSince } from '../model/triage.types';

/** Where one old-side line lands on the new side of a diff, and whether a hunk touched it. */
export interface TracedLine {
  line: number | null;
  /** True when the line itself was edited or deleted (it sits inside a hunk's old lines). */
  changed: boolean;
  /** True when the line followed its block's move (see {@link movedTo}). */
  moved?: boolean;
}

/**
 * Maps a 1-based line of the old side of a diff onto the new side, given that diff's `-U0` hunks.
 * A line inside a modified hunk maps to its counterpart (paired by resemblance when the hunk has
 * its text, by position otherwise); null only when the hunk deleted it with nothing in its place,
 * or `line` is not a positive integer. A hunk with no old lines is an insertion *after* `oldStart`.
 */
export function traceLineThroughHunks(hunks: readonly DiffHunk[], line: number): TracedLine {
  if (!Number.isInteger(line) || line < 1 || !Array.isArray(hunks)) return { line: null, changed: false };
  let delta = 0;
  for (const h of hunks) {
    if (h.oldLines === 0) {
      if (h.oldStart < line) delta += h.newLines;
      continue;
    }
    const last = h.oldStart + h.oldLines - 1;
    if (line >= h.oldStart && line <= last) {
      const k = line - h.oldStart;
      const old = h.oldText?.length === h.oldLines ? h.oldText : null;
      const added = h.newText?.length === h.newLines ? h.newText : null;
      const own = added ?? (h.newLines === 0 ? [] : null);
      const beside = old && own && resemblingLines(old, own)[k] === null ? besideHunk(hunks, h, line) : null;
      if (beside !== null) return { line: beside, changed: true };
      const at = h.newLines === 0 ? null : old && added ? pairHunkLines(old, added)[k] : Math.min(k, h.newLines - 1);
      if (at === null) {
        const moved = old ? movedTo(hunks, old[k]) : null;
        return moved === null ? { line: null, changed: true } : { line: moved, changed: true, moved: true };
      }
      return { line: h.newStart + at, changed: true };
    }
    if (last < line) delta += h.newLines - h.oldLines;
  }
  return { line: line + delta, changed: false };
}

/** Most unchanged lines between two hunks that a diff editor still shows as one changed block. */
const MAX_GAP = 2;

/** The first old and new line a hunk covers or, with no lines on a side, the line after it. */
const startOf = (h: DiffHunk) => ({
  old: h.oldLines > 0 ? h.oldStart : h.oldStart + 1,
  new: h.newLines > 0 ? h.newStart : h.newStart + 1,
});

/**
 * A line of hunk `h` that resembles nothing added in its own hunk can still have its rewrite in a
 * hunk just beside it: git splits one edited block into two hunks around an unchanged blank line
 * (a line rewritten and the blank above it deleted reads "insert the rewrite; delete the old line
 * and the blank"). The hunks within {@link MAX_GAP} unchanged lines of each other are aligned as
 * one block, the unchanged lines between them matching nothing; the new line that resembles
 * `line` there, else null.
 */
function besideHunk(hunks: readonly DiffHunk[], h: DiffHunk, line: number): number | null {
  const i = hunks.indexOf(h);
  // A side with no lines may come without its (empty) text.
  const texts = (x: DiffHunk) => {
    const [o, n] = [x.oldText ?? (x.oldLines === 0 ? [] : null), x.newText ?? (x.newLines === 0 ? [] : null)];
    return o?.length === x.oldLines && n?.length === x.newLines ? { old: o, new: n } : null;
  };
  const gap = (a: DiffHunk, b: DiffHunk) => startOf(b).old - (startOf(a).old + a.oldLines);
  let first = i;
  while (first > 0 && texts(hunks[first - 1]) && gap(hunks[first - 1], hunks[first]) <= MAX_GAP) first--;
  let last = i;
  while (last + 1 < hunks.length && texts(hunks[last + 1]) && gap(hunks[last], hunks[last + 1]) <= MAX_GAP) last++;
  if (first === last) return null;
  const oldBlock: string[] = [];
  const newBlock: string[] = [];
  let at = -1;
  for (let j = first; j <= last; j++) {
    const x = hunks[j];
    if (j > first) {
      // The unchanged lines between: placeholders that resemble nothing, on either side.
      for (let g = 0; g < gap(hunks[j - 1], x); g++) {
        oldBlock.push('\0');
        newBlock.push('\u0001');
      }
    }
    if (x === h) at = oldBlock.length + (line - x.oldStart);
    oldBlock.push(...(texts(x)?.old ?? []));
    newBlock.push(...(texts(x)?.new ?? []));
  }
  const k = resemblingLines(oldBlock, newBlock)[at];
  return k === null || k === undefined ? null : startOf(hunks[first]).new + k;
}

/** Shortest trimmed text that can tell a moved line from any other (`}` or `return;` cannot). */
const MIN_MOVED_TEXT = 8;

/**
 * Where a deleted line went when its block moved (a function moved below another): the one added
 * line of the diff with the same text, when the text was removed once and added once. A diff
 * editor's move detection pairs them the same way. Null otherwise.
 */
function movedTo(hunks: readonly DiffHunk[], text: string): number | null {
  const want = text.trim();
  if (want.length < MIN_MOVED_TEXT) return null;
  let removed = 0;
  let found: number | null = null;
  let added = 0;
  for (const h of hunks) {
    for (const l of h.oldText ?? []) if (l.trim() === want) removed++;
    (h.newText ?? []).forEach((l, i) => {
      if (l.trim() === want) [found, added] = [h.newStart + i, added + 1];
    });
  }
  return removed === 1 && added === 1 ? found : null;
}

/** {@link traceLineThroughHunks}'s new-side line. */
export function mapLineThroughHunks(hunks: readonly DiffHunk[], line: number): number | null {
  return traceLineThroughHunks(hunks, line).line;
}

/** Where a line of the deployed file stands today; nulls when the file or the line is gone. */
export interface LocalLine {
  path: string | null;
  line: number | null;
  /** The newest change to the line after `toSha`; null when the line is as deployed. */
  changedSince: ChangedSince | null;
  /** True when the line followed its block's move after `toSha` (a function moved below another). */
  followedMove?: boolean;
}

const BODIES = { bodies: true };
const DIFF_ARGS = ['diff', '-U0', '-M', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/'];

/**
 * Maps lines of several files at `toSha` onto today's working tree (commits after TO plus
 * uncommitted edits) with one `git diff -U0 -M <to> -- <paths>`. Files that no longer exist under
 * their name are looked up once in a whole-tree `--name-status` diff and, when renamed, diffed
 * again under both names. An edited line maps to its counterpart (see {@link traceLineThroughHunks}),
 * a deleted one to `line: null`; a deleted file maps everything to nulls. Edited and deleted lines
 * carry the newest change that touched them ({@link changesSince}).
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
    parseDiffU0(await repo.run([...DIFF_ARGS, to, '--', ...paths], signal), BODIES).map((f) => [f.oldPath, f]),
  );
  const gone = paths.filter((p) => byOld.get(p)?.newPath === null);
  if (gone.length > 0) {
    const renames = await findRenames(repo, to, signal);
    const moved = gone.filter((p) => renames.has(p));
    if (moved.length > 0) {
      const again = parseDiffU0(
        await repo.run([...DIFF_ARGS, to, '--', ...moved, ...moved.map((p) => renames.get(p) as string)], signal),
        BODIES,
      );
      for (const p of moved)
        byOld.set(
          p,
          again.find((f) => f.oldPath === p) ?? { oldPath: p, newPath: renames.get(p) as string, hunks: [] },
        );
    }
    const stillGone = gone.filter((p) => !renames.has(p));
    if (stillGone.length > 0) await followHistoryRenames(repo, to, stillGone, byOld, signal);
  }
  const changed: ChangedLine[] = [];
  for (const [path, lines] of linesByPath) {
    const fd = byOld.get(path);
    const result = new Map<number, LocalLine>();
    for (const line of lines) {
      const valid = Number.isInteger(line) && line >= 1;
      if (!fd) result.set(line, { path, line: valid ? line : null, changedSince: null });
      else if (fd.newPath === null) {
        result.set(line, { path: null, line: null, changedSince: null });
        if (valid) changed.push({ oldPath: path, oldLine: line, newPath: null, newLine: null });
      } else {
        const t = traceLineThroughHunks(fd.hunks, line);
        result.set(line, {
          path: fd.newPath,
          line: t.line,
          changedSince: null,
          ...(t.moved ? { followedMove: true } : {}),
        });
        if (t.changed) changed.push({ oldPath: path, oldLine: line, newPath: fd.newPath, newLine: t.line });
      }
    }
    out.set(path, result);
  }
  if (changed.length > 0) {
    const who = await changesSince(repo, to, changed, signal);
    for (const c of changed) {
      const entry = out.get(c.oldPath)?.get(c.oldLine);
      if (entry) entry.changedSince = who.get(`${c.oldPath}\0${c.oldLine}`) ?? null;
    }
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

/**
 * Files moved in one commit after `to` and changed so much since that the `to`→today diff cannot
 * pair them (a move to `src/`, then years of edits): each commit's renames, oldest first, name
 * today's file, and only that pair is diffed, at any similarity, for the lines' counterparts.
 */
async function followHistoryRenames(
  repo: GitRepo,
  to: string,
  paths: readonly string[],
  byOld: Map<string | null, FileDiff>,
  signal?: AbortSignal,
): Promise<void> {
  const log = await repo.run(
    ['log', '-M', '--diff-filter=R', '--name-status', '-z', '--format=', '--reverse', '--no-ext-diff', `${to}..HEAD`],
    signal,
  );
  const tok = log.split('\0').map((t) => t.replace(/^\n+/, ''));
  const names = new Map(paths.map((p) => [p, p]));
  for (let i = 0; i + 2 < tok.length; i++) {
    if (!/^R\d*$/.test(tok[i])) continue;
    for (const [p, now] of names) if (now === tok[i + 1]) names.set(p, tok[i + 2]);
    i += 2;
  }
  for (const [old, now] of names) {
    if (now === old) continue;
    const pair = parseDiffU0(await repo.run([...DIFF_ARGS, '-M1%', to, '--', old, now], signal), BODIES);
    const fd = pair.find((f) => f.oldPath === old && f.newPath === now);
    if (fd) byOld.set(old, fd);
  }
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
