// One cold triage in a fresh process, then warm repeats on the same workspace object.
// argv: <core bundle> <repo> <trace file> <FROM..TO> <warm runs>. Prints one JSON line.
import childProcess from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

// Counts the processes the triage starts (all git) and those that print nothing on stdout:
// the number of processes is what a triage's time is made of.
const spawned = { all: 0, silent: 0 };
// Patched on the prototype: spawn, execFile and exec all end in ChildProcess#spawn.
const protoSpawn = childProcess.ChildProcess.prototype.spawn;
childProcess.ChildProcess.prototype.spawn = function countedSpawn(...args) {
  const result = protoSpawn.apply(this, args);
  spawned.all++;
  let printed = false;
  this.stdout?.on('data', () => (printed = true));
  this.on('close', () => !printed && spawned.silent++);
  return result;
};
const counted = () => ({ ...spawned });

const [bundle, repo, traceFile, deploy, warmArg] = process.argv.slice(2);
const { createFileSource, openTriageWorkspace, runTriage } = createRequire(import.meta.url)(bundle);
const text = readFileSync(traceFile, 'utf8');
const settings = { limit: 1, deployFlag: deploy, suspectLimit: 10, blameFrames: 12 };

async function triage(ws) {
  const t0 = performance.now();
  const report = await runTriage(createFileSource(text, 'trace.txt'), ws, settings);
  return { ms: performance.now() - t0, report };
}

// performance.now() counts from process start: this is Node's start-up plus loading the bundle.
const t0 = performance.now();
const ws = await openTriageWorkspace({ dir: repo, trusted: true });
const openMs = performance.now() - t0;
const cold = await triage(ws);
const coldMs = performance.now() - t0;
const coldProcesses = counted();
const warm = [];
for (let i = 0; i < Number(warmArg); i++) warm.push((await triage(ws)).ms);
const after = counted();
const runs = Math.max(1, Number(warmArg));
const warmProcesses = {
  all: (after.all - coldProcesses.all) / runs,
  silent: (after.silent - coldProcesses.silent) / runs,
};

const issue = cold.report.issues[0];
const summary = issue && {
  frames: issue.frames.length,
  resolved: issue.frames.filter((f) => f.file !== null).length,
  inApp: issue.frames.filter((f) => f.inApp).length,
  moved: issue.frames.filter((f) => f.localLine !== null && f.localLine !== f.line).length,
  deploy: issue.deploy,
  suspects: issue.suspects.map((s) => ({ sha: s.sha, summary: s.summary, score: s.score, reasons: s.reasons })),
};
process.stdout.write(
  `${JSON.stringify({ startupMs: t0, openMs, coldMs, triageMs: cold.ms, warm, coldProcesses, warmProcesses, errors: cold.report.errors, summary })}\n`,
);
