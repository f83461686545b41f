// The crash frame of a sentry-python event through the whole triage: the real SDK's events for the
// sample app (test/fixtures/events/sentry-python-*.json) against a repository holding that app,
// laid out by the same script the captures ran (scripts/fixtures/crashes/programs/python.sh).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createFileSource } from '../../../src/core/providers/file/fileSource';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { runTriage } from '../../../src/core/triage/runTriage';
import { cleanupTempDirs, createTempRepo, type TempRepo } from '../../helpers/gitRepo';

const root = path.resolve(__dirname, '../../..');
const event = (name: string) => fs.readFileSync(path.join(root, 'test/fixtures/events', `${name}.json`), 'utf8');

describe('sentry-python chains through the triage', function () {
  this.timeout(120_000);
  let repo: TempRepo;
  before(() => {
    repo = createTempRepo();
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-python-layout-'));
    const script = path.join(root, 'scripts/fixtures/crashes/programs/python.sh');
    execFileSync('bash', ['-c', `APP="$1"; crash() { :; }; . "$2"`, 'layout', app, script]);
    fs.cpSync(path.join(app, 'python'), repo.dir, { recursive: true });
    fs.rmSync(app, { recursive: true, force: true });
    repo.commit('orders service');
    repo.tag('orders@1.4.0');
  });
  after(() => {
    repo?.cleanup();
    cleanupTempDirs();
  });

  async function crashFrame(name: string) {
    const ws = await openTriageWorkspace({ dir: repo.dir, trusted: true });
    const report = await runTriage(createFileSource(event(name)), ws, { limit: 1, suspectLimit: 3, blameFrames: 5 });
    const f = report.issues[0].frames[0];
    return [f.file, f.function, f.line, f.inApp];
  }

  it('a failed handler: the frame of the exception raised in it comes first', async () => {
    assert.deepEqual(await crashFrame('sentry-python-context'), ['app/routes/orders.py', 'apply_coupon', 21, true]);
  });

  it('cause → wrapped → failed handler: the failed handler first', async () => {
    assert.deepEqual(await crashFrame('sentry-python-both'), ['app/routes/orders.py', 'reprice', 34, true]);
  });

  it('`raise … from`: the root cause first', async () => {
    assert.deepEqual(await crashFrame('sentry-python-cause'), ['app/services/pricing.py', 'price_for', 5, true]);
  });

  it('an ExceptionGroup: its first child first', async () => {
    assert.deepEqual(await crashFrame('sentry-python-group'), ['app/services/pricing.py', 'price_for', 5, true]);
  });
});
