/**
 * Diffs of deployed files to today's working tree, shared by everything one triage follows (its
 * frames, then its reasons' lines): each file is diffed once. A file whose working copy is HEAD's
 * blob needs no working-tree read by git: it is diffed commit to commit (no filter query, no
 * clean filter), and not at all when its text at TO is HEAD's too.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { confineRevisionPath } from '../resolve/confine';
import { parseDiffU0 } from './diffParser';
import type { FileDiff } from './git.types';
import type { GitRepo } from './gitRepo';
import { PromiseLru } from './promiseLru';

/** What one triage learnt about today's tree; create one per triage with {@link todayDiffs}. */
export interface TodayDiffs {
  /** `to\0path` → the file's diff to today, null when unchanged since `to`. */
  readonly files: Map<string, FileDiff | null>;
  /**
   * A commit to compare the working copies with (HEAD, as the caller knows it). Any commit is
   * correct: a file equal to its blob there diffs from TO as that commit does; others go to git.
   */
  head?: Promise<string | null>;
  /** Reads blobs at SHAs (a caller's cache); default the repository's blob process. */
  read?: (rev: string, path: string) => Promise<string | null>;
}

export const todayDiffs = (from: Omit<TodayDiffs, 'files'> = {}): TodayDiffs => ({ ...from, files: new Map() });

/** Diffs between two commits per repository, across triages (their SHAs fix them). */
const committedDiffs = new WeakMap<GitRepo, PromiseLru<Map<string, FileDiff>>>();

type BlobRead = (rev: string, path: string) => Promise<string | null>;

const BODIES = { bodies: true };
const DIFF_ARGS = ['diff', '-U0', '-M', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/'];
/** A diff between two commits reads no working-tree file (no filter query, no clean filter). */
const reads = (revs: readonly string[]) => ({ readsWorktree: revs.length < 2 });
/** Working copies larger than this are left to git's own comparison. */
const MAX_COMPARED_BYTES = 8 * 1024 * 1024;

/**
 * The diff of each of `paths` (at `to`) to today's working tree: absent when unchanged. Cached
 * per file in `today`; only the files not asked before cost git work.
 */
export async function diffsToToday(
  repo: GitRepo,
  to: string,
  paths: readonly string[],
  today: TodayDiffs,
  signal?: AbortSignal,
): Promise<Map<string, FileDiff>> {
  const key = (p: string) => `${to}\0${p}`;
  const wanted = paths.filter((p) => !today.files.has(key(p)));
  if (wanted.length > 0) {
    const found = await diffFiles(repo, to, wanted, today, signal);
    for (const p of wanted) today.files.set(key(p), found.get(p) ?? null);
  }
  const out = new Map<string, FileDiff>();
  for (const p of paths) {
    const d = today.files.get(key(p));
    if (d) out.set(p, d);
  }
  return out;
}

async function diffFiles(
  repo: GitRepo,
  to: string,
  paths: readonly string[],
  today: TodayDiffs,
  signal?: AbortSignal,
): Promise<Map<string, FileDiff>> {
  today.head ??= repo.resolveRevision('HEAD', signal).catch(() => null);
  const head = await today.head;
  const read = today.read ?? ((rev: string, path: string) => repo.blobs.read(rev, path));
  if (head && (await matchHead(repo.root, read, head, paths))) {
    // Files whose text is the same at TO and HEAD have no diff (and no rename: -M pairs only
    // deleted with added files): only the others go to git.
    const texts = await Promise.all(paths.map((p) => (head === to ? null : differs(read, to, head, p))));
    const changed = head === to ? [] : paths.filter((_, i) => texts[i]);
    if (changed.length === 0) return new Map();
    let cache = committedDiffs.get(repo);
    if (!cache) committedDiffs.set(repo, (cache = new PromiseLru(32)));
    const committed = await cache.getOrCreate(`${to}:${head}:${changed.join('\0')}`, () =>
      followedDiff(repo, [to, head], changed, signal),
    );
    const renamedTo = [...committed.values()].map((d) => d.newPath).filter((p): p is string => p !== null);
    if (await matchHead(repo.root, read, head, renamedTo)) return committed;
  }
  return followedDiff(repo, [to], paths, signal);
}

/** The files' diff between `revs` (`[to]`: to the working tree), renamed files under both names. */
async function followedDiff(
  repo: GitRepo,
  revs: string[],
  paths: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, FileDiff>> {
  const byOld = new Map(
    parseDiffU0(await repo.run([...DIFF_ARGS, ...revs, '--', ...paths], signal, reads(revs)), BODIES)
      .filter((f) => f.oldPath !== null)
      .map((f) => [f.oldPath as string, f]),
  );
  const gone = paths.filter((p) => byOld.get(p)?.newPath === null);
  if (gone.length === 0) return byOld;
  const renames = await findRenames(repo, revs, signal);
  const moved = gone.filter((p) => renames.has(p));
  if (moved.length > 0) {
    const again = parseDiffU0(
      await repo.run(
        [...DIFF_ARGS, ...revs, '--', ...moved, ...moved.map((p) => renames.get(p) as string)],
        signal,
        reads(revs),
      ),
      BODIES,
    );
    for (const p of moved)
      byOld.set(p, again.find((f) => f.oldPath === p) ?? { oldPath: p, newPath: renames.get(p) as string, hunks: [] });
  }
  const stillGone = gone.filter((p) => !renames.has(p));
  if (stillGone.length > 0) await followHistoryRenames(repo, revs, stillGone, byOld, signal);
  return byOld;
}

/**
 * Files moved in one commit after `revs[0]` and changed so much since that the diff cannot pair
 * them (a move to `src/`, then years of edits): each commit's renames, oldest first, name today's
 * file, and only that pair is diffed, at any similarity, for the lines' counterparts.
 */
async function followHistoryRenames(
  repo: GitRepo,
  revs: string[],
  paths: readonly string[],
  byOld: Map<string, FileDiff>,
  signal?: AbortSignal,
): Promise<void> {
  const log = await repo.run(
    [
      'log',
      '-M',
      '--diff-filter=R',
      '--name-status',
      '-z',
      '--format=',
      '--reverse',
      '--no-ext-diff',
      `${revs[0]}..HEAD`,
    ],
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
    const pair = parseDiffU0(
      await repo.run([...DIFF_ARGS, '-M1%', ...revs, '--', old, now], signal, reads(revs)),
      BODIES,
    );
    const fd = pair.find((f) => f.oldPath === old && f.newPath === now);
    if (fd) byOld.set(old, fd);
  }
}

/** Old name → new name for every file git sees renamed between `revs` (`[to]`: to the working tree). */
async function findRenames(repo: GitRepo, revs: string[], signal?: AbortSignal): Promise<Map<string, string>> {
  const out = await repo.run(
    ['diff', '--name-status', '-z', '-M', '--diff-filter=R', '--no-ext-diff', ...revs],
    signal,
    reads(revs),
  );
  const tok = out.split('\0');
  const renames = new Map<string, string>();
  for (let i = 0; i + 2 < tok.length; i += 3) {
    if (tok[i].startsWith('R')) renames.set(tok[i + 1], tok[i + 2]);
  }
  return renames;
}

/** True when the file's text differs between two revisions (or it is missing from one). */
async function differs(read: BlobRead, a: string, b: string, path: string): Promise<boolean> {
  const [x, y] = await Promise.all([read(a, path), read(b, path)]);
  return x === null || y === null || x !== y || x.includes('\uFFFD');
}

/**
 * True when every file's working copy is byte for byte its blob at HEAD (both missing counts),
 * so the working tree adds nothing to HEAD for them. Anything unsure (a symlink, a file outside
 * the root, undecodable or huge text) is false: git then reads the working tree itself.
 */
async function matchHead(root: string, read: BlobRead, head: string, paths: readonly string[]): Promise<boolean> {
  const blobs = await Promise.all(paths.map((p) => read(head, p)));
  return paths.every((p, i) => {
    const blob = blobs[i] ?? null;
    const rel = confineRevisionPath(root, p);
    if (rel === null) return false;
    const abs = nodePath.join(root, rel);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(abs);
    } catch {
      return blob === null;
    }
    if (!stat.isFile() || blob === null || stat.size > MAX_COMPARED_BYTES || blob.includes('\uFFFD')) return false;
    try {
      return fs.readFileSync(abs, 'utf8') === blob;
    } catch {
      return false;
    }
  });
}
