/** How the front ends word a frame's `placedBy`: one sentence for the CLI table, tree, hovers and panel. */
import type { TriagedFrame } from '../model/triage.types';
import { shortSha } from './issueSummary';

type Placed = Pick<TriagedFrame, 'file' | 'line' | 'placedBy' | 'placedAt' | 'unplaced' | 'function'>;

/**
 * "placed by its line text at a1b2c3d, …"; null for a frame with no file, or one from a report
 * written before frames carried it. `placedBy: null` reads "line not placed: <why>".
 */
export function placementText(f: Placed): string | null {
  if (!f.file || f.placedBy === undefined) return null;
  switch (f.placedBy) {
    case null:
      return `line not placed: ${f.unplaced ?? 'nothing in git holds it'}`;
    case 'line-number':
      return 'placed at the line number production reported';
    case 'source-map':
      return 'placed through the source map shipped with the bundle';
    case 'context-line':
      return f.placedAt
        ? `placed by its line text at ${shortSha(f.placedAt)} (the deployed file is not in git, no map; ` +
            'the tree no longer holds the line: found with git log -S)'
        : 'placed by its line text (the deployed file is not in git, no map)';
    case 'function-text':
      return (
        `placed by its line text inside ${f.function ?? 'its function'}: ` +
        `line ${f.line ?? '?'} of the deployed file holds other code`
      );
    case 'history':
      return (
        `placed by its line text at ${f.placedAt ? shortSha(f.placedAt) : 'an older commit'}: ` +
        'the deployed file no longer holds it (found with git log -S)'
      );
    case 'moved-function':
      return 'placed at the reported line, then followed to where its function moved after the deploy';
    default:
      return null;
  }
}
