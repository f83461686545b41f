/** Hovers on decorated stack lines: one hover per issue frame on that line, built by hoverContent. */
import * as vscode from 'vscode';
import type { IssueStore } from '../state/issueStore';
import type { StackLineIndex } from './stackLines';
import { buildHover } from './hoverContent';
import { CONTEXT } from '../constants';

export class StackHoverProvider implements vscode.HoverProvider {
  private shown = false;

  constructor(
    private readonly store: IssueStore,
    private readonly lines: StackLineIndex,
    private readonly enabled: () => boolean,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.enabled()) return undefined;
    const hits = this.lines.at(document.uri, position.line);
    const contents = hits.flatMap((h) => {
      const entry = this.store.get(h.entryKey);
      return entry ? [buildHover(entry, h.frameIndex)] : [];
    });
    if (!contents.length) return undefined;
    if (!this.shown) {
      this.shown = true;
      void vscode.commands.executeCommand('setContext', CONTEXT.hoverShown, true);
    }
    return new vscode.Hover(contents, document.lineAt(position.line).range);
  }
}
