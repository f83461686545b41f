/**
 * Paints the selected issue's stack lines: a gutter icon, a subtle background and the after-text
 * `TypeError ×12 · since 2.3.0 · suspect 9f1c2ab Ada Lovelace`. Two decoration types, created
 * once; updates touch only visible editors and are throttled while typing.
 */
import * as vscode from 'vscode';
import type { IssueStore } from '../state/issueStore';
import type { StackLineIndex } from './stackLines';
import { afterText } from '../../core/present/issueSummary';

const THROTTLE_MS = 80;

export class StackDecorations implements vscode.Disposable {
  private readonly crash: vscode.TextEditorDecorationType;
  private readonly stack: vscode.TextEditorDecorationType;
  private enabled: boolean;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    extensionUri: vscode.Uri,
    private readonly store: IssueStore,
    private readonly lines: StackLineIndex,
    enabled: boolean,
  ) {
    this.enabled = enabled;
    const after = {
      color: new vscode.ThemeColor('culprit.stackLineForeground'),
      margin: '0 0 0 2.5em',
      fontStyle: 'italic',
    };
    this.crash = vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      backgroundColor: new vscode.ThemeColor('culprit.crashLineBackground'),
      gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', 'crash-gutter.svg'),
      gutterIconSize: '80%',
      overviewRulerColor: new vscode.ThemeColor('culprit.crashLineBackground'),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
      after,
    });
    this.stack = vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      backgroundColor: new vscode.ThemeColor('culprit.stackLineBackground'),
      gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', 'stack-gutter.svg'),
      gutterIconSize: '70%',
      after,
    });
    lines.onDidChange(() => this.schedule(), this, this.disposables);
    vscode.window.onDidChangeVisibleTextEditors(() => this.schedule(), this, this.disposables);
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.paint();
    }, THROTTLE_MS);
  }

  /** Applies now (tests and commands call this; events go through the throttle). */
  paint(): void {
    const entry = this.store.selected;
    for (const editor of vscode.window.visibleTextEditors) {
      const lines = this.enabled && entry ? this.lines.linesOf(editor.document.uri) : [];
      const crash: vscode.DecorationOptions[] = [];
      const stack: vscode.DecorationOptions[] = [];
      for (const l of lines) {
        if (l.line >= editor.document.lineCount || !entry) continue;
        const range = new vscode.Range(l.line, 0, l.line, 0);
        const text = l.crashing
          ? afterText(entry.sample, entry.triage?.issue ?? null)
          : `${entry.sample.group.title.slice(0, 60)} · frame ${l.frameIndex + 1}`;
        (l.crashing ? crash : stack).push({ range, renderOptions: { after: { contentText: text } } });
      }
      editor.setDecorations(this.crash, crash);
      editor.setDecorations(this.stack, stack);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.crash.dispose();
    this.stack.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
