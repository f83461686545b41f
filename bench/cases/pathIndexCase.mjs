// 2. StemIndex over a 75k-file monorepo listing, and 10k production frames in mixed forms
// through createFrameResolver (one resolver per 25-frame trace).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateFrames, generatePathList, materialize } from '../fixtures/pathList.mjs';
import { runNodeChild } from '../lib/child.mjs';
import { summarize } from '../lib/stats.mjs';

const PROCESSES = 5;
const ROUNDS = 3;

export async function pathIndexCase({ repoRoot, bundle, cache, log }) {
  const files = generatePathList(repoRoot, 75_000);
  const traces = generateFrames(files, 10_000, 25);
  const root = path.join(cache, 'paths/ws');
  const wrote = materialize(root, files);
  const input = path.join(cache, 'paths/input.json');
  writeFileSync(input, JSON.stringify({ files, traces }));
  log(`  ${files.length} files ${wrote ? 'written' : 'reused'} under ${root}, ${traces.length} traces`);
  const child = path.join(repoRoot, 'bench/children/pathIndexChild.mjs');
  const results = [];
  for (let i = 0; i < PROCESSES; i++) {
    const { result } = await runNodeChild(child, [bundle, input, root, String(ROUNDS)], { nodeArgs: ['--expose-gc'] });
    results.push(result);
    log(
      `  process ${i + 1}/${PROCESSES}: build ${result.rounds.map((r) => r.buildMs.toFixed(0)).join('/')} ms, resolve ${result.rounds.map((r) => r.resolveMs.toFixed(0)).join('/')} ms`,
    );
  }
  const firsts = results.map((r) => r.rounds[0]);
  const repeats = results.flatMap((r) => r.rounds.slice(1));
  const all = [...firsts, ...repeats];
  const mb = (s) => ({ median: s.median / 1048576, min: s.min / 1048576, max: s.max / 1048576, n: s.n });
  const buildCold = summarize(firsts.map((r) => r.buildMs));
  const resolveCold = summarize(firsts.map((r) => r.resolveMs));
  const heap = mb(summarize(all.map((r) => r.heapBytes)));
  const t = results[0].tally;
  const stems = new Set(files.map((f) => f.split('/').pop().replace(/\..*$/, '')));
  const indexFiles = files.filter((f) => /\/index\.[^/]+$/.test(f)).length;
  return {
    id: 'paths',
    title: `Path index: ${files.length.toLocaleString('en')} files, 10k frames`,
    rows: [
      { name: 'StemIndex.build, first in process', stat: buildCold, target: '< 100 ms', ok: buildCold.median < 100 },
      { name: 'StemIndex.build, repeated', stat: summarize(repeats.map((r) => r.buildMs)) },
      {
        name: 'index heap (JS heap + typed arrays), MB',
        stat: heap,
        unit: 'MB',
        target: '< 20 MB',
        ok: heap.median < 20,
      },
      {
        name: '  after resolving (adds the exact-path Set), MB',
        stat: mb(summarize(all.map((r) => r.retainedBytes))),
        unit: 'MB',
      },
      {
        name: 'resolve 10k frames (createFrameResolver), first in process',
        stat: resolveCold,
        target: '< 100 ms',
        ok: resolveCold.median < 100,
      },
      { name: 'resolve 10k frames, repeated', stat: summarize(repeats.map((r) => r.resolveMs)) },
      {
        name: '  normalise + StemIndex.lookup only (no realpath, no prefix learning)',
        stat: summarize(all.map((r) => r.lookupMs)),
      },
    ],
    notes: [
      `${PROCESSES} processes × ${ROUNDS} rounds; "first in process" is JIT-cold.`,
      `Listing: ${stems.size.toLocaleString('en')} distinct file stems (names from the installed node_modules), ${indexFiles.toLocaleString('en')} index.* files; forms: ${Object.keys(t.byForm).join(', ')}, 25 frames per trace.`,
      `Accuracy: ${t.correct}/${t.frames - t.foreign} unique and correct, ${t.wrong} unique but wrong, ${t.ambiguousWithTruth} ambiguous listing the true file, ${t.ambiguousWithout} ambiguous without it (candidate cap), ${t.unresolved} unresolved; ${t.foreignRejected}/${t.foreign} foreign frames rejected.`,
    ],
    detail: { tally: t },
  };
}
