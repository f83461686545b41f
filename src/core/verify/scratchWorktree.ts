/**
 * The temporary `git worktree` every step runs in, outside the user's checkout: detached (no
 * branch is created), checked out per step, removed at the end, and found and removed on the next
 * start when a killed run could not (an owner file records the run's pid and process group).
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import type { GitRepo } from '../git/gitRepo';
import { groupAlive } from './processGroup';

export interface ScratchWorktree {
  /** The worktree folder (what steps run in). */
  readonly dir: string;
  /** A folder beside it for generated scripts and tests, outside the worktree. */
  readonly aside: string;
  /** Checks out `sha` (detached, forced), removing untracked files but keeping ignored ones (installs). */
  checkout(sha: string, signal?: AbortSignal): Promise<void>;
  /** Records the running step's process group, so a later start can kill it if this one dies. */
  recordGroup(pgid: number | null): void;
  /** Removes the worktree and its folder; safe to call twice. */
  remove(): Promise<void>;
}

/** The user's hooks are theirs to run on their checkouts, not on every bisect step. */
const NO_HOOKS = ['-c', 'core.hooksPath=/dev/null'];

interface OwnerRecord {
  pid: number;
  repo: string;
  pgid: number | null;
}

/** The scratch folders' parent: one per user, under the temp folder unless told otherwise. */
function scratchParent(root?: string): string {
  return root ?? nodePath.join(tmpdir(), 'culprit-verify');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(dir: string): OwnerRecord | null {
  try {
    const o = JSON.parse(readFileSync(nodePath.join(dir, 'owner.json'), 'utf8')) as OwnerRecord;
    return typeof o.pid === 'number' && typeof o.repo === 'string' ? o : null;
  } catch {
    return null;
  }
}

/** Whether a process group still runs inside `dir` (guards against a recycled group id). */
function groupRunsIn(pgid: number, dir: string): boolean {
  if (!groupAlive(pgid)) return false;
  try {
    return readlinkSync(`/proc/${pgid}/cwd`).startsWith(dir);
  } catch {
    return false;
  }
}

/**
 * Removes scratch worktrees of `repo` whose run is dead: kills a step's group left behind,
 * `git worktree remove --force`, deletes the folder, then `git worktree prune`.
 * @returns how many were cleaned
 */
export async function cleanStaleWorktrees(repo: GitRepo, root?: string): Promise<number> {
  const parent = scratchParent(root);
  if (!existsSync(parent)) return 0;
  let cleaned = 0;
  for (const name of readdirSync(parent)) {
    const dir = nodePath.join(parent, name);
    const owner = readOwner(dir);
    if (!owner || owner.repo !== repo.root || alive(owner.pid)) continue;
    if (owner.pgid !== null && groupRunsIn(owner.pgid, dir)) {
      try {
        process.kill(-owner.pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await repo.run(['worktree', 'remove', '--force', nodePath.join(dir, 'wt')]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    cleaned++;
  }
  // Only after a removal: this runs whenever a workspace opens, and most starts find nothing.
  if (cleaned) await repo.run(['worktree', 'prune']).catch(() => undefined);
  return cleaned;
}

/** Creates a scratch worktree of `repo` at `sha`. */
export async function createScratchWorktree(
  repo: GitRepo,
  sha: string,
  root?: string,
  signal?: AbortSignal,
): Promise<ScratchWorktree> {
  const parent = scratchParent(root);
  mkdirSync(parent, { recursive: true, mode: 0o700 });
  const base = mkdtempSync(nodePath.join(parent, 'run-'));
  const dir = nodePath.join(base, 'wt');
  const aside = nodePath.join(base, 'aside');
  mkdirSync(aside);
  const owner: OwnerRecord = { pid: process.pid, repo: repo.root, pgid: null };
  const writeOwner = (): void => writeFileSync(nodePath.join(base, 'owner.json'), JSON.stringify(owner));
  writeOwner();
  let removed = false;
  const remove = async (): Promise<void> => {
    if (removed) return;
    removed = true;
    if (owner.pgid !== null && groupAlive(owner.pgid)) process.kill(-owner.pgid, 'SIGKILL');
    await repo.run(['worktree', 'remove', '--force', dir]).catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
    await repo.run(['worktree', 'prune']).catch(() => undefined);
  };
  try {
    await repo.run([...NO_HOOKS, 'worktree', 'add', '--detach', '--force', dir, sha], signal);
  } catch (e) {
    await remove();
    throw e;
  }
  return {
    dir,
    aside,
    async checkout(rev, sig) {
      await repo.run([...NO_HOOKS, '-C', dir, 'checkout', '--detach', '--force', '--quiet', rev], sig);
      await repo.run(['-C', dir, 'clean', '-fdq'], sig);
    },
    recordGroup(pgid) {
      owner.pgid = pgid;
      writeOwner();
    },
    remove,
  };
}
