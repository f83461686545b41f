/**
 * The fitted ranking model: a linear score over each commit's features (rankFeatures), a softmax
 * over the candidate commits with a temperature calibrated on the validation split, and the
 * issue's confidence from the calibrated probabilities. Its parameters are data: the JSON file
 * `npm run fit` (scripts/fit.mjs) writes, stamped with the hash of the corpus it was fitted on.
 */
import fitted from './rankerWeights.json';
import { FEATURES } from './rankFeatures';

export interface RankerWeights {
  /** sha256 over the scenario definitions the weights were fitted on (scripts/fit.mjs). */
  corpusHash: string;
  /** Feature names, in the order of `weights`. */
  features: string[];
  weights: number[];
  /** Softmax temperature fitted on the validation split (1 = as trained). */
  calibration: { temperature: number; method: string };
  /**
   * What the labels mean, in calibrated probability of the top suspect: `high` at or above
   * `high`, `low` under `low` or when the top two are within `noiseRatio` of each other.
   */
  confidence: { high: number; low: number; noiseRatio: number };
  fittedAt: string;
}

type Confidence = 'high' | 'medium' | 'low';

/** The committed weights. */
export const RANKER_WEIGHTS: RankerWeights = fitted as RankerWeights;

/** Weights aligned to FEATURES: a feature the file does not know (added after the fit) weighs 0. */
export function alignedWeights(model: RankerWeights = RANKER_WEIGHTS): number[] {
  const byName = new Map(model.features.map((n, i) => [n, model.weights[i] ?? 0]));
  return FEATURES.map((f) => byName.get(f.name) ?? 0);
}

/** Calibrated probabilities of a softmax over `scores` at `temperature`. */
export function softmax(scores: number[], temperature: number): number[] {
  if (scores.length === 0) return [];
  const t = temperature > 0 ? temperature : 1;
  const top = Math.max(...scores);
  const e = scores.map((s) => Math.exp((s - top) / t));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

export interface IssueConfidence {
  confidence: Confidence;
  /** Set when the top two suspects are within noise of each other. */
  uncertainBetween?: [string, string];
}

/**
 * The issue's confidence from its suspects' probabilities (best first). Without a deploy range
 * the candidates are not known to contain the culprit, so the label is never `high` there.
 */
export function issueConfidence(
  ranked: Array<{ sha: string; probability: number }>,
  inRange: boolean,
  model: RankerWeights = RANKER_WEIGHTS,
): IssueConfidence {
  const [a, b] = ranked;
  if (!a) return { confidence: 'low' };
  const c = model.confidence;
  const close = b !== undefined && a.probability < c.noiseRatio * b.probability;
  const out: IssueConfidence = {
    confidence: close || a.probability < c.low ? 'low' : a.probability >= c.high && inRange ? 'high' : 'medium',
  };
  if (close && b) out.uncertainBetween = [a.sha, b.sha];
  return out;
}
