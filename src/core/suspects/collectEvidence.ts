/**
 * Gathers evidence linking commits to the stack: range blame over the frames' functions, the
 * deploy diff's removed lines, and identifier matches in the range's patches. Costs, per the
 * measured strategy: one diff for all frame files, one log -p of the changed ones, and a range
 * blame per changed file that the shared port computes from that log (git blame when it cannot).
 */
import type { BlameLine } from '../git/git.types';
import type { BlameMode, CommitFacts, Evidence } from './evidence.types';
import { RANGE_PATCH_FORMAT, parseRangePatch } from './rangePatch';
import { rangeFacts } from './rangeFacts';
import { blameEvidence, extentsOf, factsFromBlame, fileEvidence, mergeRanges, removedEvidence } from './frameEvidence';
import { collectCalleeEvidence } from './calleeEvidence';
import { collectLiteralEvidence } from './literalEvidence';
import { hierarchyEvidence } from './hierarchyEvidence';
import type { BlameFrame, FrameExtent, SuspectGitPort } from './suspectPort.types';
import { crashLineEvidence, crashLineTouches, tokenEvidence } from './tokenEvidence';
import { flowEvidence, traceFlow } from './flowEvidence';
import { mapLimit } from '../util/mapLimit';
import { enumConstants, enumEvidence, isIndexError, shapeEvidence } from './shapeEvidence';
import { isMissingKeyError, unreadProperty } from './errorTokens';
import { escapeRegExp } from '../util/escapeRegExp';
import { WINDOWS } from './searchWindows';

const MAX_TOKENS = WINDOWS['tokens.max'];

export interface EvidenceRequest {
  mode: BlameMode;
  /** Deployed revision (SHA); for `head` mode, HEAD's SHA. */
  to: string;
  /** Previous deploy (SHA), required for `range` mode. */
  from: string | null;
  frames: BlameFrame[];
  /** Identifiers from the error message and crashing line. */
  tokens: string[];
  /** The names the error is about beyond the crashing line's code (errorTokens.keyTokens); matched ignoring case. */
  keyTokens?: string[];
  /** The names the failing operation used (errorTokens.failingNames): the property read, the key. */
  failing?: string[];
  /** The key a lookup did not find (errorTokens.missingKeys). */
  missing?: string[];
  /** Other literals the message quotes (errorTokens.quotedLiterals). */
  literals?: string[];
  /** The error is a read of a null or undefined value (errorTokens.isNullishError). */
  nullish?: boolean;
  /** The error's type and message, for rules that read its kind (an index error, an enum constant). */
  message?: string | null;
}

export interface EvidenceResult {
  evidence: Evidence[];
  commits: Map<string, CommitFacts>;
  /** Commits in the range (range mode), for the label. */
  rangeCommitCount: number;
}

/** One blame per file over its frames' merged extents, at most two git processes at once. */
async function blameFiles(
  paths: string[],
  frames: FrameExtent[],
  blame: (path: string, ranges: Array<[number, number]>) => Promise<BlameLine[]>,
): Promise<Map<string, BlameLine[]>> {
  // bound: git processes at once; the results do not depend on it
  const results = await mapLimit(paths, 2, (p) =>
    blame(p, mergeRanges(frames.filter((f) => f.path === p).map((f) => [f.start, f.end]))),
  );
  return new Map(paths.map((p, i) => [p, results[i]]));
}

/** The token log and the range's commits, started before the frames' work (both answer from the request alone). */
function startRangeQueries(port: SuspectGitPort, from: string, req: EvidenceRequest) {
  const keys = (req.keyTokens ?? []).slice(0, MAX_TOKENS);
  const enums = enumConstants(req.message ?? null);
  const tokens = [...new Set([...keys, ...enums, ...req.tokens])].slice(0, MAX_TOKENS);
  // With -M a file moved in the range shows only its edits, not every line as a mention. Key
  // names match ignoring case (`Address` for `address`); plain tokens are filtered exactly later.
  const tokenLog = tokens.length
    ? port.runImmutable([
        'log',
        '-p',
        '-U0',
        '-M',
        '--no-color',
        '-E',
        ...(keys.length ? ['-i'] : []),
        `-G(^|[^A-Za-z0-9_$])(${tokens.map(escapeRegExp).join('|')})([^A-Za-z0-9_$]|$)`,
        RANGE_PATCH_FORMAT,
        `${from}..${req.to}`,
      ])
    : null;
  // Awaited where they are used (rangeFacts asks for the commits again: the repository caches them).
  tokenLog?.catch(() => undefined);
  port.commitsInRange(from, req.to).catch(() => undefined);
  return { keys, enums, tokens, tokenLog };
}

/** Collects all evidence for one triage. */
export async function collectEvidence(port: SuspectGitPort, req: EvidenceRequest): Promise<EvidenceResult> {
  // The range's commit list and token log need nothing from the frames: their git processes run
  // while the frames' extents are read and the deploy diff and blames run (two at a time).
  const early = req.mode === 'range' && req.from ? startRangeQueries(port, req.from, req) : null;
  const frames = await extentsOf(port, req.to, req.frames);
  const paths = [...new Set(frames.map((f) => f.path))];
  if (!early || !req.from) {
    const blame = await blameFiles(paths, frames, (p, ranges) => port.blameAt(req.to, p, ranges));
    const commits = new Map<string, CommitFacts>();
    factsFromBlame([...blame.values()].flat(), commits, true);
    return { evidence: blameEvidence(frames, blame, req.mode), commits, rangeCommitCount: 0 };
  }
  const from = req.from;
  const range = `${from}..${req.to}`;
  const diffArgs = ['diff', '-U0', '--no-renames', '--no-color', from, req.to, '--', ...paths];
  const deployDiff = paths.length ? parseRangePatch(`\0deploy\n${await port.runImmutable(diffArgs)}`)[0] : undefined;
  const changed = new Set((deployDiff?.files ?? []).map((f) => f.path));
  const blamePaths = paths.filter((p) => changed.has(p));
  const patchesP = blamePaths.length
    ? port.runImmutable([
        'log',
        '-p',
        '-U0',
        '--no-renames',
        '--no-color',
        RANGE_PATCH_FORMAT,
        range,
        '--',
        ...blamePaths,
      ])
    : null;
  patchesP?.catch(() => undefined); // awaited below, after the blames, as before
  // Asked after the patches: the shared port computes a range blame from them (sharedAnswers.ts).
  const blameP = blameFiles(blamePaths, frames, (p, ranges) => port.blameRange(from, req.to, p, ranges));
  const blame = await blameP;
  const framePatches = patchesP ? parseRangePatch(await patchesP) : [];
  const { keys, enums, tokens } = early;
  const tokenPatches = early.tokenLog ? parseRangePatch(await early.tokenLog) : [];
  const evidence = blameEvidence(frames, blame, 'range');
  const flows = traceFlow(
    [...frames].sort((a, b) => a.depth - b.depth),
    req.failing ?? [],
  );
  evidence.push(...flowEvidence(flows, blame, framePatches, evidence, (b) => !b.boundary));
  evidence.push(...removedEvidence(frames, deployDiff, framePatches, flows));
  evidence.push(...fileEvidence(frames, framePatches, evidence));
  const crash = frames.find((f) => f.depth === 0);
  const crashBlame = crash ? blame.get(crash.path)?.find((b) => b.finalLine === crash.line && !b.boundary) : undefined;
  const touches = crashLineTouches(crash, framePatches, [...new Set([...(req.failing ?? []), ...keys])]);
  evidence.push(...crashLineEvidence(crash, touches, crashBlame, keys, evidence));
  evidence.push(...tokenEvidence(tokenPatches, tokens, keys, frames));
  evidence.push(
    ...shapeEvidence({ frames, blame, framePatches, message: req.message ?? null }),
    ...enumEvidence(tokenPatches, enums, req.missing ?? []),
  );
  evidence.push(
    ...(await collectCalleeEvidence(port, { from, to: req.to, range }, frames, flows, keys, {
      failing: req.failing ?? [],
      nullish: req.nullish ?? false,
      index: isIndexError(req.message ?? null),
      unread: unreadProperty(req.message ?? null),
      missingKey: isMissingKeyError(req.message ?? null),
    })),
  );
  evidence.push(
    ...(await collectLiteralEvidence(port, range, req.missing ?? [], req.literals ?? [])),
    ...(await hierarchyEvidence(port, from, req.to, req.message ?? null)),
  );
  const incidentalHunks = new Map(touches.filter((t) => t.incidental).map((t) => [t.sha, t.removed]));
  const commits = await rangeFacts(port, from, req.to, framePatches, new Set(blamePaths), incidentalHunks);
  const linked = new Set(evidence.map((e) => e.sha));
  for (const sha of commits.keys()) {
    if (!linked.has(sha))
      evidence.push({
        sha,
        kind: 'range',
        frameDepth: 0,
        file: '',
        frameLine: 0,
        function: null,
        distance: Infinity,
        lines: 0,
      });
  }
  const stackFiles = new Set(paths);
  for (const e of evidence) if (e.file && !stackFiles.has(e.file)) e.offStack = true;
  // Commits after TO can only come from a broken range; never name them.
  const inRange = evidence.filter((e) => commits.has(e.sha));
  return { evidence: inRange, commits, rangeCommitCount: commits.size };
}
