/**
 * The regression test Culprit writes from the failing request, as a bisect step's reproduction:
 * written into the step's worktree, run by the detected framework's runner against the server the
 * user's start command brings up on a free port. The server's own stderr (the stack it logs for
 * the 500) is part of the step's output, so the verdict stays structural.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { FrameworkDetection } from '../regression/testFrameworkDetector';

/** A generated regression test (src/core/regression) written into each step's worktree. */
export interface TestFile {
  relPath: string;
  content: string;
  framework: FrameworkDetection['framework'];
}

/** How long the server may take to listen before the step is skipped. */
const SERVER_START_MS = 30_000;

/** POSIX single-quoting, for paths substituted into commands. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The framework's own runner for one file; `--no-install` so a step never downloads one. */
export function runnerCommand(test: TestFile): string {
  const file = shellQuote(test.relPath);
  switch (test.framework) {
    case 'mocha':
      return `npx --no-install mocha --exit ${file}`;
    case 'jest':
      return `npx --no-install jest --ci --runTestsByPath ${file}`;
    case 'vitest':
      return `npx --no-install vitest run ${file}`;
    case 'node-test':
      return `node --test ${file}`;
    case 'pytest':
      return `python3 -m pytest -q -p no:cacheprovider ${file}`;
    case 'replay':
      return `sh ${file}`;
  }
}

/** Writes the test into the worktree: untracked there, so the next checkout's clean removes it. */
export function writeTestInto(worktree: string, test: TestFile): void {
  const abs = nodePath.join(worktree, ...test.relPath.split('/'));
  mkdirSync(nodePath.dirname(abs), { recursive: true });
  writeFileSync(abs, test.content);
}

/**
 * A node script that starts `serve` with `PORT` (and `{port}`) set to a free port, waits until it
 * listens, runs `run` with `CULPRIT_BASE_URL` pointing at it and exits with the run's status. A
 * server that exits or never listens exits 125, which a step reads as "skip" (as `git bisect run`).
 * Everything stays in the step's process group, which is killed when the step ends.
 */
function serveDriver(serve: string, run: string): string {
  return `'use strict';
const { spawn } = require('node:child_process');
const net = require('node:net');
const SERVE = ${JSON.stringify(serve)};
const RUN = ${JSON.stringify(run)};
const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer().on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const listening = (port) =>
  new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    c.once('connect', () => (c.destroy(), resolve(true)));
    c.once('error', () => resolve(false));
  });
(async () => {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port) };
  const stdio = ['ignore', 'inherit', 'inherit'];
  const server = spawn('/bin/sh', ['-c', SERVE.replace(/\\{port\\}/g, String(port))], { env, stdio });
  let exited = null;
  server.on('exit', (code, signal) => (exited = code ?? signal));
  const until = Date.now() + ${SERVER_START_MS};
  while (!(await listening(port))) {
    if (exited !== null || Date.now() > until) {
      console.error(exited !== null
        ? 'culprit: the server command exited (' + exited + ') before listening on port ' + port
        : 'culprit: the server did not listen on port ' + port + ' within ${SERVER_START_MS / 1000} s');
      process.exit(125);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const runEnv = { ...env, CULPRIT_BASE_URL: 'http://127.0.0.1:' + port };
  spawn('/bin/sh', ['-c', RUN], { env: runEnv, stdio })
    .on('exit', (code) => process.exit(code ?? 1));
})();
`;
}

/** The shell command of one step: the driver, written into the step's scratch folder. */
export function regressionTestCommand(worktree: string, aside: string, test: TestFile, serve: string): string {
  writeTestInto(worktree, test);
  const driver = nodePath.join(aside, 'culprit-serve.cjs');
  writeFileSync(driver, serveDriver(serve, runnerCommand(test)));
  return `node ${shellQuote(driver)}`;
}
