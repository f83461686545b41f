// The candidate forms of the suspects' probability map (src/core/suspects/suspectProbability.ts), and
// their grouped cross-validation over train+validation: each fold holds whole bug classes
// (bench/lib/folds.mjs), the map is fitted on the other folds and scored on the fold, so the
// out-of-fold figures measure bug classes the map never saw. The form is chosen by those figures.
import { foldOf, FOLDS } from '../../bench/lib/folds.mjs';
import { reliability } from './fitReport.mjs';

const sigmoid = (x) => 1 / (1 + Math.exp(-x));
/** Log-odds, clamped so that a probability of exactly 0 or 1 stays finite. */
const logit = (p) => {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log(q / (1 - q));
};

/**
 * The same arithmetic as candidateProbabilities in suspectProbability.ts: raw^k / (e^c + Σ raw^k), then
 * the top candidate's log-odds mapped by topShift + topSlope × logit (1 and 0: unchanged), the others and
 * "none" keeping their shares of the rest.
 */
export function probabilities(raws, model) {
  const { exponent: k, noneLogWeight: c, topShift = 0, topSlope = 1, margin = false } = model;
  const logs = raws.map((r) => (r > 0 ? k * Math.log(r) : -Infinity));
  const top = Math.max(c, ...logs);
  const w = logs.map((l) => Math.exp(l - top));
  const none = Math.exp(c - top);
  const sum = w.reduce((a, b) => a + b, none);
  const p = w.map((v) => v / sum);
  const first = logs.indexOf(Math.max(...logs));
  if (first < 0 || !(p[first] > 0) || (topShift === 0 && topSlope === 1)) return { p, none: none / sum };
  const q = sigmoid(topShift + topSlope * (margin ? marginOf(raws, first, c / k) : logit(p[first])));
  const rest = 1 - p[first];
  const scale = rest > 0 ? (1 - q) / rest : 0;
  return { p: p.map((v, i) => (i === first ? q : v * scale)), none: rest > 0 ? (none / sum) * scale : 1 - q };
}

const raws = (d) => d.rows.map((r) => r.raw);

/** ln(top strength / the second's), the second being "none"'s strength when the top is alone. */
function marginOf(rs, first, logNone) {
  let second = logNone;
  rs.forEach((r, i) => {
    if (i !== first && r > 0) second = Math.max(second, Math.log(r));
  });
  return Math.log(rs[first]) - second;
}

/**
 * Mean negative log likelihood of the truth: the bug commit, or "none" when it left no evidence. `balanced`:
 * every bug class weighs the same, however many scenarios it has.
 */
export function nll(set, model, balanced = false) {
  const perClass = new Map();
  for (const d of set) perClass.set(d.bugClass, (perClass.get(d.bugClass) ?? 0) + 1);
  let loss = 0;
  for (const d of set) {
    const { p, none } = probabilities(raws(d), model);
    const w = balanced ? set.length / perClass.size / perClass.get(d.bugClass) : 1;
    loss -= w * Math.log(Math.max(1e-12, d.bug >= 0 ? p[d.bug] : none));
  }
  return loss / (set.length || 1);
}

/** "None of these" weighs as a commit that touches nothing of what ran: the median such strength. */
function noneStrengthOf(set) {
  const unlinked = set.flatMap((d) => d.rows.filter((r) => !r.linked && r.raw > 0).map((r) => r.raw));
  unlinked.sort((a, b) => a - b);
  return unlinked[unlinked.length >> 1] ?? 1;
}

/** Minimizes f over a log grid of `lo`..`hi` (base 2), then once more around the best. */
function scanLog(f, lo, hi) {
  let best = { x: 1, loss: Infinity };
  const scan = (xs) => {
    for (const x of xs) {
      const loss = f(x);
      if (loss < best.loss) best = { x, loss };
    }
  };
  const steps = Math.round((hi - lo) / 0.15);
  scan(Array.from({ length: steps + 1 }, (_, i) => 2 ** (lo + i * 0.15)));
  const { x } = best;
  scan(Array.from({ length: 21 }, (_, i) => x * 2 ** (-0.15 + i * 0.015)));
  return best;
}

/** The exponent by likelihood, "none" at the strength of a commit that touches nothing of what ran. */
function fitExponent(set, balanced = false) {
  const noneStrength = noneStrengthOf(set);
  const model = (k) => ({ exponent: k, noneLogWeight: k * Math.log(noneStrength) });
  const { x } = scanLog((k) => nll(set, model(k), balanced), -3, 6);
  return { ...model(x), noneStrength };
}

/** The exponent by the top label's likelihood instead of the bug commit's. */
function fitExponentTop(set) {
  const noneStrength = noneStrengthOf(set);
  const model = (k) => ({ exponent: k, noneLogWeight: k * Math.log(noneStrength) });
  const { x } = scanLog((k) => topLoss(calibratedOutcomes(set, model(k))), -3, 6);
  return { ...model(x), noneStrength };
}

/** Exponent and the "none" weight both by likelihood (coordinate scans, three rounds). */
function fitExponentNone(set) {
  let m = fitExponent(set);
  for (let round = 0; round < 3; round++) {
    let best = { c: m.noneLogWeight, loss: nll(set, m) };
    for (let i = -40; i <= 40; i++) {
      const c = m.noneLogWeight + i * 0.25;
      const loss = nll(set, { ...m, noneLogWeight: c });
      if (loss < best.loss) best = { c, loss };
    }
    m = { ...m, noneLogWeight: best.c };
    const { x } = scanLog((k) => nll(set, { ...m, exponent: k }), -3, 6);
    m = { ...m, exponent: x };
  }
  return m;
}

/**
 * Logistic regression of "the top suspect is the culprit" on the top probability's log-odds (Platt
 * scaling of the top label), by Newton's method; `slopeFixed` holds the slope at 1 (a shift only).
 */
function fitTopMap(set, base, slopeFixed = false, margin = false) {
  const xs = [];
  for (const d of set) {
    const { p } = probabilities(raws(d), base);
    const x = margin ? marginOf(raws(d), 0, base.noneLogWeight / base.exponent) : logit(p[0]);
    if (p.length && p[0] > 0) xs.push({ x, y: d.bug === 0 ? 1 : 0 });
  }
  let [a, b] = [0, 1];
  for (let it = 0; it < 50; it++) {
    let [ga, gb, haa, hab, hbb] = [0, 0, 1e-6, 0, 1e-6];
    for (const { x, y } of xs) {
      const q = sigmoid(a + b * x);
      const r = q - y;
      const v = q * (1 - q);
      ga += r;
      gb += r * x;
      haa += v;
      hab += v * x;
      hbb += v * x * x;
    }
    if (slopeFixed) a -= ga / haa;
    else {
      const det = haa * hbb - hab * hab;
      a -= (hbb * ga - hab * gb) / det;
      b -= (haa * gb - hab * ga) / det;
    }
  }
  return { ...base, topShift: a, topSlope: b, ...(margin ? { margin } : {}) };
}

/** The candidate forms, by the count of numbers each ships. */
export const FORMS = [
  { name: 'exponent', numbers: 1, fit: fitExponent },
  { name: 'exponent, bug classes weighed alike', numbers: 1, fit: (set) => fitExponent(set, true) },
  { name: 'exponent (by the top label)', numbers: 1, fit: fitExponentTop },
  { name: 'exponent + none weight', numbers: 2, fit: fitExponentNone },
  { name: 'exponent + top shift', numbers: 2, fit: (set) => fitTopMap(set, fitExponent(set), true) },
  { name: 'exponent + top Platt map', numbers: 3, fit: (set) => fitTopMap(set, fitExponent(set)) },
  { name: 'top by the top-two margin', numbers: 3, fit: (set) => fitTopMap(set, fitExponent(set), false, true) },
];

/** Per scenario: the bug's rank, the top two probabilities, and whether the core would say "none of these". */
export function calibratedOutcomes(set, model) {
  return set.map((d) => {
    const { p, none } = probabilities(raws(d), model);
    const linked = d.rows.some((r) => r.linked);
    return {
      name: d.name,
      split: d.split,
      rangeSize: d.rangeSize,
      rank: d.bug >= 0 ? d.bug + 1 : 0,
      p1: p[0] ?? 0,
      p2: p[1] ?? 0,
      none: !d.rows.length || !linked || none >= (p[0] ?? 0),
    };
  });
}

/** Mean log loss of "the top suspect is the culprit" at the top probability (the top label's likelihood). */
export function topLoss(out) {
  const loss = out.reduce((s, o) => s - Math.log(Math.max(1e-12, o.rank === 1 ? o.p1 : 1 - o.p1)), 0);
  return loss / (out.length || 1);
}

/** Out-of-fold outcomes of `form` over `set` (train+validation), and its out-of-fold ECE, NLL and top-label loss. */
export function crossValidate(set, form) {
  const out = [];
  let loss = 0;
  for (let f = 0; f < FOLDS; f++) {
    const held = set.filter((d) => foldOf(d.bugClass) === f);
    if (!held.length) continue;
    const model = form.fit(set.filter((d) => foldOf(d.bugClass) !== f));
    out.push(...calibratedOutcomes(held, model));
    loss += nll(held, model) * held.length;
  }
  return { out, ece: reliability(out).ece, nll: loss / (set.length || 1), topLoss: topLoss(out) };
}
