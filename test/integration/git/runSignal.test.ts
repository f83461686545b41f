// Which git processes a run's signal stops, with real git: `cat-file --batch` with its stdin left
// open waits for input forever, so only an abort ends it.
import { strict as assert } from 'assert';
import { CulpritError } from '../../../src/core/errors';
import { createGitRunner, type GitRunner } from '../../../src/core/git/gitRunner';
import { withRunSignal, withSoleRunSignal } from '../../../src/core/git/runSignal';
import { cleanupTempDirs, createTempRepo, type TempRepo } from '../../helpers/gitRepo';

/** A git process that only an abort ends; resolves with how it ended. */
function hang(git: GitRunner): Promise<string> {
  return git.run(['cat-file', '--batch']).then(
    () => 'exited',
    (e: unknown) => (CulpritError.is(e) ? e.reason : String(e)),
  );
}

/** Resolves once `git` has had time to start (its version check and the process itself). */
const started = (git: GitRunner) => git.run(['rev-parse', 'HEAD']);

describe('run signals: a git process stops with the run it was started in, never another', function () {
  this.timeout(60_000);
  let t: TempRepo;
  let git: GitRunner;

  before(() => {
    t = createTempRepo();
    t.write('a.txt', 'a\n');
    t.commit('first');
    git = createGitRunner({ cwd: t.dir, trusted: true, maxConcurrent: 6, timeoutMs: 20_000 });
  });
  after(() => cleanupTempDirs());

  it('the sole run (the CLI): its git stops when its signal aborts; one started after it ends does not', async () => {
    const ac = new AbortController();
    let inside: Promise<string> = Promise.resolve('');
    await withSoleRunSignal(ac.signal, async () => {
      inside = hang(git);
      await started(git);
    });
    ac.abort();
    assert.equal(await inside, 'cancelled');
    // The run is over: its (aborted) signal no longer applies.
    assert.match(await git.run(['rev-parse', 'HEAD']), /^[0-9a-f]{40}\n$/);
  });

  it('overlapping runs with their own signals (the extension): each abort stops only its run', async () => {
    const a = new AbortController();
    const b = new AbortController();
    const c = new AbortController();
    const runs: Record<string, Promise<string>> = {};
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const sole = withSoleRunSignal(c.signal, async () => {
      runs.c = hang(git);
      await held;
    });
    await Promise.all([
      withRunSignal(a.signal, async () => {
        runs.a = hang(git);
        await started(git);
      }),
      withRunSignal(b.signal, async () => {
        runs.b = hang(git);
        await started(git);
      }),
      // A sole run that starts while others are in flight falls back to async context.
      withSoleRunSignal(b.signal, async () => {
        runs.b2 = hang(git);
        await started(git);
      }),
    ]);
    a.abort();
    assert.equal(await runs.a, 'cancelled');
    b.abort();
    assert.equal(await runs.b, 'cancelled');
    assert.equal(await runs.b2, 'cancelled');
    release();
    await sole;
    c.abort();
    assert.equal(await runs.c, 'cancelled', 'the sole run kept its own signal through the overlap');
  });

  it('a git started outside every run is not stopped by a run that aborts meanwhile', async () => {
    const own = new AbortController();
    const outside = git.run(['cat-file', '--batch'], own.signal).then(
      () => 'exited',
      (e: unknown) => (CulpritError.is(e) ? e.reason : String(e)),
    );
    const ac = new AbortController();
    let inside: Promise<string> = Promise.resolve('');
    await withRunSignal(ac.signal, async () => {
      inside = hang(git);
      await started(git);
    });
    ac.abort();
    assert.equal(await inside, 'cancelled');
    assert.equal(await Promise.race([outside, started(git).then(() => 'running')]), 'running');
    own.abort();
    assert.equal(await outside, 'cancelled');
  });
});
