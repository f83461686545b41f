/** A suite's temp repository, built once before its tests and opened as Culprit opens a trusted workspace. */
import * as path from 'path';
import { openRepo, type GitRepo } from '../../src/core/git/gitRepo';
import { createGitRunner } from '../../src/core/git/gitRunner';
import { cleanupTempDirs, createTempRepo, type TempRepo } from './gitRepo';

export interface RepoSuite {
  /** The temp repository (set in the suite's `before`). */
  readonly t: TempRepo;
  /** Culprit's view of it, opened at the suite's folder (set in the suite's `before`). */
  readonly repo: GitRepo;
  /** The SHAs `build` recorded, by the names it gave them. */
  readonly sha: Record<string, string>;
}

/**
 * Call inside a `describe`: `build` commits the suite's history into a new temp repository before
 * its tests (recording SHAs in `sha`), which is opened at `openAt` below the top; removed after them.
 */
export function useBuiltRepo(build: (t: TempRepo, sha: Record<string, string>) => void, openAt = ''): RepoSuite {
  let t: TempRepo | undefined;
  let repo: GitRepo | undefined;
  const sha: Record<string, string> = {};
  before(async () => {
    t = createTempRepo();
    build(t, sha);
    repo = await openRepo(createGitRunner({ cwd: t.dir, trusted: true }), path.join(t.dir, openAt));
  });
  after(() => {
    t?.cleanup();
    cleanupTempDirs();
  });
  const made = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the suite repository is made in before()');
    return value;
  };
  return {
    get t() {
      return made(t);
    },
    get repo() {
      return made(repo);
    },
    sha,
  };
}
