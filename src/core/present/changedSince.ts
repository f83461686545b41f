/** How the front ends word a frame's `changedSince`: one sentence for the CLI table, hovers and panel. */
import type { ChangedSince } from '../model/triage.types';
import { shortSha } from './issueSummary';

/** "changed after deploy by a1b2c3d Guard the field: a fix may already be in"; null when unchanged. */
export function changedSinceText(c: ChangedSince | null | undefined): string | null {
  if (!c) return null;
  if ('uncommitted' in c) return 'changed after deploy by uncommitted edits here: a fix may already be in';
  return `changed after deploy by ${shortSha(c.sha)} ${c.summary}: a fix may already be in`;
}
