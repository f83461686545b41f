import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_FRAME_PATH_LENGTH } from './framePath';

/**
 * Keeps every path Culprit opens inside the workspace: production controls frame paths and
 * source-map `sources`, so `..`, absolute paths and symlinks must not lead out of the repo.
 */

const realRoots = new Map<string, string | null>();

/** The real path of a workspace root (cached: roots are few and do not move during a session). */
export function realRoot(root: string): string | null {
  let real = realRoots.get(root);
  if (real === undefined) {
    try {
      real = fs.realpathSync.native(root);
    } catch {
      real = null;
    }
    if (realRoots.size > 64) realRoots.clear();
    realRoots.set(root, real);
  }
  return real;
}

/** True when `child` is `parent` or below it (both absolute and normalized). */
export function isInside(parent: string, child: string): boolean {
  if (child === parent) return true;
  const prefix = parent.endsWith(path.sep) ? parent : parent + path.sep;
  return child.startsWith(prefix);
}

function looksAbsolute(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:/.test(p);
}

/**
 * True for a relative POSIX path already in normal form (`a/b/c.ts`: no empty, `.` or `..`
 * segments, no backslashes), which `path.resolve` and `path.relative` would return unchanged.
 * Index paths from git look like this; skipping those calls is a third of the cost of confining one.
 */
function isPlainRelative(p: string): boolean {
  if (path.sep !== '/' || p === '.' || p === '..' || p.startsWith('/') || p.endsWith('/')) return false;
  if (p.startsWith('./') || p.startsWith('../') || p.endsWith('/.') || p.endsWith('/..')) return false;
  return !p.includes('\\') && !p.includes('//') && !p.includes('/./') && !p.includes('/../');
}

/**
 * Confines a repo-relative path to `root`. Returns the normalized relative path (`/` separators,
 * the path as named, not its symlink target) when it exists and its real path is inside the real
 * root; null for absolute paths, `..` escapes, NUL bytes, over-long paths, symlinks leading out of
 * the root, and missing files. Only `realpath` touches the file system; nothing is opened.
 */
export function confineToRoot(root: string, relPath: string): string | null {
  if (typeof root !== 'string' || typeof relPath !== 'string') return null;
  if (relPath.length === 0 || relPath.length > MAX_FRAME_PATH_LENGTH || relPath.includes('\0') || root.includes('\0'))
    return null;
  if (looksAbsolute(relPath)) return null;
  const base = realRoot(root);
  if (base === null) return null;
  const plain = isPlainRelative(relPath);
  const lexical = plain
    ? base.endsWith('/')
      ? base + relPath
      : `${base}/${relPath}`
    : path.resolve(base, relPath.replace(/\\/g, '/'));
  if (lexical === base || !isInside(base, lexical)) return null;
  let real: string;
  try {
    real = fs.realpathSync.native(lexical);
  } catch {
    return null;
  }
  if (!isInside(base, real)) return null;
  return plain ? relPath : path.relative(base, lexical).split(path.sep).join('/');
}

/**
 * {@link confineToRoot} for a path git lists at a revision: also accepts one that no longer exists
 * on disk (the deployed file was renamed or deleted since) when it stays inside the root lexically
 * and its nearest existing folder is really inside the root. Such a file is read through git, never
 * from disk; a path that exists must pass {@link confineToRoot} itself.
 */
export function confineRevisionPath(root: string, relPath: string): string | null {
  const direct = confineToRoot(root, relPath);
  if (direct !== null) return direct;
  if (
    typeof root !== 'string' ||
    typeof relPath !== 'string' ||
    relPath.length === 0 ||
    relPath.length > MAX_FRAME_PATH_LENGTH
  )
    return null;
  if (relPath.includes('\0') || looksAbsolute(relPath)) return null;
  const base = realRoot(root);
  if (base === null) return null;
  const lexical = path.resolve(base, relPath.replace(/\\/g, '/'));
  if (lexical === base || !isInside(base, lexical)) return null;
  try {
    fs.lstatSync(lexical);
    return null; // it exists (a dangling or escaping symlink): confineToRoot said no
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return null;
  }
  for (let dir = path.dirname(lexical); isInside(base, dir); dir = path.dirname(dir)) {
    try {
      return isInside(base, fs.realpathSync.native(dir))
        ? path.relative(base, lexical).split(path.sep).join('/')
        : null;
    } catch {
      // this folder is gone too: look further up
    }
  }
  return null;
}
