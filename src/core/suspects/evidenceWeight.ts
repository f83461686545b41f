/**
 * How much each piece of evidence weighs. The shape is the design: a change to the crashing frame's own line
 * outranks a change elsewhere in its function, which outranks a change elsewhere in its file; the same evidence
 * on a caller counts less the further up the stack it is; a change below where a frame stopped (code that had
 * not run yet) counts little; focused commits beat sweeping ones; commits whose stack-file changes cannot change
 * behaviour are discounted there. The numbers are data (evidenceWeights.json): `npm run fit` searches them on the
 * corpus's train split, and each has its test-split ablation in bench/RESULTS.md. Pure numbers, no text.
 */
import fitted from './evidenceWeights.json';
import type { BlameMode, CommitFacts, Evidence, EvidenceKind } from './evidence.types';

/** Every fitted parameter by name (evidenceWeights.json `params`). */
export type WeightParams = Record<string, number>;

export const WEIGHT_PARAMS: WeightParams = fitted.params;

/** How much a score can be trusted by how the candidates were blamed: a presentation factor, not ranked on. */
// shown: the same factor for every candidate of a triage
export const MODE_CONFIDENCE: Record<BlameMode, number> = { range: 1, 'to-only': 0.7, head: 0.5 };

const kindWeight = (p: WeightParams, kind: EvidenceKind) => p[`kind.${kind}`];

/**
 * A helper whose result reaches the crash (called on the frame's line, or assigning a value that
 * flows there) is nearly as close as the line; more so when its change names what the error is
 * about. A helper merely called earlier in the function is weaker.
 */
function calleeWeight(e: Evidence, p: WeightParams): number {
  // When the change names the error's key, the key evidence (same commit) says it better.
  if (e.operand) return e.keys?.length ? p.keyRemoved - p.keyOperandMargin : p.operandSource;
  if (e.nullOrigin) return p.nullOrigin;
  // A producer below a helper that wrote what the error names is the key's source; others fade per helper.
  if (e.via?.length)
    return e.keys?.length
      ? p.producerKey
      : (e.calleeKind === 'value' ? p.calleeValue : kindWeight(p, 'callee')) * Math.pow(p.producerDecay, e.via.length);
  if (e.calleeKind === 'value') return p.calleeValue;
  const base = e.feeds ? p.calleeFeeds : kindWeight(p, 'callee');
  return e.keys?.length ? Math.min(p.calleeKeyCap, base + p.calleeKeyBonus) : base;
}

function lineWeight(e: Evidence, p: WeightParams, w: number): number {
  if (e.superseded && !e.owner) w = p.superseded;
  if (e.keys?.length) w = Math.max(w, p.keyOnLine);
  if (e.carried) w *= p.carried;
  if (e.incidental) w *= p.incidental;
  return w;
}

/** One piece of evidence's weight (0..~1.1 with the fitted parameters), depth decay included. */
function evidenceWeight(e: Evidence, p: WeightParams = WEIGHT_PARAMS): number {
  let w = kindWeight(p, e.kind);
  if (e.kind === 'removed' && e.distance <= p.removedCloseLines) w = p.removedClose;
  if (e.kind === 'function' && e.distance <= p.functionCloseLines) w += p.functionCloseBonus;
  if (e.kind === 'token') w += Math.min(p.tokenExtraCap, p.tokenPerExtra * ((e.tokens?.length ?? 1) - 1));
  // Removing the very name the error reports missing or null is nearly as telling as the line.
  if (e.kind === 'token' && e.keys?.length) w = Math.max(w, p.keyRemoved);
  if (e.kind === 'line') w = lineWeight(e, p, w);
  if (e.kind === 'callee') w = calleeWeight(e, p);
  // Writing the exact text the error quotes (a format with its punctuation) is as specific as the line;
  // a bare word less so.
  if (e.kind === 'literal' && e.quoted) {
    const quoted = e.tokens?.[0] ?? '';
    w = /^[\w$]+$/.test(quoted) || quoted.length < p.quotedShortChars ? p.quotedWord : p.quotedText;
  }
  if (e.offFlow) w *= p.offFlow;
  // An enum constant is not tied to a frame; a reorder or a dropped await reaches the crash like a changed
  // value.
  if (e.kind === 'shape' && e.shape === 'enum') return e.keys?.length ? p.enumMember : w;
  if (e.kind === 'shape' && e.shape === 'hierarchy') return p.hierarchy;
  if (e.kind === 'shape' && e.callee) return p.calleeBound * Math.pow(p.calleeDecay, e.frameDepth);
  if (e.kind === 'shape' && e.shape !== 'bound') return w * Math.pow(p.flowDecay, e.frameDepth);
  // Token and range evidence are not tied to a frame: no depth decay for them.
  if (e.kind === 'token' || e.kind === 'range' || e.kind === 'literal') return w;
  // A helper whose change names what the error is about stays relevant far up the stack; others fade.
  const callee = e.kind === 'callee' && (e.keys?.length || e.operand || e.nullOrigin) ? p.calleeDecay : p.depthDecay;
  return w * Math.pow(e.kind === 'flow' ? p.flowDecay : callee, e.frameDepth);
}

/** Focused commits beat sweeping ones: 1 for a one-file commit of a few lines, down to the fitted floor. */
function focusFactor(c: CommitFacts | undefined, p: WeightParams = WEIGHT_PARAMS): number {
  if (!c) return 1;
  const files = Math.max(0, c.filesChanged - 1);
  const lines = Math.max(0, c.linesAdded + c.linesRemoved - p.focusFreeLines);
  return Math.max(p.focusFloor, 1 / (1 + p.focusPerFile * files + p.focusPerLine * lines));
}

/** The factor on a commit's stack-file evidence when those changes cannot change behaviour (1 otherwise). */
function neutralDiscount(facts: CommitFacts | undefined, p: WeightParams = WEIGHT_PARAMS): number {
  if (facts?.cosmetic) return p.cosmeticCommit;
  if (facts?.renamed || facts?.extracted) return p.renamedCommit;
  if (facts?.incidental) return p.incidentalCommit;
  return 1;
}

/**
 * A commit's evidence strength (the ranker's raw score) from its evidence: the strongest piece decides,
 * corroborating pieces add a little, scaled by the commit's focus.
 */
export function commitStrength(list: Evidence[], facts: CommitFacts | undefined, p: WeightParams = WEIGHT_PARAMS) {
  // The missing key written into a value a returned helper hands to the lookup: the key's source.
  const chain = new Set(
    list.filter((e) => e.kind === 'callee' && e.via?.length).map((e) => `${e.file}:${e.changedLine}`),
  );
  const onChain = (e: Evidence) => e.kind === 'literal' && !e.quoted && chain.has(`${e.file}:${e.changedLine}`);
  // A commit whose stack-file changes cannot change behaviour is discounted there, not in other files.
  const neutral = neutralDiscount(facts, p);
  const weighted = list
    .map((e) => ({ e, w: onChain(e) ? Math.max(evidenceWeight(e, p), p.producerKey) : evidenceWeight(e, p) }))
    .map(({ e, w }) => ({ e, w: e.offStack ? w : w * neutral }))
    .sort((a, b) => b.w - a.w);
  let raw =
    weighted[0].w +
    p.secondEvidence * (weighted[1]?.w ?? 0) +
    // fact: the model's form (the strongest, the second, the rest)
    p.restEvidence * weighted.slice(2).reduce((s, x) => s + x.w, 0);
  raw *= focusFactor(facts, p);
  // An added early exit only makes the crashing code run less, unless it is the crashing line.
  if (facts?.guardOnly && !list.some((e) => e.kind === 'line' && e.frameDepth === 0)) raw *= p.guardCommit;
  return { raw, weighted };
}
