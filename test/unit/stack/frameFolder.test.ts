/**
 * One frame cap for every runtime, with recursion folded. Before, the V8 parser
 * kept a million frames, the pipeline cut every trace at 500 from the crash end (losing the
 * callers) and dropped repeated frames without saying so; CPython's own `[Previous line repeated
 * N more times]` was thrown away. Real stack overflows come from the real runtimes here.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { FRAME_CAP, FRAME_TAIL, foldFrames } from '../../../src/core/stack/frameFolder';
import { parseStackText } from '../../../src/core/stack/parseStackText';
import { flattenFrames } from '../../../src/core/triage/frameSelection';
import type { RawFrame } from '../../../src/core/model/event.types';

const frame = (fn: string, line: number, inApp: boolean | null = null): RawFrame => ({
  path: '/app/src/x.js',
  module: null,
  function: fn,
  line,
  column: 3,
  inApp,
  raw: `at ${fn} (/app/src/x.js:${line}:3)`,
});
const raws = (frames: RawFrame[]): string[] => frames.map((f) => f.raw);
const weight = (frames: RawFrame[]): number => frames.reduce((n, f) => n + (f.folded ?? 1), 0);

describe('frame cap with recursion folded', () => {
  it('a 100k-frame recursion keeps its head, one marker with the count, and its tail', () => {
    const trace = [frame('boom', 1), ...Array.from({ length: 100_000 }, () => frame('f', 10)), frame('main', 30)];
    const out = foldFrames(trace);
    assert.deepEqual(raws(out), [
      'at boom (/app/src/x.js:1:3)',
      'at f (/app/src/x.js:10:3)',
      'at f (/app/src/x.js:10:3)',
      '… 99,998 more frames of recursion in f …',
      'at main (/app/src/x.js:30:3)',
    ]);
    assert.equal(out[3].folded, 99_998);
    assert.equal(weight(out), trace.length, 'every frame is accounted for');
  });

  it('folds mutual recursion (a cycle of several frames) and names its functions', () => {
    const cycle = [frame('isEven', 9, true), frame('isOdd', 5, true)];
    const out = foldFrames([...Array.from({ length: 15_000 }, () => cycle).flat(), frame('main', 1)]);
    assert.equal(out.length, 6);
    assert.equal(out[4].raw, '… 29,996 more frames of recursion in isEven → isOdd …');
    assert.equal(out[4].inApp, true, 'app code folded stays app code');
  });

  it('leaves a short trace and two equal frames alone', () => {
    const short = [frame('a', 1), frame('a', 1), frame('b', 2)];
    assert.deepEqual(foldFrames(short), short);
  });

  it('a long trace without recursion keeps the crash end and the callers, with the count between', () => {
    const trace = Array.from({ length: 1_000_000 }, (_, i) => frame(`g${i}`, i + 1));
    const out = foldFrames(trace);
    assert.equal(out.length, FRAME_CAP);
    assert.equal(out[0].raw, trace[0].raw);
    assert.equal(out[out.length - 1].raw, trace[trace.length - 1].raw, 'the outermost caller is kept');
    const marker = out[FRAME_CAP - FRAME_TAIL - 1];
    assert.equal(marker.raw, `… ${(1_000_000 - FRAME_CAP + 1).toLocaleString('en-US')} more frames …`);
    assert.equal(weight(out), trace.length);
  });

  it('a real Node stack overflow: the text parser and the pipeline fold it the same way', function () {
    this.timeout(60_000);
    const program =
      'function recurse(n) { return recurse(n + 1) + 1; }\n' +
      'function main() { recurse(0); }\n' +
      'try { main(); } catch (e) { process.stdout.write(e.stack); }\n';
    const stack = execFileSync(process.execPath, ['--stack-trace-limit=200000', '-e', program], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const lines = stack.split('\n').filter((l) => l.includes('at recurse')).length;
    assert.ok(lines > 1_000, `node printed ${lines} recursion frames`);
    const parsed = parseStackText(stack);
    assert.ok(parsed);
    const frames = flattenFrames(parsed.exceptions);
    assert.ok(frames.length < 20, raws(frames).join('\n'));
    const marker = frames.find((f) => f.folded);
    assert.match(marker?.raw ?? '', /^… [\d,]+ more frames of recursion in recurse …$/);
    assert.ok(
      frames.some((f) => f.function === 'main'),
      'the caller below the recursion is kept',
    );
  });

  it("a real CPython RecursionError: its own '[Previous line repeated N more times]' becomes the same marker", function () {
    this.timeout(60_000);
    const py = spawnSync(
      'python3',
      ['-c', 'def recurse(n):\n    return recurse(n + 1)\n\ndef main():\n    recurse(0)\n\nmain()\n'],
      {
        encoding: 'utf8',
      },
    );
    if (py.error) this.skip();
    const parsed = parseStackText(py.stderr);
    assert.ok(parsed, py.stderr.slice(-500));
    const frames = flattenFrames(parsed.exceptions);
    const marker = frames.find((f) => f.folded);
    const n = /\[Previous line repeated (\d+) more times\]/.exec(py.stderr)?.[1];
    assert.ok(n, 'CPython folded the recursion itself');
    assert.equal(marker?.raw, `… ${Number(n).toLocaleString('en-US')} more frames of recursion in recurse …`);
    assert.ok(frames.some((f) => f.function === 'main'));
  });
});
