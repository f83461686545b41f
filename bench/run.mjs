// `npm run bench`: the performance benchmarks of the issue's targets, on generated but real
// inputs (real git history, a real V8 crash, a real esbuild source map, a local Sentry stand-in,
// the .vsix in a real VS Code). Prints one table per benchmark and merges them into
// bench/RESULTS.md (the sections of the benchmarks run replace their old ones; the others are
// kept), then how long each case took. Usage:
//   node bench/run.mjs [case…] [--options for them]
// With no case name it runs the default set, the speed benchmarks (triage scale paths sourcemap
// blame sentry extension; 7-8 minutes on 2 shared cores, a first run included). Two cases measure
// accuracy rather than speed and take far longer, so they run only by name and RESULTS.md keeps
// their last sections:
//   accuracy  suspect accuracy over the generated corpus of ~1,200 real crashes (`npm run
//             bench:accuracy`; about 35 min the first time, while it builds its cache in bench/.work)
//   verify    `culprit verify` bisecting a 100-commit range and the corpus (about 50 min)
// `all` runs every case. BENCH_SCALE=small limits the scale case to ≤ 20k files/commits;
// BENCH_ROUNDS sets its rounds; BENCH_EXTENSION_WINDOWS the extension case's windows.
// The big generated trees (scale repositories, the paths workspace) live outside the checkout
// (bench/lib/repoCache.mjs: ~/.cache/culprit-bench/<checkout>, or CULPRIT_BENCH_CACHE), reused
// across runs; `--clean-cache` removes them first. Everything else generated is in bench/.work.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { accuracyCase } from './cases/accuracyCase.mjs';
import { blameCase } from './cases/blameCase.mjs';
import { extensionCase } from './cases/extensionCase.mjs';
import { pathIndexCase } from './cases/pathIndexCase.mjs';
import { sentryCase } from './cases/sentryCase.mjs';
import { sourceMapCase } from './cases/sourceMapCase.mjs';
import { scaleCase } from './cases/scaleCase.mjs';
import { triageCase } from './cases/triageCase.mjs';
import { verifyCase } from './cases/verifyCase.mjs';
import { buildCoreBundle } from './lib/coreBundle.mjs';
import { prepareRepoCache, repoCacheDir } from './lib/repoCache.mjs';
import { mergeResults, SECTION_ORDER } from './lib/resultsFile.mjs';
import { fmtMs, markdownTable } from './lib/stats.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(repoRoot, 'bench/.work');
const CASES = {
  triage: triageCase,
  scale: scaleCase,
  paths: pathIndexCase,
  sourcemap: sourceMapCase,
  blame: blameCase,
  sentry: sentryCase,
  accuracy: accuracyCase,
  extension: extensionCase,
  verify: verifyCase,
};
/** What `npm run bench` runs with no case named: the speed benchmarks. */
const DEFAULT_CASES = ['triage', 'scale', 'paths', 'sourcemap', 'blame', 'sentry', 'extension'];

function machine() {
  const cpuinfo = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return '';
    }
  })();
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const nproc = (() => {
    try {
      return execFileSync('nproc', { encoding: 'utf8' }).trim();
    } catch {
      return String(cpus().length);
    }
  })();
  const git = execFileSync('git', ['--version'], { encoding: 'utf8' })
    .trim()
    .replace(/^git version /, '');
  const commit = (() => {
    try {
      const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
      const dirty =
        execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
          cwd: repoRoot,
          encoding: 'utf8',
        }).trim() !== '';
      return dirty ? `${sha} with uncommitted changes` : sha;
    } catch {
      return 'unknown';
    }
  })();
  return { nproc, model, node: process.version, git, date: new Date().toISOString(), commit, load: loadavg()[0] };
}

function fmtValue(stat, unit) {
  if (unit === 'MB') return `${stat.median.toFixed(1)} (${stat.min.toFixed(1)}–${stat.max.toFixed(1)}) MB`;
  if (unit === '×') return `${stat.median.toFixed(0)}× (${stat.min.toFixed(0)}–${stat.max.toFixed(0)})`;
  return `${fmtMs(stat.median)} (${fmtMs(stat.min)}–${fmtMs(stat.max)}) ms`;
}

function tableOf(result) {
  const rows = result.rows.map((r) => [
    r.name,
    r.stat ? fmtValue(r.stat, r.unit) : r.value.toFixed(3),
    r.stat ? r.stat.n : '',
    r.target ?? '',
    r.ok === undefined ? '' : r.ok ? 'met' : '**missed**',
  ]);
  return markdownTable(['measurement', 'median (min–max)', 'n', 'target', ''], rows);
}

/** The per-case time table printed at the end of a run. */
function timeSummary(results, total) {
  const width = Math.max(5, ...results.map((r) => r.id.length));
  const line = (name, seconds) => `  ${name.padEnd(width)}  ${seconds.toFixed(1).padStart(7)} s`;
  const other = total - results.reduce((sum, r) => sum + r.seconds, 0);
  return [
    'time per case:',
    ...results.map((r) => line(r.id, r.seconds)),
    line('other', other),
    line('total', total),
  ].join('\n');
}

async function main() {
  // Case names, then options for them (`accuracy --split test`): everything from the first flag on.
  const argv = process.argv.slice(2);
  const firstFlag = argv.findIndex((a) => a.startsWith('--'));
  const wanted = firstFlag < 0 ? argv : argv.slice(0, firstFlag);
  const flags = firstFlag < 0 ? [] : argv.slice(firstFlag);
  const args = flags.filter((a) => a !== '--clean-cache');
  const unknown = wanted.filter((w) => !(w in CASES) && w !== 'all');
  if (unknown.length)
    throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(CASES).join(', ')}, all`);
  const named = wanted.includes('all') ? Object.keys(CASES) : wanted;
  const selected = named.length ? [...new Set(named)] : DEFAULT_CASES;
  mkdirSync(work, { recursive: true });
  const info = machine();
  const log = (line) => process.stderr.write(`${line}\n`);
  log(
    `culprit bench on ${info.nproc}× ${info.model}, Node ${info.node}, git ${info.git}, load average ${info.load.toFixed(1)}`,
  );
  const cache = repoCacheDir(repoRoot);
  prepareRepoCache(cache, work, { clean: flags.includes('--clean-cache'), log });
  const t0 = performance.now();
  const bundle = await buildCoreBundle(repoRoot);
  const results = [];
  const failed = [];
  for (const id of selected) {
    log(`\n[${id}]`);
    const started = performance.now();
    // A case that fails is reported and keeps its old section; the cases measured before and after it still land.
    const result = await CASES[id]({ repoRoot, bundle, work, cache, log, args }).catch((e) => {
      log(`[${id}] failed: ${e instanceof Error ? e.stack : String(e)}`);
      failed.push(id);
      return null;
    });
    if (!result) continue;
    result.seconds = (performance.now() - started) / 1000;
    results.push(result);
    process.stdout.write(
      `\n## ${result.title}\n\n${result.table ?? tableOf(result)}\n\n${result.notes.map((n) => `- ${n}`).join('\n')}\n`,
    );
  }
  const total = (performance.now() - t0) / 1000;
  const isDefault = selected.join() === DEFAULT_CASES.join();
  // Sections outlive the run that wrote them (other runs keep them): each names its machine.
  const where = `${info.nproc} × ${info.model}, Node ${info.node}, git ${info.git}`;
  const timings = results.map((r) => `${r.id} ${r.seconds.toFixed(0)} s`).join(', ');
  const header = [
    '# Culprit benchmarks',
    '',
    `Generated by \`npm run bench\` (bench/run.mjs); do not edit by hand. Each invocation replaces the sections of the benchmarks it ran and keeps the others; every section names the run it came from. \`npm run bench\` runs the speed benchmarks (${DEFAULT_CASES.join(', ')}); accuracy and verify take far longer and run only by name (\`npm run bench -- accuracy\`, \`npm run bench:accuracy\`, \`npm run bench -- verify\`). Times in ms unless stated: median (min–max) over n runs.`,
    '',
    `- Machine: ${info.nproc} × ${info.model} (\`nproc\` = ${info.nproc})`,
    `- Node ${info.node}, git ${info.git}`,
    `- Last run: ${info.date}, repository at ${info.commit}, load average ${info.load.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end (other jobs share the machine: absolute times move with it, ratios less); ${isDefault ? 'the default set (`npm run bench`): ' : ''}${timings}; total ${total.toFixed(0)} s`,
  ].join('\n');
  // A run on a chosen subset (a scenario list) prints its table but never replaces the full one.
  for (const r of results.filter((x) => x.partial)) log(`[${r.id}] ran on a subset: RESULTS.md keeps its section`);
  const fresh = new Map(
    results
      .filter((r) => !r.partial)
      .map((r) => [
        r.id,
        [
          `## ${r.title}`,
          '',
          r.table ?? tableOf(r),
          '',
          ...r.notes.map((n) => `- ${n}`),
          `- Took ${r.seconds.toFixed(1)} s including generation; run ${info.date} on ${where}, repository at ${info.commit}.`,
        ].join('\n'),
      ]),
  );
  const file = path.join(repoRoot, 'bench/RESULTS.md');
  if (fresh.size)
    writeFileSync(file, mergeResults(existsSync(file) ? readFileSync(file, 'utf8') : '', header, fresh, SECTION_ORDER));
  const jsonFile = path.join(work, 'results.json');
  const previous = (() => {
    try {
      return JSON.parse(readFileSync(jsonFile, 'utf8')).results ?? [];
    } catch {
      return [];
    }
  })();
  const kept = previous.filter((r) => r && !results.some((x) => x.id === r.id));
  writeFileSync(jsonFile, JSON.stringify({ info, results: [...kept, ...results] }, null, 2));
  log(`\n${fresh.size ? 'wrote' : 'left'} bench/RESULTS.md\n\n${timeSummary(results, total)}`);
  if (failed.length) {
    log(`failed: ${failed.join(', ')} (their sections in bench/RESULTS.md are the earlier runs')`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
