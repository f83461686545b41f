/**
 * The ranking as the rule tests drive it: a tiny real repository tagged v1 (deployed before) and
 * v2 (deployed with the bug), frames named by a line's text, and the evidence request fields each
 * test cares about; returns the ranked suspects and a one-line summary for assertion messages.
 */
import { strict as assert } from 'node:assert';
import { collectEvidence, type EvidenceRequest } from '../../src/core/suspects/collectEvidence';
import { rankSuspects } from '../../src/core/suspects/suspectRanker';
import type { BlameFrame } from '../../src/core/suspects/suspectPort.types';
import { openTriageWorkspace } from '../../src/core/triage/triageWorkspace';
import type { TempRepo } from './gitRepo';

/** 1-based line of the first line of `file` containing `text`. */
export function lineOf(repo: TempRepo, file: string, text: string): number {
  const n =
    repo
      .read(file)
      .split('\n')
      .findIndex((l) => l.includes(text)) + 1;
  assert.ok(n > 0, `${text} not in ${file}`);
  return n;
}

/** Replaces `from` with `to` in `file`, failing when `from` is not there. */
export function edit(repo: TempRepo, file: string, from: string, to: string): void {
  const before = repo.read(file);
  assert.ok(before.includes(from), `${from} not in ${file}`);
  repo.write(file, before.replace(from, to));
}

/** Frames as [file, text on the frame's line, function], crashing frame first. */
export type FrameSpec = Array<[string, string, string]>;

export type RankFields = Partial<Omit<EvidenceRequest, 'mode' | 'from' | 'to' | 'frames'>>;

/** Ranks the v1..v2 range over these frames; `fields` fills the rest of the evidence request. */
export async function rankRange(
  repo: TempRepo,
  frames: FrameSpec,
  fields: RankFields | ((frames: BlameFrame[]) => RankFields),
) {
  const ws = await openTriageWorkspace({ dir: repo.dir, trusted: true });
  const port = ws.git?.suspectPort();
  assert.ok(port);
  const blameFrames: BlameFrame[] = frames.map(([file, text, fn], depth) => ({
    depth,
    path: file,
    line: lineOf(repo, file, text),
    function: fn,
  }));
  const extra = typeof fields === 'function' ? fields(blameFrames) : fields;
  const req = {
    tokens: [],
    keyTokens: [],
    ...extra,
    mode: 'range',
    from: repo.sha('v1'),
    to: repo.sha('v2'),
    frames: blameFrames,
  } as EvidenceRequest;
  const found = await collectEvidence(port, req);
  const suspects = rankSuspects(found.evidence, found.commits, { mode: 'range', rangeLabel: null });
  return { suspects, why: JSON.stringify(suspects.map((s) => [s.summary, s.score, s.reasons[0]])) };
}
