/**
 * The suspects' git port, answering a question from an earlier, wider git call when that call's
 * output holds the answer: a path-limited deploy diff from the whole deploy diff (asked anyway for
 * callees), a file's range patches from the patches of the frame files, and a later range blame
 * of a file from its first blame, which also covers the lines the deploy added to it (the lines
 * callee and hierarchy evidence blame). Each shortcut gives what git itself would print.
 */
import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import { parseDiffU0 } from '../git/diffParser';
import type { BlameLine } from '../git/git.types';
import { MAX_RANGE_COMMITS, type GitRepo } from '../git/gitRepo';
import { PromiseLru } from '../git/promiseLru';
import { diffSubset, logSubset, namedBy } from '../git/patchSubset';
import { rangeBlame } from '../git/rangeBlame';
import { isFullSha } from '../git/revisionResolver';
import { RANGE_PATCH_FORMAT } from '../suspects/rangePatch';
import type { SuspectGitPort } from '../suspects/suspectPort.types';

type Range = [number, number];

const COMMITTED = { readsWorktree: false };
const DIFF_FLAGS = new Set(['diff', '-U0', '--no-renames', '--no-color']);
const LOG_FLAGS = new Set(['log', '-p', '-U0', '--no-renames', '--no-color', RANGE_PATCH_FORMAT]);
const SHA_RANGE = /^([0-9a-f]{40}|[0-9a-f]{64})\.\.([0-9a-f]{40}|[0-9a-f]{64})$/;
/** Remembered blames and log pathspecs; a triage asks about a handful of files. */
const MAX_REMEMBERED = 64;

/** Ranges as `git blame -L` reads them (integers ≥ 1, start ≤ end), sorted and merged. */
function normalized(ranges: ReadonlyArray<Range>): Range[] {
  const out: Range[] = [];
  for (const r of ranges) {
    let [a, b] = [Math.floor(Number(r?.[0])), Math.floor(Number(r?.[1]))];
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    if (a > b) [a, b] = [b, a];
    if (b >= 1) out.push([Math.max(1, a), b]);
  }
  out.sort((x, y) => x[0] - y[0]);
  const merged: Range[] = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

const within = (line: number, ranges: readonly Range[]) => ranges.some(([a, b]) => line >= a && line <= b);

/** Bound on the commit objects read ahead: a range's commits that touched the frames' files. */
const MAX_READ_AHEAD = 64;

/**
 * Reads, through the running blob process, the commit objects a range blame of `paths` computed
 * from the patches will name (the range's commits that touched them and the boundary), so that
 * computing it later starts no `cat-file` of its own after the triage ends the blob process.
 */
export async function readRangeCommits(repo: GitRepo, from: string, to: string, paths: string[]): Promise<void> {
  const wanted = new Set(paths);
  const commits = await repo.commitsInRange(from, to);
  const touching = commits.filter((c) => c.files?.some((f) => wanted.has(f.path))).map((c) => c.sha);
  const boundary = commits[commits.length - 1]?.parents[0];
  const shas = [...touching.slice(0, MAX_READ_AHEAD), ...(boundary ? [boundary] : [])];
  await Promise.all(shas.map((sha) => repo.blobs.commitText(sha)));
}

export function createSharedPort(repo: GitRepo): SuspectGitPort {
  // Callers pass SHAs, so these never change; bounded like every cache.
  const texts = new PromiseLru<string | null>(256);
  const immutable = new PromiseLru<string>(64);
  const logPaths = new Map<string, string[][]>();
  const blames = new Map<string, { covered: Range[]; lines: Promise<BlameLine[]> }>();
  const added = new PromiseLru<Map<string, Range[]>>(8);

  // Fixed by its SHA arguments, so it reads no working-tree file.
  const raw = (args: string[]) => immutable.getOrCreate(args.join('\0'), () => repo.run(args, undefined, COMMITTED));
  // Without merges every commit's patch is the same whatever the pathspec (no history simplification).
  const linear = async (from: string, to: string) => {
    const commits = await repo.commitsInRange(from, to);
    return commits.length < MAX_RANGE_COMMITS && commits.every((c) => c.parents.length <= 1);
  };

  const runImmutable = async (args: string[]): Promise<string> => {
    const cut = args.indexOf('--');
    const [head, paths] = cut < 0 ? [args, []] : [args.slice(0, cut), args.slice(cut + 1)];
    if (paths.length === 0) return raw(args);
    const diffFlags = new Set(head.filter((a) => DIFF_FLAGS.has(a)));
    if (head[0] === 'diff' && head.length === 6 && diffFlags.size === 4 && head.slice(4).every(isFullSha))
      return diffSubset(await raw(head), paths);
    const range = head.filter((a) => !LOG_FLAGS.has(a));
    const shas = range.length === 1 ? SHA_RANGE.exec(range[0] as string) : null;
    const flags = new Set(head.filter((a) => LOG_FLAGS.has(a)));
    if (head[0] !== 'log' || !shas || head.length !== LOG_FLAGS.size + 1 || flags.size !== LOG_FLAGS.size)
      return raw(args);
    const key = head.join('\0');
    const asked = logPaths.get(key) ?? [];
    const wider = asked.find((specs) => paths.every((p) => namedBy(p, specs)));
    if (wider && (await linear(shas[1] as string, shas[2] as string).catch(() => false)))
      return logSubset(await raw([...head, '--', ...wider]), paths);
    if (logPaths.size >= MAX_REMEMBERED) logPaths.clear();
    logPaths.set(key, [...asked, paths]);
    return raw(args);
  };

  /**
   * The range blame computed from range patches already asked (rangeBlame.ts), or null when none
   * covers the file or the patches cannot prove git blame's answer; no git process of its own.
   */
  const patchBlame = async (from: string, to: string, path: string, ranges: Range[]) => {
    const head = ['log', '-p', '-U0', '--no-renames', '--no-color', RANGE_PATCH_FORMAT, `${from}..${to}`];
    const wider = logPaths.get(head.join('\0'))?.find((specs) => namedBy(path, specs));
    // blame maps authors through the repository's .mailmap; the commit objects do not.
    if (!wider || existsSync(nodePath.join(repo.root, '.mailmap'))) return null;
    const commits = await repo.commitsInRange(from, to);
    if (commits.length >= MAX_RANGE_COMMITS) return null;
    const [log, toText] = await Promise.all([
      raw([...head, '--', ...wider]),
      texts.getOrCreate(`${to}:${path}`, () => repo.blobs.read(to, path)),
    ]);
    if (toText === null) return null;
    const commitText = (sha: string) => repo.blobs.commitText(sha);
    return rangeBlame({ to, path, ranges, commits, log, toText, commitText });
  };
  const blameOf = (from: string, to: string, path: string, want: Range[], asked = want): Promise<BlameLine[]> =>
    patchBlame(from, to, path, want)
      .catch(() => null)
      .then((lines) => lines ?? repo.blameRange(from, to, path, asked));

  /** Path → the line ranges the deploy diff added to it (new side). */
  const addedBy = (from: string, to: string) =>
    added.getOrCreate(`${from}:${to}`, async () => {
      const out = new Map<string, Range[]>();
      for (const f of parseDiffU0(await raw(['diff', '-U0', '--no-renames', '--no-color', from, to]))) {
        const hunks = f.hunks.filter((h) => h.newLines > 0);
        if (f.newPath && hunks.length)
          out.set(
            f.newPath,
            hunks.map((h) => [h.newStart, h.newStart + h.newLines - 1]),
          );
      }
      return out;
    });

  const blameRange = async (from: string, to: string, path: string, ranges: Range[]): Promise<BlameLine[]> => {
    const want = normalized(ranges);
    // The ignore-revs guesses match lines within each hunk, so they depend on which lines are blamed.
    const ignores = existsSync(nodePath.join(repo.root, '.git-blame-ignore-revs'));
    if (want.length === 0 || ignores || !isFullSha(from) || !isFullSha(to))
      return repo.blameRange(from, to, path, ranges);
    const deployAdded = await addedBy(from, to).catch(() => new Map<string, Range[]>());
    const key = `${from}:${to}:${path}`;
    const had = blames.get(key);
    if (had && want.every(([a, b]) => had.covered.some(([x, y]) => a >= x && b <= y)))
      return (await had.lines).filter((l) => within(l.finalLine, want));
    if (had) return blameOf(from, to, path, want, ranges);
    // A line's blame does not depend on which other lines are blamed with it: one call for both.
    const covered = normalized([...want, ...(deployAdded.get(path) ?? [])]);
    const lines = blameOf(from, to, path, covered);
    if (blames.size >= MAX_REMEMBERED) blames.clear();
    blames.set(key, { covered, lines });
    lines.catch(() => blames.delete(key));
    return (await lines).filter((l) => within(l.finalLine, want));
  };

  return {
    runImmutable,
    // One `cat-file --batch` process answers every read of a triage (concurrent or back to back).
    show: (rev, path) => texts.getOrCreate(`${rev}:${path}`, () => repo.blobs.read(rev, path)).catch(() => null),
    blameRange,
    blameAt: (rev, path, ranges) => repo.blameAt(rev, path, ranges),
    commitsInRange: (from, to) => repo.commitsInRange(from, to),
  };
}
