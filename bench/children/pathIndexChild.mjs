// StemIndex build (time, heap) and 10k frame resolutions, repeated in one process (the first
// round is JIT-cold). Run with --expose-gc. argv: <core bundle> <input json> <root> <rounds>.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const [bundle, inputFile, root, roundsArg] = process.argv.slice(2);
const { StemIndex, createFrameResolver, normalizeFramePath } = createRequire(import.meta.url)(bundle);
const { files, traces } = JSON.parse(readFileSync(inputFile, 'utf8'));

function heapAfterGc() {
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  // The index keeps its segment ids in typed arrays, whose backing stores are outside the JS heap.
  return m.heapUsed + m.arrayBuffers;
}

function tallyInto(count, trace, results) {
  trace.frames.forEach((f, i) => {
    const res = results[i];
    count.frames++;
    if (f.truth === null) {
      count.foreign++;
      if (res.file === null) count.foreignRejected++;
      return;
    }
    const form = (count.byForm[trace.form] ??= { frames: 0, correct: 0 });
    form.frames++;
    if (res.file === f.truth) {
      count.correct++;
      form.correct++;
    } else if (res.file !== null) count.wrong++;
    else if (res.candidates.includes(f.truth)) count.ambiguousWithTruth++;
    else if (res.candidates.length > 0) count.ambiguousWithout++;
    else count.unresolved++;
  });
}

/** One round; everything it allocates is garbage once it returns. */
function round(count) {
  const t0 = performance.now();
  const index = StemIndex.build(files);
  const buildMs = performance.now() - t0;
  const built = heapAfterGc();
  const t1 = performance.now();
  const all = [];
  for (const trace of traces) {
    // One resolver per trace: it learns that trace's prefix, as in the product.
    const resolver = createFrameResolver({ root, files, index });
    all.push(trace.frames.map((f) => resolver.resolve({ path: f.path, module: null, function: 'handler' })));
  }
  const resolveMs = performance.now() - t1;
  const resolved = heapAfterGc();
  // The same frames through normalisation and the index alone (no confinement, no learned prefix):
  // separates the lookup from the realpath each resolved file costs.
  const t2 = performance.now();
  let hits = 0;
  for (const trace of traces) {
    for (const f of trace.frames) {
      const n = normalizeFramePath(f.path);
      if (n && index.lookup(n.segments).file !== null) hits++;
    }
  }
  const lookupMs = performance.now() - t2;
  if (count) traces.forEach((t, i) => tallyInto(count, t, all[i]));
  return { buildMs, resolveMs, lookupMs, lookupHits: hits, size: index.size, built, resolved };
}

const rounds = [];
const tally = {
  frames: 0,
  correct: 0,
  wrong: 0,
  ambiguousWithTruth: 0,
  ambiguousWithout: 0,
  unresolved: 0,
  foreign: 0,
  foreignRejected: 0,
  byForm: {},
};
for (let r = 0; r < Number(roundsArg); r++) {
  const base = heapAfterGc();
  const { built, resolved, ...times } = round(r === 0 ? tally : null);
  // Growth over the heap before the round (after a full GC): what the index keeps alive; after
  // resolving it also holds a Set of the paths for exact matches (and the round's result list).
  rounds.push({ ...times, heapBytes: built - base, retainedBytes: resolved - base });
}
process.stdout.write(`${JSON.stringify({ rounds, tally })}\n`);
