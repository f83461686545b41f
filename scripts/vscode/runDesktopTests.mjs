// `npm run test:desktop`: the same extension-host suite (out/vscode/host/suite.js) in desktop VS Code
// through @vscode/test-electron. It downloads VS Code from the update server unless
// CULPRIT_VSCODE_EXECUTABLE names a local desktop build; without network it fails with that reason
// (use `npm run test:vscode` there, which runs the suite in code-server).
// Prints `CULPRIT-SUITE passed=N failed=M` like the other suites.
import { runTests, downloadAndUnzipVSCode, SilentReporter } from '@vscode/test-electron';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot, newRunDir, BASE_SETTINGS, UNTRUSTED_SETTINGS } from './codeServer.mjs';
import { HOST_RUNS, bundleHostSuite, defaultTestRoot, mapStack, prepareWorkspace } from './runHostTests.mjs';

const RUN_TIMEOUT_MS = 10 * 60 * 1000;
const cachePath = join(repoRoot, '.cache', 'vscode-test');

function fail(message) {
  console.log(`\ntest:desktop FAILED: ${message}`);
  console.log('CULPRIT-SUITE passed=0 failed=1');
  process.exit(1);
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms)),
    ),
  ]).finally(() => clearTimeout(timer));
}

let vscodeExecutablePath = process.env.CULPRIT_VSCODE_EXECUTABLE;
if (vscodeExecutablePath && !existsSync(vscodeExecutablePath))
  fail(`CULPRIT_VSCODE_EXECUTABLE=${vscodeExecutablePath} does not exist`);
if (!vscodeExecutablePath) {
  const version = process.env.CULPRIT_VSCODE_VERSION || 'stable';
  console.log(`downloading VS Code ${version} into ${relative(repoRoot, cachePath)} (skipped when already there) …`);
  try {
    // timeout is an idle timeout per request; the outer bound catches retries and slow extraction.
    vscodeExecutablePath = await withTimeout(
      downloadAndUnzipVSCode({ version, cachePath, timeout: 15000, reporter: new SilentReporter() }),
      5 * 60 * 1000,
      'the VS Code download',
    );
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|fetch failed|getaddrinfo/i.test(msg);
    fail(
      `could not download desktop VS Code ${version}: ${msg}${offline ? '\nThis machine cannot reach the VS Code update server (no network). Run the same suite in code-server with `npm run test:vscode`, or set CULPRIT_VSCODE_EXECUTABLE to a local desktop VS Code.' : ''}`,
    );
  }
}

// Electron needs a display: without one, re-run this script under xvfb-run when it exists.
const hasXvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;
if (!process.env.DISPLAY && hasXvfb && !process.env.CULPRIT_UNDER_XVFB) {
  const r = spawnSync('xvfb-run', ['-a', process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, CULPRIT_UNDER_XVFB: '1', CULPRIT_VSCODE_EXECUTABLE: vscodeExecutablePath },
  });
  process.exit(r.status ?? 1);
}

const { suitePath, groups } = await bundleHostSuite();
const hostDir = join(defaultTestRoot, 'host');
let passed = 0;
let failed = 0;
for (const run of HOST_RUNS) {
  if (groups[run.name].length === 0) continue;
  const stateDir = newRunDir(`desktop-${run.name}`);
  const resultFile = join(stateDir, 'result.json');
  const userDataDir = join(stateDir, 'ud');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...BASE_SETTINGS, ...(run.workspaceTrust ? UNTRUSTED_SETTINGS : {}) }, null, 2),
  );
  const { ws, infoFile } = await prepareWorkspace(hostDir, run, stateDir);
  const launchArgs = [
    ws,
    '--disable-extensions',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    join(stateDir, 'ext'),
    '--skip-welcome',
    '--skip-release-notes',
  ];
  if (!run.workspaceTrust) launchArgs.push('--disable-workspace-trust');
  if (process.getuid?.() === 0) launchArgs.push('--no-sandbox');
  let code;
  try {
    code = await withTimeout(
      runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: suitePath,
        launchArgs,
        extensionTestsEnv: {
          CULPRIT_HOST_RESULT: resultFile,
          CULPRIT_HOST_RUN: run.name,
          CULPRIT_TEST_WORKSPACE: ws,
          ...(infoFile ? { CULPRIT_WORKSPACE_INFO: infoFile } : {}),
        },
      }),
      RUN_TIMEOUT_MS,
      `desktop run '${run.name}'`,
    );
  } catch (e) {
    code = e instanceof Error ? e.message : String(e);
  }
  if (!existsSync(resultFile)) {
    failed += 1;
    console.log(
      `desktop run '${run.name}': no results (${code})${!process.env.DISPLAY ? '; there is no DISPLAY (Electron needs one; install xvfb for xvfb-run)' : ''}`,
    );
    continue;
  }
  const r = JSON.parse(readFileSync(resultFile, 'utf8'));
  passed += r.passed;
  failed += r.failed;
  console.log(`desktop run '${run.name}' (VS Code ${r.vscodeVersion}): ${r.passed} passed, ${r.failed} failed`);
  for (const f of r.failures)
    console.log(
      `  FAILED ${f.title}\n    ${mapStack(f.stack ?? f.message, suitePath)
        .split('\n')
        .join('\n    ')}`,
    );
}
console.log(`CULPRIT-SUITE passed=${passed} failed=${failed}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
