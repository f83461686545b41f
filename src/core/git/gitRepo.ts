import { existsSync } from 'fs';
import * as nodePath from 'path';
import { CulpritError } from '../errors';
import { createBlobReader, type BlobReader } from './blobReader';
import { parseBlamePorcelain, type PorcelainBlameLine } from './blamePorcelainParser';
import { parseDiffU0 } from './diffParser';
import type { CommitInfo, FileDiff } from './git.types';
import { gitExitCode, gitStderr } from './gitErrors';
import type { GitRunner, RunOptions } from './gitRunner';
import { LOG_FORMAT_ARGS, parseLog } from './logParser';
import { PromiseLru } from './promiseLru';
import { assertRevision, isFullSha, resolveRevisionWith } from './revisionResolver';

/** A repository opened at its top level. Every method runs git there (paths are repo-relative). */
export interface GitRepo {
  readonly root: string;
  /** The repository's git dir (absolute), when git named it. */
  readonly gitDir: string | null;
  /**
   * The tag names (sorted as `for-each-ref` lists them) when the repository was opened: the open
   * call lists them too, so a caller that owns the repository's refresh can skip a `for-each-ref`.
   * Null when they could not be told apart from the paths.
   */
  readonly tagNamesAtOpen: readonly string[] | null;
  /**
   * Raw access at the root, for callers with a command of their own (e.g. line drift);
   * `readsWorktree: false` for calls that name every revision they read (see {@link RunOptions}).
   */
  run(args: string[], signal?: AbortSignal, opts?: Pick<RunOptions, 'readsWorktree'>): Promise<string>;
  /** File contents at revisions, all through one `git cat-file --batch` process (not cached). */
  readonly blobs: BlobReader;
  resolveRevision(rev: string, signal?: AbortSignal): Promise<string>;
  listFiles(rev?: string, signal?: AbortSignal): Promise<string[]>;
  diffU0(from: string, to: string, paths: readonly string[], signal?: AbortSignal): Promise<FileDiff[]>;
  blameRange(
    from: string,
    to: string,
    path: string,
    ranges: ReadonlyArray<[number, number]>,
    signal?: AbortSignal,
  ): Promise<PorcelainBlameLine[]>;
  blameAt(
    rev: string,
    path: string,
    ranges: ReadonlyArray<[number, number]>,
    signal?: AbortSignal,
  ): Promise<PorcelainBlameLine[]>;
  commitsInRange(from: string, to: string, signal?: AbortSignal): Promise<CommitInfo[]>;
  commitInfo(sha: string, signal?: AbortSignal): Promise<CommitInfo>;
  isAncestor(a: string, b: string, signal?: AbortSignal): Promise<boolean>;
}

const DIFF_U0 = ['diff', '-U0', '--no-renames', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/'];
const PATH_CHUNK = 500;
/** Upper bound on commits listed for one range, to keep memory bounded on huge ranges. */
export const MAX_RANGE_COMMITS = 5000;

/** Normalises `-L` ranges: integers ≥ 1, start ≤ end, clamped to `maxLine` when known. */
function lineArgs(ranges: ReadonlyArray<[number, number]>, maxLine = Infinity): string[] {
  const args: string[] = [];
  for (const r of Array.isArray(ranges) ? ranges : []) {
    if (!Array.isArray(r)) continue;
    let [a, b] = [Math.floor(Number(r[0])), Math.floor(Number(r[1]))];
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    if (a > b) [a, b] = [b, a];
    a = Math.max(1, a);
    b = Math.min(b, maxLine);
    if (a <= b) args.push('-L', `${a},${b}`);
  }
  return args;
}

/** A tag name as `rev-parse --symbolic --tags` prints it: never absolute, no colon (git check-ref-format). */
const TAG_NAME_LINE = /^[^/:][^:]*$/;

/**
 * The top level and git dir of the repository holding `dir` (the git dir holds the index the
 * listing is keyed by), and, from the same process, its tag names in refname order as
 * `for-each-ref refs/tags` lists them. A path with a newline would shift the lines: then the top
 * level is asked alone, and the git dir and the tag names are not known.
 */
async function locate(runner: GitRunner, dir: string) {
  const ask = async (args: string[]) =>
    (await runner.run(['rev-parse', '--show-toplevel', ...args], undefined, { cwd: dir })).replace(/\n$/, '');
  const [top, gitDir, ...tags] = (await ask(['--absolute-git-dir', '--symbolic', '--tags'])).split('\n');
  const paths = [top, gitDir].every((p) => p !== undefined && nodePath.isAbsolute(p));
  if (paths && tags.every((t) => TAG_NAME_LINE.test(t)))
    return { top, gitDir: gitDir ?? null, tagNamesAtOpen: tags as readonly string[] | null };
  return { top: await ask([]), gitDir: null, tagNamesAtOpen: null };
}

/**
 * Opens the repository containing `dir` (its `--show-toplevel`). Immutable, SHA-keyed results
 * (range/full blame at a SHA, diffs and logs between SHAs, commit info, ancestry) are kept in a
 * bounded LRU; branch names and the working tree are never cached, nor are failures.
 */
export async function openRepo(runner: GitRunner, dir: string, opts: { cacheEntries?: number } = {}): Promise<GitRepo> {
  const { top, gitDir, tagNamesAtOpen } = await locate(runner, dir);
  if (!top) throw new CulpritError('not-a-repo', `${dir} is not inside a git working tree.`);
  const root = nodePath.resolve(top);
  const cache = new PromiseLru<unknown>(opts.cacheEntries ?? 256);
  const run = (args: string[], signal?: AbortSignal, opts?: Pick<RunOptions, 'readsWorktree'>): Promise<string> =>
    runner.run(args, signal, { ...opts, cwd: root });
  // Blame names its revision (a range's TO, or the revision blamed at): no working-tree read.
  const committed = { readsWorktree: false };
  const cached = <T>(immutable: boolean, key: string, make: () => Promise<T>): Promise<T> =>
    immutable ? (cache.getOrCreate(key, make) as Promise<T>) : make();

  const blame = async (
    spec: string[],
    rev: string,
    path: string,
    ranges: ReadonlyArray<[number, number]>,
    signal?: AbortSignal,
  ) => {
    if (typeof path !== 'string' || path.length === 0)
      throw new CulpritError('invalid-input', 'blame needs a file path.');
    const ignore = existsSync(nodePath.join(root, '.git-blame-ignore-revs'))
      ? ['--ignore-revs-file', '.git-blame-ignore-revs']
      : [];
    const attempt = (lines: string[], ign: string[]) =>
      run(['blame', '--porcelain', ...ign, ...lines, ...spec, '--', path], signal, committed);
    let lines = lineArgs(ranges);
    if (ranges.length > 0 && lines.length === 0) return [];
    try {
      return parseBlamePorcelain(await attempt(lines, ignore));
    } catch (e) {
      const stderr = gitStderr(e);
      if (/no such path/i.test(stderr))
        throw new CulpritError('not-found', `${path} does not exist at ${rev}.`, { path, rev });
      // A frame line past the end of the file must not lose the whole file's blame: clamp and retry.
      const short = /has only (\d+) lines?/.exec(stderr);
      if (short) {
        lines = lineArgs(ranges, Number(short[1]));
        return lines.length ? parseBlamePorcelain(await attempt(lines, ignore)) : [];
      }
      // A stale or malformed ignore-revs file should cost the ignoring, not the blame.
      if (ignore.length > 0 && /ignore-revs|invalid object name|could not open/i.test(stderr)) {
        return parseBlamePorcelain(await attempt(lines, []));
      }
      throw e;
    }
  };

  const blobs = createBlobReader(runner, root);
  const repo: GitRepo = {
    root,
    gitDir: gitDir ? nodePath.resolve(gitDir) : null,
    tagNamesAtOpen,
    run,
    blobs,
    resolveRevision: (rev, signal) =>
      cached(isFullSha(rev), `rev:${rev}`, async () => {
        assertRevision(rev);
        // The blob process answers names too; `rev-parse` only words what it cannot resolve.
        const sha =
          (signal?.aborted ? null : await blobs.commitOf(rev).catch(() => null)) ??
          (await resolveRevisionWith(run, root, rev, signal));
        // The commit a name resolved to is known to exist: verifying that SHA again costs a process.
        if (sha !== rev) void cache.getOrCreate(`rev:${sha}`, () => Promise.resolve(sha));
        return sha;
      }),

    async listFiles(rev, signal) {
      let out: string;
      if (rev === undefined) out = await run(['ls-files', '-co', '--exclude-standard', '-z'], signal);
      else {
        assertRevision(rev);
        out = await run(['ls-tree', '-r', '--name-only', '-z', rev], signal);
      }
      return out.split('\0').filter((p) => p.length > 0);
    },

    diffU0(from, to, paths, signal) {
      assertRevision(from);
      assertRevision(to);
      const list = [...new Set(paths)].filter((p) => typeof p === 'string' && p.length > 0).sort();
      if (list.length === 0) return Promise.resolve([]);
      return cached(isFullSha(from) && isFullSha(to), `diff:${from}:${to}:${list.join('\0')}`, async () => {
        const out: FileDiff[] = [];
        for (let i = 0; i < list.length; i += PATH_CHUNK) {
          const args = [...DIFF_U0, from, to, '--', ...list.slice(i, i + PATH_CHUNK)];
          out.push(...parseDiffU0(await run(args, signal, committed)));
        }
        return out;
      });
    },

    blameRange(from, to, path, ranges, signal) {
      assertRevision(from);
      assertRevision(to);
      const key = `blameR:${from}:${to}:${path}:${JSON.stringify(ranges)}`;
      return cached(isFullSha(from) && isFullSha(to), key, () => blame([`${from}..${to}`], to, path, ranges, signal));
    },

    blameAt(rev, path, ranges, signal) {
      assertRevision(rev);
      // --root: a root commit is a real author here, not a range boundary.
      const key = `blameA:${rev}:${path}:${JSON.stringify(ranges)}`;
      return cached(isFullSha(rev), key, () => blame(['--root', rev], rev, path, ranges, signal));
    },

    commitsInRange(from, to, signal) {
      assertRevision(from);
      assertRevision(to);
      return cached(isFullSha(from) && isFullSha(to), `log:${from}:${to}`, async () => {
        const out = await run(
          [
            'log',
            ...LOG_FORMAT_ARGS,
            '--numstat',
            '--no-renames',
            `--max-count=${MAX_RANGE_COMMITS}`,
            `${from}..${to}`,
          ],
          signal,
        );
        return parseLog(out).map((c) => ({ ...c, files: c.files ?? [] }));
      });
    },

    commitInfo(sha, signal) {
      assertRevision(sha);
      return cached(isFullSha(sha), `commit:${sha}`, async () => {
        const [c] = parseLog(await run(['log', '-1', ...LOG_FORMAT_ARGS, '--numstat', '--no-renames', sha], signal));
        if (!c) throw new CulpritError('unknown-revision', `Commit ${sha} is not in this clone.`);
        return { ...c, files: c.files ?? [] };
      });
    },

    isAncestor(a, b, signal) {
      assertRevision(a);
      assertRevision(b);
      return cached(isFullSha(a) && isFullSha(b), `anc:${a}:${b}`, async () => {
        try {
          await run(['merge-base', '--is-ancestor', a, b], signal);
          return true;
        } catch (e) {
          if (gitExitCode(e) === 1 && gitStderr(e).trim() === '') return false;
          throw e;
        }
      });
    },
  };
  return repo;
}
