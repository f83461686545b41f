/**
 * Calibrated probabilities over a deploy range's candidate commits, from the strength of each one's
 * evidence (the ranker's raw score): p(commit) = raw^k / (e^c + Σ raw^k). The e^c term stands for
 * "none of these commits": a culprit whose change left no evidence on what ran (data, config or
 * infrastructure outside the repository, or a commit outside the range); it weighs as one more commit
 * that touches nothing of what ran, since a corpus whose culprits are all in range cannot teach it.
 * A form may then map the top candidate's log-odds, or its margin over the second, by topShift + topSlope × x,
 * the others keeping their shares of the rest. The form and its numbers are chosen by grouped (by bug class)
 * cross-validation over the accuracy corpus's train and validation splits (`npm run fit`), stored with
 * the corpus hash; scripts/fit/calibrationForms.mjs does the same arithmetic.
 */
import calibration from './suspectCalibration.json';
import type { BlameMode } from './evidence.types';

type Confidence = 'high' | 'medium' | 'low';

export interface SuspectCalibration {
  /** sha256 over the corpus the parameters were fitted on (scripts/fit.mjs). */
  corpusHash: string;
  method: string;
  exponent: number;
  /** exponent × ln(the strength of a commit that touches nothing of what ran). */
  noneLogWeight: number;
  /** The top candidate's log-odds map, when the form has one (absent: 0 and 1, unchanged). */
  topShift?: number;
  topSlope?: number;
  /** The map reads ln(top strength / the second's) (the second: "none"'s strength when alone), not the log-odds. */
  margin?: boolean;
  /**
   * The labels' definitions, in calibrated probability of the top suspect: `high` at or above `high`
   * (in a deploy range), `low` under `low` or when the top one is under `noiseRatio` times the second.
   */
  confidence: { high: number; low: number; noiseRatio: number };
  fittedAt: string;
}

export const SUSPECT_CALIBRATION: SuspectCalibration = calibration as SuspectCalibration;

export interface CandidateProbabilities {
  /** One per raw score, in the same order. */
  probabilities: number[];
  /** The probability that none of the candidates is the culprit. */
  none: number;
}

/** Probabilities of `raws` (evidence strengths ≥ 0) and of "none of these". */
export function candidateProbabilities(
  raws: number[],
  model: SuspectCalibration = SUSPECT_CALIBRATION,
): CandidateProbabilities {
  // In log space: a strength of 0 has probability 0; large exponents cannot overflow.
  const logs = raws.map((r) => (r > 0 ? model.exponent * Math.log(r) : -Infinity));
  const top = Math.max(model.noneLogWeight, ...logs);
  const weights = logs.map((l) => Math.exp(l - top));
  const none = Math.exp(model.noneLogWeight - top);
  const sum = weights.reduce((a, b) => a + b, none);
  const p = weights.map((w) => w / sum);
  const { topShift = 0, topSlope = 1 } = model;
  const first = logs.indexOf(Math.max(...logs));
  if (first < 0 || !(p[first] > 0) || (topShift === 0 && topSlope === 1)) return { probabilities: p, none: none / sum };
  const x = model.margin ? marginOf(raws, first, model.noneLogWeight / model.exponent) : logit(p[first]);
  const q = 1 / (1 + Math.exp(-(topShift + topSlope * x)));
  // The rest keeps its shares; when the top took everything (the rest underflowed), "none" takes what is left.
  const rest = 1 - p[first];
  const scale = rest > 0 ? (1 - q) / rest : 0;
  return {
    probabilities: p.map((v, i) => (i === first ? q : v * scale)),
    none: rest > 0 ? (none / sum) * scale : 1 - q,
  };
}

/** ln(the top strength / the second's), the second being "none"'s strength when the top is alone. */
function marginOf(raws: number[], first: number, logNone: number): number {
  let second = logNone;
  raws.forEach((r, i) => {
    if (i !== first && r > 0) second = Math.max(second, Math.log(r));
  });
  return Math.log(raws[first]) - second;
}

/** Log-odds, clamped so that a probability of exactly 0 or 1 stays finite. */
function logit(p: number): number {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p)); // bound: keeps the logarithm finite
  return Math.log(q / (1 - q));
}

export interface IssueVerdict {
  confidence: Confidence;
  /** Set when the top two suspects are within noise of each other: their SHAs, best first. */
  uncertainBetween?: [string, string];
  /** Set when the likeliest outcome is that none of the listed commits is the culprit: why. */
  noSuspect?: string;
}

/**
 * The issue's verdict from its suspects' probabilities (best first) and that of "none of these".
 * Without a deploy range the candidates are not known to hold the culprit: never `high` there.
 */
export function issueVerdict(
  ranked: Array<{ sha: string; probability: number }>,
  none: number,
  mode: BlameMode,
  linked: boolean,
  model: SuspectCalibration = SUSPECT_CALIBRATION,
): IssueVerdict {
  const [a, b] = ranked;
  if (!a || !linked || none >= a.probability)
    return {
      confidence: 'low',
      noSuspect: !a
        ? 'no commit in the searched history touches the code that ran'
        : !linked
          ? 'no commit in the range touches the code that ran or what the error names: the cause may be data, ' +
            'configuration or infrastructure, or a commit outside the range'
          : `more likely none of these commits (${percent(none)}) than the first (${percent(a.probability)})`,
    };
  const c = model.confidence;
  const close = b !== undefined && a.probability < c.noiseRatio * b.probability;
  const confidence: Confidence =
    close || a.probability < c.low ? 'low' : a.probability >= c.high && mode === 'range' ? 'high' : 'medium';
  return close && b ? { confidence, uncertainBetween: [a.sha, b.sha] } : { confidence };
}

const percent = (p: number) => `${Math.round(p * 100)}%`; // fact: a percentage
