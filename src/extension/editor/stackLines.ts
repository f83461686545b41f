/**
 * Which lines of which documents carry a frame of a listed issue, kept current as the user
 * edits. Decorations and hovers read the selected issue's lines, CodeLens reads every issue's:
 * one index, no extra git.
 */
import * as vscode from 'vscode';
import type { IssueEntry, IssueStore } from '../state/issueStore';
import { workspaceFileUri } from './frameLocation';
import { newlineCount, shiftLine } from './lineShift';

export interface StackLine {
  /** 0-based, in the document as it is now. */
  line: number;
  entryKey: string;
  frameIndex: number;
  /** The first in-app frame: where it crashed. */
  crashing: boolean;
}

export class StackLineIndex implements vscode.Disposable {
  private byDoc = new Map<string, StackLine[]>();
  /** Every triaged issue's in-app frame lines (the selected one's included). */
  private everyIssue = new Map<string, StackLine[]>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: IssueStore) {
    store.onDidChangeSelection(() => this.rebuild(), this, this.disposables);
    store.onDidChange(() => this.rebuild(), this, this.disposables);
    vscode.workspace.onDidChangeTextDocument((e) => this.follow(e), this, this.disposables);
  }

  linesOf(uri: vscode.Uri): StackLine[] {
    return this.byDoc.get(uri.toString()) ?? [];
  }

  /** Lines of every listed issue in this document (CodeLens). */
  allLinesOf(uri: vscode.Uri): StackLine[] {
    return this.everyIssue.get(uri.toString()) ?? [];
  }

  at(uri: vscode.Uri, line: number): StackLine[] {
    return this.linesOf(uri).filter((l) => l.line === line);
  }

  rebuild(): void {
    const entry = this.store.selected;
    this.byDoc = entry ? indexOf(entry) : new Map();
    const all = new Map<string, StackLine[]>();
    for (const e of this.store.entries()) {
      for (const [doc, lines] of e.key === entry?.key ? this.byDoc : indexOf(e))
        all.set(doc, [...(all.get(doc) ?? []), ...lines]);
    }
    this.everyIssue = all;
    this.changed.fire();
  }

  private follow(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    if (e.contentChanges.length === 0) return;
    const selected = this.byDoc.get(key);
    const every = this.everyIssue.get(key);
    if (selected) this.byDoc.set(key, shifted(selected, e.contentChanges));
    if (every) this.everyIssue.set(key, shifted(every, e.contentChanges));
    if (selected || every) this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function shifted(lines: StackLine[], contentChanges: readonly vscode.TextDocumentContentChangeEvent[]): StackLine[] {
  let current = lines;
  // contentChanges are in document order from the end backwards is not guaranteed: apply in
  // descending start order so earlier edits do not move later ranges.
  const changes = [...contentChanges].sort((a, b) => b.range.start.line - a.range.start.line);
  for (const c of changes) {
    const edit = { startLine: c.range.start.line, endLine: c.range.end.line, insertedNewlines: newlineCount(c.text) };
    current = current.flatMap((l) => {
      const moved = shiftLine(l.line, edit);
      return moved === null ? [] : [{ ...l, line: moved }];
    });
  }
  return current;
}

/** Per triage result (a new triage is a new object): rebuilds on every store change stay cheap. */
const indexCache = new WeakMap<object, Map<string, StackLine[]>>();

function indexOf(entry: IssueEntry): Map<string, StackLine[]> {
  if (!entry.triage) return new Map();
  const cached = indexCache.get(entry.triage);
  if (cached) return new Map([...cached].map(([k, v]) => [k, v.map((l) => ({ ...l }))]));
  const out = new Map<string, StackLine[]>();
  const frames = entry.triage?.issue.frames ?? [];
  const crashing = frames.findIndex((f) => f.inApp && f.file !== null);
  frames.forEach((f, i) => {
    const line = f.localLine ?? (entry.triage?.gitRan ? null : f.line);
    if (!f.inApp || line === null) return;
    const uri = workspaceFileUri(entry, f.file);
    if (!uri) return;
    const list = out.get(uri.toString()) ?? [];
    if (!list.some((l) => l.line === line - 1))
      list.push({ line: line - 1, entryKey: entry.key, frameIndex: i, crashing: i === crashing });
    out.set(uri.toString(), list);
  });
  indexCache.set(entry.triage, out);
  return new Map([...out].map(([k, v]) => [k, v.map((l) => ({ ...l }))]));
}
