/** Where a triaged frame lives on disk, confined to the workspace folders (never a path outside them). */
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { confineToRoot } from '../../core/resolve';
import type { IssueEntry } from '../state/issueStore';

function realOrNull(p: string): string | null {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return null;
  }
}

function insideSomeFolder(abs: string): boolean {
  const real = realOrNull(abs);
  if (!real) return false;
  return (vscode.workspace.workspaceFolders ?? []).some((f) => {
    if (f.uri.scheme !== 'file') return false;
    const root = realOrNull(f.uri.fsPath);
    return root !== null && (real === root || real.startsWith(root + path.sep));
  });
}

/** The file of a repo-relative path of this issue's triage, or null when it is not inside the workspace. */
export function workspaceFileUri(entry: IssueEntry, relPath: string | null): vscode.Uri | null {
  const root = entry.triage?.root;
  if (!root || !relPath) return null;
  const confined = confineToRoot(root, relPath);
  if (confined === null) return null;
  const abs = path.join(root, confined);
  return insideSomeFolder(abs) ? vscode.Uri.file(abs) : null;
}

/** The 0-based position to show for a frame: today's line, the production column when there is one. */
export function framePosition(line: number | null, column: number | null): vscode.Position {
  return new vscode.Position(Math.max(0, (line ?? 1) - 1), Math.max(0, (column ?? 1) - 1));
}
