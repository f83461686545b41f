/**
 * The verification run over a deploy range: FROM (expected good) and TO (expected bad) first,
 * then a bisect of TO's first-parent line back to FROM (a merge is one step; the first bad merge
 * is then descended into), every step in one scratch worktree that is removed at the end.
 */
import { CulpritError } from '../errors';
import { shortSha } from '../present/issueSummary';
import type { GitRepo } from '../git/gitRepo';
import { bisectLine, maxBisectTests } from './bisectLine';
import { shortType, type CrashSignature, type SeenCrash } from './crashSignature';
import { reproductionEnv } from './reproEnv';
import type { Reproduction } from './reproduction';
import { cleanStaleWorktrees, createScratchWorktree } from './scratchWorktree';
import { signatureAt } from './signatureAt';
import { BudgetSpent, createStepRunner, type StepOutcome, type StepRunner } from './stepRunner';
import type { Verification, VerifyOptions } from './verify.types';

export interface RangeVerification {
  verification: Verification;
  /** Where the confirmed commit's reproduction crashed (for the suspect's reason). */
  seen?: SeenCrash;
}

const short = shortSha;

async function firstParentLine(repo: GitRepo, from: string, to: string, signal?: AbortSignal): Promise<string[]> {
  const out = await repo.run(['rev-list', '--first-parent', '--reverse', `${from}..${to}`, '--'], signal);
  return out.split('\n').filter(Boolean);
}

async function parentsOf(repo: GitRepo, sha: string, signal?: AbortSignal): Promise<string[]> {
  const out = await repo.run(['rev-list', '--parents', '-n', '1', sha, '--'], signal);
  return out.trim().split(/\s+/).slice(1);
}

function atOf(step: StepOutcome): string {
  return step.seen
    ? `${shortType(step.seen.type)} at ${step.seen.file}${step.seen.line ? `:${step.seen.line}` : ''}`
    : '';
}

/** The bisect proper, once the worktree and the step runner exist. */
async function bisect(
  repo: GitRepo,
  runner: StepRunner,
  from: string,
  to: string,
  opts: VerifyOptions,
): Promise<Omit<Verification, 'command' | 'steps' | 'runs'> & { seen?: SeenCrash }> {
  const line = await firstParentLine(repo, from, to, opts.signal);
  if (line.length === 0)
    return { status: 'inconclusive', commit: null, summary: `${short(to)} is not after ${short(from)}` };
  const fromStep = await runner.run(from, 'FROM (expected good)');
  if (fromStep.result === 'bad')
    return {
      status: 'inconclusive',
      commit: null,
      summary: `already fails at FROM ${short(from)} with the same ${atOf(fromStep)}: the bug predates the range`,
    };
  const toStep = await runner.run(to, 'TO (expected bad)');
  if (toStep.result === 'good')
    return {
      status: 'not-reproduced',
      commit: null,
      summary: `the deployed revision ${short(to)} does not fail here (${toStep.note ?? 'passed'}): production differs`,
    };
  if (toStep.result === 'skip')
    return { status: 'inconclusive', commit: null, summary: `TO ${short(to)} could not be tested: ${toStep.note}` };
  let outcome = await bisectLine(line, async (sha) => (await runner.run(sha, 'bisect')).result);
  if (outcome.firstBad && opts.descend !== false) {
    const parents = await parentsOf(repo, outcome.firstBad, opts.signal);
    if (parents.length > 1) {
      // The merged branch bisected with the merge as its known-bad end: no separate run of the
      // branch tip, and the merge itself stays the verdict when the whole branch passes.
      const merge = outcome.firstBad;
      const side = await firstParentLine(repo, parents[0], parents[1], opts.signal);
      const inner = side.length
        ? await bisectLine([...side, merge], async (sha) => (await runner.run(sha, 'merged branch')).result)
        : null;
      if (inner?.firstBad && inner.firstBad !== merge) outcome = inner;
    }
  }
  if (!outcome.firstBad) {
    const why = runner.flaky ? 'a step disagreed with itself on a rerun (flaky)' : 'skipped steps';
    return {
      status: 'inconclusive',
      commit: null,
      summary: `${why} leave ${outcome.candidates.length} candidates: ${outcome.candidates.map(short).join(', ')}`,
    };
  }
  const bad = runner.steps.find((s) => s.sha === outcome.firstBad) as StepOutcome;
  const parentSha = outcome.lastGood ?? (await parentsOf(repo, outcome.firstBad, opts.signal))[0] ?? from;
  const parent = runner.steps.find((s) => s.sha === parentSha) ?? fromStep;
  if (parent.result !== 'good')
    return {
      status: 'inconclusive',
      commit: null,
      summary: `${short(outcome.firstBad)} fails but its parent could not be tested (${parent.note ?? parent.result})`,
    };
  const x = short(outcome.firstBad);
  return {
    status: 'confirmed',
    commit: outcome.firstBad,
    summary: `reproduced: fails at ${x} with the same ${atOf(bad)}; passes at ${x}^`,
    seen: bad.seen,
  };
}

/** The most reproduction steps a run over a first-parent line of `n` commits takes without skips. */
function maxSteps(n: number): number {
  return 2 + maxBisectTests(n);
}

/**
 * Verifies `from..to` with `repro`. Never touches the user's working tree, index, branches or
 * stash: everything runs in a detached scratch worktree outside the checkout, removed in `finally`.
 * Throws `untrusted` in an untrusted workspace and `cancelled` when `opts.signal` aborts.
 */
export async function verifyRange(
  repo: GitRepo,
  range: { from: string; to: string },
  sig: CrashSignature,
  repro: Reproduction,
  opts: VerifyOptions,
): Promise<RangeVerification> {
  if (!opts.trusted)
    throw new CulpritError('untrusted', 'Reproductions never run in an untrusted workspace: trust it to verify.');
  await cleanStaleWorktrees(repo, opts.scratchRoot);
  const from = await repo.resolveRevision(range.from, opts.signal);
  const to = await repo.resolveRevision(range.to, opts.signal);
  const n = (await firstParentLine(repo, from, to, opts.signal)).length;
  const wt = await createScratchWorktree(repo, to, opts.scratchRoot, opts.signal);
  let stepNo = 0;
  const runner = createStepRunner({
    repo,
    wt,
    sig,
    repro,
    opts,
    env: reproductionEnv(opts.env ?? process.env),
    sigAt: (sha) => signatureAt(repo, sig, sha, to, opts.signal),
    onStep: (phase, sha) =>
      opts.onProgress?.({
        step: ++stepNo,
        maxSteps: maxSteps(n),
        sha,
        phase,
        msLeft: runner.msLeft(),
        last: runner.steps.at(-1),
      }),
  });
  try {
    let result: Awaited<ReturnType<typeof bisect>>;
    try {
      result = await bisect(repo, runner, from, to, opts);
    } catch (e) {
      if (!(e instanceof BudgetSpent)) throw e;
      result = { status: 'inconclusive', commit: null, summary: 'the time budget ran out before the bisect ended' };
    }
    const { seen, ...rest } = result;
    const verification: Verification = {
      ...rest,
      command: repro.label,
      steps: runner.steps.map(({ sha, result: r, ms, note }) => ({ sha, result: r, ms, ...(note ? { note } : {}) })),
      runs: runner.runs,
    };
    return { verification, ...(seen ? { seen } : {}) };
  } finally {
    await wt.remove();
  }
}
