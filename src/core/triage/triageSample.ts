/**
 * The triage of one error sample: deploy range → frames onto workspace files (mappings, source
 * maps) → today's lines → evidence → ranked suspects. Pure orchestration over the core modules.
 */
import { CulpritError, messageOf } from '../errors';
import type { ErrorSample } from '../model/group.types';
import type { DeployRange, Suspect, TriagedIssue } from '../model/triage.types';
import { flattenFrames, primaryException } from './frameSelection';
import { collectEvidence } from '../suspects/collectEvidence';
import { rankIssueSuspects, type RankOptions } from '../suspects/suspectRanker';
import type { BlameMode } from '../suspects/evidence.types';
import {
  failingNames,
  isNullishError,
  keyTokens,
  lineTokens,
  messageTokens,
  missingKeys,
  quotedLiterals,
} from '../suspects/errorTokens';
import type { BlameFrame } from '../suspects/suspectPort.types';
import type { TriageWorkspace } from './triageWorkspace';
import { describeDeploy } from '../deploy/deployLabel';
import { runtimeFacts } from '../insights/runtimeContext';
import {
  followToWorkingTree,
  guessRangeFromTags,
  placeByContextLine,
  resolveFrames,
  toTriaged,
  type FrameWork,
} from './triageFrames';
import { placeByLineText } from './linePlacement';
import { placeByContextHistory } from './contextHistory';
import { suspectsInTodaysLines, type ReasonFrame } from './reasonLines';
import { todayDiffs, type TodayDiffs } from '../git/worktreeDiff';
import { isFullSha } from '../git/revisionResolver';
import { readRangeCommits } from './sharedAnswers';

export interface TriageSettings {
  /** `FROM..TO` from the command line. */
  deployFlag?: string;
  /** What the flag was picked as (`release 1.5.0 from Sentry`), for the deploy label. */
  deployChoice?: string;
  tagPattern?: string;
  /** Most suspects per issue. */
  suspectLimit: number;
  /** Most in-app frames to blame. */
  blameFrames: number;
  /** Receives each issue's candidate feature vectors (the fitting script, scripts/fit.mjs). */
  rankProbe?: RankOptions['probe'];
}

function modeOf(range: DeployRange): BlameMode {
  if (range.from && range.to) return 'range';
  return range.to ? 'to-only' : 'head';
}

type IssueFacts = Pick<
  TriagedIssue,
  'id' | 'title' | 'count' | 'firstSeen' | 'lastSeen' | 'release' | 'url' | 'runtime'
>;

/** What the provider says about the issue, the same whether or not it was triaged. */
export function issueFacts({ group, event }: ErrorSample): IssueFacts {
  return {
    id: group.id,
    title: group.title,
    count: group.count,
    firstSeen: group.firstSeen,
    lastSeen: group.lastSeen,
    release: group.release ?? event.release,
    url: group.url,
    ...runtimeOf(event),
  };
}

/** The event's runtime facts for the JSON, only when it carries some. */
function runtimeOf(event: ErrorSample['event']): Pick<TriagedIssue, 'runtime'> {
  const runtime = runtimeFacts(event);
  return runtime.groups.length > 0 ? { runtime } : {};
}

/** Triage of one sample. Throws CulpritError for what makes the whole sample unusable. */
export async function triageSample(
  sample: ErrorSample,
  ws: TriageWorkspace,
  settings: TriageSettings,
): Promise<TriagedIssue> {
  // Revisions and file texts are read from the start to the end: one blob process for all of them.
  const release = ws.git?.repo.blobs.hold();
  try {
    return await triageHeld(sample, ws, settings);
  } finally {
    release?.();
  }
}

async function triageHeld(sample: ErrorSample, ws: TriageWorkspace, settings: TriageSettings): Promise<TriagedIssue> {
  const { group, event } = sample;
  let range = await ws.deployRange({
    flag: settings.deployFlag,
    providerTo: sample.deploy.to && sample.deploy.to !== event.release ? sample.deploy.to : null,
    providerFrom: sample.deploy.from,
    release: event.release ?? group.release,
    tagPattern: settings.tagPattern,
  });
  const raw = flattenFrames(event.exceptions);
  let frames: FrameWork[] | null = null;
  const guess = range.source === 'none' ? await guessRangeFromTags(ws, raw, event.platform, settings.tagPattern) : null;
  const guessed = guess !== null;
  if (guess) [range, frames] = [guess.range, guess.frames];
  const rev = range.to;
  // Its tag listing and the range's commit list (git processes) run while the frames resolve, which
  // is JavaScript work; the suspects read the commits later from the repository's cache.
  const deploy = describeDeploy(ws.git, range, guessed, sample, settings.deployChoice);
  deploy.catch(() => undefined); // awaited below; a failure surfaces there
  if (ws.git && isFullSha(range.from) && isFullSha(range.to))
    ws.git.repo.commitsInRange(range.from, range.to).catch(() => undefined);
  frames ??= await resolveFrames(ws, raw, rev, event.platform);
  const head = rev ? null : await ws.git?.head();
  const placeAt = rev ?? head;
  if (placeAt) await placeByContextLine(ws, frames, placeAt);
  if (placeAt) await placeByLineText(ws, frames, placeAt, rev ? 'the deployed revision' : 'HEAD');
  if (placeAt) await placeByContextHistory(ws, frames, placeAt);
  // The frames and then the reasons follow their lines to today through the same per-file diffs.
  // The workspace's HEAD and blob cache: a repeated triage of an unchanged tree starts no git.
  const today = todayDiffs(ws.git ? { head: ws.git.head(), read: (r, p) => ws.textAt(r, p) } : {});
  await followToWorkingTree(ws, frames, rev, today);

  const issue: TriagedIssue = {
    ...issueFacts(sample),
    deploy: await deploy,
    frames: frames.map(toTriaged),
    suspects: [],
  };
  if (!ws.git) return unavailable(issue, ws.gitUnavailable ?? 'git is not available');

  const blameable = frames.filter((f) => f.inApp && f.revPath && f.revLine !== null).slice(0, settings.blameFrames);
  try {
    const blameFrames: BlameFrame[] = blameable.map((f, depth) => ({
      depth,
      path: f.revPath as string,
      line: f.revLine as number,
      function: f.fn,
    }));
    const mode = modeOf(range);
    const to = range.to ?? head;
    if (!to) return unavailable(issue, 'the repository has no commit to blame (HEAD does not resolve)');
    const primary = primaryException(event);
    const crashFrame = blameable[0];
    const crashText = crashFrame
      ? (crashFrame.raw.context?.line ??
        (await ws.textAt(to, crashFrame.revPath as string))?.split('\n')[(crashFrame.revLine as number) - 1] ??
        null)
      : null;
    const tokens = [
      ...new Set([
        ...messageTokens(primary?.value ?? null),
        ...messageTokens(event.exceptions[0]?.value ?? null),
        ...lineTokens(crashText),
      ]),
    ];
    const keys = [
      ...new Set([
        ...keyTokens(primary?.value ?? null, crashText),
        ...keyTokens(event.exceptions[0]?.value ?? null, crashText),
      ]),
    ];
    const failing = [
      ...new Set([
        ...failingNames(primary?.value ?? null, crashText),
        ...failingNames(event.exceptions[0]?.value ?? null, crashText),
      ]),
    ];
    // The evidence reads the texts the frames already read (the port's cache): the idle blob process
    // ends, and its process slot goes to the blames and logs, two at once (a later read starts another).
    // The range blames computed from the patches read their commits' objects (sharedAnswers.ts):
    // read first, while the blob process runs.
    if (mode === 'range' && range.from && isFullSha(range.from) && isFullSha(to))
      await readRangeCommits(ws.git.repo, range.from, to, [...new Set(blameFrames.map((f) => f.path))]).catch(
        () => undefined,
      );
    ws.git.repo.blobs.close();
    const found = await collectEvidence(ws.git.suspectPort(), {
      mode,
      to,
      from: range.from,
      frames: blameFrames,
      tokens,
      keyTokens: keys,
      failing,
      missing: missingKeys(primary?.value ?? null),
      literals: quotedLiterals(primary?.value ?? null),
      nullish: isNullishError(`${primary?.type ?? ''} ${primary?.value ?? ''}`),
      message: `${primary?.type ?? ''}: ${primary?.value ?? ''}`,
    });
    const rangeLabel =
      range.from && range.to
        ? `${await ws.git.label(range.from)}..${await ws.git.label(range.to)} (${found.rangeCommitCount} ` +
          `commit${found.rangeCommitCount === 1 ? '' : 's'})`
        : null;
    const { suspects, ...verdict } = rankIssueSuspects(found.evidence, found.commits, {
      mode,
      rangeLabel,
      limit: settings.suspectLimit,
      probe: settings.rankProbe,
    });
    if (suspects.length === 0 && blameable.length === 0)
      return unavailable(issue, 'no in-app frame resolved onto a line of this repository to blame');
    Object.assign(issue, { suspects: await inTodaysLines(ws, to, suspects, blameable, today) }, verdict);
  } catch (e) {
    // A failed blame, diff or log costs the suspects, never the frames already resolved.
    if (CulpritError.is(e, 'cancelled')) throw e;
    return unavailable(issue, messageOf(e));
  }
  return issue;
}

/**
 * The reasons in today's lines (`line 15 (deployed: 9)`), as the editor shows them. Lines of files
 * the frames followed reuse those diffs; other files cost one `git diff`; if that fails the
 * reasons keep the deployed numbers.
 */
async function inTodaysLines(
  ws: TriageWorkspace,
  to: string,
  suspects: Suspect[],
  blamed: FrameWork[],
  today: TodayDiffs,
) {
  const frames: ReasonFrame[] = blamed.map((f, depth) => ({
    depth,
    path: f.revPath as string,
    line: f.revLine as number,
    function: f.fn,
    // A frame placed through history or not at all was not followed from TO.
    ...(f.placedAt || f.unplaced ? {} : { today: { path: f.localPath, line: f.localLine } }),
  }));
  try {
    return await suspectsInTodaysLines(suspects, frames, (lines) => ws.localLines(to, lines, today));
  } catch (e) {
    if (CulpritError.is(e, 'cancelled')) throw e;
    return suspects;
  }
}

/** The issue with its frames and the reason it has no suspects, which every surface shows. */
function unavailable(issue: TriagedIssue, why: string): TriagedIssue {
  issue.suspectsUnavailable = `suspects unavailable: ${why}`;
  return issue;
}
