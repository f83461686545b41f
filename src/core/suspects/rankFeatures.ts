/**
 * One feature vector per candidate commit, from the general evidence mechanisms and the commit's
 * priors. The ranker combines them with fitted weights (rankerWeights.json); nothing here weighs
 * one mechanism against another. Transforms are fixed shapes, not tuned values: a frame's depth
 * enters as 1/(1+depth) (its own frame is 1, each call up the stack less), a line distance as
 * 1/(1+ln(1+distance)), counts as ln(1+count).
 */
import type { CommitFacts, Evidence } from './evidence.types';

export interface FeatureDef {
  name: string;
  /** What the feature says about a commit, for reasons ("it changed the crashing line"). */
  words: string;
  /** Evidence this feature reads (its reasons are the sentences of that evidence). */
  reads?: (e: Evidence) => boolean;
  /** A commit prior rather than a link to what ran: alone it never makes a suspect. */
  prior?: boolean;
  value: (list: Evidence[], facts: CommitFacts | undefined) => number;
}

const near = (depth: number) => 1 / (1 + depth);
const proximity = (distance: number) => 1 / (1 + Math.log1p(Math.max(0, distance)));

/** The strongest reading of `pick`'s evidence, or 0. */
function best(list: Evidence[], pick: (e: Evidence) => boolean, f: (e: Evidence) => number): number {
  let out = 0;
  for (const e of list) if (pick(e)) out = Math.max(out, f(e));
  return out;
}

const weakLine = (e: Evidence) => Boolean(e.incidental || (e.superseded && !e.owner) || e.carried);
const isLine = (e: Evidence) => e.kind === 'line' && !weakLine(e);
// The crashing line itself, rewritten so that its failing expression is new, is one mechanism;
// a calling frame's line is another: the model weighs them apart.
const isCrashLine = (e: Evidence) => isLine(e) && e.frameDepth === 0;
const isCallerLine = (e: Evidence) => isLine(e) && e.frameDepth > 0;
const isWeakLine = (e: Evidence) => e.kind === 'line' && weakLine(e);
const isEnclosing = (e: Evidence) => (e.kind === 'near' || e.kind === 'function') && !e.offFlow;
const isOffFlow = (e: Evidence) => (e.kind === 'near' || e.kind === 'function' || e.kind === 'removed') && !!e.offFlow;
const isGuard = (e: Evidence) => (e.kind === 'near' || e.kind === 'function') && !!e.guard;
const isRemoved = (e: Evidence) => e.kind === 'removed' && !e.offFlow;
const feeds = (e: Evidence) => !!(e.feeds || e.operand || e.nullOrigin || e.calleeKind === 'value');
const isCallee = (e: Evidence) => e.kind === 'callee' && !feeds(e) && !e.via?.length;
const isFeeding = (e: Evidence) => e.kind === 'callee' && feeds(e) && !e.via?.length;
const isProducer = (e: Evidence) => e.kind === 'callee' && !!e.via?.length;
const isNotRun = (e: Evidence) => e.kind === 'later' || e.kind === 'around';
const isNamed = (e: Evidence) => !!e.keys?.length;
const isToken = (e: Evidence) => e.kind === 'token' && !e.keys?.length;
const linked = (list: Evidence[]) => list.filter((e) => e.kind !== 'range');

/** The features, in the order of the weights vector. */
export const FEATURES: readonly FeatureDef[] = [
  {
    name: 'crashLine',
    words: 'wrote the failing expression on the crashing line',
    reads: isCrashLine,
    value: (l) => (l.some(isCrashLine) ? 1 : 0),
  },
  {
    name: 'frameLine',
    words: 'changed a line a calling frame ran on',
    reads: isCallerLine,
    value: (l) => best(l, isCallerLine, (e) => near(e.frameDepth)),
  },
  {
    name: 'frameLineKept',
    words: 'rewrote a stack line but kept its failing expression',
    reads: isWeakLine,
    value: (l) => best(l, isWeakLine, (e) => near(e.frameDepth)),
  },
  {
    name: 'enclosing',
    words: 'changed the function that was running, near the failing line',
    reads: isEnclosing,
    value: (l) => best(l, isEnclosing, (e) => near(e.frameDepth) * proximity(e.distance)),
  },
  {
    name: 'condition',
    words: 'changed a condition that routed execution to a stack line',
    reads: isGuard,
    value: (l) => best(l, isGuard, (e) => near(e.frameDepth)),
  },
  {
    name: 'offFlow',
    words: 'changed the running function, but none of the names reaching the failing line',
    reads: isOffFlow,
    value: (l) => best(l, isOffFlow, (e) => near(e.frameDepth) * proximity(e.distance)),
  },
  {
    name: 'removed',
    words: 'removed code from the function that was running',
    reads: isRemoved,
    value: (l) => best(l, isRemoved, (e) => near(e.frameDepth) * proximity(e.distance)),
  },
  {
    name: 'flow',
    words: 'changed a value that flows into the failing operation',
    reads: (e) => e.kind === 'flow',
    value: (l) =>
      best(
        l,
        (e) => e.kind === 'flow',
        (e) => near(e.frameDepth),
      ),
  },
  {
    name: 'calledBefore',
    words: 'changed a function the stack called before it failed',
    reads: isCallee,
    value: (l) => best(l, isCallee, (e) => near(e.frameDepth)),
  },
  {
    name: 'feedsOperand',
    words: 'changed a helper or value whose result the failing line used',
    reads: isFeeding,
    value: (l) => best(l, isFeeding, (e) => near(e.frameDepth)),
  },
  {
    name: 'producer',
    words: 'changed the code that produced the value, below the helpers that passed it on',
    reads: isProducer,
    value: (l) => best(l, isProducer, (e) => near(e.frameDepth) / (1 + (e.via?.length ?? 0))),
  },
  {
    name: 'errorNames',
    words: 'wrote or removed a name the error is about',
    reads: isNamed,
    value: (l) => (l.some(isNamed) ? 1 : 0),
  },
  {
    name: 'literal',
    words: 'wrote the literal text the error quotes',
    reads: (e) => e.kind === 'literal',
    value: (l) => (l.some((e) => e.kind === 'literal') ? 1 : 0),
  },
  {
    name: 'shape',
    words: 'made a change of the shape that breaks this way (a bound, argument order, an await, a base class)',
    reads: (e) => e.kind === 'shape',
    value: (l) =>
      best(
        l,
        (e) => e.kind === 'shape',
        (e) => near(e.frameDepth),
      ),
  },
  {
    name: 'errorWords',
    words: "its code changes mention the error's identifiers",
    reads: isToken,
    value: (l) => Math.log1p(new Set(l.filter(isToken).flatMap((e) => e.tokens ?? [])).size),
  },
  {
    name: 'notRun',
    words: 'changed only code of the stack that had not run yet',
    reads: isNotRun,
    value: (l) => best(l, isNotRun, (e) => near(e.frameDepth)),
  },
  {
    name: 'sameFile',
    words: 'changed a stack file outside the running functions',
    reads: (e) => e.kind === 'file',
    value: (l) =>
      best(
        l,
        (e) => e.kind === 'file',
        (e) => near(e.frameDepth),
      ),
  },
  {
    name: 'behaviourNeutral',
    words: 'its stack changes cannot change behaviour (formatting, comments, a rename, a constant extracted)',
    prior: true,
    value: (_l, c) => (c?.cosmetic || c?.renamed || c?.extracted ? 1 : 0),
  },
  {
    name: 'incidental',
    words: 'it only rewrote the failing line around an expression that was already there, or added an early exit',
    prior: true,
    value: (_l, c) => (c?.incidental || c?.guardOnly ? 1 : 0),
  },
  {
    name: 'size',
    words: 'the size of the commit (lines changed)',
    prior: true,
    value: (_l, c) => Math.log1p((c?.linesAdded ?? 0) + (c?.linesRemoved ?? 0)),
  },
  {
    name: 'filesTouched',
    words: 'how many files the commit touched',
    prior: true,
    value: (_l, c) => Math.log1p(c?.filesChanged ?? 0),
  },
  {
    name: 'nonCode',
    words: 'it touched only tests, docs, lockfiles, CI or built output',
    prior: true,
    value: (_l, c) => (c?.nonCode ? 1 : 0),
  },
];

/** The feature vector of one commit, in FEATURES order. */
export function featureVector(list: Evidence[], facts: CommitFacts | undefined): number[] {
  return FEATURES.map((f) => f.value(list, facts));
}

/** True when some evidence (not a prior) links the commit to what ran. */
export function touchesWhatRan(list: Evidence[]): boolean {
  return linked(list).length > 0;
}
