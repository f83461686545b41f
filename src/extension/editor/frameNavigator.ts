/** "Open Frame": the file at today's line and the production column, centred; candidates when unresolved. */
import * as vscode from 'vscode';
import { CMD, CONTEXT } from '../constants';
import type { IssueStore } from '../state/issueStore';
import { framePosition, workspaceFileUri } from './frameLocation';
import type { TriagedFrame } from '../../core/model';

export class FrameNavigator {
  /** The frame last opened, for Next/Previous Frame. */
  private current: { key: string; index: number } | undefined;

  constructor(private readonly store: IssueStore) {}

  /** Opens the next (+1) or previous (-1) in-app frame of the selected issue, wrapping around. */
  async step(delta: 1 | -1): Promise<vscode.TextEditor | undefined> {
    const entry = this.store.selected;
    const frames = entry?.triage?.issue.frames ?? [];
    const inApp = frames.map((f, i) => (f.inApp && f.file ? i : -1)).filter((i) => i >= 0);
    if (!entry || !inApp.length) {
      void vscode.window.setStatusBarMessage('Culprit: no frames to go to; select an issue first', 3000);
      return undefined;
    }
    const at = this.current?.key === entry.key ? inApp.indexOf(this.current.index) : -1;
    const next = at < 0 ? (delta > 0 ? 0 : inApp.length - 1) : (at + delta + inApp.length) % inApp.length;
    return this.open(entry.key, inApp[next]);
  }

  /**
   * `column`: where to open (the panel passes the first group so it stays visible beside the code).
   * `asked`: false when a new triage opens its crashing frame by itself, which is not the user opening one.
   */
  async open(
    key: string,
    index: number,
    column?: vscode.ViewColumn,
    asked = true,
  ): Promise<vscode.TextEditor | undefined> {
    const editor = await this.openFrame(key, index, column);
    // A context key, not the command: a tree row's command reaches the workbench under another id.
    if (editor && asked) void vscode.commands.executeCommand('setContext', CONTEXT.frameOpened, true);
    return editor;
  }

  private async openFrame(key: string, index: number, column?: vscode.ViewColumn) {
    const entry = this.store.get(key);
    const frame = entry?.triage?.issue.frames[index];
    if (!entry || !frame) {
      void vscode.window.showWarningMessage('Culprit: that frame is no longer listed; refresh the view.');
      return undefined;
    }
    this.store.select(key);
    this.current = { key, index };
    if (!frame.file) return this.openUnresolved(key, frame);
    const uri = workspaceFileUri(entry, frame.file);
    if (!uri) {
      void vscode.window.showWarningMessage(
        `Culprit: ${frame.file} is not inside this workspace, so it is not opened.`,
      );
      return undefined;
    }
    if (frame.placedBy === null) {
      // Nothing placed the line: open the file at its top rather than at a number that holds other code.
      void vscode.window.showInformationMessage(
        `Culprit: ${frame.file}: line ${frame.line ?? '?'} not placed: ${frame.unplaced ?? 'nothing in git holds it'}.`,
      );
      return this.show(uri, null, null, column);
    }
    if (frame.localLine === null && frame.line !== null && entry.triage?.gitRan) {
      void vscode.window.showInformationMessage(
        `Culprit: line ${frame.line} of the deployed ${frame.file} no longer exists in your working tree; showing ` +
          `where it was.`,
      );
    }
    return this.show(uri, frame.localLine ?? frame.line, frame.column, column);
  }

  async show(
    uri: vscode.Uri,
    line: number | null,
    column: number | null,
    viewColumn?: vscode.ViewColumn,
  ): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument(uri);
    const pos = doc.validatePosition(framePosition(line, column));
    const editor = await vscode.window.showTextDocument(doc, {
      selection: new vscode.Range(pos, pos),
      preview: true,
      viewColumn,
    });
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
    return editor;
  }

  private async openUnresolved(key: string, frame: TriagedFrame): Promise<vscode.TextEditor | undefined> {
    const entry = this.store.get(key);
    type Pick = vscode.QuickPickItem & { path?: string; mapping?: true };
    const items: Pick[] = (frame.candidates ?? []).map((c) => ({ label: c, description: 'workspace file', path: c }));
    items.push({
      label: '$(add) Add path mapping…',
      description: 'map the production path prefix onto a workspace folder',
      mapping: true,
    });
    const choice = await vscode.window.showQuickPick(items, {
      title: `Culprit: ${frame.raw.slice(0, 120)}`,
      placeHolder:
        items.length > 1 ? 'Which workspace file is this frame?' : 'This frame did not match a workspace file',
    });
    if (!choice) return undefined;
    if (choice.mapping) {
      await vscode.commands.executeCommand(CMD.addPathMapping, key, entry?.triage?.issue.frames.indexOf(frame));
      return undefined;
    }
    const uri = entry && choice.path ? workspaceFileUri(entry, choice.path) : null;
    if (!uri) return undefined;
    return this.show(uri, frame.line, frame.column);
  }
}
