// 3. 1,000 mapPosition lookups through a 10 MB+ map: the first call (read + parse + init) in a
// fresh process, then 1,000 cached lookups. Results are checked against trace-mapping directly.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { buildLargeSourceMap } from '../../scripts/fixtures/sourcemaps/largeMap.mjs';
import { runNodeChild } from '../lib/child.mjs';
import { seededRandom, summarize } from '../lib/stats.mjs';

const PROCESSES = 7;
const LOOKUPS = 1000;

/** Real generated positions: segment starts, 10% a few columns inside the segment. */
function samplePositions(mapFile, count) {
  const { TraceMap, decodedMappings, originalPositionFor, GREATEST_LOWER_BOUND } = createRequire(import.meta.url)(
    '@jridgewell/trace-mapping',
  );
  const map = new TraceMap(JSON.parse(readFileSync(mapFile, 'utf8')), mapFile);
  const lines = decodedMappings(map);
  const segments = [];
  lines.forEach((segs, i) => segs.forEach((s) => s.length >= 4 && segments.push([i + 1, s[0]])));
  const rnd = seededRandom(1000);
  const positions = [];
  const expected = [];
  for (let k = 0; k < count; k++) {
    const [line, col0] = segments[Math.floor(rnd() * segments.length)];
    const column = col0 + 1 + (rnd() < 0.1 ? 2 : 0);
    positions.push({ line, column });
    const o = originalPositionFor(map, { line, column: column - 1, bias: GREATEST_LOWER_BOUND });
    expected.push(o.source === null ? null : `${o.source}|${o.line}|${o.column + 1}|${o.name}`);
  }
  return { positions, expected, segments: segments.length };
}

export async function sourceMapCase({ repoRoot, bundle, work, log }) {
  const built = await buildLargeSourceMap({ outDir: path.join(work, 'largemap') });
  const { positions, expected, segments } = samplePositions(built.map, LOOKUPS);
  const positionsFile = path.join(work, 'largemap/positions.json');
  writeFileSync(positionsFile, JSON.stringify(positions));
  const genRel = path.relative(repoRoot, built.js).split(path.sep).join('/');
  log(`  ${(built.mapBytes / 1048576).toFixed(1)} MB map, ${segments.toLocaleString('en')} segments`);
  const child = path.join(repoRoot, 'bench/children/sourceMapChild.mjs');
  const runs = [];
  for (let i = 0; i < PROCESSES; i++) {
    const { result } = await runNodeChild(child, [bundle, repoRoot, genRel, positionsFile]);
    runs.push(result);
    log(
      `  process ${i + 1}/${PROCESSES}: first ${result.firstMs.toFixed(0)} ms, ${LOOKUPS} lookups ${result.lookupsMs.toFixed(2)} ms`,
    );
  }
  const first = summarize(runs.map((r) => r.firstMs));
  const lookups = summarize(runs.map((r) => r.lookupsMs));
  const agree = runs[0].rendered.filter((r, i) => r === expected[i]).length;
  return {
    id: 'sourcemap',
    title: `Source map: ${(built.mapBytes / 1048576).toFixed(1)} MB map (${built.packages.join(', ')} bundled by esbuild)`,
    rows: [
      {
        name: 'first mapPosition: read + parse + init (fresh process)',
        stat: first,
        target: '< 200 ms',
        ok: first.median < 200,
      },
      {
        name: `${LOOKUPS} cached mapPosition lookups (right after the first)`,
        stat: lookups,
        target: '< 5 ms',
        ok: lookups.median < 5,
      },
      { name: `  the same ${LOOKUPS} again (JIT-warm)`, stat: summarize(runs.map((r) => r.lookupsWarmMs)) },
      {
        name: 'RSS after the first lookup, MB',
        stat: summarize(runs.map((r) => r.rssAfterFirst / 1048576)),
        unit: 'MB',
      },
    ],
    notes: [
      `${PROCESSES} fresh processes. Positions: ${LOOKUPS} seeded segment starts (10% two columns inside), the first one timed alone.`,
      `Check: ${agree}/${LOOKUPS} results identical to @jridgewell/trace-mapping called directly; ${runs[0].withFile}/${LOOKUPS} mapped to a file inside the workspace.`,
    ],
  };
}
