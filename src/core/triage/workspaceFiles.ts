/** File listing without git (untrusted folders) and on-disk lookup of generated files. */
import { readdirSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { confineToRoot } from '../resolve/confine';
import { normalizeFramePath } from '../resolve/framePath';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn', '.venv', 'venv', '__pycache__', '.cache', 'target', '.gradle']);
const MAX_FILES = 200_000;

/** Repo-relative files under `root` (no symlinks followed, bounded). */
export function listWorkspaceFiles(root: string): string[] {
  const out: string[] = [];
  const stack: string[] = [''];
  while (stack.length > 0 && out.length < MAX_FILES) {
    const rel = stack.pop() as string;
    let entries;
    try {
      entries = readdirSync(nodePath.join(root, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) stack.push(child);
      } else if (e.isFile()) out.push(child);
    }
  }
  return out;
}

/**
 * Repo-relative paths where a generated file named by a production path could sit on disk
 * (build output is usually git-ignored, so it is not in any file list): the path's suffixes,
 * longest first, that exist inside the root.
 */
export function generatedCandidates(root: string, framePath: string): string[] {
  const norm = normalizeFramePath(framePath);
  if (!norm) return [];
  const segs = norm.segments;
  const out: string[] = [];
  for (let k = Math.min(segs.length, 8); k >= 1 && out.length < 3; k--) {
    const rel = segs.slice(segs.length - k).join('/');
    const confined = confineToRoot(root, rel);
    if (!confined) continue;
    try {
      if (statSync(nodePath.join(root, confined)).isFile()) out.push(confined);
    } catch {
      // not there
    }
  }
  return out;
}
