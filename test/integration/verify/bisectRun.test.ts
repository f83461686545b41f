/**
 * The run's mechanics on real repositories and real node: a merge of the first-parent line is one
 * step and is then descended into (or not, with descend off); the setup reruns exactly when a
 * lockfile changed between steps; a step over the per-step timeout is a skip and its processes
 * die; a run over its whole budget ends inconclusive with every process gone.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { verifyIssue } from '../../../src/core/verify';
import { ALICE, BOB, CAROL, cleanupTempDirs, createTempRepo, type TempRepo } from '../../helpers/gitRepo';
import { buildVerifyRepo, checkoutState, triageFor } from '../../helpers/verifyRepo';

const cartJs = (rate: string, note: string) =>
  `'use strict';\n// ${note}\nfunction rateOf(customer) {\n  return ${rate};\n}\n` +
  `module.exports = { total: (sum, customer) => sum * (1 - rateOf(customer)) };\n`;
const MAIN = "'use strict';\nconsole.log(require('./src/cart').total(20, { tier: 'gold' }));\n";

interface MergeRepo {
  repo: TempRepo;
  bugSha: string;
  mergeSha: string;
  trace: string;
}

/**
 * v1, A, feature branch (F1, F2 the bug, F3) merged --no-ff after B (a lockfile change), C, v2.
 * `semantic`: F2 reads the rate only under a flag B turns on, so each side passes and the merge fails.
 */
function buildMergeRepo(semantic = false): MergeRepo {
  const repo = createTempRepo();
  repo.write('main.js', MAIN);
  repo.write('src/cart.js', cartJs('0.1', 'v1'));
  repo.write('src/flags.js', 'module.exports = { strict: false };\n');
  repo.write('package-lock.json', '{ "lockfileVersion": 3, "n": 1 }\n');
  repo.commit('Initial import', { author: ALICE });
  repo.tag('v1');
  repo.write('notes.md', 'A\n');
  repo.commit('A: notes', { author: BOB });
  repo.git(['checkout', '-q', '-b', 'feature']);
  repo.write('src/cart.js', cartJs('0.1', 'F1'));
  repo.commit('F1: comment', { author: CAROL });
  const rate = semantic ? "require('./flags').strict ? customer.loyalty.rate : 0.1" : 'customer.loyalty.rate';
  repo.write('src/cart.js', cartJs(rate, 'F2'));
  const f2 = repo.commit('F2: use loyalty rates', { author: CAROL });
  repo.write('src/cart.js', cartJs(rate, 'F3'));
  repo.commit('F3: comment', { author: CAROL });
  repo.git(['checkout', '-q', 'main']);
  repo.write('package-lock.json', '{ "lockfileVersion": 3, "n": 2 }\n');
  if (semantic) repo.write('src/flags.js', 'module.exports = { strict: true };\n');
  repo.commit('B: bump a dependency', { author: BOB });
  repo.git(['merge', '-q', '--no-ff', '-m', 'Merge feature', 'feature'], {
    GIT_AUTHOR_NAME: ALICE.name,
    GIT_AUTHOR_EMAIL: ALICE.email,
    GIT_COMMITTER_NAME: ALICE.name,
    GIT_COMMITTER_EMAIL: ALICE.email,
  });
  const mergeSha = repo.sha('HEAD');
  repo.write('notes.md', 'C\n');
  repo.commit('C: notes', { author: ALICE });
  repo.tag('v2');
  const run = spawnSync(process.execPath, ['main.js'], { cwd: repo.dir, encoding: 'utf8' });
  assert.notEqual(run.status, 0, 'v2 crashes');
  return { repo, bugSha: semantic ? mergeSha : f2, mergeSha, trace: run.stderr };
}

/** Whether `pid` still runs after up to 3 s (a killed child is reaped by init shortly after). */
async function stillAlive(pid: number): Promise<boolean> {
  for (const deadline = Date.now() + 3000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
  }
  return true;
}

describe('verify: merges, setup reuse, step timeout and budget (real repos, real node)', function () {
  this.timeout(120_000);
  let scratch: string;
  beforeEach(() => (scratch = mkdtempSync(path.join(tmpdir(), 'culprit-scratch-'))));
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));
  after(cleanupTempDirs);

  it('tests the merge as one step, then descends into it to the bug commit; setup reruns on lockfile changes', async () => {
    const m = buildMergeRepo();
    const before = checkoutState(m.repo.dir);
    const setups = path.join(scratch, 'setups');
    const { ws, event, issue } = await triageFor(m.repo.dir, m.trace, 'trace.txt', 'v1..v2');
    const out = await verifyIssue(ws, event, issue, {
      repro: 'node main.js',
      setup: `git rev-parse HEAD >> '${setups}'`,
      trusted: true,
      scratchRoot: path.join(scratch, 'wt'),
    });
    const ver = out.verification!;
    assert.equal(ver.status, 'confirmed', ver.summary);
    assert.equal(ver.commit, m.bugSha);
    const shas = ver.steps.map((s) => s.sha);
    assert.ok(shas.includes(m.mergeSha), 'the merge was a step of the first-parent bisect');
    const lock = (sha: string) => m.repo.git(['rev-parse', `${sha}:package-lock.json`]);
    const expected = shas.filter((sha, i) => i === 0 || lock(sha) !== lock(shas[i - 1]));
    assert.ok(expected.length >= 2 && expected.length < shas.length, `${expected.length} of ${shas.length}`);
    assert.deepEqual(readFileSync(setups, 'utf8').trim().split('\n'), expected);
    // FROM, TO, the first-parent line of 4 (2 runs), the merged branch of 3 with the merge as its bad end (2 runs).
    assert.equal(ver.runs, 6, JSON.stringify(ver.steps));
    assert.equal(checkoutState(m.repo.dir), before);
    assert.deepEqual(readdirSync(path.join(scratch, 'wt')), []);
  });

  it('confirms the merge itself when each side passes and only their combination fails', async () => {
    const m = buildMergeRepo(true);
    const { ws, event, issue } = await triageFor(m.repo.dir, m.trace, 'trace.txt', 'v1..v2');
    const out = await verifyIssue(ws, event, issue, { repro: 'node main.js', trusted: true, scratchRoot: scratch });
    const ver = out.verification!;
    assert.equal(ver.status, 'confirmed', ver.summary);
    assert.equal(ver.commit, m.mergeSha);
    const side = m.repo.git(['rev-list', `${m.mergeSha}^1..${m.mergeSha}^2`]).split('\n');
    const tested = ver.steps.filter((s) => side.includes(s.sha));
    assert.ok(tested.length >= 1 && tested.every((s) => s.result === 'good'), JSON.stringify(ver.steps));
  });

  it('with descend off, the first bad merge is the verdict', async () => {
    const m = buildMergeRepo();
    const { ws, event, issue } = await triageFor(m.repo.dir, m.trace, 'trace.txt', 'v1..v2');
    const out = await verifyIssue(ws, event, issue, {
      repro: 'node main.js',
      descend: false,
      trusted: true,
      scratchRoot: scratch,
    });
    assert.equal(out.verification!.status, 'confirmed');
    assert.equal(out.verification!.commit, m.mergeSha);
    assert.ok(!out.verification!.steps.some((s) => s.sha === m.bugSha), 'no step inside the merged branch');
  });

  it('a step over the per-step timeout is a skip and its process group is killed', async () => {
    const v = buildVerifyRepo(16, 4);
    const pids = path.join(scratch, 'pids');
    const hangOnce = path.join(scratch, 'hung');
    const { ws, event, issue } = await triageFor(v.repo.dir, v.trace, 'trace.txt', 'v1..v2');
    // The first untagged step hangs (with a background child); the others run normally.
    const repro =
      `if ! git describe --tags --exact-match >/dev/null 2>&1 && [ ! -e '${hangOnce}' ]; then ` +
      `touch '${hangOnce}'; sleep 300 & echo $! >> '${pids}'; wait; fi; node main.js`;
    const out = await verifyIssue(ws, event, issue, {
      repro,
      stepTimeoutMs: 2500,
      trusted: true,
      scratchRoot: scratch,
    });
    const ver = out.verification!;
    const timedOut = ver.steps.filter((s) => /^timed out after \d+ s$/.test(s.note ?? ''));
    assert.equal(timedOut.length, 1, JSON.stringify(ver.steps));
    assert.equal(timedOut[0].result, 'skip');
    assert.ok(timedOut[0].ms >= 2500 && timedOut[0].ms < 20_000, `${timedOut[0].ms} ms`);
    assert.equal(ver.status, 'confirmed', ver.summary);
    assert.equal(ver.commit, v.bugSha);
    const child = Number(readFileSync(pids, 'utf8').trim());
    assert.equal(await stillAlive(child), false, 'the timed-out step left its child running');
  });

  it('a run over its whole budget ends inconclusive, leaving no process and no worktree', async () => {
    const v = buildVerifyRepo(6, 2);
    const pids = path.join(scratch, 'pids');
    const { ws, event, issue } = await triageFor(v.repo.dir, v.trace, 'trace.txt', 'v1..v2');
    // FROM and TO are tagged and quick; every bisect step hangs past what is left of the budget.
    const repro = `if ! git describe --tags --exact-match >/dev/null 2>&1; then sleep 300 & echo $! >> '${pids}'; wait; fi; node main.js`;
    const t0 = Date.now();
    const out = await verifyIssue(ws, event, issue, {
      repro,
      budgetMs: 6000,
      stepTimeoutMs: 60_000,
      trusted: true,
      scratchRoot: path.join(scratch, 'wt'),
    });
    const ver = out.verification!;
    assert.equal(ver.status, 'inconclusive');
    assert.equal(ver.summary, 'the time budget ran out before the bisect ended');
    assert.ok(Date.now() - t0 < 30_000, 'the budget bounded the run');
    assert.deepEqual(
      ver.steps.slice(0, 2).map((s) => s.result),
      ['good', 'bad'],
    );
    for (const pid of readFileSync(pids, 'utf8').trim().split('\n').map(Number))
      assert.equal(await stillAlive(pid), false, `process ${pid} survived`);
    assert.ok(!existsSync(path.join(scratch, 'wt')) || readdirSync(path.join(scratch, 'wt')).length === 0);
  });
});
