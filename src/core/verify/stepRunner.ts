/**
 * One bisect step: check the commit out in the scratch worktree, run the setup when a lockfile
 * changed, the build, then the reproduction (and its reruns), and judge what it printed.
 */
import { CulpritError } from '../errors';
import type { GitRepo } from '../git/gitRepo';
import { judgeRun, type CrashSignature, type SeenCrash } from './crashSignature';
import { runCommand, type CommandRun } from './processGroup';
import type { Reproduction } from './reproduction';
import type { ScratchWorktree } from './scratchWorktree';
import type { StepResult, VerificationStep, VerifyOptions } from './verify.types';

/** Files whose change means the setup (install) must run again. */
const LOCKFILES = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'requirements.txt',
  'poetry.lock',
  'Pipfile.lock',
  'pyproject.toml',
  'setup.py',
  'setup.cfg',
  'go.sum',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
];

const DEFAULT_STEP_TIMEOUT_MS = 120_000;
const DEFAULT_BUDGET_MS = 30 * 60_000;

/** Thrown when the whole-run budget is spent; the run ends inconclusive with what it has. */
export class BudgetSpent extends Error {}

export interface StepOutcome extends VerificationStep {
  seen?: SeenCrash;
}

export interface StepRunner {
  /** Runs (or recalls) the step at `sha`. */
  run(sha: string, phase: string): Promise<StepOutcome>;
  readonly steps: StepOutcome[];
  /** Reproduction runs so far (reruns included). */
  readonly runs: number;
  msLeft(): number;
  flaky: boolean;
}

function tail(run: CommandRun): string {
  const text = `${run.stderr}\n${run.stdout}`.trim().split('\n').slice(-3).join(' | ');
  return text.length > 200 ? `…${text.slice(-199)}` : text;
}

export function createStepRunner(deps: {
  repo: GitRepo;
  wt: ScratchWorktree;
  sig: CrashSignature;
  repro: Reproduction;
  opts: VerifyOptions;
  env: NodeJS.ProcessEnv;
  onStep?: (phase: string, sha: string) => void;
  /** The signature as of a step's commit (renames in the range); `sig` itself when absent. */
  sigAt?: (sha: string) => Promise<CrashSignature>;
}): StepRunner {
  const { repo, wt, sig, repro, opts, env } = deps;
  const stepTimeout = opts.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const deadline = performance.now() + (opts.budgetMs ?? DEFAULT_BUDGET_MS);
  const done = new Map<string, StepOutcome>();
  const steps: StepOutcome[] = [];
  let runs = 0;
  let setupKey: string | null = null;
  const msLeft = (): number => Math.max(0, deadline - performance.now());

  const exec = async (command: string): Promise<CommandRun> => {
    if (opts.signal?.aborted) throw new CulpritError('cancelled', 'The verification was cancelled.');
    const left = msLeft();
    if (left <= 0) throw new BudgetSpent();
    const run = await runCommand({
      command,
      cwd: wt.dir,
      env,
      timeoutMs: Math.min(stepTimeout, left),
      signal: opts.signal,
      onStart: (pgid) => wt.recordGroup(pgid),
    });
    wt.recordGroup(null);
    if (run.cancelled) throw new CulpritError('cancelled', 'The verification was cancelled.');
    return run;
  };

  const prepare = async (sha: string): Promise<string | null> => {
    if (opts.setup) {
      const key = await repo.run(['ls-tree', sha, '--', ...LOCKFILES], opts.signal);
      if (key !== setupKey) {
        const run = await exec(opts.setup);
        if (run.code !== 0) {
          setupKey = null;
          return `setup failed (${run.timedOut ? 'timed out' : `exit ${run.code}`}): ${tail(run)}`;
        }
        setupKey = key;
      }
    }
    if (opts.build) {
      const run = await exec(opts.build);
      if (run.code !== 0) return `build failed (${run.timedOut ? 'timed out' : `exit ${run.code}`}): ${tail(run)}`;
    }
    return null;
  };

  const runner: StepRunner = {
    steps,
    get runs() {
      return runs;
    },
    msLeft,
    flaky: false,
    async run(sha, phase) {
      const known = done.get(sha);
      if (known) return known;
      deps.onStep?.(phase, sha);
      const t0 = performance.now();
      await wt.checkout(sha, opts.signal);
      const failed = await prepare(sha);
      let outcome: StepOutcome;
      if (failed) outcome = { sha, result: 'skip', ms: 0, note: failed };
      else {
        const command = repro.commandFor(wt.dir, wt.aside);
        const stepSig = deps.sigAt ? await deps.sigAt(sha) : sig;
        const results: Array<{ result: StepResult; note: string; seen?: SeenCrash }> = [];
        for (let i = 0; i <= (opts.reruns ?? 0); i++) {
          runs++;
          results.push(judgeRun(stepSig, await exec(command), wt.dir, wt.aside));
        }
        const first = results[0];
        const disagree = results.some((r) => r.result !== first.result);
        if (disagree) runner.flaky = true;
        outcome = disagree
          ? { sha, result: 'skip', ms: 0, note: `flaky: ${results.map((r) => r.result).join(', ')} on reruns` }
          : { sha, result: first.result, ms: 0, note: first.note, ...(first.seen ? { seen: first.seen } : {}) };
      }
      outcome.ms = Math.round(performance.now() - t0);
      done.set(sha, outcome);
      steps.push(outcome);
      return outcome;
    },
  };
  return runner;
}
