// `npm run fuzz`: the fuzz suites (test/fuzz) at full size, seeded and repeatable. Each suite
// appends how many cases it ran to a report file; this fails unless the total reaches MIN_CASES.
// Options: CULPRIT_FUZZ_RUNS (runs per property, default 7000), CULPRIT_FUZZ_SEED (replay another seed).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const MIN_CASES = 100_000;
const dir = mkdtempSync(path.join(tmpdir(), 'culprit-fuzz-'));
const report = path.join(dir, 'cases.txt');
const runs = process.env.CULPRIT_FUZZ_RUNS ?? '7000';
const started = Date.now();
const r = spawnSync(
  process.execPath,
  ['node_modules/mocha/bin/mocha.js', '--timeout', '600000', 'test/fuzz/**/*.fuzz.test.ts'],
  {
    stdio: 'inherit',
    env: { ...process.env, CULPRIT_FUZZ_RUNS: runs, CULPRIT_FUZZ_REPORT: report },
  },
);
let cases = 0;
try {
  cases = readFileSync(report, 'utf8')
    .split('\n')
    .filter(Boolean)
    .reduce((n, l) => n + Number(l), 0);
} catch {
  // no suite reported: counted as 0 below
}
rmSync(dir, { recursive: true, force: true });
const seconds = Math.round((Date.now() - started) / 1000);
console.log(
  `fuzz: ${cases} cases (${runs} runs per property, seed ${process.env.CULPRIT_FUZZ_SEED ?? 'default'}) in ${seconds}s`,
);
if (r.status !== 0) process.exit(r.status ?? 1);
if (cases < MIN_CASES) {
  console.log(`fuzz: fewer than ${MIN_CASES} cases; raise CULPRIT_FUZZ_RUNS`);
  process.exit(1);
}
