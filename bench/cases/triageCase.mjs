// 1. A real 30-frame V8 trace, end to end (file source → workspace → runTriage): cold in a fresh
// process per run, warm on the same workspace object triaging the same sample again. And the built
// CLI's start-up: `culprit --help` against `node -e 0`, in pairs run back to back.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildTraceScenario } from '../fixtures/traceRepo.mjs';
import { runNodeChild } from '../lib/child.mjs';
import { summarize } from '../lib/stats.mjs';

const COLD_RUNS = 7;
const WARM_PER_PROCESS = 4;
const HELP_PAIRS = 9;
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU ms of this process's waited-for children so far (utime+stime of descendants, /proc/self/stat). */
function childCpuMs() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
}

function timedNode(args) {
  const cpu0 = childCpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${r.stderr?.slice(-500)}`);
  return { wallMs, cpuMs: childCpuMs() - cpu0 };
}

/** `culprit --help` and `node -e 0` in pairs (order alternating), each pair under the same load. */
function helpRows(cli) {
  if (!existsSync(cli)) return { rows: [], note: 'dist/cli.js not built: `culprit --help` not measured.' };
  const pairs = [];
  for (let i = 0; i < HELP_PAIRS; i++) {
    const first = i % 2 === 0;
    const a = first ? timedNode(['-e', '0']) : timedNode([cli, '--help']);
    const b = first ? timedNode([cli, '--help']) : timedNode(['-e', '0']);
    pairs.push(first ? { node: a, help: b } : { node: b, help: a });
  }
  const ratio = (k) => summarize(pairs.map((p) => p.help[k] / Math.max(p.node[k], TICK_MS / 2)));
  const wall = ratio('wallMs');
  return {
    rows: [
      { name: '`culprit --help` (built CLI, fresh process)', stat: summarize(pairs.map((p) => p.help.wallMs)) },
      { name: '`node -e 0` (same rounds)', stat: summarize(pairs.map((p) => p.node.wallMs)) },
      { name: '`culprit --help` ÷ `node -e 0`, wall (paired)', value: wall.median },
      { name: '`culprit --help` ÷ `node -e 0`, CPU (paired)', value: ratio('cpuMs').median },
    ],
    note:
      `\`culprit --help\` vs \`node -e 0\`: ${HELP_PAIRS} pairs run back to back (order alternating); ratios are ` +
      `medians of the per-pair ratios (wall ${wall.min.toFixed(2)}–${wall.max.toFixed(2)}); CPU is user+sys ` +
      `from /proc/self/stat in 10 ms ticks.`,
  };
}

export async function triageCase({ repoRoot, bundle, work, log }) {
  const scenario = buildTraceScenario(path.join(work, 'trace'));
  log(`  scenario: ${scenario.frames}-frame trace, ${scenario.commitsInRange} commits in ${scenario.deploy}`);
  const child = path.join(repoRoot, 'bench/children/triageChild.mjs');
  const runs = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const { result } = await runNodeChild(child, [
      bundle,
      scenario.repo,
      scenario.traceFile,
      scenario.deploy,
      String(WARM_PER_PROCESS),
    ]);
    runs.push(result);
    log(
      `  run ${i + 1}/${COLD_RUNS}: cold ${result.coldMs.toFixed(0)} ms, warm ${result.warm.map((w) => w.toFixed(0)).join('/')} ms`,
    );
  }
  const cold = summarize(runs.map((r) => r.coldMs));
  const warm = summarize(runs.flatMap((r) => r.warm));
  const first = runs[0].summary;
  const topIsBug = first?.suspects?.[0]?.sha === scenario.bugCommit;
  const bugRank = (first?.suspects ?? []).findIndex((s) => s.sha === scenario.bugCommit) + 1;
  const help = helpRows(path.join(repoRoot, 'dist/cli.js'));
  return {
    id: 'triage',
    title: `30-frame trace end to end (${scenario.frames} frames, ${scenario.commitsInRange} commits in range)`,
    rows: [
      { name: 'cold: open workspace → report (fresh process)', stat: cold, target: '< 400 ms', ok: cold.median < 400 },
      { name: '  of which openTriageWorkspace', stat: summarize(runs.map((r) => r.openMs)) },
      { name: '  before the timer: Node start-up + loading the bundle', stat: summarize(runs.map((r) => r.startupMs)) },
      { name: 'warm: same workspace, same sample again', stat: warm, target: '< 20 ms', ok: warm.median < 20 },
      { name: 'warm / cold ratio', value: warm.median / cold.median },
      ...help.rows,
    ],
    notes: [
      `Git processes per triage: ${runs[0].coldProcesses.all} cold (${runs[0].coldProcesses.silent} with no output), ${runs[0].warmProcesses.all} warm (${runs[0].warmProcesses.silent} with no output).`,
      `Cold: ${COLD_RUNS} processes; warm: ${WARM_PER_PROCESS} repeats in each (${COLD_RUNS * WARM_PER_PROCESS} samples).`,
      `Report check: ${first?.resolved}/${first?.frames} frames resolved, ${first?.moved} moved in today's tree, ${first?.suspects?.length} suspects; ` +
        `the commit that removed the default ranks #${bugRank || '—'}${topIsBug ? '' : ` (top: "${first?.suspects?.[0]?.summary}")`}.`,
      help.note,
    ],
    detail: { scenario: { ...scenario, trace: undefined }, report: first, errors: runs[0].errors },
  };
}
