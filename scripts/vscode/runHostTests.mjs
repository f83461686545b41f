// Runs the extension-host test suite in real VS Code (code-server + headless Chromium).
// test/vscode/host/**/*.test.ts are bundled with esbuild into <bundle dir>/suite.js (the
// extensionTestsPath); each invocation bundles into its own .cache/vscode-run/bundle-* dir so that
// engineers running the suite at the same time in this checkout never load each other's bundle. Each "run" (HOST_RUNS) gets its own server,
// state dir and workspace folder, prepared by an optional workspace.mjs `prepare(dir)`.
//   node scripts/vscode/runHostTests.mjs [--run trusted] [--grep text]
import { build } from 'esbuild';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  writeSync,
  openSync,
  closeSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { startCodeServer, newRunDir, repoRoot, workbenchUrl } from './codeServer.mjs';
import { launchBrowser } from './browser.mjs';

/**
 * The host runs. `dir` is relative to the host test folder; a run owns the *.test.ts files under
 * it that no deeper run owns. `workspaceTrust: true` turns trust on, so the folder is untrusted.
 */
export const HOST_RUNS = Object.freeze([
  { name: 'trusted', dir: '', workspaceTrust: false },
  { name: 'untrusted', dir: 'untrusted', workspaceTrust: true },
  // prepare() returns { workspaceFile } there: a multi-root .code-workspace is opened instead.
  { name: 'multiroot', dir: 'multiroot', workspaceTrust: false },
]);

export const defaultTestRoot = join(repoRoot, 'test', 'vscode');

function walk(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.name.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

/** Run name → absolute test files, each file owned by the deepest run dir containing it. */
export function hostTestGroups(hostDir, runs = HOST_RUNS) {
  const byDepth = [...runs].sort((a, b) => b.dir.length - a.dir.length);
  const groups = Object.fromEntries(runs.map((r) => [r.name, []]));
  for (const file of walk(hostDir)) {
    const rel = relative(hostDir, file);
    const owner = byDepth.find((r) => r.dir === '' || rel.startsWith(r.dir + sep));
    if (owner) groups[owner.name].push(file);
  }
  return groups;
}

/**
 * Bundles the host suite. Returns the extensionTestsPath (suite.js) and the groups bundled.
 * @param {{ testRoot?: string, outDir?: string }} [options] outDir default: a new run dir
 */
export async function bundleHostSuite(options = {}) {
  const hostDir = join(options.testRoot ?? defaultTestRoot, 'host');
  const groups = hostTestGroups(hostDir);
  const entry = join(defaultTestRoot, 'host', 'hostSuite.ts');
  const virtual = `export const groups = {\n${Object.entries(groups)
    .map(
      ([name, files]) =>
        `  ${JSON.stringify(name)}: [\n${files.map((f) => `    [${JSON.stringify(relative(hostDir, f))}, () => require(${JSON.stringify(f)})],`).join('\n')}\n  ],`,
    )
    .join('\n')}\n};\n`;
  const outDir = options.outDir ?? newRunDir('bundle');
  mkdirSync(outDir, { recursive: true });
  const suitePath = join(outDir, 'suite.js');
  await build({
    entryPoints: [entry],
    outfile: suitePath,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The extension host installs its own Error.prepareStackTrace, so Node never applies source
    // maps there; the runner maps the reported stacks back to the .ts files (mapStack).
    sourcemap: 'linked',
    sourcesContent: false,
    external: ['vscode', 'mocha'],
    logLevel: 'error',
    plugins: [
      {
        name: 'host-test-files',
        setup(b) {
          b.onResolve({ filter: /^culprit:host-test-files$/ }, () => ({
            path: 'host-test-files',
            namespace: 'culprit',
          }));
          b.onLoad({ filter: /.*/, namespace: 'culprit' }, () => ({
            contents: virtual,
            loader: 'js',
            resolveDir: hostDir,
          }));
        },
      },
    ],
  });
  return { suitePath, groups };
}

/** Rewrites `suite.js:line:col` frames of a stack to the bundled .ts sources. */
export function mapStack(stack, suitePath) {
  if (!stack || !existsSync(`${suitePath}.map`)) return stack;
  const map = new TraceMap(readFileSync(`${suitePath}.map`, 'utf8'));
  const dir = dirname(suitePath);
  return stack.replace(/(?:\/[^\s():]*\/)?suite\.js:(\d+):(\d+)/g, (whole, line, col) => {
    const pos = originalPositionFor(map, { line: Number(line), column: Number(col) - 1 });
    return pos.source ? `${relative(repoRoot, resolve(dir, pos.source))}:${pos.line}:${pos.column + 1}` : whole;
  });
}

/**
 * Creates `<stateDir>/ws` and fills it with the run's workspace.mjs `prepare(dir, { run })` (the
 * run dir's own, else the host folder's). Its JSON-able return value goes to workspace-info.json.
 */
export async function prepareWorkspace(hostDir, run, stateDir) {
  const ws = join(stateDir, 'ws');
  mkdirSync(ws, { recursive: true });
  const candidates = [join(hostDir, run.dir, 'workspace.mjs'), join(hostDir, 'workspace.mjs')];
  const setup = candidates.find((c) => existsSync(c));
  let infoFile;
  let workspaceFile;
  if (setup) {
    const mod = await import(pathToFileURL(setup).href);
    if (typeof mod.prepare !== 'function') throw new Error(`${setup} must export prepare(dir, { run })`);
    const info = await mod.prepare(ws, { run: run.name });
    if (info !== undefined) {
      infoFile = join(stateDir, 'workspace-info.json');
      writeFileSync(infoFile, JSON.stringify(info, null, 2));
      if (typeof info?.workspaceFile === 'string') workspaceFile = info.workspaceFile;
    }
  }
  return { ws, infoFile, workspaceFile };
}

/**
 * Runs one host run end to end and returns its result (never throws: a broken run is a failure).
 * @returns {Promise<{ run: string, passed: number, failed: number, pending: number, failures: Array<{ title: string, message: string, stack?: string }>, tests: Array<{ title: string, state: string }>, ms: number, stateDir: string }>}
 */
export async function runHostRun(run, { suitePath, devPath, testRoot, timeoutMs, grep }) {
  const started = Date.now();
  const hostDir = join(testRoot, 'host');
  const stateDir = newRunDir(`host-${run.name}`);
  const resultFile = join(stateDir, 'result.json');
  const broken = (message) => ({
    run: run.name,
    passed: 0,
    failed: 1,
    pending: 0,
    tests: [],
    failures: [{ title: `host run '${run.name}'`, message }],
    ms: Date.now() - started,
    stateDir,
  });
  let server;
  let browser;
  try {
    const { ws, infoFile, workspaceFile } = await prepareWorkspace(hostDir, run, stateDir);
    const env = { CULPRIT_HOST_RESULT: resultFile, CULPRIT_HOST_RUN: run.name, CULPRIT_TEST_WORKSPACE: ws };
    if (infoFile) env.CULPRIT_WORKSPACE_INFO = infoFile;
    if (grep) env.CULPRIT_HOST_GREP = grep;
    server = await startCodeServer({ stateDir, workspaceTrust: run.workspaceTrust, env });
    browser = await launchBrowser({ profileParent: stateDir });
    const consoleLog = openSync(join(stateDir, 'browser.log'), 'a');
    browser.page.on('console', (m) => {
      try {
        writeSync(consoleLog, `[${m.type()}] ${m.text()}\n`);
      } catch {
        /* closed */
      }
    });
    browser.page.on('pageerror', (e) => {
      try {
        writeSync(consoleLog, `[pageerror] ${e.message}\n`);
      } catch {
        /* closed */
      }
    });
    let onExit;
    const exited = new Promise((r) => (onExit = r));
    // The workbench calls this when the extensionTestsPath module settles (0 = resolved).
    await browser.page.exposeFunction('codeAutomationExit', (code) => onExit(code));
    // A loaded machine (load average 30 on 2 cores was seen) needs minutes, not playwright's 30 s.
    await browser.page.goto(
      workbenchUrl(server, { folder: ws, workspace: workspaceFile, devPath, testsPath: suitePath }),
      { timeout: 180_000 },
    );
    let timer;
    const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    closeSync(consoleLog);
    if (!existsSync(resultFile)) {
      const why =
        code === 'timeout'
          ? `did not finish within ${timeoutMs / 1000} s`
          : `ended with exit code ${code} without writing ${resultFile} (the test module failed to load, or the extension host crashed)`;
      return broken(`${why}.\nBrowser console: ${join(stateDir, 'browser.log')}\n${server.logs()}`);
    }
    const r = JSON.parse(readFileSync(resultFile, 'utf8'));
    for (const f of r.failures) f.stack = mapStack(f.stack, suitePath);
    if (code === 'timeout')
      r.failures.push({
        title: `host run '${run.name}'`,
        message: `wrote results but did not exit within ${timeoutMs / 1000} s`,
      });
    return {
      run: run.name,
      passed: r.passed,
      failed: r.failed + (code === 'timeout' ? 1 : 0),
      pending: r.pending,
      tests: r.tests,
      failures: r.failures,
      notes: r.notes ?? [],
      ms: Date.now() - started,
      stateDir,
      vscodeVersion: r.vscodeVersion,
    };
  } catch (e) {
    return broken(`${e instanceof Error ? e.message : String(e)}${server ? `\n${server.logs()}` : ''}`);
  } finally {
    await browser?.close();
    await server?.stop();
  }
}

/**
 * Bundles the suite and runs every host run that has test files.
 * @param {{ devPath?: string, testRoot?: string, only?: string, grep?: string, timeoutMs?: number, log?: (line: string) => void }} [options]
 */
export async function runHostTests(options = {}) {
  const log = options.log ?? ((l) => console.log(l));
  const testRoot = options.testRoot ?? defaultTestRoot;
  const devPath = options.devPath ?? repoRoot;
  const t0 = Date.now();
  const { suitePath, groups } = await bundleHostSuite({ testRoot });
  log(`host suite bundled in ${Date.now() - t0} ms → ${relative(repoRoot, suitePath)}`);
  const results = [];
  for (const run of HOST_RUNS) {
    if (options.only && run.name !== options.only) continue;
    if (groups[run.name].length === 0) {
      log(`host run '${run.name}': no test files under ${relative(repoRoot, join(testRoot, 'host', run.dir)) || '.'}`);
      continue;
    }
    const r = await runHostRun(run, {
      suitePath,
      devPath,
      testRoot,
      // Generous: with ~8 engineers on 2 cores a run that takes 40 s alone can take several minutes.
      timeoutMs: options.timeoutMs ?? 900000,
      grep: options.grep,
    });
    log(
      `host run '${r.run}'${r.vscodeVersion ? ` (VS Code ${r.vscodeVersion})` : ''}: ${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} pending` : ''} in ${(r.ms / 1000).toFixed(1)} s`,
    );
    for (const t of r.tests) log(`  ${t.state === 'passed' ? '✓' : t.state === 'failed' ? '✗' : '-'} ${t.title}`);
    for (const n of r.notes ?? []) log(`  note: ${n}`);
    for (const f of r.failures)
      log(
        `  FAILED ${f.title}\n    ${(f.stack && f.stack.includes(f.message) ? f.stack : `${f.message}\n${f.stack ?? ''}`).trim().split('\n').join('\n    ')}\n    (state: ${relative(repoRoot, r.stateDir)})`,
      );
    results.push(r);
  }
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({ options: { run: { type: 'string' }, grep: { type: 'string' } } });
  const results = await runHostTests({
    only: values.run,
    grep: values.grep,
    devPath: process.env.CULPRIT_VSCODE_DEV_PATH,
    testRoot: process.env.CULPRIT_VSCODE_TEST_ROOT,
  });
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`CULPRIT-SUITE passed=${passed} failed=${failed}`);
  process.exit(failed > 0 || results.length === 0 ? 1 : 0);
}
