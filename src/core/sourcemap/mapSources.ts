import * as fs from 'node:fs';
import * as path from 'node:path';
import { confineToRoot, isInside } from '../resolve/confine';
import { normalizeFramePath } from '../resolve/framePath';

/**
 * Maps a source-map `sources` entry (already resolved against `sourceRoot` and the map's location) back to a
 * workspace file: that resolved file when it exists inside the root, else by path suffix. Production maps name
 * build-machine paths and `webpack://` URLs, so the path is normalized like a frame, then tried from the map's folder
 * up to the root, longest path suffix first. Only confined, existing files are returned.
 */

const MAX_SEGMENTS = 16;

function isFile(root: string, rel: string): boolean {
  try {
    return fs.statSync(path.join(root, rel)).isFile();
  } catch {
    return false;
  }
}

/**
 * @param realRoot the real path of the workspace root
 * @param mapRelPath the map's (or, for inline maps, the generated file's) repo-relative path
 */
export function sourceToRepoFile(realRoot: string, mapRelPath: string, source: string): string | null {
  if (typeof source !== 'string') return null;
  let search = source;
  if (path.isAbsolute(source) && isInside(realRoot, path.resolve(source))) {
    // The spec's resolution (sourceRoot, then the map's URL; trace-mapping did it) wins when the file is there.
    const lexical = path.relative(realRoot, path.resolve(source)).split(path.sep).join('/');
    const rel = confineToRoot(realRoot, lexical);
    if (rel !== null && isFile(realRoot, rel)) return rel;
    // Else a bundler wrote the path relative to its working directory, not to the map
    // (`sources: ["src/orig.js"]` in dist/app.js.map): look the workspace path up by suffix.
    search = lexical;
  }
  const normalized = normalizeFramePath(search);
  if (normalized === null) return null;
  const segments = normalized.segments.slice(-MAX_SEGMENTS);
  const ancestors: string[] = [];
  for (let dir = path.posix.dirname(mapRelPath); ; dir = path.posix.dirname(dir)) {
    ancestors.push(dir === '.' ? '' : dir);
    if (dir === '.' || dir === '/' || ancestors.length > MAX_SEGMENTS) break;
  }
  for (let take = segments.length; take >= 1; take--) {
    const suffix = segments.slice(segments.length - take).join('/');
    for (const dir of ancestors) {
      const rel = confineToRoot(realRoot, dir === '' ? suffix : `${dir}/${suffix}`);
      if (rel !== null && isFile(realRoot, rel)) return rel;
    }
  }
  return null;
}
