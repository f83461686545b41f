/**
 * The demo service as a test scenario: its real repository (scripts/demo) and a real @sentry/node
 * event of its 500 captured from the deployed revision v1.5.0; plus the built CLI as a child.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const projectRoot = path.resolve(__dirname, '../..');
const cli = path.join(projectRoot, 'dist', 'cli.js');

export interface DemoScenario {
  dir: string;
  repo: string;
  commits: Array<{ sha: string; message: string }>;
  /** SHA of the demo commit with this message. */
  sha(message: string): string;
  /** The SDK event (wire format) and the envelope that carried it. */
  event: Record<string, unknown>;
  envelope: string;
}

/** Builds the demo repository in a new temp dir and captures the deployed service's real event. */
export async function setUpDemo(prefix: string): Promise<DemoScenario> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const repo = path.join(dir, 'orders-api');
  const demo = await import(path.join(projectRoot, 'scripts/demo/buildDemoRepo.mjs'));
  const capture = await import(path.join(projectRoot, 'scripts/demo/captureDemoEvent.mjs'));
  const commits: Array<{ sha: string; message: string }> = demo.buildDemoRepo(repo).commits;
  const { event, envelope } = await capture.captureDemoEvent({
    repo,
    rev: 'v1.5.0',
    deployDir: path.join(dir, 'deploy', 'app'),
    release: 'orders-api@1.5.0',
  });
  const sha = (message: string) => {
    const hit = commits.find((c) => c.message === message);
    if (!hit) throw new Error(`no demo commit '${message}'`);
    return hit.sha;
  };
  return { dir, repo, commits, sha, event, envelope };
}

/** Stops the scenario's stand-ins and removes its temp dir (either may be missing if `before` failed). */
export async function tearDownDemo(
  demo: DemoScenario | undefined,
  ...standIns: Array<{ close(): Promise<void> } | undefined>
): Promise<void> {
  await Promise.all(standIns.map((s) => s?.close()));
  if (demo) rmSync(demo.dir, { recursive: true, force: true });
}

/** An SDK event's exception, as far as its V8 stack text needs it. */
export type SdkExceptionEvent = {
  exception: { values: Array<{ type: string; value: string; stacktrace: { frames: Array<Record<string, unknown>> } }> };
};

/** The V8 text dd-trace records as error.stack, rebuilt from an SDK event's frames (innermost last there). */
export function v8StackOf(event: SdkExceptionEvent): string {
  const ex = event.exception.values[event.exception.values.length - 1];
  const frames = [...ex.stacktrace.frames]
    .reverse()
    .map((f) => `    at ${f.function} (${f.filename}:${f.lineno}:${f.colno})`);
  return `${ex.type}: ${ex.value}\n${frames.join('\n')}`;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `culprit triage …` from the build. Asynchronous, so stand-ins in this process keep answering. */
export function runTriageCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'triage', ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
