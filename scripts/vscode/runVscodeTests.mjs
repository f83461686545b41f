// `npm run test:vscode`: the real-VS-Code suites. Installs the host if needed (setupHost), runs the
// extension-host runs (runHostTests.mjs), then the Playwright UI tests (test/vscode/ui/**/*.test.ts,
// mocha + tsx under this Node), and prints one `CULPRIT-SUITE passed=N failed=M` line for
// scripts/test.mjs. A setup problem is a failure with its reason, never a silent skip.
//   node scripts/vscode/runVscodeTests.mjs [--host-only | --ui-only] [--grep text]
// CULPRIT_VSCODE_DEV_PATH / CULPRIT_VSCODE_TEST_ROOT point the harness at another extension or test
// folder (used to validate the harness itself).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { setupHost } from './setupHost.mjs';
import { repoRoot, newRunDir } from './codeServer.mjs';
import { runHostTests } from './runHostTests.mjs';

const { values: opts } = parseArgs({
  options: { 'host-only': { type: 'boolean' }, 'ui-only': { type: 'boolean' }, grep: { type: 'string' } },
});
const testRoot = process.env.CULPRIT_VSCODE_TEST_ROOT || join(repoRoot, 'test', 'vscode');
const devPath = process.env.CULPRIT_VSCODE_DEV_PATH || repoRoot;
const UI_TIMEOUT_MS = 10 * 60 * 1000;

const failures = [];
let passed = 0;
let failed = 0;
const t0 = Date.now();

function finish() {
  if (failures.length) {
    console.log(`\nreal VS Code failures (${failures.length}):`);
    for (const f of failures)
      console.log(`  ✗ [${f.where}] ${f.title}\n      ${String(f.message).split('\n').slice(0, 6).join('\n      ')}`);
  }
  console.log(`\nreal VS Code tests: ${passed} passed, ${failed} failed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`CULPRIT-SUITE passed=${passed} failed=${failed}`);
  process.exit(failed > 0 ? 1 : 0);
}

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
    )
    .sort();
}

function runUiTests(files) {
  const stateDir = newRunDir('ui-mocha');
  const resultFile = join(stateDir, 'ui-result.json');
  const args = [
    join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js'),
    '--require',
    'tsx/cjs',
    '--timeout',
    '60000',
    '--reporter',
    join(repoRoot, 'scripts', 'vscode', 'uiReporter.cjs'),
    ...(opts.grep ? ['--grep', opts.grep] : []),
    ...files,
  ];
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, CULPRIT_UI_RESULT: resultFile, CULPRIT_VSCODE_DEV_PATH: devPath },
    });
    let buffered = '';
    let summary;
    // Stream mocha's output, but keep its own summary line out: scripts/test.mjs reads the first one.
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) {
        const m = /CULPRIT-SUITE passed=(\d+) failed=(\d+)/.exec(line);
        if (m) summary = { passed: Number(m[1]), failed: Number(m[2]) };
        else console.log(line);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), UI_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (buffered) console.log(buffered);
      const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : undefined;
      resolveRun({ code, signal, summary, result });
    });
  });
}

console.log('=== real VS Code: setup');
let host;
try {
  const t = Date.now();
  host = setupHost();
  console.log(
    `code-server ${host.codeServerVersion} (Node 24 at ${relative(repoRoot, host.node24)}), Chromium ${host.chromium}: ready in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
} catch (e) {
  failed += 1;
  failures.push({
    where: 'setup',
    title: 'installing the VS Code test host',
    message: e instanceof Error ? e.message : String(e),
  });
  finish();
}
const pkg = JSON.parse(readFileSync(join(devPath, 'package.json'), 'utf8'));
if (pkg.main && !existsSync(join(devPath, pkg.main))) {
  console.log(
    `NOTE: ${join(relative(repoRoot, devPath) || '.', pkg.main)} does not exist (run \`npm run build\`): the extension cannot load and its tests will fail.`,
  );
}

if (!opts['ui-only']) {
  console.log('\n=== real VS Code: extension host runs');
  const results = await runHostTests({ devPath, testRoot, grep: opts.grep });
  if (results.length === 0) {
    failed += 1;
    failures.push({
      where: 'host',
      title: 'extension-host suite',
      message: `no host test files under ${relative(repoRoot, join(testRoot, 'host'))}`,
    });
  }
  for (const r of results) {
    passed += r.passed;
    failed += r.failed;
    for (const f of r.failures)
      failures.push({ where: `host:${r.run}`, title: f.title, message: f.stack || f.message });
  }
}

if (!opts['host-only']) {
  console.log('\n=== real VS Code: UI tests (Playwright)');
  const files = walk(join(testRoot, 'ui'));
  if (files.length === 0) {
    failed += 1;
    failures.push({
      where: 'ui',
      title: 'UI suite',
      message: `no UI test files under ${relative(repoRoot, join(testRoot, 'ui'))}`,
    });
  } else {
    mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
    const t = Date.now();
    const ui = await runUiTests(files);
    console.log(`UI tests finished in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    if (!ui.summary) {
      failed += 1;
      failures.push({
        where: 'ui',
        title: 'UI suite',
        message: `mocha did not report results (exit ${ui.code ?? ui.signal}${ui.signal === 'SIGKILL' ? `, killed after ${UI_TIMEOUT_MS / 60000} min` : ''})`,
      });
    } else {
      passed += ui.summary.passed;
      failed += ui.summary.failed;
      for (const f of ui.result?.failures ?? []) failures.push({ where: 'ui', title: f.title, message: f.message });
      if (ui.code !== 0 && ui.summary.failed === 0) {
        failed += 1;
        failures.push({
          where: 'ui',
          title: 'UI suite',
          message: `mocha exited ${ui.code ?? ui.signal} without failing tests`,
        });
      }
    }
  }
}
finish();
