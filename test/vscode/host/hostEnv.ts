// What the runner tells extension-host tests about their run, through the server's environment.
import * as fs from 'node:fs';
import * as vscode from 'vscode';

/** Name of the host run executing this test ('trusted', 'untrusted', …). */
export function hostRunName(): string {
  return process.env.CULPRIT_HOST_RUN || 'trusted';
}

/** Absolute path of the first workspace folder; throws when the run opened none. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open in this host run');
  return folder.uri.fsPath;
}

/**
 * The JSON value returned by the run's `workspace.mjs` `prepare(dir)`, or undefined when it
 * returned nothing.
 */
export function workspaceInfo<T = unknown>(): T | undefined {
  const file = process.env.CULPRIT_WORKSPACE_INFO;
  if (!file || !fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Records a line (a measurement) that the runner prints after the run: console output is lost here. */
export function note(line: string): void {
  (globalThis as { __culpritHostNotes?: string[] }).__culpritHostNotes?.push(line);
}

/** Polls `probe` every 50 ms until it returns something truthy, or fails naming `what`. */
export async function until<T>(
  what: string,
  probe: () => T | undefined | null | false,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `until` for probes that must await (command results). */
export async function untilAsync<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The Sentry REST event of the demo's real crash, as far as its stack text needs it. */
export interface DemoRestEvent {
  entries: Array<{
    type: string;
    data: {
      values?: Array<{
        type?: string;
        value?: string;
        stacktrace?: {
          frames: Array<{ function?: string; filename?: string; absPath?: string; lineNo?: number; colNo?: number }>;
        };
      }>;
    };
  }>;
}

/** The V8 stack text dd-trace records (and logs print), rebuilt from the REST event's frames. */
export function v8StackOfRestEvent(event: DemoRestEvent): string {
  const ex = event.entries.find((e) => e.type === 'exception')!.data.values!.at(-1)!;
  const frames = [...(ex.stacktrace?.frames ?? [])]
    .reverse()
    .map((f) => `    at ${f.function ?? '<anonymous>'} (${f.absPath ?? f.filename}:${f.lineNo}:${f.colNo})`);
  return `${ex.type}: ${ex.value}\n${frames.join('\n')}`;
}

/**
 * Runs `work` while recording the error notifications shown. The test shares the extension's
 * `vscode` API object, so the extension's `showErrorMessage` calls come here.
 */
export async function withShownErrors<T>(work: () => Thenable<T>): Promise<{ result: T; errors: string[] }> {
  const errors: string[] = [];
  const show = vscode.window.showErrorMessage;
  vscode.window.showErrorMessage = ((message: string) => {
    errors.push(message);
    return Promise.resolve(undefined);
  }) as typeof vscode.window.showErrorMessage;
  try {
    return { result: await work(), errors };
  } finally {
    vscode.window.showErrorMessage = show;
  }
}
