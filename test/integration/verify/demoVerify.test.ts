/**
 * `culprit verify` through the built CLI on the demo service: a real @sentry/node event of its
 * 500, confirmed by calling the crashing function with the event's variables at each commit; a
 * reproduction without production's data ends "not reproduced" with what differs; a run killed
 * with SIGKILL leaves a worktree that the next start removes.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { projectRoot, setUpDemo, type DemoScenario } from '../../helpers/demoScenario';
import { checkoutState } from '../../helpers/verifyRepo';

const cli = path.join(projectRoot, 'dist', 'cli.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function verifyCli(
  args: string[],
  env: Record<string, string>,
  onStderr?: (s: string, kill: () => void) => void,
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'verify', ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      onStderr?.(stderr, () => child.kill('SIGKILL'));
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('culprit verify on the demo (built CLI, real Sentry SDK event)', function () {
  this.timeout(180_000);
  let demo: DemoScenario;
  let eventFile: string;
  let scratch: string;
  before(async () => {
    demo = await setUpDemo('culprit-verify-demo-');
    eventFile = path.join(demo.dir, 'event.json');
    writeFileSync(eventFile, JSON.stringify(demo.event));
  });
  beforeEach(() => (scratch = mkdtempSync(path.join(tmpdir(), 'culprit-scratch-'))));
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));
  after(() => rmSync(demo.dir, { recursive: true, force: true }));

  it('confirms the bug commit with the event variables in at most ⌈log2 7⌉ + 2 runs', async () => {
    const before = checkoutState(demo.repo);
    const r = await verifyCli(['--event', eventFile, '--repo', demo.repo, '--json'], { CULPRIT_SCRATCH_DIR: scratch });
    assert.equal(r.code, 0, r.stderr);
    const issue = JSON.parse(r.stdout).issues[0];
    const bug = demo.sha('Use loyalty programme rates for discounts');
    assert.equal(issue.verification.status, 'confirmed');
    assert.equal(issue.verification.commit, bug);
    assert.ok(issue.verification.runs <= 5, `${issue.verification.runs} runs`);
    assert.match(issue.verification.command, /applyDiscount/);
    // The JSON contract: verification { status, commit, command, steps: [{ sha, result, ms }] }.
    assert.ok(issue.verification.steps.length >= 3);
    for (const s of issue.verification.steps) {
      assert.match(s.sha, /^[0-9a-f]{40}$/);
      assert.ok(['good', 'bad', 'skip'].includes(s.result), s.result);
      assert.ok(Number.isInteger(s.ms) && s.ms > 0, `${s.ms} ms`);
    }
    assert.equal(issue.suspects[0].sha, bug);
    assert.match(
      issue.suspects[0].reasons[0],
      /^reproduced: fails at \w{7} with the same TypeError at src\/services\/pricing\.js:\d+; passes at \w{7}\^$/,
    );
    assert.match(r.stderr, /^culprit: step 1\/5 FROM \(expected good\) \w{7} \(\d+ m \d+ s left\)$/m);
    assert.match(
      r.stderr,
      /^culprit: step 3\/5 bisect \w{7} .*was bad \(TypeError at src\/services\/pricing\.js:\d+\)$/m,
    );
    assert.equal(checkoutState(demo.repo), before);
    assert.deepEqual(readdirSync(scratch), []);
  });

  it('ends not reproduced when production data is missing locally, listing what the event had', async () => {
    const repro = `node -e "require('./src/services/pricing').quote([{ unitPrice: 1, quantity: 1 }], { tier: 'gold', loyalty: { discountRate: 0.1 } })"`;
    const r = await verifyCli(['--event', eventFile, '--repo', demo.repo, '--json', '--repro', repro], {
      CULPRIT_SCRATCH_DIR: scratch,
    });
    assert.equal(r.code, 3, r.stderr);
    const v = JSON.parse(r.stdout).issues[0].verification;
    assert.equal(v.status, 'not-reproduced');
    assert.equal(v.steps.length, 2);
    const differs = v.differs.join('\n');
    assert.match(differs, /^request body: .*cus_42.* \(\d+ bytes\)$/m);
    assert.match(differs, /^request headers: .*user-agent/m);
    assert.match(differs, /^environment: production/m);
    assert.match(differs, /^tags: .*region=eu-west-1/m);
  });

  it('a run killed with SIGKILL leaves a worktree the next start removes', async () => {
    const hang = 'sleep 120';
    const killed = await verifyCli(
      ['--event', eventFile, '--repo', demo.repo, '--repro', hang],
      { CULPRIT_SCRATCH_DIR: scratch },
      (err, kill) => {
        if (/step 1\//.test(err)) setTimeout(kill, 500);
      },
    );
    assert.equal(killed.code, null);
    const left = readdirSync(scratch);
    assert.equal(left.length, 1, 'the killed run left its worktree');
    assert.ok(existsSync(path.join(scratch, left[0], 'wt')));
    const r = await verifyCli(['--event', eventFile, '--repo', demo.repo, '--json'], { CULPRIT_SCRATCH_DIR: scratch });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readdirSync(scratch), []);
    assert.doesNotMatch(checkoutState(demo.repo), /culprit-scratch/);
  });
});
