/**
 * "Is it fixed?" (`--check-fix`): after the bisect, the same reproduction runs on HEAD and on the
 * working tree (copied into a scratch worktree). A fix commit makes HEAD pass; an uncommitted fix
 * makes only the working tree pass; no fix leaves both failing. The user's files are only read.
 */
import { strict as assert } from 'node:assert';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { verifyIssue } from '../../../src/core/verify';
import { CAROL, cleanupTempDirs } from '../../helpers/gitRepo';
import { projectRoot } from '../../helpers/demoScenario';
import { buildVerifyRepo, checkoutState, triageFor, type VerifyRepo } from '../../helpers/verifyRepo';

const GUARDED = 'customer.loyalty ? customer.loyalty.rate : 0.1';

/** src/cart.js with the crashing read guarded: the fix a developer would write. */
function fixedCart(v: VerifyRepo): string {
  const text = v.repo.read('src/cart.js');
  assert.ok(text.includes('return customer.loyalty.rate;'), 'the deployed bug is in src/cart.js');
  return text.replace('return customer.loyalty.rate;', `return ${GUARDED};`);
}

/** The deployed crash triaged over v1..v2, then bisected and checked on HEAD and the working tree. */
async function verifyWithCheckFix(v: VerifyRepo, scratchRoot: string): ReturnType<typeof verifyIssue> {
  const { ws, event, issue } = await triageFor(v.repo.dir, v.trace, 'trace.txt', 'v1..v2');
  return verifyIssue(ws, event, issue, { repro: 'node main.js', trusted: true, checkFix: true, scratchRoot });
}

describe('verify --check-fix: the reproduction on HEAD and the working tree (real repos, real node)', function () {
  this.timeout(120_000);
  let scratch: string;
  beforeEach(() => (scratch = mkdtempSync(path.join(tmpdir(), 'culprit-scratch-'))));
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));
  after(cleanupTempDirs);

  it('after a fix commit, HEAD passes: the failure is gone, and the bisect still names the bug', async () => {
    const v = buildVerifyRepo(6, 2);
    v.repo.write('src/cart.js', fixedCart(v));
    const fix = v.repo.commit('Guard customers without loyalty', { author: CAROL });
    const before = checkoutState(v.repo.dir);
    const out = await verifyWithCheckFix(v, scratch);
    const ver = out.verification!;
    assert.equal(ver.status, 'confirmed', ver.summary);
    assert.equal(ver.commit, v.bugSha);
    assert.ok(!ver.steps.some((s) => s.sha === fix), 'the bisect stays inside the deploy range');
    assert.deepEqual(ver.fixed, { head: 'good', workingTree: 'good', summary: 'HEAD passes; the working tree passes' });
    assert.equal(checkoutState(v.repo.dir), before);
    assert.deepEqual(readdirSync(scratch), []);
  });

  it('an uncommitted fix: HEAD still fails, the working tree passes, and the edit stays only in the checkout', async () => {
    const v = buildVerifyRepo(6, 2);
    const edited = fixedCart(v);
    v.repo.write('src/cart.js', edited);
    v.repo.write('notes/fix.md', 'guard loyalty\n');
    const before = checkoutState(v.repo.dir);
    const out = await verifyWithCheckFix(v, scratch);
    const fixed = out.verification!.fixed!;
    assert.equal(fixed.head, 'bad');
    assert.equal(fixed.workingTree, 'good');
    assert.equal(fixed.summary, 'fixed in the working tree (HEAD still fails): commit it and watch the fix');
    assert.equal(v.repo.read('src/cart.js'), edited);
    assert.equal(checkoutState(v.repo.dir), before);
    assert.deepEqual(readdirSync(scratch), []);
  });

  it('no fix anywhere: both still fail with the same error (the CLI says so)', () => {
    const v = buildVerifyRepo(6, 2);
    const r = verifyCli(v, scratch, []);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^confirmed: reproduced: fails at [0-9a-f]{7} with the same TypeError at src\/cart\.js:3/m);
    assert.match(r.stdout, /^Is it fixed\? HEAD still fails; the working tree still fails$/m);
    assert.deepEqual(readdirSync(path.join(scratch, 'wt')), []);
  });

  it('the CLI on an uncommitted fix: fixed in the working tree, not at HEAD (text and JSON)', () => {
    const v = buildVerifyRepo(6, 2);
    const edited = fixedCart(v);
    v.repo.write('src/cart.js', edited);
    const before = checkoutState(v.repo.dir);
    const text = verifyCli(v, scratch, []);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stderr, /^culprit: step 1\/2 is it fixed\? HEAD [0-9a-f]{7} \(/m);
    assert.match(text.stderr, /^culprit: step 2\/2 is it fixed\? working tree [0-9a-f]{7} \(/m);
    assert.match(
      text.stdout,
      /^Is it fixed\? fixed in the working tree \(HEAD still fails\): commit it and watch the fix$/m,
    );
    const json = verifyCli(v, scratch, ['--json']);
    assert.equal(json.status, 0, json.stderr);
    const ver = JSON.parse(json.stdout).issues[0].verification;
    assert.equal(ver.status, 'confirmed');
    assert.equal(ver.commit, v.bugSha);
    assert.equal(ver.fixed.head, 'bad');
    assert.equal(ver.fixed.workingTree, 'good');
    assert.equal(v.repo.read('src/cart.js'), edited, 'the fix stays only in the checkout');
    assert.equal(checkoutState(v.repo.dir), before);
    assert.deepEqual(readdirSync(path.join(scratch, 'wt')), []);
  });
});

/** `culprit verify --check-fix` (the built CLI) on v's crash over v1..v2, with node main.js as the reproduction. */
function verifyCli(v: VerifyRepo, scratch: string, extra: string[]): SpawnSyncReturns<string> {
  const trace = path.join(scratch, 'trace.txt');
  writeFileSync(trace, v.trace);
  const cli = path.join(projectRoot, 'dist', 'cli.js');
  const args = ['verify', '--event', trace, '--repo', v.repo.dir, '--deploy', 'v1..v2', '--repro', 'node main.js'];
  return spawnSync(process.execPath, [cli, ...args, '--check-fix', ...extra], {
    encoding: 'utf8',
    env: { ...process.env, CULPRIT_SCRATCH_DIR: path.join(scratch, 'wt') },
  });
}
