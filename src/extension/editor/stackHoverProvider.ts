/** Hovers on decorated stack lines: one hover per issue frame on that line, built by hoverContent. */
import * as vscode from 'vscode';
import type { IssueStore } from '../state/issueStore';
import type { StackLineIndex } from './stackLines';
import { buildHover } from './hoverContent';

export class StackHoverProvider implements vscode.HoverProvider {
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
    return new vscode.Hover(contents, document.lineAt(position.line).range);
  }
}
