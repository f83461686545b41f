import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { confineToRoot } from '../resolve/confine';
import { readSourceMappingUrl } from './sourceMappingUrl';

/**
 * Where a generated file's source map is: the file its `sourceMappingURL` names (relative or `file:`), an inline
 * `data:` URL, else `<file>.map` beside it. Only files confined to the workspace root count; remote URLs are never
 * followed.
 */

export type MapLocation = { kind: 'file'; rel: string } | { kind: 'inline'; url: string } | { kind: 'none' };

/** A regular file at `rel` inside `base`, with its stat; null outside the root or when missing. */
export function confinedFile(base: string, rel: string): { rel: string; stat: fs.Stats } | null {
  const safe = confineToRoot(base, rel);
  if (safe === null) return null;
  try {
    const stat = fs.statSync(path.join(base, safe));
    return stat.isFile() ? { rel: safe, stat } : null;
  } catch {
    return null;
  }
}

/** The workspace-relative path a non-data `sourceMappingURL` points to; null for another scheme. */
function mapUrlToRel(base: string, genRel: string, url: string): string | null {
  if (url.startsWith('file:')) {
    try {
      return path.relative(base, fileURLToPath(url)).split(path.sep).join('/');
    } catch {
      return null;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return null;
  let decoded = url.replace(/[?#].*$/, '');
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // keep the raw text
  }
  return path.posix.join(path.posix.dirname(genRel), decoded);
}

/** Finds the map of the generated file `genRel` (of size `size`) inside `base`. */
export function locateSourceMap(base: string, genRel: string, size: number): MapLocation {
  const url = readSourceMappingUrl(path.join(base, genRel), size);
  if (url !== null && url.startsWith('data:')) return { kind: 'inline', url };
  if (url !== null) {
    const rel = mapUrlToRel(base, genRel, url);
    const found = rel === null ? null : confinedFile(base, rel);
    if (found) return { kind: 'file', rel: found.rel };
  }
  // Most generated files have no map beside them: a stat that reports a missing file without
  // throwing rules that out before the realpath (and its thrown error) of confining it.
  if (!mayExist(path.join(base, `${genRel}.map`))) return { kind: 'none' };
  return confinedFile(base, `${genRel}.map`) ? { kind: 'file', rel: `${genRel}.map` } : { kind: 'none' };
}

/** False only when nothing is at `abs` (no entry, or a dangling link): then no confined file is either. */
function mayExist(abs: string): boolean {
  try {
    return fs.statSync(abs, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return true; // another error: let confinedFile decide, as before
  }
}
