/**
 * Where a triaged frame lives on disk, confined to the workspace folders (never a path outside them),
 * or for the bundled sample to its own clone.
 */
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

/** Whether `abs` is inside a workspace folder, or inside `ownRepo` (the bundled sample's clone). */
function insideSomeFolder(abs: string, ownRepo: string | undefined): boolean {
  const real = realOrNull(abs);
  if (!real) return false;
  const roots = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.fsPath);
  return [...roots, ...(ownRepo ? [ownRepo] : [])].some((dir) => {
    const root = realOrNull(dir);
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
  return insideSomeFolder(abs, entry.repo) ? vscode.Uri.file(abs) : null;
}

/** The 0-based position to show for a frame: today's line, the production column when there is one. */
export function framePosition(line: number | null, column: number | null): vscode.Position {
  return new vscode.Position(Math.max(0, (line ?? 1) - 1), Math.max(0, (column ?? 1) - 1));
}
