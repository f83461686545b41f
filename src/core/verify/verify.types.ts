/** What `culprit verify` and Confirm by Bisect produce: the JSON contract's `verification` and the run's options. */

import type { VerificationStep } from '../model/triage.types';

export type { FixCheck, StepResult, Verification, VerificationStep } from '../model/triage.types';

/** A progress report between steps: for stderr lines and `withProgress`. */
export interface VerifyProgress {
  /** 1-based step number and the most steps this run can take (⌈log2 N⌉ + 2 plus descents). */
  step: number;
  maxSteps: number;
  sha: string;
  /** What the step is: `FROM (expected good)`, `bisect`, `HEAD`… */
  phase: string;
  /** Milliseconds of the whole-run budget left. */
  msLeft: number;
  /** The previous step's result, when one just finished. */
  last?: VerificationStep;
}

export interface VerifyOptions {
  /** A reproduction command (`--repro`, `culprit.reproCommand`), with `{file}` / `{test}` placeholders. */
  repro?: string;
  /**
   * Starts the app the regression test replays the failing request against (`--serve`,
   * `culprit.serveCommand`), with `PORT` / `{port}` a free port; used when `repro` is not given.
   */
  serve?: string;
  /** Installs dependencies; rerun only when a lockfile changes between steps. */
  setup?: string;
  /** Builds each step; a failure skips the step (like `git bisect skip`). */
  build?: string;
  /** Per-step timeout; default 120 s. */
  stepTimeoutMs?: number;
  /** Whole-run budget; default 30 min. */
  budgetMs?: number;
  /** Extra runs of each step; a step that disagrees with itself is flaky. Default 0. */
  reruns?: number;
  /** Bisect into a merge's second parent when the merge is the first bad commit. Default true. */
  descend?: boolean;
  /** Also run the reproduction on HEAD and the working tree. */
  checkFix?: boolean;
  /** Workspace trust; false refuses to run anything. */
  trusted: boolean;
  signal?: AbortSignal;
  onProgress?: (p: VerifyProgress) => void;
  /** The ambient environment the reproduction's is built from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where scratch worktrees go; default the OS temp folder. */
  scratchRoot?: string;
}
