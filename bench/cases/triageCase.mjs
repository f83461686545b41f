// 1. A real 30-frame V8 trace, end to end (file source → workspace → runTriage): cold in a fresh
// process per run, warm on the same workspace object triaging the same sample again.
import path from 'node:path';
import { buildTraceScenario } from '../fixtures/traceRepo.mjs';
import { runNodeChild } from '../lib/child.mjs';
import { summarize } from '../lib/stats.mjs';

const COLD_RUNS = 7;
const WARM_PER_PROCESS = 4;

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
  return {
    id: 'triage',
    title: `30-frame trace end to end (${scenario.frames} frames, ${scenario.commitsInRange} commits in range)`,
    rows: [
      { name: 'cold: open workspace → report (fresh process)', stat: cold, target: '< 400 ms', ok: cold.median < 400 },
      { name: '  of which openTriageWorkspace', stat: summarize(runs.map((r) => r.openMs)) },
      { name: '  before the timer: Node start-up + loading the bundle', stat: summarize(runs.map((r) => r.startupMs)) },
      { name: 'warm: same workspace, same sample again', stat: warm, target: '< 20 ms', ok: warm.median < 20 },
      { name: 'warm / cold ratio', value: warm.median / cold.median },
    ],
    notes: [
      `Git processes per triage: ${runs[0].coldProcesses.all} cold (${runs[0].coldProcesses.silent} with no output), ${runs[0].warmProcesses.all} warm (${runs[0].warmProcesses.silent} with no output).`,
      `Cold: ${COLD_RUNS} processes; warm: ${WARM_PER_PROCESS} repeats in each (${COLD_RUNS * WARM_PER_PROCESS} samples).`,
      `Report check: ${first?.resolved}/${first?.frames} frames resolved, ${first?.moved} moved in today's tree, ${first?.suspects?.length} suspects; ` +
        `the commit that removed the default ranks #${bugRank || '—'}${topIsBug ? '' : ` (top: "${first?.suspects?.[0]?.summary}")`}.`,
    ],
    detail: { scenario: { ...scenario, trace: undefined }, report: first, errors: runs[0].errors },
  };
}
