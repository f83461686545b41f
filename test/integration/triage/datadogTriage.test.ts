// End to end through the Datadog API: a real repository, the deployed service's real crash as the
// span's error.stack, the deployed SHA in the span's git.commit.sha tag, triaged by the built CLI.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDatadogStandIn, type DatadogStandIn } from '../../helpers/datadogStandIn';

const projectRoot = path.resolve(__dirname, '../../..');
const cli = path.join(projectRoot, 'dist', 'cli.js');
const API_CANARY = 'ddapi0canary0000000000000000000000';
const APP_CANARY = 'ddapp0canary000000000000000000000000000000';

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'triage', ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function stackOf(event: { exception: { values: Array<{ type: string; value: string; stacktrace: { frames: Array<Record<string, unknown>> } }> } }): string {
  // dd-trace records err.stack; rebuild the V8 text from the deployed service's real crash.
  const ex = event.exception.values[event.exception.values.length - 1];
  const frames = [...ex.stacktrace.frames].reverse().map((f) => `    at ${f.function} (${f.filename}:${f.lineno}:${f.colno})`);
  return `${ex.type}: ${ex.value}\n${frames.join('\n')}`;
}

describe('culprit triage --datadog against the stand-in (real crash, real git)', function () {
  this.timeout(60_000);
  let dir: string;
  let repo: string;
  let commits: Array<{ sha: string; message: string }>;
  let standIn: DatadogStandIn;
  const sha = (message: string) => commits.find((c) => c.message === message)?.sha as string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'culprit-dd-e2e-'));
    repo = path.join(dir, 'orders-api');
    const demo = await import(path.join(projectRoot, 'scripts/demo/buildDemoRepo.mjs'));
    const capture = await import(path.join(projectRoot, 'scripts/demo/captureDemoEvent.mjs'));
    commits = demo.buildDemoRepo(repo).commits;
    const { event } = await capture.captureDemoEvent({ repo, rev: 'v1.5.0', deployDir: path.join(dir, 'deploy', 'app'), release: 'orders-api@1.5.0' });
    standIn = await startDatadogStandIn({
      apiKey: API_CANARY,
      appKey: APP_CANARY,
      issues: [{ id: '5f8ebd5c-6dd9-11f0-8a28-da7ad0900020', errorType: 'TypeError', errorMessage: "Cannot read properties of undefined (reading 'discountRate')", stack: stackOf(event), count: 12, commit: sha('Release 1.5.0'), firstSeenVersion: '1.5.0', lastSeenVersion: '1.5.0' }],
    });
  });
  after(async () => {
    await standIn?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes the deployed SHA from the span tag and names the bug commit first', async () => {
    const r = await runCli(['--datadog', '--url', standIn.url, '--service', 'orders-api', '--env', 'production', '--repo', repo, '--json'], { DD_API_KEY: API_CANARY, DD_APP_KEY: APP_CANARY });
    assert.equal(r.code, 0, r.stderr);
    const issue = JSON.parse(r.stdout).issues[0];
    assert.equal(issue.count, 12);
    assert.deepEqual(issue.deploy, { from: sha('Release 1.4.0'), to: sha('Release 1.5.0'), source: 'provider' });
    assert.equal(issue.frames[0].file, 'src/services/pricing.js');
    assert.equal(issue.frames[0].localLine, 15);
    assert.equal(issue.suspects[0].sha, sha('Use loyalty programme rates for discounts'));
    for (const secret of [API_CANARY, APP_CANARY]) assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret));
  });

  it('names the site and the others when the keys are refused', async () => {
    const r = await runCli(['--datadog', '--url', standIn.url, '--service', 'orders-api', '--repo', repo], { DD_API_KEY: API_CANARY, DD_APP_KEY: 'wrong0app0key' });
    assert.notEqual(r.code, 0);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.ok(!r.stderr.includes('wrong0app0key') && !r.stderr.includes(API_CANARY));
  });

  it('asks for the keys when they are not set', async () => {
    const r = await runCli(['--datadog', '--service', 'orders-api', '--repo', repo], { DD_API_KEY: '', DD_APP_KEY: '' });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /DD_API_KEY and DD_APP_KEY/);
  });
});
