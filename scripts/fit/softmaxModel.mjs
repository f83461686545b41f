// A softmax over one range's commits of a linear score w·x (conditional logit, the listwise
// form of a logistic ranker), fitted by full-batch gradient descent (Adam) on the negative log
// likelihood of the bug commit, with L2 on the weights in the features' own units (optimized on
// standardized features for conditioning). Pure math over
// the rows corpusFeatures.mjs collects; the same ordering and floor as src/core/suspects.
// A 1,000-commit range is mostly commits that touch nothing of the stack and share one feature
// vector, so each scenario is fitted over its distinct vectors with their counts (the same
// likelihood, a hundredth of the work).

const ITERATIONS = 600;
const STEP = 0.1;

const dot = (x, w) => x.reduce((s, v, i) => s + v * (w[i] ?? 0), 0);

function softmaxOf(s, t = 1, counts = null) {
  const top = Math.max(...s);
  const e = s.map((v, i) => Math.exp((v - top) / t) * (counts ? counts[i] : 1));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** Scenarios the model can learn from: the bug is among the candidates. */
export const usable = (data) => data.filter((d) => d.bug >= 0 && d.rows.length > 0);

/** One scenario as distinct feature vectors with counts; the bug's vector is its own group, `bug`. */
function grouped(d) {
  const groups = [{ x: d.rows[d.bug].features, n: 1 }];
  const at = new Map();
  d.rows.forEach((r, j) => {
    if (j === d.bug) return;
    const key = r.features.join(',');
    const g = at.get(key);
    if (g) g.n++;
    else {
      const fresh = { x: r.features, n: 1 };
      at.set(key, fresh);
      groups.push(fresh);
    }
  });
  return { xs: groups.map((g) => g.x), counts: groups.map((g) => g.n), bug: 0 };
}

const groupCache = new WeakMap();
const groupsOf = (d) => {
  if (!groupCache.has(d)) groupCache.set(d, grouped(d));
  return groupCache.get(d);
};

/** Per-feature standard deviation over the training rows (1 where a feature never varies). */
function scales(groups, dims) {
  const sd = [];
  for (let i = 0; i < dims; i++) {
    let n = 0;
    let sum = 0;
    let sq = 0;
    for (const g of groups)
      g.xs.forEach((x, k) => {
        n += g.counts[k];
        sum += g.counts[k] * x[i];
        sq += g.counts[k] * x[i] * x[i];
      });
    const mean = sum / (n || 1);
    const v = sq / (n || 1) - mean * mean;
    sd.push(v > 1e-12 ? Math.sqrt(v) : 1);
  }
  return sd;
}

/** Fitted weights in the features' own units. `drop` names feature indexes held at 0 (ablation). */
export function fitWeights(train, dims, l2, drop = new Set(), penalty = 'raw', balanced = false) {
  const ok = usable(train);
  const groups = ok.map(groupsOf);
  // Balanced: every bug class weighs the same in the likelihood, however many scenarios it has.
  const perClass = new Map();
  for (const d of ok) perClass.set(d.bugClass, (perClass.get(d.bugClass) ?? 0) + 1);
  const weightOf = ok.map((d) => (balanced ? ok.length / perClass.size / perClass.get(d.bugClass) : 1));
  const sd = scales(groups, dims);
  const z = groups.map((g) => ({ ...g, xs: g.xs.map((x) => x.map((v, i) => v / sd[i])) }));
  const w = new Array(dims).fill(0);
  const m = new Array(dims).fill(0);
  const v = new Array(dims).fill(0);
  for (let it = 1; it <= ITERATIONS; it++) {
    // L2 on the weights in the features' own units (0..1 indicators, log counts: a rare feature gets
    // no larger weight for being rare) or on the standardized ones; validation picks (scripts/fit.mjs).
    const g = w.map((wi, i) => (2 * l2 * wi) / (penalty === 'raw' ? sd[i] * sd[i] : 1));
    for (const [k, d] of z.entries()) {
      const p = softmaxOf(
        d.xs.map((x) => dot(x, w)),
        1,
        d.counts,
      );
      d.xs.forEach((x, j) => {
        const r = ((p[j] - (j === d.bug ? 1 : 0)) * weightOf[k]) / z.length;
        for (let i = 0; i < dims; i++) g[i] += r * x[i];
      });
    }
    for (let i = 0; i < dims; i++) {
      if (drop.has(i)) continue;
      m[i] = 0.9 * m[i] + 0.1 * g[i];
      v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
      w[i] -= (STEP * (m[i] / (1 - 0.9 ** it))) / (Math.sqrt(v[i] / (1 - 0.999 ** it)) + 1e-8);
    }
  }
  return w.map((wi, i) => (drop.has(i) ? 0 : wi / sd[i]));
}

/** Mean negative log likelihood of the bug commits at temperature t. */
export function nll(data, w, t = 1) {
  const ok = usable(data).map(groupsOf);
  let sum = 0;
  for (const d of ok)
    sum -= Math.log(
      Math.max(
        1e-300,
        softmaxOf(
          d.xs.map((x) => dot(x, w)),
          t,
          d.counts,
        )[d.bug],
      ),
    );
  return sum / (ok.length || 1);
}

/** The temperature minimizing validation NLL (golden-section search on ln t in [-4, 4]). */
export function fitTemperature(data, w) {
  let [a, b] = [-4, 4];
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 60; i++) {
    const c = b - phi * (b - a);
    const d = a + phi * (b - a);
    if (nll(data, w, Math.exp(c)) < nll(data, w, Math.exp(d))) b = d;
    else a = c;
  }
  return Math.exp((a + b) / 2);
}

/**
 * Each scenario's outcome under weights w at temperature t, as the core reports it: the bug's
 * 1-based rank among the listed suspects (0 when not listed: under the 1/n floor or past `limit`),
 * the top suspect's probability and the second's.
 */
export function outcomes(data, w, t, limit = 20) {
  return data.map((d) => {
    const base = { name: d.name, split: d.split, width: d.width, rangeSize: d.rangeSize };
    // No candidate linked to what ran: the core reports `noSuspect` and lists nobody.
    if (!d.rows.some((r) => r.linked)) return { ...base, rank: 0, p1: 0, p2: 0, none: true };
    const s = d.rows.map((r) => dot(r.features, w));
    const p = softmaxOf(s, t);
    const order = d.rows
      .map((r, j) => ({ j, s: s[j], date: r.date, sha: r.sha }))
      .sort((x, y) => y.s - x.s || (y.date < x.date ? -1 : y.date > x.date ? 1 : 0) || (x.sha < y.sha ? -1 : 1));
    const listed = order.filter((o, i) => i === 0 || p[o.j] > 1 / d.rows.length).slice(0, limit);
    const rank = listed.findIndex((o) => o.j === d.bug) + 1;
    return { ...base, rank, p1: p[order[0]?.j] ?? 0, p2: p[order[1]?.j] ?? 0 };
  });
}
