import { CulpritError } from '../errors';

/** What a failed git process left behind, as the runner saw it. */
export interface GitFailure {
  args: readonly string[];
  exitCode: number | null;
  stderr: string;
  /** Node's spawn error code (`ENOENT` when the binary is missing). */
  spawnCode?: string;
}

const NOT_A_REPO = /not a git repository|must be run in a work ?tree/i;
const UNKNOWN_REV = new RegExp(
  [
    'unknown revision|bad revision|ambiguous argument|bad object|not a valid object name|invalid object name',
    'not a valid commit|no such ref|needed a single revision',
  ].join('|'),
  'i',
);

/** First non-empty line of git's stderr, without the `fatal: ` / `error: ` prefix. */
function firstStderrLine(stderr: string): string {
  const line =
    stderr
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? '';
  return line.replace(/^(fatal|error):\s*/i, '').slice(0, 500);
}

/**
 * Maps a git failure onto a `CulpritError` reason. The reason is what callers branch on;
 * `details` keeps the exit code and stderr for the few callers that need them (e.g. `merge-base`
 * exiting 1 without output means "no").
 */
export function classifyGitFailure(f: GitFailure): CulpritError {
  const details = { args: [...f.args], exitCode: f.exitCode, stderr: f.stderr.slice(0, 4000) };
  if (f.spawnCode === 'ENOENT') {
    return new CulpritError(
      'git-missing',
      'git was not found on PATH. Install git (2.20 or newer) to rank suspect commits.',
      details,
    );
  }
  const first = firstStderrLine(f.stderr);
  if (NOT_A_REPO.test(f.stderr)) {
    return new CulpritError('not-a-repo', `Not a git repository: ${first}`, details);
  }
  if (UNKNOWN_REV.test(f.stderr)) {
    return new CulpritError('unknown-revision', `Unknown revision: ${first}`, details);
  }
  const cmd = `git ${f.args.find((a) => !a.startsWith('-')) ?? ''}`.trim();
  const what = first || (f.exitCode !== null ? `exit code ${f.exitCode}` : 'no output');
  return new CulpritError('git-failed', `${cmd} failed: ${what}`, details);
}

/** Exit code recorded by the runner on a `git-failed` error, or null. */
export function gitExitCode(e: unknown): number | null {
  if (!CulpritError.is(e) || !e.details) return null;
  const code = e.details.exitCode;
  return typeof code === 'number' ? code : null;
}

/** git's stderr recorded by the runner on an error, or ''. */
export function gitStderr(e: unknown): string {
  if (!CulpritError.is(e) || !e.details) return '';
  const s = e.details.stderr;
  return typeof s === 'string' ? s : '';
}
