// The git work of one 30-frame triage done another way, in a fresh Node process (so Node's start-up
// is paid as by the CLI). argv: <mode> <scale meta JSON file>. Modes:
//   floor        one `git diff -U0 FROM TO -- <frame files>` + range blame of each changed file
//                (its frames' lines as -L): the least git work that answers the deploy question
//   blameWhole   whole-file, full-history `git blame --porcelain TO -- file` per frame file
//   logL         `git log -L n,n:file TO` per frame line
//   newestBlame  `git blame --porcelain -L n,n TO -- file` per frame line (the trackers' method)
// [budget ms]: past it the running git is killed and the process exits with 124 (killing only this
// process would leave its git running on, loading the machine for the measurements after it).
// Prints one JSON line: { processes }.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [mode, metaFile, budget] = process.argv.slice(2);
const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
const deadline = performance.now() + (budget ? Number(budget) : Infinity);
let processes = 0;
const git = (args) => {
  processes++;
  const timeout = deadline - performance.now();
  if (timeout <= 0) process.exit(124);
  try {
    const opts = { cwd: meta.repo, encoding: 'utf8', maxBuffer: 1 << 30, killSignal: 'SIGKILL' };
    return execFileSync('git', args, Number.isFinite(timeout) ? { ...opts, timeout: Math.ceil(timeout) } : opts);
  } catch (e) {
    if (e.code === 'ETIMEDOUT' || e.signal === 'SIGKILL') process.exit(124);
    throw e;
  }
};
const byFile = new Map();
for (const p of meta.positions) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p.line]);

if (mode === 'floor') {
  const diff = git(['diff', '-U0', '--no-renames', meta.fromSha, meta.toSha, '--', ...byFile.keys()]);
  const changed = [...diff.matchAll(/^\+\+\+ b\/(.+)$/gm)].map((m) => m[1]);
  for (const file of changed) {
    const lines = (byFile.get(file) ?? []).flatMap((l) => ['-L', `${l},${l}`]);
    git(['blame', '--porcelain', ...lines, `${meta.fromSha}..${meta.toSha}`, '--', file]);
  }
} else if (mode === 'blameWhole') {
  for (const file of byFile.keys()) git(['blame', '--porcelain', meta.toSha, '--', file]);
} else if (mode === 'logL') {
  for (const p of meta.positions) git(['log', `-L${p.line},${p.line}:${p.file}`, '--format=%H', meta.toSha]);
} else if (mode === 'newestBlame') {
  for (const p of meta.positions) git(['blame', '--porcelain', '-L', `${p.line},${p.line}`, meta.toSha, '--', p.file]);
} else if (mode === 'hotBlame') {
  git(['blame', '--porcelain', meta.toSha, '--', meta.hotFile]);
} else throw new Error(`unknown mode ${mode}`);
process.stdout.write(`${JSON.stringify({ processes })}\n`);
