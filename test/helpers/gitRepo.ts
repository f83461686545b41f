/**
 * Builds real git repositories in temp dirs for tests. Each repo is isolated from the user's and
 * system git config (HOME points into the temp dir), so results do not depend on the machine.
 *
 * ```ts
 * const repo = createTempRepo();
 * repo.write('src/a.js', 'one\ntwo\n');
 * const c1 = repo.commit('first', { author: ALICE, date: '2024-01-01T00:00:00Z' });
 * repo.tag('v1.0.0');
 * repo.rename('src/a.js', 'src/b.js');
 * repo.commit('move', { author: BOB });
 * repo.write('src/b.js', 'uncommitted\n'); // a working-tree edit, not committed
 * // … repo.dir is the working tree; call repo.cleanup() in after()/afterEach().
 * ```
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface TestAuthor {
  name: string;
  email: string;
}

export const ALICE: TestAuthor = { name: 'Alice Ng', email: 'alice@example.com' };
export const BOB: TestAuthor = { name: 'Bob Ödegaard', email: 'bob@example.com' };
export const CAROL: TestAuthor = { name: 'Carol Diaz', email: 'carol@example.com' };
export const DAN: TestAuthor = { name: 'Dan Wu', email: 'dan@example.com' };

interface CommitOptions {
  author?: TestAuthor;
  /** Committer; defaults to the author. */
  committer?: TestAuthor;
  /** Any date git accepts (ISO 8601 recommended); defaults to a clock that advances 1 h per commit. */
  date?: string;
  /** Stage everything first (`git add -A`); default true. */
  addAll?: boolean;
  /** Allow a commit with no changes. */
  allowEmpty?: boolean;
}

export interface TempRepo {
  /** Working tree (realpath, so it compares equal to `git rev-parse --show-toplevel`). */
  readonly dir: string;
  /** Runs git in the repo with the isolated env; returns trimmed stdout. Throws on failure. */
  git(args: string[], env?: Record<string, string>): string;
  /** Writes a file (creating folders); content is written byte for byte. */
  write(relPath: string, content: string | Buffer): void;
  read(relPath: string): string;
  /** `git rm`s a file. */
  remove(relPath: string): void;
  /** `git mv`s a file. */
  rename(from: string, to: string): void;
  /** Commits and returns the new 40-hex SHA. */
  commit(message: string, opts?: CommitOptions): string;
  /** Lightweight tag, or annotated when `message` is given. Defaults to HEAD. */
  tag(name: string, opts?: { rev?: string; message?: string; date?: string }): void;
  /** Full SHA of a revision. */
  sha(rev?: string): string;
  /** Removes the temp dir (and any clones made from it). */
  cleanup(): void;
}

const tempDirs: string[] = [];

/** An environment that ignores ~/.gitconfig and /etc/gitconfig. */
export function isolatedGitEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^GIT_/i.test(k)) env[k] = v;
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    LC_ALL: 'C',
    TZ: 'UTC',
  };
}

/** A fresh temp dir (realpath), removed by `cleanupTempDirs()`. */
export function makeTempDir(prefix = 'culprit-git-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  tempDirs.push(dir);
  return dir;
}

/** Removes every temp dir this module created. */
export function cleanupTempDirs(): void {
  for (const d of tempDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Runs git with the isolated env in `cwd`. */
function runGit(cwd: string, args: string[], env: NodeJS.ProcessEnv = isolatedGitEnv(cwd)): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Creates an empty repository on branch `main` in a new temp dir. */
export function createTempRepo(): TempRepo {
  const base = makeTempDir();
  const dir = path.join(base, 'repo');
  fs.mkdirSync(dir);
  const home = path.join(base, 'home');
  fs.mkdirSync(home);
  const baseEnv = isolatedGitEnv(home);
  let clock = Date.parse('2024-01-01T00:00:00Z');
  const git = (args: string[], env: Record<string, string> = {}): string => runGit(dir, args, { ...baseEnv, ...env });
  git(['init', '-q']);
  git(['symbolic-ref', 'HEAD', 'refs/heads/main']);
  git(['config', 'commit.gpgsign', 'false']);
  git(['config', 'tag.gpgsign', 'false']);
  const identity = (who: TestAuthor, role: 'AUTHOR' | 'COMMITTER', date: string): Record<string, string> => ({
    [`GIT_${role}_NAME`]: who.name,
    [`GIT_${role}_EMAIL`]: who.email,
    [`GIT_${role}_DATE`]: date,
  });
  return {
    dir,
    git,
    write(relPath, content) {
      const abs = path.join(dir, relPath);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
    },
    read: (relPath) => fs.readFileSync(path.join(dir, relPath), 'utf8'),
    remove: (relPath) => void git(['rm', '-q', '--', relPath]),
    rename: (from, to) => {
      fs.mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
      git(['mv', '--', from, to]);
    },
    commit(message, opts = {}) {
      const author = opts.author ?? ALICE;
      clock += 3600_000;
      const date = opts.date ?? new Date(clock).toISOString();
      if (opts.addAll !== false) git(['add', '-A']);
      const args = ['commit', '-q', '-m', message];
      if (opts.allowEmpty) args.push('--allow-empty');
      git(args, { ...identity(author, 'AUTHOR', date), ...identity(opts.committer ?? author, 'COMMITTER', date) });
      return git(['rev-parse', 'HEAD']);
    },
    tag(name, opts = {}) {
      const args = opts.message ? ['tag', '-a', '-m', opts.message, name] : ['tag', name];
      if (opts.rev) args.push(opts.rev);
      git(args, identity(ALICE, 'COMMITTER', opts.date ?? new Date(clock).toISOString()));
    },
    sha: (rev = 'HEAD') => git(['rev-parse', `${rev}^{commit}`]),
    cleanup: () => fs.rmSync(base, { recursive: true, force: true }),
  };
}

/** `git clone --depth <depth> file://<src>` into a new temp dir; returns the clone's path. */
export function shallowClone(src: string, depth: number): string {
  const base = makeTempDir('culprit-shallow-');
  const dest = path.join(base, 'clone');
  runGit(base, ['clone', '-q', '--depth', String(depth), `file://${src}`, dest], isolatedGitEnv(base));
  return dest;
}

/**
 * A folder holding a `git` that is the real one, except that blame fails the way a broken
 * ignore-revs setting makes it fail; put it first on PATH.
 */
export function failingBlameGitDir(): string {
  const bin = makeTempDir('culprit-failblame-');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  fs.writeFileSync(
    path.join(bin, 'git'),
    '#!/bin/sh\nfor a in "$@"; do case "$a" in blame) ' +
      'echo "fatal: could not open object name list: x" >&2; exit 128;; esac; done\n' +
      `exec ${realGit} "$@"\n`,
    { mode: 0o755 },
  );
  return bin;
}

export interface GitCall {
  /** ns timestamps (date +%s%N) when the process started and ended. */
  start: number;
  end: number;
  args: string[];
}

/**
 * A folder holding a `git` that runs the real one and logs each call (argv, start and end time);
 * put it first on PATH. `calls()` reads the log; `maxConcurrent()` is the most calls alive at once.
 */
export function countingGitDir(): { dir: string; calls: () => GitCall[]; maxConcurrent: () => number } {
  const dir = makeTempDir('culprit-countgit-');
  // One file per call: appends from concurrent wrappers to one log interleave (a call's fields are
  // several writes), which garbles lines exactly when processes overlap.
  const logs = path.join(dir, 'calls');
  fs.mkdirSync(logs);
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  fs.writeFileSync(
    path.join(dir, 'git'),
    '#!/bin/sh\ns=$(date +%s%N)\n' +
      `${realGit} "$@"\nrc=$?\n` +
      `{ printf '%s\\0%s' "$s" "$(date +%s%N)"; for a in "$@"; do printf '\\0%s' "$a"; done; } > '${logs}/'"$s.$$"\n` +
      'exit $rc\n',
    { mode: 0o755 },
  );
  const calls = (): GitCall[] =>
    fs
      .readdirSync(logs)
      .map((name) => fs.readFileSync(path.join(logs, name), 'utf8'))
      .map((l) => {
        const [s, e, ...args] = l.split('\0');
        return { start: Number(s), end: Number(e), args };
      })
      .sort((a, b) => a.start - b.start);
  const maxConcurrent = (): number => {
    const edges = calls().flatMap((c) => [
      [c.start, 1],
      [c.end, -1],
    ]);
    edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let live = 0;
    let most = 0;
    for (const [, d] of edges) most = Math.max(most, (live += d));
    return most;
  };
  return { dir, calls, maxConcurrent };
}
