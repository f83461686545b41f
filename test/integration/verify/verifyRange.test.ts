/**
 * `verifyIssue` on real repositories with real node crashes: confirmed within ⌈log2 N⌉ + 2 runs,
 * skips, flakiness, merges, setup reuse, the reproduction's environment, and cancellation that
 * leaves nothing behind.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CulpritError } from '../../../src/core/errors';
import { verifyIssue } from '../../../src/core/verify';
import { cleanupTempDirs } from '../../helpers/gitRepo';
import { buildVerifyRepo, checkoutState, triageFor } from '../../helpers/verifyRepo';

/** Running (a zombie waiting for a reaper that a container's init may never be is not running). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('verify: bisect the deploy range with a reproduction (real repos, real node)', function () {
  this.timeout(120_000);
  let scratch: string;
  beforeEach(() => (scratch = mkdtempSync(path.join(tmpdir(), 'culprit-scratch-'))));
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));
  after(cleanupTempDirs);

  it('confirms the bug commit in at most ⌈log2 N⌉ + 2 runs and moves it to the top of the suspects', async () => {
    const v = buildVerifyRepo(12, 7);
    const before = checkoutState(v.repo.dir);
    const { ws, event, issue } = await triageFor(v.repo.dir, v.trace, 'trace.txt', 'v1..v2');
    const out = await verifyIssue(ws, event, issue, { repro: 'node main.js', trusted: true, scratchRoot: scratch });
    const ver = out.verification;
    assert.ok(ver);
    assert.equal(ver.status, 'confirmed', ver.summary);
    assert.equal(ver.commit, v.bugSha);
    assert.ok(ver.runs <= Math.ceil(Math.log2(12)) + 2, `${ver.runs} runs`);
    assert.equal(ver.command, 'node main.js');
    assert.equal(ver.steps[0].sha, v.repo.sha('v1'));
    assert.equal(ver.steps[0].result, 'good');
    assert.equal(ver.steps[1].sha, v.repo.sha('v2'));
    assert.equal(ver.steps[1].result, 'bad');
    for (const s of ver.steps) assert.ok(/^[0-9a-f]{40}$/.test(s.sha) && Number.isFinite(s.ms));
    assert.equal(out.suspects[0].sha, v.bugSha);
    assert.match(
      out.suspects[0].reasons[0],
      new RegExp(
        `^reproduced: fails at ${v.bugSha.slice(0, 7)} with the same TypeError at src/cart\\.js:3; passes at ${v.bugSha.slice(0, 7)}\\^$`,
      ),
    );
    assert.equal(checkoutState(v.repo.dir), before);
    assert.deepEqual(readdirSync(scratch), []);
  });

  it('skips a commit whose build fails and still confirms', async () => {
    const v = buildVerifyRepo(8, 5);
    const { ws, event, issue } = await triageFor(v.repo.dir, v.trace, 'trace.txt', 'v1..v2');
    // The build fails at the 4th range commit (LIMIT_3 present), like a broken intermediate commit.
    const out = await verifyIssue(ws, event, issue, {
      repro: 'node main.js',
      build: '! grep -q LIMIT_3 src/cart.js',
      trusted: true,
      scratchRoot: scratch,
    });
    const ver = out.verification!;
    assert.equal(ver.status, 'confirmed', ver.summary);
    assert.equal(ver.commit, v.bugSha);
    const skipped = ver.steps.filter((s) => s.result === 'skip');
    for (const s of skipped) assert.match(s.note ?? '', /^build failed/);
  });

  it('ends inconclusive when a step disagrees with itself on a rerun (flaky)', async () => {
    const v = buildVerifyRepo(4, 2);
    const counter = path.join(scratch, 'count');
    writeFileSync(counter, '');
    const { ws, event, issue } = await triageFor(v.repo.dir, v.trace, 'trace.txt', 'v1..v2');
    // Every third run passes whatever the commit: the TO step's rerun disagrees.
    const repro = `echo x >> '${counter}'; [ $(wc -l < '${counter}') -eq 3 ] && exit 0; node main.js`;
    const out = await verifyIssue(ws, event, issue, {
      repro,
      reruns: 1,
      trusted: true,
      scratchRoot: path.join(scratch, 'wt'),
    });
    const ver = out.verification!;
    assert.equal(ver.status, 'inconclusive');
    assert.ok(
      ver.steps.some((s) => /^flaky/.test(s.note ?? '')),
      JSON.stringify(ver.steps),
    );
  });

  it('runs the setup once while no lockfile changes, and gives the reproduction no provider tokens', async () => {
    const v = buildVerifyRepo(6, 3);
    const setups = path.join(scratch, 'setups');
    const envDump = path.join(scratch, 'env');
    const { ws, event, issue } = await triageFor(v.repo.dir, v.trace, 'trace.txt', 'v1..v2');
    const out = await verifyIssue(ws, event, issue, {
      repro: `env > '${envDump}'; node main.js`,
      setup: `echo setup >> '${setups}'`,
      trusted: true,
      scratchRoot: path.join(scratch, 'wt'),
      env: {
        ...process.env,
        SENTRY_AUTH_TOKEN: 'canary-sentry-1f2e',
        DD_API_KEY: 'canary-dd-9a8b',
        MY_SERVICE_PASSWORD: 'x',
      },
    });
    assert.equal(out.verification!.status, 'confirmed');
    assert.equal(readFileSync(setups, 'utf8').trim().split('\n').length, 1);
    const seen = readFileSync(envDump, 'utf8');
    assert.doesNotMatch(seen, /canary-|SENTRY_AUTH_TOKEN|DD_API_KEY|MY_SERVICE_PASSWORD/);
    assert.match(seen, /^PATH=/m);
  });

  it('says not reproduced when the deployed revision passes here', async () => {
    const v = buildVerifyRepo(5, 2);
    const { ws, event, issue } = await triageFor(v.repo.dir, v.trace, 'trace.txt', 'v1..v2');
    // A reproduction without the production input: the customer with no loyalty record.
    const repro = `node -e "console.log(require('./src/cart').total([{ price: 1, qty: 1 }], { loyalty: { rate: 0 } }))"`;
    const out = await verifyIssue(ws, event, issue, { repro, trusted: true, scratchRoot: scratch });
    const ver = out.verification!;
    assert.equal(ver.status, 'not-reproduced', ver.summary);
    assert.equal(ver.commit, null);
    assert.deepEqual(
      ver.steps.map((s) => s.result),
      ['good', 'good'],
    );
    assert.ok(Array.isArray(ver.differs));
  });

  it('refuses to run anything in an untrusted workspace', async () => {
    const v = buildVerifyRepo(2, 1);
    const marker = path.join(scratch, 'ran');
    const { ws, event, issue } = await triageFor(v.repo.dir, v.trace, 'trace.txt', 'v1..v2');
    await assert.rejects(
      verifyIssue(ws, event, issue, { repro: `touch '${marker}'`, trusted: false, scratchRoot: scratch }),
      (e: unknown) => CulpritError.is(e, 'untrusted'),
    );
    assert.equal(existsSync(marker), false);
  });

  it('cancelled mid-step: no process, no worktree, and status, stash and branches byte-identical', async () => {
    const v = buildVerifyRepo(16, 9);
    // The user's checkout has an uncommitted edit, an untracked file and a stash entry.
    v.repo.write('src/cart.js', `${v.repo.read('src/cart.js')}// wip\n`);
    v.repo.git(['stash']);
    v.repo.write('main.js', `${v.repo.read('main.js')}// wip 2\n`);
    v.repo.write('notes.txt', 'todo\n');
    v.repo.git(['branch', 'feature/x', 'v1']);
    const before = checkoutState(v.repo.dir);
    const pids = path.join(scratch, 'pids');
    const { ws, event, issue } = await triageFor(v.repo.dir, v.trace, 'trace.txt', 'v1..v2');
    const controller = new AbortController();
    const root = path.join(scratch, 'wt');
    // Step 3 (the first bisect step) starts a background child and hangs; cancel once it runs.
    const repro = `if ! git describe --tags --exact-match >/dev/null 2>&1; then sleep 300 & echo $! >> '${pids}'; echo $$ >> '${pids}'; wait; fi; node main.js`;
    let sawStep3 = false;
    const run = verifyIssue(ws, event, issue, {
      repro,
      trusted: true,
      scratchRoot: root,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.step === 3) sawStep3 = true;
      },
    });
    const deadline = Date.now() + 60_000;
    while (!(existsSync(pids) && readFileSync(pids, 'utf8').trim().split('\n').length >= 2) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    assert.ok(existsSync(pids), 'the step never started');
    assert.ok(sawStep3);
    const started = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    assert.ok(started.every(alive));
    controller.abort();
    await assert.rejects(run, (e: unknown) => CulpritError.is(e, 'cancelled'));
    await new Promise((r) => setTimeout(r, 200));
    for (const pid of started) assert.equal(alive(pid), false, `process ${pid} survived the cancel`);
    assert.deepEqual(readdirSync(root), []);
    assert.equal(checkoutState(v.repo.dir), before);
  });
});
