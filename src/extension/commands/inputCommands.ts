/** The no-account routes: paste a stack trace, open an event or log file, triage the active editor. */
import * as vscode from 'vscode';
import { createFileSource } from '../../core/providers/file/fileSource';
import { MAX_INPUT_CHARS } from '../../core/providers/file/eventFileParser';
import { CulpritError, messageOf } from '../../core/errors';
import type { IssueStore } from '../state/issueStore';
import { CMD } from '../constants';

const PASTE_HINT = 'Paste a stack trace, a log excerpt or an event JSON (Sentry, Datadog) here, then run "Culprit: Triage Active Editor".';
const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Parses text into samples and adds them; returns the new keys, or undefined when nothing parsed. */
export async function triageText(store: IssueStore, text: string, name: string, quiet = false): Promise<string[] | undefined> {
  try {
    const listed = await createFileSource(text, name).listSamples({ limit: 50 });
    if (listed.samples.length === 0) throw new CulpritError('unknown-format', listed.failures[0]?.message ?? `no stack trace or event found in ${name}`);
    return await store.addSamples(listed.samples);
  } catch (e) {
    if (!quiet) void vscode.window.showErrorMessage(`Culprit: ${messageOf(e)}`);
    return undefined;
  }
}

export async function pasteStackTrace(store: IssueStore): Promise<string[] | undefined> {
  const clip = await vscode.env.clipboard.readText();
  if (clip.trim()) {
    const keys = await triageText(store, clip.slice(0, MAX_INPUT_CHARS), 'clipboard', true);
    if (keys) return keys;
  }
  // Nothing usable on the clipboard: give a scratch editor to paste into.
  const doc = await vscode.workspace.openTextDocument({ content: '', language: 'log' });
  await vscode.window.showTextDocument(doc);
  const pick = await vscode.window.showInformationMessage(PASTE_HINT, 'Triage Active Editor');
  if (pick) return vscode.commands.executeCommand<string[] | undefined>(CMD.triageEditor);
  return undefined;
}

export async function triageActiveEditor(store: IssueStore): Promise<string[] | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('Culprit: open or paste a stack trace in an editor first.');
    return undefined;
  }
  const sel = editor.selection;
  const text = sel.isEmpty ? editor.document.getText() : editor.document.getText(sel);
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
    const bytes = await vscode.workspace.fs.readFile(target);
    return await triageText(store, Buffer.from(bytes).toString('utf8'), target.path.split('/').pop() ?? 'file');
  } catch (e) {
    void vscode.window.showErrorMessage(`Culprit: cannot read ${target.fsPath}: ${messageOf(e)}`);
    return undefined;
  }
}
