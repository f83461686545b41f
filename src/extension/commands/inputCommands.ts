/** The no-account routes: paste a stack trace, open an event or log file, triage the active editor. */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createFileSource, MAX_INPUT_CHARS, type SampleList } from '../../core/providers';
import { CulpritError, messageOf } from '../../core/errors';
import type { IssueStore } from '../state/issueStore';
import { VIEW_ERRORS } from '../constants';

const PASTE_HINT =
  'Paste a stack trace, a log excerpt or an event JSON (Sentry, Datadog) here, then run "Culprit: Triage Active ' +
  'Editor".';
const MAX_FILE_BYTES = 256 * 1024 * 1024;
/** Above this, local files are parsed in a worker thread so the extension host stays responsive. */
const WORKER_BYTES = 4 * 1024 * 1024;

/** Parses a local file in a worker (dist/parseWorker.js, next to this bundle). */
function parseInWorker(file: string, name: string): Promise<SampleList> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'parseWorker.js'), { workerData: { path: file, name } });
    worker.once('message', (m: { ok: true; listed: SampleList } | { ok: false; reason: string; message: string }) => {
      void worker.terminate();
      if (m.ok) resolve(m.listed);
      else reject(new CulpritError(m.reason as never, m.message));
    });
    worker.once('error', (e) => reject(new CulpritError('io', `cannot parse ${name}: ${messageOf(e)}`)));
  });
}

async function addListed(store: IssueStore, listed: SampleList, name: string): Promise<string[]> {
  if (listed.samples.length === 0)
    throw new CulpritError('unknown-format', listed.failures[0]?.message ?? `no stack trace or event found in ${name}`);
  // Resolving frames and ranking suspects runs git: show it in the view while it works.
  const n = listed.samples.length;
  return vscode.window.withProgress(
    { location: { viewId: VIEW_ERRORS }, title: `Triaging ${n === 1 ? name : `${n} errors from ${name}`}` },
    () => store.addSamples(listed.samples),
  );
}

/** Parses text into samples and adds them; returns the new keys, or undefined when nothing parsed. */
export async function triageText(
  store: IssueStore,
  text: string,
  name: string,
  quiet = false,
): Promise<string[] | undefined> {
  try {
    return await addListed(store, await createFileSource(text, name).listSamples({ limit: 50 }), name);
  } catch (e) {
    if (!quiet) void vscode.window.showErrorMessage(`Culprit: ${messageOf(e)}`);
    return undefined;
  }
}

export async function pasteStackTrace(store: IssueStore): Promise<string[] | undefined> {
  // A browser VS Code may deny clipboard reads (rejects, or answers ''): then the scratch editor.
  const clip = await Promise.resolve(vscode.env.clipboard.readText()).catch(() => '');
  if (clip.trim()) {
    const keys = await triageText(store, clip.slice(0, MAX_INPUT_CHARS), 'clipboard', true);
    if (keys) return keys;
  }
  // Nothing usable on the clipboard: a scratch editor with one line of instructions; its title
  // bar carries the Triage button (package.json editor/title, when culprit.pasteEditor).
  const doc = await vscode.workspace.openTextDocument({ content: `${PASTE_HINT}\n`, language: 'log' });
  const editor = await vscode.window.showTextDocument(doc);
  editor.selection = new vscode.Selection(doc.lineCount - 1, 0, doc.lineCount - 1, 0);
  pasteDocs.add(doc.uri.toString());
  void vscode.commands.executeCommand('setContext', 'culprit.pasteEditor', true);
  return undefined;
}

/** Scratch editors opened by Paste Stack Trace (their first line is PASTE_HINT). */
const pasteDocs = new Set<string>();

/** Whether `uri` is a Paste Stack Trace scratch editor (its title bar shows Triage). */
export function isPasteEditor(uri: vscode.Uri | undefined): boolean {
  return !!uri && pasteDocs.has(uri.toString());
}

export async function triageActiveEditor(store: IssueStore): Promise<string[] | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('Culprit: open or paste a stack trace in an editor first.');
    return undefined;
  }
  const sel = editor.selection;
  const text = (sel.isEmpty ? editor.document.getText() : editor.document.getText(sel)).replace(PASTE_HINT, '');
  if (!text.trim()) {
    void vscode.window.showInformationMessage(
      'Culprit: this editor is empty. Paste a stack trace, a log excerpt or an event JSON into it, then press Triage.',
    );
    return undefined;
  }
  const name = editor.document.isUntitled ? 'pasted text' : vscode.workspace.asRelativePath(editor.document.uri);
  return triageText(store, text, name);
}

export async function openEventFile(store: IssueStore, uri?: vscode.Uri): Promise<string[] | undefined> {
  const target =
    uri ??
    (
      await vscode.window.showOpenDialog({
        title: 'Open Stack Trace or Event File',
        canSelectMany: false,
        filters: { 'Events and logs': ['json', 'log', 'txt', 'envelope', 'ndjson'], 'All files': ['*'] },
      })
    )?.[0];
  if (!target) return undefined;
  try {
    const stat = await vscode.workspace.fs.stat(target);
    if (stat.size > MAX_FILE_BYTES) throw new CulpritError('invalid-input', `${target.fsPath} is larger than 256 MB`);
    const name = target.path.split('/').pop() ?? 'file';
    if (target.scheme === 'file' && stat.size > WORKER_BYTES) {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Culprit: reading ${name}…` },
        async () => addListed(store, await parseInWorker(target.fsPath, name), name),
      );
    }
    const bytes = await vscode.workspace.fs.readFile(target);
    return await triageText(store, Buffer.from(bytes).toString('utf8'), name);
  } catch (e) {
    void vscode.window.showErrorMessage(`Culprit: cannot read ${target.fsPath}: ${messageOf(e)}`);
    return undefined;
  }
}
