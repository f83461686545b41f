/**
 * Event input is bounded while it is read, not after: an endless file (/dev/zero) or an endless
 * stdin stops at the limit with a clear message, with memory near the limit rather than growing
 * until the machine gives out (the probe saw 8 GB in 30 s before the fix). Time is bounded too: a
 * real named pipe fed a byte a second by another process stops at the deadline, and one whose
 * writer goes silent stops at the idle limit (before, both waited until the writer quit).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { MAX_EVENT_BYTES, readBounded } from '../../../src/core/providers/file/boundedRead';
import { CulpritError } from '../../../src/core/errors';
import { createDeadline } from '../../../src/core/util/deadline';
import { projectRoot } from '../../helpers/demoScenario';
import { cleanupTempDirs, makeTempDir } from '../../helpers/gitRepo';

/** A stdin that never ends: 1 MB chunks for as long as anyone reads. */
function endless(): Readable & { produced: () => number } {
  let produced = 0;
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  const r = new Readable({
    read() {
      produced += chunk.length;
      this.push(chunk);
    },
  }) as Readable & { produced: () => number };
  r.produced = () => produced;
  return r;
}

/** A named pipe with a real writer process running `script` (sh) into it. */
function fifoWith(script: string): { fifo: string; writer: ChildProcess } {
  const fifo = path.join(makeTempDir('culprit-fifo-'), 'app.log');
  execFileSync('mkfifo', [fifo]);
  const writer = spawn('sh', ['-c', `exec > '${fifo}'; ${script}`], { stdio: 'ignore' });
  return { fifo, writer };
}

describe('bounded input', function () {
  this.timeout(120_000);
  const writers: ChildProcess[] = [];
  afterEach(() => writers.splice(0).forEach((w) => w.kill('SIGKILL')));
  after(() => cleanupTempDirs());

  it('a pipe that trickles a byte a second stops at the deadline, saying how much arrived', async () => {
    const { fifo, writer } = fifoWith('while :; do printf x; sleep 1; done');
    writers.push(writer);
    const deadline = createDeadline(3_000, 'test');
    const started = Date.now();
    // The idle limit (2 s) never passes: a byte comes every second.
    const e = await readBounded(fifo, { signal: deadline.signal, idleMs: 2_000 })
      .catch((x: unknown) => x)
      .finally(() => deadline.dispose());
    assert.ok(CulpritError.is(e, 'timeout'), String(e));
    assert.match(e.message, /app\.log was still sending after [1-4] bytes?: the 3 s deadline \(test\) passed/);
    assert.ok(Date.now() - started < 6_000, `took ${Date.now() - started} ms`);
  });

  it('a pipe whose writer goes silent stops at the idle limit, without any deadline', async () => {
    const { fifo, writer } = fifoWith("printf 'Error: x\\n    at f (/app/a.js:1:1)\\n'; exec sleep 600");
    writers.push(writer);
    const started = Date.now();
    const e = await readBounded(fifo, { idleMs: 2_000 }).catch((x: unknown) => x);
    assert.ok(CulpritError.is(e, 'timeout'), String(e));
    assert.match(e.message, /app\.log sent nothing for 2 s after 3\d bytes \(pass a file, or a stream that ends\)/);
    assert.ok(Date.now() - started < 6_000, `took ${Date.now() - started} ms`);
  });

  it('a named pipe nobody writes to stops at the deadline, and the process can exit', async () => {
    // Opening it blocked a thread until a writer came: the message was printed, the CLI never exited.
    const fifo = path.join(makeTempDir('culprit-fifo-'), 'nobody.log');
    execFileSync('mkfifo', [fifo]);
    const cli = path.join(projectRoot, 'dist', 'cli.js');
    const child = spawn(process.execPath, [cli, 'triage', '--event', fifo, '--timeout', '2'], { stdio: 'pipe' });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(killer);
    assert.equal(code, 1, `exit ${code}: ${stderr}`);
    assert.match(stderr, /^culprit: \S+nobody\.log sent nothing: the 2 s deadline \(--timeout\) passed/);
  });

  it('a stdin that pauses between chunks is read whole while each pause is under the idle limit', async () => {
    const { fifo, writer } = fifoWith("printf 'Error: x\\n'; sleep 1; printf '    at f (/app/a.js:1:1)\\n'");
    writers.push(writer);
    assert.equal(await readBounded(fifo, { idleMs: 3_000 }), 'Error: x\n    at f (/app/a.js:1:1)\n');
  });

  it('an endless file stops at the limit with a clear message', async () => {
    const e = await readBounded('/dev/zero', { maxBytes: 8 * 1024 * 1024 }).then(
      () => assert.fail('read an endless file to its end'),
      (x: unknown) => x,
    );
    assert.ok(CulpritError.is(e, 'invalid-input'));
    assert.match(e.message, /\/dev\/zero is larger than 8 MB/);
  });

  it('an endless stdin stops at the limit and is not read further', async () => {
    const stdin = endless();
    const e = await readBounded('-', { maxBytes: 16 * 1024 * 1024, stdin }).catch((x: unknown) => x);
    assert.ok(CulpritError.is(e, 'invalid-input'), String(e));
    assert.match(e.message, /stdin is larger than 16 MB/);
    assert.ok(stdin.produced() < 40 * 1024 * 1024, `read on to ${stdin.produced()} bytes`);
  });

  it('a file within the limit reads whole; a missing one says so', async () => {
    const dir = makeTempDir('culprit-bounded-');
    fs.writeFileSync(path.join(dir, 'e.txt'), 'Error: x\n    at f (a.js:1:1)\n');
    assert.equal(await readBounded(path.join(dir, 'e.txt'), { maxBytes: 1024 }), 'Error: x\n    at f (a.js:1:1)\n');
    const e = await readBounded(path.join(dir, 'nope.txt')).catch((x: unknown) => x);
    assert.ok(CulpritError.is(e, 'io') && /no such file/.test(e.message));
  });

  it('the CLI with --event /dev/zero exits 1 with one line, its memory bounded near the limit', async () => {
    const cli = path.join(projectRoot, 'dist', 'cli.js');
    const child = spawn(process.execPath, [cli, 'triage', '--event', '/dev/zero'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let peakKb = 0;
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      let status: string;
      try {
        status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      } catch {
        return; // already exited
      }
      const m = /VmRSS:\s+(\d+)/.exec(status);
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
      // Far past any bound: stop it here rather than let it take the machine's memory.
      if (peakKb > 1024 * 1024) child.kill('SIGKILL');
    }, 50);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve)).finally(() =>
      clearInterval(poll),
    );
    assert.equal(code, 1);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.match(stderr, /^culprit: \/dev\/zero is larger than 256 MB/);
    // The limit plus Node itself; unbounded reading grows by gigabytes in the same time.
    assert.ok(peakKb < (MAX_EVENT_BYTES * 2) / 1024, `peak RSS ${peakKb} kB`);
  });
});
