/**
 * Paints the selected issue's stack lines: a gutter icon, a subtle background and, Error Lens
 * style, the message itself after the crashing line (`TypeError: Cannot read… · ×12 since 1.5.0 ·
 * 2b16db1`) and `frame 2 of TypeError: …` after its callers. Two decoration types, created once;
 * updates touch only visible editors and are throttled while typing.
 */
import * as vscode from 'vscode';
import type { IssueStore } from '../state/issueStore';
import type { StackLineIndex } from './stackLines';
import { inlineText } from '../../core/present';
import type { CulpritConfig } from '../settings';

export type InlineOptions = CulpritConfig['inlineText'];

const THROTTLE_MS = 80;
/** The after-text ends by this column (line plus margin plus text), inside a common editor width. */
const END_COLUMN = 110;
/** The 2.5em margin before the after-text, in columns (an em is about 1.7 monospace columns). */
const MARGIN_COLUMNS = 4;
/** Even after a long line the text keeps this much: the error's type and the start of its message. */
const MIN_TEXT = 24;

/** Columns `text` takes on screen (tabs to the next stop). */
function visualWidth(text: string, tabSize: number): number {
  let col = 0;
  for (const ch of text) col = ch === '\t' ? col + tabSize - (col % tabSize) : col + 1;
  return col;
}

/** Characters of after-text after a line `lineWidth` columns wide: it ends by END_COLUMN, never past the setting. */
function afterTextRoom(lineWidth: number, maxLength: number): number {
  return Math.min(maxLength, Math.max(MIN_TEXT, END_COLUMN - lineWidth - MARGIN_COLUMNS));
}

export class StackDecorations implements vscode.Disposable {
  private readonly crash: vscode.TextEditorDecorationType;
  private readonly stack: vscode.TextEditorDecorationType;
  private enabled: boolean;
  private inline: InlineOptions;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** What the last paint put after each decorated line, by document (tests read it: `::after` is CSS). */
  private readonly painted = new Map<string, Array<{ line: number; text: string; crashing: boolean }>>();

  constructor(
    extensionUri: vscode.Uri,
    private readonly store: IssueStore,
    private readonly lines: StackLineIndex,
    enabled: boolean,
    inline: InlineOptions,
  ) {
    this.enabled = enabled;
    this.inline = inline;
    const after = {
      color: new vscode.ThemeColor('culprit.stackLineForeground'),
      margin: '0 0 0 2.5em',
      fontStyle: 'italic',
    };
    const crashAfter = { ...after, color: new vscode.ThemeColor('culprit.inlineErrorForeground'), fontStyle: 'normal' };
    this.crash = vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      backgroundColor: new vscode.ThemeColor('culprit.crashLineBackground'),
      gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', 'crash-gutter.svg'),
      gutterIconSize: '80%',
      overviewRulerColor: new vscode.ThemeColor('culprit.crashLineBackground'),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
      after: crashAfter,
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

  setEnabled(enabled: boolean, inline: InlineOptions = this.inline): void {
    this.enabled = enabled;
    this.inline = inline;
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
      const tabSize = typeof editor.options.tabSize === 'number' ? editor.options.tabSize : 4;
      const lines = this.enabled && entry ? this.lines.linesOf(editor.document.uri) : [];
      const crash: vscode.DecorationOptions[] = [];
      const stack: vscode.DecorationOptions[] = [];
      for (const l of lines) {
        if (l.line >= editor.document.lineCount || !entry) continue;
        const range = new vscode.Range(l.line, 0, l.line, 0);
        const show = this.inline.show === 'all' || (this.inline.show === 'crashLine' && l.crashing);
        const text = show
          ? inlineText(
              entry.sample,
              entry.triage?.issue ?? null,
              { crashing: l.crashing, frameNumber: l.frameIndex + 1 },
              {
                maxLength: afterTextRoom(
                  visualWidth(editor.document.lineAt(l.line).text.trimEnd(), tabSize),
                  this.inline.maxLength,
                ),
              },
            )
          : '';
        (l.crashing ? crash : stack).push({ range, renderOptions: { after: { contentText: text } } });
      }
      editor.setDecorations(this.crash, crash);
      editor.setDecorations(this.stack, stack);
      this.painted.set(editor.document.uri.toString(), [
        ...crash.map((d) => ({ line: d.range.start.line, text: afterOf(d), crashing: true })),
        ...stack.map((d) => ({ line: d.range.start.line, text: afterOf(d), crashing: false })),
      ]);
    }
  }

  /** The after-texts last painted in a document. */
  paintedIn(uri: vscode.Uri): Array<{ line: number; text: string; crashing: boolean }> {
    return this.painted.get(uri.toString()) ?? [];
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.crash.dispose();
    this.stack.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function afterOf(d: vscode.DecorationOptions): string {
  return d.renderOptions?.after?.contentText ?? '';
}
