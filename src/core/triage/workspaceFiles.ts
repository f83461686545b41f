/** File listing without git (untrusted folders) and on-disk lookup of generated files. */
import { readdirSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { confineToRoot } from '../resolve/confine';
import { normalizeFramePath } from '../resolve/framePath';

const SKIP_DIRS = new Set([
  '.git',
  'node_modules',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '__pycache__',
  '.cache',
  'target',
  '.gradle',
]);
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
 * longest first, under the root and under each of `bases` (the folder `--repo` named inside a
 * monorepo, the folders of the file the frame resolved to), that exist inside the root.
 * `mayExist` rules candidates out before any realpath or stat (see {@link folderNames}).
 */
export function generatedCandidates(
  root: string,
  framePath: string,
  bases: readonly string[] = [],
  mayExist: (rel: string) => boolean = () => true,
): string[] {
  const norm = normalizeFramePath(framePath);
  if (!norm) return [];
  const segs = norm.segments;
  const out: string[] = [];
  const folders = [...new Set(['', ...bases.filter((b) => typeof b === 'string').slice(0, 8)])];
  for (let k = Math.min(segs.length, 8); k >= 1 && out.length < 3; k--) {
    const suffix = segs.slice(segs.length - k).join('/');
    for (const base of folders) {
      if (base && k < 2) continue; // a bare file name under another folder is a guess, not build output
      const rel = base ? `${base}/${suffix}` : suffix;
      // The cheap check first: realpath and stat cost more than the mapping itself.
      if (!mayExist(rel)) continue;
      const confined = confineToRoot(root, rel);
      if (!confined || out.includes(confined)) continue;
      try {
        if (statSync(nodePath.join(root, confined)).isFile()) out.push(confined);
      } catch {
        // not there
      }
    }
  }
  return out.slice(0, 3);
}

/** The folders above a repo-relative file, deepest first (`a/b/c.ts` → `a/b`, `a`). */
export function parentFolders(file: string | null): string[] {
  if (!file) return [];
  const parts = file.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('/'));
}

/** Segments that name no entry of their folder's listing: such paths are read directly. */
const NOT_A_NAME = /(^|\/)(\.\.?)?(\/|$)/;
/** Where a folder's name may match its listing in another case, a listing cannot rule it out. */
const FOLDED_CASE = process.platform === 'darwin' || process.platform === 'win32';

/**
 * A cheap existence pre-check for repo-relative paths: true when the path is a known file (the
 * in-memory listing: no syscall), else when its name is in its folder's listing, read once per
 * folder and kept by the caller for one trace. A folder absent from its parent's listing is
 * ruled out without a read of its own, so a 30-frame trace reads the few folders that exist,
 * and none of the dozens of guessed ones that do not (each a failed readdir), instead of
 * realpath + stat of up to 72 candidate paths.
 */
export function folderNames(root: string, known: ReadonlySet<string>): (rel: string) => boolean {
  const folders = new Map<string, Set<string> | null>();
  const namesOf = (dir: string): Set<string> | null => {
    let names = folders.get(dir);
    if (names !== undefined) return names;
    const slash = dir.lastIndexOf('/');
    if (dir !== '' && !FOLDED_CASE && !NOT_A_NAME.test(dir)) {
      const parent = namesOf(slash < 0 ? '' : dir.slice(0, slash));
      if (parent === null || !parent.has(dir.slice(slash + 1))) {
        folders.set(dir, null);
        return null;
      }
    }
    try {
      names = new Set(readdirSync(nodePath.join(root, dir)));
    } catch {
      names = null; // no such folder (or not one): nothing under it exists
    }
    folders.set(dir, names);
    return names;
  };
  return (rel) => {
    if (known.has(rel)) return true;
    const slash = rel.lastIndexOf('/');
    const names = namesOf(slash < 0 ? '' : rel.slice(0, slash));
    return names !== null && names.has(rel.slice(slash + 1));
  };
}
