/**
 * "Is it fixed?": the same reproduction on HEAD and on the working tree. The working tree is
 * copied into a scratch worktree (HEAD plus `git diff HEAD` plus untracked files), so the user's
 * files are only read, never run in.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { GitRepo } from '../git/gitRepo';
import type { CrashSignature } from './crashSignature';
import { reproductionEnv } from './reproEnv';
import type { Reproduction } from './reproduction';
import { createScratchWorktree } from './scratchWorktree';
import { signatureAt } from './signatureAt';
import { createStepRunner } from './stepRunner';
import type { FixCheck, StepResult, VerifyOptions } from './verify.types';

const MAX_UNTRACKED = 2000;

function word(r: StepResult): string {
  return r === 'bad' ? 'still fails' : r === 'good' ? 'passes' : 'could not be tested';
}

async function copyWorkingTree(repo: GitRepo, dir: string, aside: string, signal?: AbortSignal): Promise<void> {
  const diff = await repo.run(['diff', 'HEAD', '--binary', '--no-ext-diff', '--no-textconv', '--no-renames'], signal);
  if (diff.trim()) {
    const patch = nodePath.join(aside, 'working-tree.patch');
    writeFileSync(patch, diff);
    await repo.run(['-C', dir, 'apply', '--binary', '--whitespace=nowarn', patch], signal);
  }
  const untracked = (await repo.run(['ls-files', '--others', '--exclude-standard', '-z'], signal))
    .split('\0')
    .filter(Boolean)
    .slice(0, MAX_UNTRACKED);
  for (const rel of untracked) {
    const to = nodePath.join(dir, rel);
    mkdirSync(nodePath.dirname(to), { recursive: true });
    copyFileSync(nodePath.join(repo.root, rel), to);
  }
}

/** Runs the reproduction at HEAD, then with the working tree's changes on top; `to` is the deployed revision. */
export async function checkFix(
  repo: GitRepo,
  sig: CrashSignature,
  repro: Reproduction,
  opts: VerifyOptions,
  to: string,
): Promise<FixCheck> {
  const head = await repo.resolveRevision('HEAD', opts.signal);
  // The crash frame under the names HEAD has, when files or functions were renamed since the deploy.
  const sigAt = async (): Promise<CrashSignature> =>
    signatureAt(repo, sig, head, await repo.resolveRevision(to, opts.signal), opts.signal);
  const wt = await createScratchWorktree(repo, head, opts.scratchRoot, opts.signal);
  try {
    const env = reproductionEnv(opts.env ?? process.env);
    let step = 0;
    // The two runs report progress as the bisect's steps do (the notification would look stuck).
    const onStep = (phase: string, sha: string): void =>
      opts.onProgress?.({ step: ++step, maxSteps: 2, sha, phase: `is it fixed? ${phase}`, msLeft: runner.msLeft() });
    const runner = createStepRunner({ repo, wt, sig, repro, opts, env, sigAt, onStep });
    const atHead = (await runner.run(head, 'HEAD')).result;
    await copyWorkingTree(repo, wt.dir, wt.aside, opts.signal);
    // The same worktree now holds the edits: a fresh runner so the step is not recalled by SHA.
    const edited = createStepRunner({
      repo,
      wt: { ...wt, checkout: async () => undefined },
      sig,
      repro,
      opts,
      env,
      sigAt,
      onStep,
    });
    const atTree = (await edited.run(head, 'working tree')).result;
    const summary =
      atHead === 'bad' && atTree === 'good'
        ? 'fixed in the working tree (HEAD still fails): commit it and watch the fix'
        : `HEAD ${word(atHead)}; the working tree ${word(atTree)}`;
    return { head: atHead, workingTree: atTree, summary };
  } finally {
    await wt.remove();
  }
}
