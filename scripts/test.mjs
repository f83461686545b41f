// `npm test` after build, typecheck and lint: every suite, then one closing line
// "N passed, N failed" over all of them. Exit non-zero when anything failed or a suite crashed.
import { spawnSync } from 'node:child_process';

const suites = [
  {
    name: 'unit and integration (mocha)',
    cmd: process.execPath,
    args: [
      'node_modules/mocha/bin/mocha.js',
      '--reporter',
      './scripts/mochaReporter.cjs',
      'test/unit/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/fuzz/**/*.test.ts',
    ],
  },
  {
    name: 'real VS Code (code-server: extension host + UI)',
    cmd: process.execPath,
    args: ['scripts/vscode/runVscodeTests.mjs'],
  },
];

let passed = 0;
let failed = 0;
let broken = false;
for (const suite of suites) {
  console.log(`\n=== ${suite.name}`);
  const r = spawnSync(suite.cmd, suite.args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  process.stdout.write(r.stdout ?? '');
  const m = /CULPRIT-SUITE passed=(\d+) failed=(\d+)/.exec(r.stdout ?? '');
  if (!m) {
    console.log(`suite '${suite.name}' did not report results (exit ${r.status ?? r.signal})`);
    broken = true;
    failed += 1;
    continue;
  }
  passed += Number(m[1]);
  failed += Number(m[2]);
  if (r.status !== 0 && Number(m[2]) === 0) {
    console.log(`suite '${suite.name}' exited ${r.status} without failing tests`);
    broken = true;
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || broken ? 1 : 0);
