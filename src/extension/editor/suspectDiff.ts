/**
 * "Open Suspect Diff": VS Code's diff editor between a suspect's parent and the suspect, for the
 * stack file it touched, at the frame's line. Both sides come from a read-only content provider
 * over `git cat-file` in a workspace repository Culprit already opened (never an arbitrary root).
 */
import * as vscode from 'vscode';
import { CONTEXT, GIT_SCHEME } from '../constants';
import type { IssueStore } from '../state/issueStore';
import type { Workspaces } from '../state/workspaces';
import { shortSha } from '../../core/present';
import { messageOf } from '../../core/errors';

interface GitRef {
  root: string;
  ref: string;
}

const SHA = /^[0-9a-f]{7,64}$/i;

function gitUri(root: string, ref: string, relPath: string): vscode.Uri {
  return vscode.Uri.from({
    scheme: GIT_SCHEME,
    path: `/${relPath}`,
    query: JSON.stringify({ root, ref } satisfies GitRef),
  });
}

export class GitContentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly workspaces: Workspaces) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    let ref: GitRef;
    try {
      ref = JSON.parse(uri.query) as GitRef;
    } catch {
      return '';
    }
    // Only a SHA, optionally with `^`: never an option or a revision expression from elsewhere.
    if (typeof ref?.root !== 'string' || typeof ref.ref !== 'string' || !SHA.test(ref.ref.replace(/\^$/, '')))
      return '';
    const ws = await this.workspaces.byRoot(ref.root);
    if (!ws?.git) return '';
    return (await ws.textAt(ref.ref, uri.path.replace(/^\//, ''))) ?? '';
  }
}

export async function openSuspectDiff(
  store: IssueStore,
  workspaces: Workspaces,
  key: string,
  sha: string,
  viewColumn?: vscode.ViewColumn,
  at?: { file: string | null; line: number | null },
): Promise<void> {
  const entry = store.get(key);
  const triage = entry?.triage;
  if (!entry || !triage || typeof sha !== 'string' || !SHA.test(sha)) {
    void vscode.window.showWarningMessage('Culprit: that suspect is no longer listed; refresh the view.');
    return;
  }
  const ws = await workspaces.byRoot(triage.root);
  if (!ws?.git) {
    void vscode.window.showWarningMessage('Culprit: suspect diffs need git, which is not run in Restricted Mode.');
    return;
  }
  let touched: string[];
  try {
    const out = await ws.git.repo.run(['show', '--no-renames', '--name-only', '--format=', sha]);
    touched = out.split('\n').filter((l) => l.trim() !== '');
  } catch (e) {
    void vscode.window.showErrorMessage(`Culprit: cannot read commit ${shortSha(sha)}: ${messageOf(e)}`);
    return;
  }
  const frames = triage.issue.frames;
  const frame =
    frames.find((f) => f.inApp && f.file && touched.includes(f.file)) ??
    frames.find((f) => f.file && touched.includes(f.file));
  // A file the panel named (one the commit changed, never another path), else the stack's.
  const named = at?.file && touched.includes(at.file) ? at.file : null;
  const file = named ?? frame?.file ?? touched[0];
  if (!file) {
    void vscode.window.showInformationMessage(`Culprit: commit ${shortSha(sha)} changes no files.`);
    return;
  }
  const suspect = triage.issue.suspects.find((s) => s.sha === sha);
  const subject = suspect ? ` ${suspect.summary.slice(0, 60)}` : '';
  const title = `${file.split('/').pop()} (${shortSha(sha)}^ ↔ ${shortSha(sha)})${subject}`;
  const line = Math.max(0, ((named ? at?.line : frame?.line) ?? 1) - 1);
  await vscode.commands.executeCommand(
    'vscode.diff',
    gitUri(triage.root, `${sha}^`, file),
    gitUri(triage.root, sha, file),
    title,
    {
      preview: true,
      viewColumn,
      selection: new vscode.Range(line, 0, line, 0),
    },
  );
  void vscode.commands.executeCommand('setContext', CONTEXT.suspectChecked, true);
}

/** The file of a frame as it was deployed (TO), read-only, at the deployed line. */
export async function openDeployedFile(
  store: IssueStore,
  workspaces: Workspaces,
  key: string,
  frameIndex: number,
): Promise<void> {
  const triage = store.get(key)?.triage;
  const frame = triage?.issue.frames[frameIndex];
  const to = triage?.issue.deploy.to;
  if (!triage || !frame?.file || !to || !SHA.test(to)) {
    void vscode.window.showInformationMessage('Culprit: this frame has no deployed revision to show.');
    return;
  }
  const ws = await workspaces.byRoot(triage.root);
  if (!ws?.git) {
    void vscode.window.showWarningMessage('Culprit: the deployed file needs git, which is not run in Restricted Mode.');
    return;
  }
  const doc = await vscode.workspace.openTextDocument(gitUri(triage.root, to, frame.file));
  const line = Math.max(0, (frame.line ?? 1) - 1);
  await vscode.window.showTextDocument(doc, { preview: true, selection: new vscode.Range(line, 0, line, 0) });
}
