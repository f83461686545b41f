/**
 * Runs one reproduction command as its own process group, so a timeout, a cancellation or the
 * end of the step kills everything it started (servers, watchers, forked test workers).
 */
import { spawn } from 'node:child_process';

export interface CommandRun {
  /** Exit code; null when killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
  ms: number;
}

export interface CommandOptions {
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called with the process group id once the group exists (for stale cleanup records). */
  onStart?: (pgid: number) => void;
}

/** Kept per stream: a crash prints its stack at the end, a runner's summary too. */
const MAX_OUTPUT = 1024 * 1024;

/** Groups still alive, killed if this process exits before their step ends. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pgid of liveGroups) killGroup(pgid);
  });
}

function appendCapped(buf: string, chunk: string): string {
  const next = buf + chunk;
  return next.length > MAX_OUTPUT ? next.slice(next.length - MAX_OUTPUT) : next;
}

/** Whether any process of group `pgid` is still alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `command` through `/bin/sh -c` in a new process group (the command is the user's own, as
 * they would type it; production text never reaches it). Resolves when the shell exits, after
 * killing the rest of its group; never rejects.
 */
export function runCommand(opts: CommandOptions): Promise<CommandRun> {
  installExitHook();
  const t0 = performance.now();
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let cancelled = false;
    let settled = false;
    const child = spawn('/bin/sh', ['-c', opts.command], {
      cwd: opts.cwd,
      env: opts.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pgid = child.pid;
    if (pgid !== undefined) {
      liveGroups.add(pgid);
      opts.onStart?.(pgid);
    }
    const stop = (): void => {
      if (pgid !== undefined) killGroup(pgid);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, opts.timeoutMs);
    const onAbort = (): void => {
      cancelled = true;
      stop();
    };
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout = appendCapped(stdout, d)));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = appendCapped(stderr, d)));
    const finish = (code: number | null, extra = ''): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      // Whatever the command left running (a server it started) goes with the step.
      stop();
      if (pgid !== undefined) liveGroups.delete(pgid);
      resolve({
        code: timedOut || cancelled ? null : code,
        stdout,
        stderr: stderr + extra,
        timedOut,
        cancelled,
        ms: performance.now() - t0,
      });
    };
    child.on('error', (e) => finish(null, `\n${e.message}`));
    // 'close' waits for the pipes; a daemon holding them open is killed by the timer or stop().
    child.on('exit', (code) => {
      stop();
      child.on('close', () => finish(code));
      setTimeout(() => finish(code), 2000).unref();
    });
  });
}
