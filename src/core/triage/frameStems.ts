/**
 * The file-name stems a trace's frames can resolve to, so a triage lists only the workspace files
 * that share one (the frame resolver matches segments upward from the file name, so no other file
 * can be its answer) instead of indexing the whole tree on every run.
 */
import { stemOf } from '../resolve/codeExtensions';
import { installedPackagePath, normalizeFramePath, splitUserPath } from '../resolve/framePath';
import { isBareJvmFile, jvmSuffix, pythonSuffixes } from '../resolve/moduleFrames';
import type { PathMapping } from '../resolve/resolve.types';
import type { RawFrame } from '../model/event.types';

const lastOf = (segments: readonly string[] | null): string | null =>
  segments && segments.length > 0 ? (segments[segments.length - 1] as string) : null;

/** Lower-case stems (code extension dropped, as the stem index keys files) of every name a frame may match. */
export function frameStems(frames: readonly RawFrame[], mappings: readonly PathMapping[] = []): Set<string> {
  const names: Array<string | null> = [];
  for (const frame of frames) {
    const path = typeof frame?.path === 'string' ? frame.path : null;
    const module = typeof frame?.module === 'string' ? frame.module : null;
    if (path !== null) {
      if (isBareJvmFile(path)) names.push(lastOf(jvmSuffix(module, path.trim())) ?? path.trim());
      names.push(lastOf(normalizeFramePath(path)?.segments ?? null), lastOf(installedPackagePath(path)));
    }
    for (const suffix of pythonSuffixes(module)) names.push(lastOf(suffix));
  }
  // A mapping onto a single file resolves to that file's name.
  for (const m of mappings) names.push(typeof m?.local === 'string' ? lastOf(splitUserPath(m.local)) : null);
  const stems = new Set<string>();
  for (const name of names) if (name) stems.add(stemOf(name.toLowerCase()).stem);
  return stems;
}

/**
 * The paths of a NUL-separated listing (`git ls-files -z`) whose file name has one of `stems`.
 * Scans the text once without splitting it: at 250k files only the matching paths are allocated.
 */
export function pathsWithStems(listing: string, stems: ReadonlySet<string>): string[] {
  const out: string[] = [];
  if (stems.size === 0) return out;
  let longest = 0;
  for (const s of stems) longest = Math.max(longest, s.length);
  for (let start = 0; start < listing.length;) {
    let end = listing.indexOf('\0', start);
    if (end < 0) end = listing.length;
    const slash = listing.lastIndexOf('/', end - 1);
    const nameStart = slash >= start ? slash + 1 : start;
    // A name longer than every stem plus an extension cannot match: skip it without slicing.
    if (end > nameStart && end - nameStart <= longest + 8) {
      const { stem } = stemOf(listing.slice(nameStart, end).toLowerCase());
      if (stems.has(stem)) out.push(listing.slice(start, end));
    }
    start = end + 1;
  }
  return out;
}
