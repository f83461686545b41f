/**
 * Datadog Code Insights style CodeLens: on the header of each function that has frames of a
 * listed issue, `2 production errors · 14 events · suspect 2b16db1`; clicking opens the issue.
 * Computed from the StackLineIndex the decorations use (no git), the header found by the frame's
 * function name above its line.
 */
import * as vscode from 'vscode';
import { CMD } from '../constants';
import type { IssueStore } from '../state/issueStore';
import type { StackLine, StackLineIndex } from './stackLines';
import { shortSha } from '../../core/present';
import { functionBaseName } from '../../core/stack';
import { escapeRegExp } from '../../core/util';

/** How far above a frame's line its function's header may be. */
const HEADER_SEARCH_LINES = 200;

/**
 * The line of the function's header: the nearest line at or above `line` that declares `name`
 * (`function name`, `name(…) {`, `name = (…) =>`, `def name`, `func name`, `fn name`), else `line`.
 */
function headerLine(lines: (n: number) => string, line: number, name: string | null): number {
  if (!name) return line;
  const n = escapeRegExp(name);
  const decl = new RegExp(
    `(?:\\b(?:function\\*?|def|func|fn|sub|fun)\\s+(?:\\([^)]*\\)\\s*)?${n}\\b)|` +
      `(?:^\\s*(?:(?:public|private|protected|static|async|override|export|final|const|let|var|readonly)\\s+)*` +
      `(?:[\\w<>\\[\\],.?]+\\s+)?${n}\\s*(?:=\\s*(?:async\\s*)?(?:function\\b|\\(|[A-Za-z_$][\\w$]*\\s*=>)|` +
      `:\\s*(?:async\\s*)?(?:function\\b|\\()|\\([^;]*$))`,
  );
  for (let l = line; l >= 0 && l >= line - HEADER_SEARCH_LINES; l--) if (decl.test(lines(l))) return l;
  return line;
}

export class StackCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: IssueStore,
    private readonly index: StackLineIndex,
    private readonly enabled: () => boolean,
  ) {
    index.onDidChange(() => this.changed.fire(), this, this.disposables);
  }

  /** Settings changed: ask VS Code for the lenses again. */
  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.enabled()) return [];
    const byHeader = new Map<number, StackLine[]>();
    for (const l of this.index.allLinesOf(document.uri)) {
      if (l.line >= document.lineCount) continue;
      const frame = this.store.get(l.entryKey)?.triage?.issue.frames[l.frameIndex];
      const header = headerLine((n) => document.lineAt(n).text, l.line, functionBaseName(frame?.function ?? null));
      byHeader.set(header, [...(byHeader.get(header) ?? []), l]);
    }
    const lenses: vscode.CodeLens[] = [];
    for (const [header, lines] of byHeader) {
      const keys = [...new Set(lines.map((l) => l.entryKey))];
      const entries = keys.map((k) => this.store.get(k)).filter((e) => e !== undefined);
      if (!entries.length) continue;
      entries.sort((a, b) => (b.sample.group.count ?? 0) - (a.sample.group.count ?? 0));
      const events = entries.reduce((n, e) => n + (e.sample.group.count ?? 0), 0);
      const top = entries[0].triage?.issue.suspects[0];
      const title = [
        `$(error) ${entries.length} production error${entries.length === 1 ? '' : 's'}`,
        events ? `${events} event${events === 1 ? '' : 's'}` : null,
        top ? `suspect ${shortSha(top.sha)}` : null,
      ]
        .filter(Boolean)
        .join(' · ');
      const range = new vscode.Range(header, 0, header, 0);
      lenses.push(
        new vscode.CodeLens(range, {
          title,
          tooltip: entries.map((e) => e.sample.group.title.slice(0, 120)).join('\n'),
          command: CMD.selectIssue,
          arguments: [entries[0].key],
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
