// Opening a file that never ends, in the real extension host: a device that streams forever
// (/dev/zero), a named pipe whose writer never stops, and one fed a byte a second. The read is
// bounded in size and time while it runs (the last by `culprit.timeout`), so the command ends
// within a bound, adds nothing, keeps the extension host responsive, and says why in one message.
import * as assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { note, withShownErrors } from './hostEnv';
import type { CulpritApi } from '../../../src/extension/extension';
import { CMD } from '../../../src/extension/constants';

/** Opens `file` with Open Stack Trace or Event File and records what the user is told. */
async function openEndless(file: string): Promise<{ keys: string[] | undefined; errors: string[]; ms: number }> {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const started = Date.now();
  try {
    const { result: keys, errors } = await withShownErrors(() =>
      vscode.commands.executeCommand<string[] | undefined>(CMD.openEventFile, vscode.Uri.file(file)),
    );
    const ms = Date.now() - started;
    const maxLag = lag.max / 1e6;
    note(`endless ${file}: ended in ${ms} ms; longest event-loop stall ${maxLag.toFixed(0)} ms`);
    assert.ok(maxLag < 1_500, `the extension host stalled for ${maxLag.toFixed(0)} ms`);
    return { keys, errors, ms };
  } finally {
    lag.disable();
  }
}

describe('Culprit with an endless event file', function () {
  this.timeout(120_000);
  let api: CulpritApi;
  let dir: string;
  let writer: ChildProcess | undefined;

  before(async () => {
    api = await vscode.extensions.getExtension<CulpritApi>('culprit-dev.culprit')!.activate();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-endless-'));
  });
  after(() => {
    writer?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stops reading /dev/zero at the size bound and says so', async () => {
    const before = api.store.entries().length;
    const { keys, errors, ms } = await openEndless('/dev/zero');
    assert.equal(keys, undefined);
    assert.equal(api.store.entries().length, before, 'nothing was added');
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /^Culprit: cannot read \/dev\/zero: .*larger than 256 MB: Culprit reads at most 256 MB/);
    assert.ok(ms < 60_000, `took ${ms} ms`);
  });

  it('stops reading a named pipe whose writer never stops, with the same message', async () => {
    const fifo = path.join(dir, 'production.log');
    execFileSync('mkfifo', [fifo]);
    // A log line over and over, forever: the pipe never reaches its end.
    writer = spawn('sh', ['-c', `yes '2026-11-24T10:00:00.000Z INFO GET /api/orders 200' > '${fifo}'`], {
      stdio: 'ignore',
    });
    const before = api.store.entries().length;
    const { keys, errors, ms } = await openEndless(fifo);
    assert.equal(keys, undefined);
    assert.equal(api.store.entries().length, before, 'nothing was added');
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /production\.log is larger than 256 MB: Culprit reads at most 256 MB of event input/);
    assert.ok(ms < 90_000, `took ${ms} ms`);
  });

  it('stops reading a named pipe fed a byte a second at culprit.timeout, and says so', async () => {
    const fifo = path.join(dir, 'trickle.log');
    execFileSync('mkfifo', [fifo]);
    writer?.kill('SIGKILL');
    writer = spawn('sh', ['-c', `exec > '${fifo}'; while :; do printf x; sleep 1; done`], { stdio: 'ignore' });
    const config = vscode.workspace.getConfiguration('culprit');
    await config.update('timeout', 3, vscode.ConfigurationTarget.Global);
    try {
      const { keys, errors, ms } = await openEndless(fifo);
      assert.equal(keys, undefined);
      assert.equal(errors.length, 1, errors.join('\n'));
      // Before, only the parse worker's 90 s limit stopped it ("was still being parsed").
      assert.match(errors[0], /trickle\.log was still sending after \d+ bytes?: the 3 s deadline \(culprit\.timeout\)/);
      assert.ok(ms < 20_000, `took ${ms} ms`);
    } finally {
      await config.update('timeout', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
