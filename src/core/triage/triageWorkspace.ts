/**
 * The workspace a triage runs against: the git repository (absent in an untrusted folder, where
 * git is never run), file lists and path indexes per revision, source maps, and caches. One per
 * repository for a session; the CLI opens one per run, the extension keeps one per folder.
 */
import * as nodePath from 'node:path';
import { createGitRunner } from '../git/gitRunner';
import * as fs from 'node:fs';
import { confineToRoot, isInside, realRoot } from '../resolve/confine';
import { enclosingFunctionName } from '../sourcemap/functionNames';
import { openRepo, type GitRepo } from '../git/gitRepo';
import { localLinesOf, type LocalLine } from '../git/lineDrift';
import type { TodayDiffs } from '../git/worktreeDiff';
import { resolveDeployRange } from '../deploy/deployRange';
import { createFrameResolver } from '../resolve/frameResolver';
import { StemIndex } from '../resolve/pathIndex';
import type { FrameResolver, PathMapping } from '../resolve/resolve.types';
import { createSourceMapper } from '../sourcemap/sourceMapper';
import type { DeployRange } from '../model/triage.types';
import type { RawFrame } from '../model/event.types';
import { CulpritError, messageOf } from '../errors';
import { createWorkspaceGit, type WorkspaceGit } from './workspaceGit';
import { folderNames, generatedCandidates, listWorkspaceFiles, parentFolders } from './workspaceFiles';
import { createLazyResolver } from './lazyResolver';

interface DeployInput {
  flag?: string;
  providerTo?: string | null;
  providerFrom?: string | null;
  release?: string | null;
  tagPattern?: string;
}

interface MappedFrame {
  file: string;
  line: number;
  column: number | null;
  /** The original name of the enclosing function (source map names, else the original source). */
  name: string | null;
}

export interface TriageWorkspace {
  readonly root: string;
  readonly git: WorkspaceGit | null;
  /** Why `git` is null (Restricted Mode, not a repository, git missing); null when git is there. */
  readonly gitUnavailable: string | null;
  /**
   * A fresh resolver (one per trace: it learns that trace's prefix) over the files at `rev` and
   * today. Given the trace's `frames`, only the files whose name one of them can match are listed.
   */
  frameResolver(rev: string | null, frames?: readonly RawFrame[]): Promise<FrameResolver>;
  /**
   * The original position of a frame in generated code, when a source map inside the root has it.
   * `probe` (from {@link TriageWorkspace.fileProbe}, one per trace) rules out candidate paths cheaply.
   */
  mapGenerated(frame: RawFrame, resolved: string | null, probe?: (rel: string) => boolean): MappedFrame | null;
  /** A per-trace existence pre-check: the listed files, then one directory read per folder. */
  fileProbe(): (rel: string) => boolean;
  /**
   * Files git tracks (the index; `rev` only without the lazy listing); empty without git. Vendored
   * code counts as app code only there.
   */
  trackedFiles(rev: string | null): Promise<{ has(path: string): boolean }>;
  /**
   * Where lines of files at `rev` stand in today's working tree (one git call for all of them).
   * `today` (one per triage) keeps each file's diff, so a later call diffs only files not seen.
   */
  localLines(
    rev: string | null,
    linesByPath: Map<string, number[]>,
    today?: TodayDiffs,
  ): Promise<Map<string, Map<number, LocalLine>>>;
  deployRange(input: DeployInput): Promise<DeployRange>;
  /** A file's text at a revision, or null when it does not exist there. */
  textAt(rev: string, path: string): Promise<string | null>;
  /**
   * Forgets what depends on refs and the working tree (file lists, indexes, HEAD, tags, deploy
   * ranges); call after commits, checkouts, fetches or file changes. SHA-keyed results stay.
   */
  invalidate(): void;
}

export interface WorkspaceOptions {
  dir: string;
  /** Workspace trust: false never runs git. */
  trusted: boolean;
  mappings?: PathMapping[];
  /** Fail when `dir` is not a git repository (the CLI); otherwise work without git. */
  requireGit?: boolean;
}

const GENERATED = /\.(?:js|mjs|cjs|jsx)$/i;
/** Per trace (its probe): a frame file's generated candidates, found once for all its frames. */
const candidatesByProbe = new WeakMap<(rel: string) => boolean, Map<string, string[]>>();

function candidatesOnce(root: string, path: string, bases: string[], probe?: (rel: string) => boolean): string[] {
  if (!probe) return generatedCandidates(root, path, bases);
  let known = candidatesByProbe.get(probe);
  if (!known) candidatesByProbe.set(probe, (known = new Map()));
  const key = [path, ...bases].join('\0');
  let found = known.get(key);
  if (!found) known.set(key, (found = generatedCandidates(root, path, bases, probe)));
  return found;
}
const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

/** An original source file's lines inside the root (empty when missing or huge). */
function readLines(root: string, rel: string): string[] {
  const abs = confineToRoot(root, rel);
  try {
    if (abs === null || fs.statSync(nodePath.join(root, abs)).size > MAX_SOURCE_BYTES) return [];
    return fs.readFileSync(nodePath.join(root, abs), 'utf8').split('\n');
  } catch {
    return [];
  }
}

/** `dir` relative to the repository root ('' for the root itself or when it cannot be told). */
function subfolderOf(root: string, dir: string): string {
  const base = realRoot(root);
  const real = realRoot(nodePath.resolve(dir));
  if (!base || !real || real === base || !isInside(base, real)) return '';
  return nodePath.relative(base, real).split(nodePath.sep).join('/');
}

/** Opens the workspace at `dir`. Throws `not-a-repo` only when `requireGit` is set. */
export async function openTriageWorkspace(options: WorkspaceOptions): Promise<TriageWorkspace> {
  let repo: GitRepo | null = null;
  let gitUnavailable = options.trusted ? null : 'git is not run in an untrusted workspace (Restricted Mode)';
  if (options.trusted) {
    try {
      repo = await openRepo(createGitRunner({ cwd: options.dir, trusted: true }), options.dir);
    } catch (e) {
      if (options.requireGit !== false && CulpritError.is(e)) throw e;
      gitUnavailable = messageOf(e);
    }
  }
  const root = repo?.root ?? options.dir;
  // `--repo services/orders` inside a monorepo: ties and build output are looked up there first.
  const sub = subfolderOf(root, options.dir);
  const git = repo ? createWorkspaceGit(repo) : null;
  const mapper = createSourceMapper({ root });
  const fileLists = new Map<string, Promise<string[]>>();
  const indexes = new Map<string, Promise<{ index: StemIndex; files: string[] }>>();
  const deployRanges = new Map<string, Promise<DeployRange>>();
  const tracked = new Map<string, Promise<Set<string>>>();
  let tagsFailed = false;

  const resolveDeploy = async (input: DeployInput): Promise<DeployRange> => {
    if (!repo) {
      if (input.flag)
        throw new CulpritError('untrusted', 'a deploy range needs git, which is not run in an untrusted workspace');
      return { from: null, to: null, source: 'none' };
    }
    // The workspace's tag map until a range fails: its next tries list the tags (one may be fetched since).
    const tags = git && !tagsFailed ? () => git.tags() : undefined;
    const r = await resolveDeployRange(repo, input, undefined, tags).catch((e: unknown) => {
      tagsFailed = true;
      throw e;
    });
    return { from: r.from, to: r.to, source: r.source };
  };

  const filesAt = (rev: string | null): Promise<string[]> => {
    const key = rev ?? '';
    let p = fileLists.get(key);
    if (!p) {
      p = repo ? repo.listFiles(rev ?? undefined) : Promise.resolve(listWorkspaceFiles(root));
      fileLists.set(key, p);
    }
    return p;
  };

  const lazy = repo
    ? createLazyResolver({ repo, root, mappings: options.mappings ?? [], preferUnder: sub || undefined })
    : null;

  const indexFor = (rev: string | null) => {
    const key = rev ?? '';
    let p = indexes.get(key);
    if (!p) {
      p = (async () => {
        // Production ran TO, so its paths are TO's; today's files cover uncommitted and untracked ones.
        const files = [...new Set([...(rev ? await filesAt(rev) : []), ...(await filesAt(null))])];
        return { index: StemIndex.build(files), files };
      })();
      indexes.set(key, p);
    }
    return p;
  };

  return {
    root,
    git,
    gitUnavailable,
    async frameResolver(rev, frames) {
      if (lazy && frames) return lazy.resolverFor(rev, frames);
      const { index, files } = await indexFor(rev);
      return createFrameResolver({
        root,
        files,
        index,
        mappings: options.mappings ?? [],
        preferUnder: sub || undefined,
      });
    },
    fileProbe: () => folderNames(root, lazy?.listed() ?? new Set<string>()),
    mapGenerated(frame, resolved, probe) {
      if (frame.line === null) return null;
      const tries = [
        ...(resolved && GENERATED.test(resolved) ? [resolved] : []),
        ...(frame.path && GENERATED.test(frame.path)
          ? candidatesOnce(root, frame.path, [sub, ...parentFolders(resolved)].filter(Boolean), probe)
          : []),
      ];
      for (const rel of new Set(tries)) {
        const pos = mapper.mapPosition(rel, frame.line, frame.column);
        if (!pos?.file) continue;
        const minified = frame.function?.split('.').pop() ?? '';
        const name =
          (minified ? mapper.originalFunctionName(rel, frame.line, frame.column, minified) : null) ??
          enclosingFunctionName(readLines(root, pos.file), pos.line);
        return { file: pos.file, line: pos.line, column: pos.column, name };
      }
      return null;
    },
    trackedFiles(rev) {
      if (lazy) return lazy.tracked();
      const key = rev ?? 'HEAD';
      let p = tracked.get(key);
      if (!p) {
        p = repo ? repo.listFiles(key).then((f) => new Set(f)) : Promise.resolve(new Set<string>());
        p.catch(() => tracked.delete(key));
        tracked.set(key, p);
      }
      return p;
    },
    async localLines(rev, linesByPath, today) {
      const at = rev ?? (await git?.head()); // no commit yet: only today's lines, as without git
      if (repo && at) return localLinesOf(repo, at, linesByPath, undefined, today);
      return new Map(
        [...linesByPath].map(([path, lines]) => [
          path,
          new Map(lines.map((l) => [l, { path, line: l, changedSince: null }])),
        ]),
      );
    },
    deployRange(input) {
      const key = JSON.stringify(input);
      let p = deployRanges.get(key);
      if (!p) {
        p = resolveDeploy(input);
        deployRanges.set(key, p);
        // Failures are not kept: the revision may be fetched before the next try.
        p.catch(() => deployRanges.delete(key));
      }
      return p;
    },
    async textAt(rev, path) {
      return git ? git.suspectPort().show(rev, path) : null;
    },
    invalidate() {
      fileLists.clear();
      lazy?.clear();
      indexes.clear();
      tracked.clear();
      deployRanges.clear();
      tagsFailed = false;
      git?.invalidate();
    },
  };
}
