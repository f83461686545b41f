import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CulpritError } from '../errors';
import { classifyGitFailure, gitExitCode } from './gitErrors';
import {
  FILTER_QUERY,
  PINNED_CONFIG,
  WORKTREE_READERS,
  filterOverrides,
  pinnedEnv,
  subcommandFlags,
} from './gitPinning';
import { currentRunSignal } from './runSignal';
import { knownVersion, rememberVersion } from './knownVersion';
import { isDeadlineError } from '../util/deadline';

/** Runs git with a pinned environment. The only way core code starts a git process. */
export interface GitRunner {
  /** Directory git runs in unless a call says otherwise. */
  readonly cwd: string;
  /**
   * Runs `git <args>` and resolves with stdout (UTF-8, untrimmed). Rejects with a `CulpritError`:
   * `untrusted`, `git-missing`, `not-a-repo`, `unknown-revision`, `git-failed` (details: exitCode,
   * stderr), `timeout` or `cancelled`.
   */
  run(args: readonly string[], signal?: AbortSignal, opts?: RunOptions): Promise<string>;
  /**
   * Starts a long-lived git process (`cat-file --batch`) with the same pinned config, environment
   * and trust check as `run`. It holds one process slot until `release` is called (call it once
   * the process exited); the caller owns its stdin/stdout and its lifetime.
   */
  spawnLong(args: readonly string[], opts?: { cwd?: string }): Promise<LongGitProcess>;
}

export interface RunOptions {
  cwd?: string;
  /**
   * False when the call names every revision it reads (`diff A B`, `blame A..B -- f`): git then
   * reads no working-tree file, so no clean filter can run and the filter query is skipped.
   */
  readsWorktree?: boolean;
}

/** A git process started by {@link GitRunner.spawnLong}. */
export interface LongGitProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Frees the process slot; idempotent. */
  release(): void;
}

export interface GitRunnerOptions {
  cwd: string;
  /** Workspace trust: false refuses every call without spawning (repo config can run programs). */
  trusted: boolean;
  /** Total time per process; default 30 s. */
  timeoutMs?: number;
  /** Processes at once; default 2 (measured best on 2 cores). */
  maxConcurrent?: number;
  /** git executable; default `git` from PATH. */
  binary?: string;
}

/** Oldest git whose output formats and flags this code relies on. */
const MIN_GIT_VERSION: readonly [number, number] = [2, 20];

/** A blame or log of a huge file stays well under this; beyond it the call fails rather than eat memory. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/** Parses `git version 2.39.5` (and vendor suffixes like `.windows.1`). */
export function parseGitVersion(text: string): [number, number, number] | null {
  const m = /git version (\d+)\.(\d+)(?:\.(\d+))?/.exec(String(text));
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

/** A counting semaphore: at most `max` holders at once, FIFO. */
function semaphore(max: number): () => Promise<() => void> {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = (): void => {
    active--;
    waiting.shift()?.();
  };
  return async () => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    return release;
  };
}

interface ExitInfo {
  exitCode: number | null;
  stderr: string;
}

/** A git process that exited non-zero (or failed to spawn), before classification. */
class GitExit extends Error {
  constructor(readonly info: ExitInfo) {
    super('git exited with an error');
  }
}

/**
 * Creates the git runner for one workspace folder. Arguments go to git as an array (never a shell
 * string); every call gets `--no-pager`, the pinned `-c` settings and environment, a total timeout
 * and a process slot (at most `maxConcurrent` at once). The git version is checked once.
 */
export function createGitRunner(opts: GitRunnerOptions): GitRunner {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const acquire = semaphore(Math.max(1, opts.maxConcurrent ?? 2));
  const binary = opts.binary ?? 'git';
  let versionCheck: Promise<void> | null = null;
  let version: [number, number, number] | null = null;
  /**
   * Per folder: `-c` settings that turn its configured filter drivers off (clean filters run on working-tree reads).
   */
  const filterPins = new Map<string, Promise<string[]>>();

  const spawnGit = async (
    args: readonly string[],
    cwd: string,
    signal?: AbortSignal,
    extraConfig: readonly string[] = [],
  ): Promise<string> => {
    const callers = [signal, currentRunSignal()].filter((s): s is AbortSignal => s !== undefined);
    const stopped = (): CulpritError | null => {
      const by = callers.find((s) => s.aborted);
      if (!by) return null;
      // A run's passed deadline is a timeout the triage reports; any other abort is a cancel.
      if (isDeadlineError(by.reason)) {
        return new CulpritError('timeout', `git ${args[0] ?? ''} stopped: ${by.reason.message}`, by.reason.details);
      }
      return new CulpritError('cancelled', `git ${args[0] ?? ''} was cancelled.`);
    };
    const early = stopped();
    if (early) throw early;
    const release = await acquire();
    const timeout = AbortSignal.timeout(timeoutMs);
    const abort = AbortSignal.any([...callers, timeout]);
    try {
      if (!existsSync(cwd))
        throw new CulpritError('not-a-repo', 'Not a git repository: the folder does not exist.', { args: [...args] });
      // Spawned with execFile: arguments stay an array (never a shell string), with the pinned
      // config and env, the timeout and the abort signal.
      return await new Promise<string>((resolve, reject) => {
        execFile(
          binary,
          ['--no-pager', ...PINNED_CONFIG.flatMap((c) => ['-c', c]), ...extraConfig, ...args],
          { cwd, env: pinnedEnv(), signal: abort, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8', windowsHide: true },
          (err, stdout, stderr) => {
            if (!err) return resolve(stdout);
            const code = (err as NodeJS.ErrnoException).code;
            const exitCode = typeof code === 'number' ? code : null;
            // A spawn failure has no exit code; its message (ENOENT: git missing) stands in for stderr.
            reject(
              new GitExit({
                exitCode,
                stderr: exitCode === null ? `${err.message}${code === 'ENOENT' ? ' ENOENT' : ''}` : stderr,
              }),
            );
          },
        );
      });
    } catch (e) {
      const why = stopped();
      if (why) throw why;
      if (timeout.aborted) {
        throw new CulpritError('timeout', `git ${args[0] ?? ''} took longer than ${timeoutMs} ms and was stopped.`);
      }
      throw toCulpritError(e, args);
    } finally {
      release();
    }
  };

  // A git binary's version does not change: only its first run anywhere costs a `git version`.
  const versionOutput = async (signal?: AbortSignal): Promise<string> => {
    const known = knownVersion(binary);
    if (known !== null) return known;
    const out = await spawnGit(['version'], opts.cwd, signal);
    if (parseGitVersion(out)) rememberVersion(binary, out);
    return out;
  };

  const checkVersion = (signal?: AbortSignal): Promise<void> => {
    versionCheck ??= versionOutput(signal).then((out) => {
      const v = parseGitVersion(out);
      version = v;
      const [maj, min] = MIN_GIT_VERSION;
      if (v && (v[0] < maj || (v[0] === maj && v[1] < min))) {
        throw new CulpritError(
          'git-missing',
          `Culprit needs git ${maj}.${min} or newer; found ${v.join('.')}. Please upgrade git.`,
        );
      }
    });
    // Retry next time: a missing git may be installed meanwhile, and a cancelled check says nothing.
    versionCheck.catch(() => (versionCheck = null));
    return versionCheck;
  };

  const admit = async (args: readonly string[], signal?: AbortSignal): Promise<void> => {
    if (!opts.trusted) {
      throw new CulpritError(
        'untrusted',
        'Git is disabled in an untrusted workspace: a repository’s config can run programs. Trust the workspace to ' +
          'enable blame.',
      );
    }
    if (!Array.isArray(args) || args.some((a) => typeof a !== 'string' || a.includes('\0'))) {
      throw new CulpritError('invalid-input', 'git arguments must be strings without NUL bytes.');
    }
    await checkVersion(signal);
  };

  const filterPinsFor = (cwd: string, signal?: AbortSignal): Promise<string[]> => {
    let pins = filterPins.get(cwd);
    if (!pins) {
      pins = spawnGit(FILTER_QUERY, cwd, signal).then(filterOverrides, (e: unknown) => {
        // Exit 1 without output: no filter is configured. Anything else is retried on the next call.
        if (gitExitCode(e) === 1) return [];
        filterPins.delete(cwd);
        throw e;
      });
      filterPins.set(cwd, pins);
    }
    return pins;
  };

  return {
    cwd: opts.cwd,
    async run(args, signal, runOpts) {
      await admit(args, signal);
      const cwd = runOpts?.cwd ?? opts.cwd;
      const [sub, ...rest] = args;
      const reads = sub !== undefined && WORKTREE_READERS.has(sub) && runOpts?.readsWorktree !== false;
      const extra = reads ? await filterPinsFor(cwd, signal) : [];
      return spawnGit(sub === undefined ? [] : [sub, ...subcommandFlags(sub, version), ...rest], cwd, signal, extra);
    },
    async spawnLong(args, runOpts) {
      await admit(args);
      const cwd = runOpts?.cwd ?? opts.cwd;
      if (!existsSync(cwd))
        throw new CulpritError('not-a-repo', 'Not a git repository: the folder does not exist.', { args: [...args] });
      const free = await acquire();
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        free();
      };
      try {
        const child = spawn(binary, ['--no-pager', ...PINNED_CONFIG.flatMap((c) => ['-c', c]), ...args], {
          cwd,
          env: pinnedEnv(),
          stdio: ['pipe', 'pipe', 'pipe'],
          windowsHide: true,
        });
        return { child, release };
      } catch (e) {
        release();
        throw toCulpritError(e, args);
      }
    },
  };
}

function toCulpritError(e: unknown, args: readonly string[]): CulpritError {
  if (CulpritError.is(e)) return e;
  if (e instanceof GitExit) {
    const spawnCode = /\bENOENT\b/.test(e.info.stderr) ? 'ENOENT' : undefined;
    return classifyGitFailure({ args, exitCode: e.info.exitCode, stderr: e.info.stderr, spawnCode });
  }
  const msg = e instanceof Error ? e.message : String(e);
  return classifyGitFailure({ args, exitCode: null, stderr: msg });
}
