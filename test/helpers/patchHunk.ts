import type { PatchHunk } from '../../src/core/suspects/rangePatch';

/** A one-hunk patch side pair at line 1, as the rule tests build them. */
export function hunk(removed: string[], added: string[]): PatchHunk {
  return { oldStart: 1, oldLines: removed.length, newStart: 1, newLines: added.length, removed, added };
}
