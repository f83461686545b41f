/**
 * How much each piece of evidence weighs. The rule: a change to the crashing frame's own line outranks a
 * change elsewhere in its function, which outranks a change elsewhere in its file; the same evidence on a
 * caller counts less the further up the stack it is; a change below where a frame stopped (code that had not
 * run yet) counts little; focused commits beat sweeping ones; commits whose stack-file changes cannot change
 * behaviour are discounted there. Pure numbers, no text.
 */
import type { BlameMode, CommitFacts, Evidence, EvidenceKind } from './evidence.types';

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
/**
 * An earlier rewrite of the crashing line; one that wrote the error's key name there; a later rewrite that
 * only carried it.
 */
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
/** An added early exit only makes the crashing code run less, unless it is the crashing line. */
export const GUARD_COMMIT = 0.6;
const QUOTED_TEXT = 1.0;
const QUOTED_WORD = 0.5;
/** A missing key whose member definition a commit removed: strong, but keys also go missing from data. */
const ENUM_MEMBER = 0.9;
/**
 * A bound moved by one (before an index error) or an `await` dropped in a helper that ran: below the crashing
 * function's own.
 */
const CALLEE_BOUND = 0.97;
/** A changed function that itself returns null, below the helper whose result was read as null. */
const NULL_ORIGIN = 0.9;
/** Each helper between the frame's call and a changed producer that only passed its value on. */
const PRODUCER_DECAY = 0.85;
export const PRODUCER_KEY = 0.92;
/** The error's own class changed its base: handlers written for the old one no longer catch it. */
const HIERARCHY = 1.1;
/** How much a score can be trusted by how the candidates were blamed. */
export const MODE_CONFIDENCE: Record<BlameMode, number> = { range: 1, 'to-only': 0.7, head: 0.5 };

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

/** One piece of evidence's weight in 0..~1.1, depth decay included. */
export function evidenceWeight(e: Evidence): number {
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
  // Writing the exact text the error quotes (a format with its punctuation) is as specific as the line;
  // a bare word less so.
  if (e.kind === 'literal' && e.quoted)
    w = /^[\w$]+$/.test(e.tokens?.[0] ?? '') || (e.tokens?.[0]?.length ?? 0) < 6 ? QUOTED_WORD : QUOTED_TEXT;
  if (e.offFlow) w *= OFF_FLOW;
  // An enum constant is not tied to a frame; a reorder or a dropped await reaches the crash like a changed
  // value.
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

/** Focused commits beat sweeping ones: 1 for a one-file commit under 30 lines, down to 0.7. */
export function focusFactor(c: CommitFacts | undefined): number {
  if (!c) return 1;
  const files = Math.max(0, c.filesChanged - 1);
  const lines = Math.max(0, c.linesAdded + c.linesRemoved - 30);
  return Math.max(0.7, 1 / (1 + 0.04 * files + 0.0004 * lines));
}

/** The factor on a commit's stack-file evidence when those changes cannot change behaviour (1 otherwise). */
export function neutralDiscount(facts: CommitFacts | undefined): number {
  if (facts?.cosmetic) return 0.25;
  if (facts?.renamed || facts?.extracted) return RENAMED_COMMIT;
  if (facts?.incidental) return INCIDENTAL_COMMIT;
  return 1;
}
