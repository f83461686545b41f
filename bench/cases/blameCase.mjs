// 4. Range blame (OLD..NEW) against full-history blame at NEW, same file and same line ranges,
// on a generated file with thousands of commits. Interleaved; a fresh GitRepo per call so the
// SHA-keyed blame cache never answers.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { buildBlameRepo } from '../fixtures/blameRepo.mjs';
import { loadCore } from '../lib/coreBundle.mjs';
import { summarize, timeAsync } from '../lib/stats.mjs';

const RUNS = 5;
const HALF = 5;

/** 10 frame-sized windows: 5 around lines the range changed, 5 spread over the file. */
function windows(repo, file, lines) {
  const diff = execFileSync('git', ['diff', '-U0', 'v-old', 'v-new', '--', file], { cwd: repo, encoding: 'utf8' });
  const changed = [...diff.matchAll(/^@@ -\S+ \+(\d+)/gm)].map((m) => Number(m[1]));
  const centers = [...changed.slice(0, 5), ...Array.from({ length: 5 }, (_, i) => Math.round(((i + 0.5) * lines) / 5))];
  return centers.map((c) => [Math.max(1, c - HALF), Math.min(lines, c + HALF)]);
}

export async function blameCase({ bundle, work, log }) {
  const { createGitRunner, openRepo } = loadCore(bundle);
  const built = await buildBlameRepo(path.join(work, 'blame'));
  log(
    `  ${built.file}: ${built.lines} lines, ${built.commits} commits (${built.reused ? 'reused' : 'generated with git fast-import'}), ${built.rangeCommits} in v-old..v-new`,
  );
  const sha = (rev) =>
    execFileSync('git', ['rev-parse', `${rev}^{commit}`], { cwd: built.repo, encoding: 'utf8' }).trim();
  const [from, to] = [sha('v-old'), sha('v-new')];
  const ranges = windows(built.repo, built.file, built.lines);
  const fresh = () => openRepo(createGitRunner({ cwd: built.repo, trusted: true }), built.repo);
  // Warm-up: git's and the OS's caches, and the runner's version check, out of the timings.
  await (await fresh()).blameRange(from, to, built.file, ranges);
  const range = [];
  const full = [];
  let rangeLines = 0;
  let fullLines = 0;
  for (let i = 0; i < RUNS; i++) {
    const a = await fresh();
    const r = await timeAsync(() => a.blameRange(from, to, built.file, ranges));
    const b = await fresh();
    const f = await timeAsync(() => b.blameAt(to, built.file, ranges));
    range.push(r.ms);
    full.push(f.ms);
    rangeLines = r.value.length;
    fullLines = f.value.length;
    log(`  run ${i + 1}/${RUNS}: range ${r.ms.toFixed(1)} ms, full history ${f.ms.toFixed(0)} ms`);
  }
  const rs = summarize(range);
  const fs = summarize(full);
  const ratios = summarize(full.map((f, i) => f / range[i]));
  return {
    id: 'blame',
    title: `Range blame vs full-history blame (${built.lines} lines, ${built.commits} commits, ${ranges.length} windows of ${2 * HALF + 1} lines)`,
    rows: [
      { name: 'blameRange(v-old, v-new, file, windows)', stat: rs },
      { name: 'blameAt(v-new, file, same windows)', stat: fs },
      {
        name: 'full / range, per run (×)',
        stat: ratios,
        unit: '×',
        target: 'range ≤ 1/20 of full (≥ 20×)',
        ok: ratios.median >= 20,
      },
    ],
    notes: [
      `${RUNS} interleaved runs after one warm-up; both return ${rangeLines}/${fullLines} blamed lines; no commit-graph (a fresh clone's state).`,
    ],
  };
}
