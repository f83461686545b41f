/**
 * The baseline Culprit is measured against, as Sentry and Datadog suspect commits work: blame the
 * frame lines at HEAD and take the newest commit blame names on any of them. Kept for the
 * accuracy benchmark; the product never ranks this way.
 */
import { mapLimit } from '../util/mapLimit';
import type { BlameFrame, SuspectGitPort } from './suspectPort.types';

export interface BaselineSuspect {
  sha: string;
  /** Epoch seconds of the author date. */
  authorTime: number;
}

/** Commits blame puts on the frames' own lines at `head`, newest first. */
export async function newestBlameBaseline(
  port: SuspectGitPort,
  head: string,
  frames: BlameFrame[],
): Promise<BaselineSuspect[]> {
  const paths = [...new Set(frames.map((f) => f.path))];
  // bound: git processes at once; the results do not depend on it
  const blamed = await mapLimit(paths, 2, (p) =>
    port
      .blameAt(
        head,
        p,
        frames.filter((f) => f.path === p).map((f) => [f.line, f.line] as [number, number]),
      )
      .catch(() => []),
  );
  const newest = new Map<string, number>();
  for (const line of blamed.flat()) newest.set(line.sha, line.authorTime);
  return [...newest]
    .map(([sha, authorTime]) => ({ sha, authorTime }))
    .sort((a, b) => b.authorTime - a.authorTime || (a.sha < b.sha ? -1 : 1));
}
