/**
 * The extension parses pasted text, editor text and files in the built worker (dist/parseWorker.js)
 * with a size bound, a heap bound and a time limit. Real huge inputs: a 60 MB stack trace, JSON
 * nested millions deep, /dev/zero. The main thread's event loop is measured while each runs: it
 * must stay free (before, the same inputs stalled the extension host for seconds).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseOffThread, type ParseInput, type ParseOptions } from '../../../src/extension/commands/parseOffThread';
import { CulpritError } from '../../../src/core/errors';
import { MAX_EVENT_BYTES } from '../../../src/core/providers/file/boundedRead';
import { projectRoot } from '../../helpers/demoScenario';
import { cleanupTempDirs, makeTempDir } from '../../helpers/gitRepo';

const workerFile = path.join(projectRoot, 'dist', 'parseWorker.js');

/** Runs a parse and measures the longest stall of this (the "extension host") thread meanwhile. */
async function measured(input: ParseInput, options: ParseOptions = {}) {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const started = Date.now();
  const outcome = await parseOffThread(input, 'input', { workerFile, ...options }).then(
    (listed) => ({ listed, error: null }),
    (error: unknown) => ({ listed: null, error }),
  );
  lag.disable();
  return { ...outcome, ms: Date.now() - started, stallMs: lag.max / 1e6 };
}

describe('Parsing off the extension host thread, bounded', function () {
  this.timeout(240_000);
  before(function () {
    if (!fs.existsSync(workerFile)) this.skip();
  });
  after(() => cleanupTempDirs());

  it('a pasted 60 MB stack trace parses in the worker while this thread stays responsive', async () => {
    const frame = '    at handler (/app/src/routes/orders.js:12:5)\n';
    const text = `TypeError: boom\n${frame.repeat(Math.floor((60 * 1024 * 1024) / frame.length))}`;
    const r = await measured({ text });
    console.log(`      60 MB trace: ${r.ms} ms, longest main-thread stall ${r.stallMs.toFixed(0)} ms`);
    assert.equal(r.error, null);
    assert.equal(r.listed?.samples.length, 1);
    assert.equal(r.listed?.samples[0].event.exceptions[0].type, 'TypeError');
    assert.ok(r.stallMs < 500, `stalled ${r.stallMs} ms`);
  });

  it('JSON nested 3 million deep gets a clear answer, and the thread stays responsive', async () => {
    const depth = 3_000_000;
    const r = await measured({ text: `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}` });
    console.log(`      3M-deep JSON: ${r.ms} ms, longest main-thread stall ${r.stallMs.toFixed(0)} ms`);
    assert.ok(r.error instanceof CulpritError, String(r.error));
    assert.match(r.error.message, /none of the known formats|nested too deeply/);
    assert.doesNotMatch(r.error.message, /Maximum call stack|\[\[\[/);
    assert.ok(r.stallMs < 500, `stalled ${r.stallMs} ms`);
  });

  it('stops a parse at its time limit: the worker is ended, the message says what happened', async () => {
    const frame = '    at handler (/app/src/routes/orders.js:12:5)\n';
    const text = `TypeError: boom\n${frame.repeat(500_000)}`;
    const r = await measured({ text }, { timeLimitMs: 30 });
    assert.ok(CulpritError.is(r.error, 'timeout'), String(r.error));
    assert.match(r.error.message, /input was still being parsed after 0 s and was stopped/);
    assert.ok(r.ms < 5_000, `took ${r.ms} ms to stop`);
  });

  it('an endless file (/dev/zero) stops at the bound while reading, with the bound in the message', async () => {
    const r = await measured({ path: '/dev/zero' });
    assert.ok(CulpritError.is(r.error, 'invalid-input'), String(r.error));
    assert.match(r.error.message, new RegExp(`larger than ${MAX_EVENT_BYTES / 1024 / 1024} MB`));
    assert.ok(r.stallMs < 500, `stalled ${r.stallMs} ms`);
  });

  it('a named pipe fed a byte a second stops at culprit.timeout, named as a read, not a parse', async () => {
    const fifo = path.join(makeTempDir('culprit-parse-fifo-'), 'app.log');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `exec > '${fifo}'; while :; do printf x; sleep 1; done`], { stdio: 'ignore' });
    try {
      // Before, only the 90 s parse limit ended it, with "was still being parsed".
      const r = await measured({ path: fifo }, { readDeadlineMs: 2_000 });
      assert.ok(CulpritError.is(r.error, 'timeout'), String(r.error));
      assert.match(
        r.error.message,
        /app\.log was still sending after [1-4] bytes?: the 2 s deadline \(culprit\.timeout\)/,
      );
      assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
    } finally {
      writer.kill('SIGKILL');
    }
  });

  it('a named pipe whose writer goes silent stops at the idle limit', async () => {
    const fifo = path.join(makeTempDir('culprit-parse-fifo-'), 'app.log');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `exec > '${fifo}'; printf 'Error: x\\n'; exec sleep 600`], { stdio: 'ignore' });
    try {
      const r = await measured({ path: fifo }, { readIdleMs: 1_000 });
      assert.ok(CulpritError.is(r.error, 'timeout'), String(r.error));
      assert.match(r.error.message, /app\.log sent nothing for 1 s after 9 bytes/);
    } finally {
      writer.kill('SIGKILL');
    }
  });

  it('a missing file and a directory fail with a clear message, not a stuck promise', async () => {
    const dir = makeTempDir('culprit-parse-');
    const missing = await measured({ path: path.join(dir, 'nope.json') });
    assert.match(String((missing.error as Error).message), /no such file/);
    const folder = await measured({ path: dir });
    assert.match(String((folder.error as Error).message), /is a directory/);
  });
});
