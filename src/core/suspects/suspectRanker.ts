/**
 * Ranks commits by evidence. The rule: a change to the crashing frame's own line outranks a
 * change elsewhere in its function, which outranks a change elsewhere in its file; the same
 * evidence on a caller counts less the further up the stack it is; a change below where a frame
 * stopped (code that had not run yet) counts little; focused commits beat sweeping ones; whitespace- and comment-only changes are nearly discounted. Pure: evidence in, suspects out.
 */
import type { Suspect } from '../model/triage.types';
import type { BlameMode, CommitFacts, Evidence, EvidenceKind } from './evidence.types';
import { FEATURES, featureVector, touchesWhatRan } from './rankFeatures';
import { candidateProbabilities, issueVerdict, type IssueVerdict } from './suspectProbability';

const KIND_WEIGHT: Record<EvidenceKind, number> = {
  line: 1.0,
  flow: 0.9,
  near: 0.8,
  removed: 0.75,
  function: 0.6,
  token: 0.3,
  callee: 0.6,
  literal: 0.8,
  later: 0.2,
  around: 0.25,
  file: 0.2,
  shape: 1.05,
  range: 0.06,
};

const DEPTH_DECAY = 0.7;
/** A change to the value the crash used matters however far up it was made: decay gently. */
const FLOW_DECAY = 0.93;
/** A change near the frame's line that touches none of the names reaching it. */
const OFF_FLOW = 0.7;
const KEY_REMOVED = 0.8;
/** An earlier rewrite of the crashing line; one that wrote the error's key name there; a later rewrite that only carried it. */
const SUPERSEDED = 0.7;
const KEY_ON_LINE = 0.95;
const CARRIED = 0.8;
const CALLEE_FEEDS = 0.82;
const CALLEE_VALUE = 0.78;
const CALLEE_DECAY = 0.85;
/** A changed definition of the very value the failing operation used: as telling as the line. */
const OPERAND_SOURCE = 0.97;
/** A rewrite of the crashing line that left its failing expression as it was. */
const INCIDENTAL = 0.5;
/** Commits whose frame-file changes cannot change behaviour: a rename, an incidental rewrite. */
const RENAMED_COMMIT = 0.3;
const INCIDENTAL_COMMIT = 0.45;
const GUARD_COMMIT = 0.6;
const QUOTED_TEXT = 1.0;
const QUOTED_WORD = 0.5;
/** A missing key whose member definition a commit removed: strong, but keys also go missing from data. */
const ENUM_MEMBER = 0.9;
/** A bound moved by one (before an index error) or an `await` dropped in a helper that ran: below the crashing function's own. */
const CALLEE_BOUND = 0.97;
/** A changed function that itself returns null, below the helper whose result was read as null. */
const NULL_ORIGIN = 0.9;
/** Each helper between the frame's call and a changed producer that only passed its value on. */
const PRODUCER_DECAY = 0.85;
const PRODUCER_KEY = 0.92;
/** The error's own class changed its base: handlers written for the old one no longer catch it. */
const HIERARCHY = 1.1;
const MODE_CONFIDENCE: Record<BlameMode, number> = { range: 1, 'to-only': 0.7, head: 0.5 };

/**
 * A helper whose result reaches the crash (called on the frame's line, or assigning a value that
 * flows there) is nearly as close as the line; more so when its change names what the error is
 * about. A helper merely called earlier in the function is weaker.
 */
function calleeWeight(e: Evidence): number {
  // When the change names the error's key, the key evidence (same commit) says it better.
  if (e.operand) return e.keys?.length ? KEY_REMOVED - 0.01 : OPERAND_SOURCE;
  if (e.nullOrigin) return NULL_ORIGIN;
  // A producer below a helper that wrote what the error names is the key's source; others fade per helper.
  if (e.via?.length)
    return e.keys?.length
      ? PRODUCER_KEY
      : (e.calleeKind === 'value' ? CALLEE_VALUE : KIND_WEIGHT.callee) * Math.pow(PRODUCER_DECAY, e.via.length);
  if (e.calleeKind === 'value') return CALLEE_VALUE;
  const base = e.feeds ? CALLEE_FEEDS : KIND_WEIGHT.callee;
  return e.keys?.length ? Math.min(0.92, base + 0.1) : base;
}

function evidenceWeight(e: Evidence): number {
  let w = KIND_WEIGHT[e.kind];
  if (e.kind === 'removed' && e.distance <= 3) w = 0.85;
  if (e.kind === 'function' && e.distance <= 6) w += 0.05;
  if (e.kind === 'token') w += Math.min(0.15, 0.05 * ((e.tokens?.length ?? 1) - 1));
  // Removing the very name the error reports missing or null is nearly as telling as the line.
  if (e.kind === 'token' && e.keys?.length) w = Math.max(w, KEY_REMOVED);
  if (e.kind === 'line') {
    if (e.superseded && !e.owner) w = SUPERSEDED;
    if (e.keys?.length) w = Math.max(w, KEY_ON_LINE);
    if (e.carried) w *= CARRIED;
    if (e.incidental) w *= INCIDENTAL;
  }
  if (e.kind === 'callee') w = calleeWeight(e);
  // Writing the exact text the error quotes (a format with its punctuation) is as specific as the line; a bare word less so.
  if (e.kind === 'literal' && e.quoted)
    w = /^[\w$]+$/.test(e.tokens?.[0] ?? '') || (e.tokens?.[0]?.length ?? 0) < 6 ? QUOTED_WORD : QUOTED_TEXT;
  if (e.offFlow) w *= OFF_FLOW;
  // An enum constant is not tied to a frame; a reorder or a dropped await reaches the crash like a changed value.
  if (e.kind === 'shape' && e.shape === 'enum') return e.keys?.length ? ENUM_MEMBER : w;
  if (e.kind === 'shape' && e.shape === 'hierarchy') return HIERARCHY;
  if (e.kind === 'shape' && e.callee) return CALLEE_BOUND * Math.pow(CALLEE_DECAY, e.frameDepth);
  if (e.kind === 'shape' && e.shape !== 'bound') return w * Math.pow(FLOW_DECAY, e.frameDepth);
  // Token and range evidence are not tied to a frame: no depth decay for them.
  if (e.kind === 'token' || e.kind === 'range' || e.kind === 'literal') return w;
  // A helper whose change names what the error is about stays relevant far up the stack; others fade.
  const callee = e.kind === 'callee' && (e.keys?.length || e.operand || e.nullOrigin) ? CALLEE_DECAY : DEPTH_DECAY;
  return w * Math.pow(e.kind === 'flow' ? FLOW_DECAY : callee, e.frameDepth);
}

function focusFactor(c: CommitFacts | undefined): number {
  if (!c) return 1;
  const files = Math.max(0, c.filesChanged - 1);
  const lines = Math.max(0, c.linesAdded + c.linesRemoved - 30);
  return Math.max(0.7, 1 / (1 + 0.04 * files + 0.0004 * lines));
}

function frameLabel(depth: number): string {
  if (depth === 0) return 'the crashing frame';
  if (depth === 1) return 'its caller';
  return `${depth} calls up the stack`;
}

function fnLabel(fn: string | null): string {
  return fn ? ` (${fn})` : '';
}

function quoted(names: string[]): string {
  return names.map((t) => `'${t}'`).join(', ');
}

function describeShape(e: Evidence): string {
  const at = `line ${e.changedLine ?? e.frameLine} of ${e.file}${fnLabel(e.function)}`;
  switch (e.shape) {
    case 'bound':
      if (e.callee)
        return `moved a bound or comparison by one in ${e.callee}() in ${e.file} (line ${e.changedLine}), called on line ${e.calledLine} of ${e.function ?? 'the frame'} before it went out of range, ${frameLabel(e.frameDepth)}`;
      return `moved a bound or comparison by one on ${at}, which controls line ${e.frameLine} where ${frameLabel(e.frameDepth)} went out of range`;
    case 'reorder':
      return `reordered the arguments or parameters on ${at}, on the path to line ${e.frameLine} of ${frameLabel(e.frameDepth)}`;
    case 'await':
      if (e.callee)
        return `removed an \`await\` in ${e.callee}() in ${e.file} (line ${e.changedLine}), called on line ${e.calledLine} of ${e.function ?? 'the frame'} before it failed, ${frameLabel(e.frameDepth)}: a promise is used where its value was`;
      return `removed an \`await\` on ${at}, ${frameLabel(e.frameDepth)}: a promise is used where its value was`;
    case 'normalize':
      return `took off or swapped a rounding or normalizing call on the value ${e.callee}() in ${e.file} (line ${e.changedLine}) returns, called on line ${e.calledLine} of ${e.function ?? 'the frame'} before it failed, ${frameLabel(e.frameDepth)}`;
    case 'hierarchy':
      return `changed what '${e.tokens?.[0] ?? ''}', the error's class, extends in ${e.file} (line ${e.changedLine}): handlers that caught it by its old base no longer do`;
    default:
      return `removed or renamed '${e.tokens?.[0] ?? ''}' in ${e.file} (line ${e.changedLine ?? '?'}), the constant the lookup did not find`;
  }
}

/** One human sentence per piece of evidence. */
export function describeEvidence(e: Evidence): string {
  const where = `${e.file}${fnLabel(e.function)}`;
  switch (e.kind) {
    case 'line': {
      const keys = e.keys?.length ? `, writing ${quoted(e.keys)} that the error names` : '';
      const more = e.incidental
        ? ' (around the failing expression, which was already there)'
        : e.superseded
          ? ' (a later commit rewrote it again)'
          : e.carried
            ? ' (the name the error is about was already there)'
            : '';
      return `changed line ${e.frameLine} of ${e.file}${fnLabel(e.function)}, ${frameLabel(e.frameDepth)}${keys}${more}`;
    }
    case 'near':
      return `changed line ${e.changedLine ?? e.frameLine} of ${where}, ${e.distance} line${e.distance === 1 ? '' : 's'} from line ${e.frameLine} of ${frameLabel(e.frameDepth)}`;
    case 'removed':
      return `removed ${e.lines} line${e.lines === 1 ? '' : 's'} from ${where} near line ${e.frameLine}, ${frameLabel(e.frameDepth)}`;
    case 'flow':
      return e.distance === 0
        ? `changed the arguments line ${e.frameLine} of ${where} passes down the stack to the crash, ${frameLabel(e.frameDepth)}`
        : `changed line ${e.changedLine ?? e.frameLine} of ${where}, which computes a value that reaches the crash through line ${e.frameLine}, ${frameLabel(e.frameDepth)}`;
    case 'around':
      return `changed line ${e.frameLine} of ${where} around the call but not its arguments, ${frameLabel(e.frameDepth)}: that part runs after the call returns`;
    case 'function':
      return `changed ${e.lines} line${e.lines === 1 ? '' : 's'} of ${where}, ${e.distance} lines from line ${e.frameLine} of ${frameLabel(e.frameDepth)}`;
    case 'later':
      return `changed line ${e.changedLine ?? e.frameLine} of ${where}, below line ${e.frameLine} where ${frameLabel(e.frameDepth)} stopped: code that had not run yet`;
    case 'file':
      return `changed ${e.file} outside the function of ${frameLabel(e.frameDepth)}`;
    case 'token':
      return e.keys?.length
        ? `removed ${quoted(e.keys)} from ${e.file}, the name${e.keys.length === 1 ? '' : 's'} the error reports missing or null`
        : `its changes in ${e.file} mention ${quoted(e.tokens ?? [])} from the error`;
    case 'callee': {
      const via = e.via?.length
        ? ` whose result ${[...e.via]
            .reverse()
            .map((v) => `${v}()`)
            .join(
              ' then ',
            )} returned to line ${e.calledLine} of ${e.function ?? 'the frame'}, ${frameLabel(e.frameDepth)}`
        : null;
      if (e.calleeKind === 'value')
        return via
          ? `changed the value of '${e.callee}' in ${e.file} (line ${e.changedLine}),${via}`
          : `changed the value of '${e.callee}' in ${e.file} (line ${e.changedLine}), which line ${e.frameLine} of ${e.function ?? 'the frame'} reads, ${frameLabel(e.frameDepth)}`;
      const head = `changed ${e.callee}() in ${e.file} (line ${e.changedLine})${e.nullOrigin ? ', which can return null,' : ''}`;
      return via
        ? `${head}${via}`
        : `${head} called on line ${e.calledLine} of ${e.function ?? 'the frame'} before it failed, ${frameLabel(e.frameDepth)}: it had returned, so it is on no frame`;
    }
    case 'literal':
      return `wrote '${e.tokens?.[0] ?? ''}' into ${e.file} (line ${e.changedLine ?? '?'}), ${e.quoted ? 'the text the error quotes' : 'the key the error reports missing'}`;
    case 'shape':
      return describeShape(e);
    case 'range':
      return "shipped in the deploy but touched none of the stack's code";
  }
}

/**
 * Without a deploy range every line has some author; newer changes are likelier to have broken
 * something that worked, so rank by recency among the candidates (newest ×1, oldest ×0.55).
 */
function recencyFactors(shas: string[], commits: Map<string, CommitFacts>): Map<string, number> {
  const dated = shas
    .map((sha) => ({ sha, t: Date.parse(commits.get(sha)?.date ?? '') || 0 }))
    .sort((a, b) => a.t - b.t);
  const out = new Map<string, number>();
  dated.forEach((d, i) => out.set(d.sha, dated.length < 2 ? 1 : 0.55 + 0.45 * (i / (dated.length - 1))));
  return out;
}

/** Why a commit's changes to the stack's files cannot change behaviour, or null. */
function neutralReason(facts: CommitFacts | undefined): string | null {
  if (facts?.cosmetic)
    return 'only whitespace, line breaks, quote style or comments changed in the stack files: unlikely to change behaviour';
  if (facts?.renamed) return 'only renamed an identifier in the stack files: unlikely to change behaviour';
  if (facts?.extracted)
    return 'only replaced a literal with a constant it defined with the same value: unlikely to change behaviour';
  if (facts?.incidental)
    return 'its only real change to the stack rewrote the crashing line around a failing expression that was already there';
  return null;
}

function commitLine(c: CommitFacts): string {
  return `${c.filesChanged} file${c.filesChanged === 1 ? '' : 's'} changed, +${c.linesAdded}/−${c.linesRemoved}`;
}

export interface RankOptions {
  mode: BlameMode;
  /** E.g. `v1.4.0..v1.5.0 (7 commits)`; added to every suspect's reasons. */
  rangeLabel: string | null;
  limit?: number;
  /** Receives every candidate's feature vector (scripts/fit.mjs reads the corpus through it). */
  probe?: (rows: RankProbeRow[], featureNames: string[]) => void;
}

/** One candidate as the fit sees it: its features, whether it touches what ran, and the ranker's strength. */
export interface RankProbeRow {
  sha: string;
  date: string;
  features: number[];
  linked: boolean;
  raw: number;
}

export interface RankedSuspects extends IssueVerdict {
  /** Best first, at most `limit`, each with its calibrated probability. */
  suspects: Suspect[];
}

/** Scores and orders suspects, best first. Scores are in 0..1. */
export function rankSuspects(evidence: Evidence[], commits: Map<string, CommitFacts>, options: RankOptions): Suspect[] {
  return rankIssueSuspects(evidence, commits, options).suspects;
}

/** The suspects with calibrated probabilities, and the issue's verdict: confidence, a close call, or none of them. */
export function rankIssueSuspects(
  evidence: Evidence[],
  commits: Map<string, CommitFacts>,
  options: RankOptions,
): RankedSuspects {
  const bySha = new Map<string, Evidence[]>();
  for (const e of evidence) {
    const list = bySha.get(e.sha) ?? [];
    list.push(e);
    bySha.set(e.sha, list);
  }
  const ranked: Array<Suspect & { raw: number }> = [];
  const recency = options.mode === 'range' ? null : recencyFactors([...bySha.keys()], commits);
  for (const [sha, list] of bySha) {
    const facts = commits.get(sha);
    // The missing key written into a value a returned helper hands to the lookup: the key's source.
    const chain = new Set(
      list.filter((e) => e.kind === 'callee' && e.via?.length).map((e) => `${e.file}:${e.changedLine}`),
    );
    const onChain = (e: Evidence) => e.kind === 'literal' && !e.quoted && chain.has(`${e.file}:${e.changedLine}`);
    // A commit whose stack-file changes cannot change behaviour is discounted there, not in other files.
    const neutral = facts?.cosmetic
      ? 0.25
      : facts?.renamed || facts?.extracted
        ? RENAMED_COMMIT
        : facts?.incidental
          ? INCIDENTAL_COMMIT
          : 1;
    const weighted = list
      .map((e) => ({ e, w: onChain(e) ? Math.max(evidenceWeight(e), PRODUCER_KEY) : evidenceWeight(e) }))
      .map(({ e, w }) => ({ e, w: e.offStack ? w : w * neutral }))
      .sort((a, b) => b.w - a.w);
    // The strongest evidence decides; corroborating evidence adds a little.
    let raw = weighted[0].w + 0.2 * (weighted[1]?.w ?? 0) + 0.05 * weighted.slice(2).reduce((s, x) => s + x.w, 0);
    raw *= focusFactor(facts) * (recency?.get(sha) ?? 1);
    // An added early exit only makes the crashing code run less, unless it is the crashing line.
    if (facts?.guardOnly && !list.some((e) => e.kind === 'line' && e.frameDepth === 0)) raw *= GUARD_COMMIT;
    const reasons: string[] = [];
    const seen = new Set<string>();
    for (const { e } of weighted) {
      const text = describeEvidence(e);
      if (!seen.has(text)) reasons.push(text);
      seen.add(text);
      if (reasons.length >= 3) break;
    }
    if (weighted.length > 3)
      reasons.push(`and ${weighted.length - 3} more link${weighted.length - 3 === 1 ? '' : 's'} to the stack`);
    // The stack files' neutral change is worth saying only when it is what the ranking rests on.
    const neutralWhy = weighted[0].e.offStack ? null : neutralReason(facts);
    if (neutralWhy) reasons.push(neutralWhy);
    if (facts?.guardOnly) reasons.push('it only added an early exit to the stack’s code');
    if (facts && facts.filesChanged > 0) reasons.push(commitLine(facts));
    if (options.mode === 'range' && options.rangeLabel) reasons.push(`in the deploy range ${options.rangeLabel}`);
    if (options.mode === 'to-only')
      reasons.push('no earlier deploy found: blamed the full history at the deployed revision, lower confidence');
    if (options.mode === 'head') reasons.push('no deploy range known: blamed at HEAD, lower confidence');
    const score = (1 - Math.exp(-1.8 * raw)) * MODE_CONFIDENCE[options.mode];
    ranked.push({
      sha,
      author: facts ? `${facts.author} <${facts.authorMail}>` : '',
      date: facts?.date ?? '',
      summary: facts?.summary ?? '',
      score: Math.round(score * 1000) / 1000,
      reasons,
      raw,
    });
  }
  ranked.sort((a, b) => b.raw - a.raw || (b.date < a.date ? -1 : b.date > a.date ? 1 : 0) || (a.sha < b.sha ? -1 : 1));
  const linkedShas = new Set([...bySha].filter(([, list]) => touchesWhatRan(list)).map(([sha]) => sha));
  options.probe?.(
    ranked.map((s) => ({
      sha: s.sha,
      date: commits.get(s.sha)?.date ?? '',
      features: featureVector(bySha.get(s.sha) ?? [], commits.get(s.sha)),
      linked: linkedShas.has(s.sha),
      raw: s.raw,
    })),
    FEATURES.map((f) => f.name),
  );
  // Probabilities over every candidate, before the list is cut to `limit`.
  const { probabilities, none } = candidateProbabilities(ranked.map((s) => s.raw));
  const suspects = ranked.map(({ raw: _raw, ...s }, i) => ({ ...s, probability: round3(probabilities[i]) }));
  const verdict = issueVerdict(
    ranked.map((s, i) => ({ sha: s.sha, probability: probabilities[i] })),
    none,
    options.mode,
    linkedShas.size > 0,
  );
  return { ...verdict, suspects: suspects.slice(0, options.limit ?? 10) };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
