// A softmax over one range's commits of a linear score w·x (conditional logit, the listwise
// form of a logistic ranker), fitted by full-batch gradient descent (Adam) on the negative log
// likelihood of the bug commit, with L2 on the weights of standardized features. Pure math over
// the rows corpusFeatures.mjs collects; the same ordering and floor as src/core/suspects.

const ITERATIONS = 3000;
const STEP = 0.05;

function scores(rows, w) {
  return rows.map((r) => r.features.reduce((s, x, i) => s + x * (w[i] ?? 0), 0));
}

function softmaxOf(s, t = 1) {
  const top = Math.max(...s);
  const e = s.map((v) => Math.exp((v - top) / t));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** Scenarios the model can learn from: the bug is among the candidates. */
export const usable = (data) => data.filter((d) => d.bug >= 0 && d.rows.length > 0);

/** Per-feature standard deviation over the training rows (1 where a feature never varies). */
function scales(data, dims) {
  const sd = [];
  for (let i = 0; i < dims; i++) {
    const xs = data.flatMap((d) => d.rows.map((r) => r.features[i]));
    const mean = xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
    const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length || 1);
    sd.push(v > 1e-12 ? Math.sqrt(v) : 1);
  }
  return sd;
}

/** Fitted weights in the features' own units. `drop` names feature indexes held at 0 (ablation). */
export function fitWeights(train, dims, l2, drop = new Set()) {
  const data = usable(train);
  const sd = scales(data, dims);
  const z = data.map((d) => ({
    ...d,
    rows: d.rows.map((r) => ({ ...r, features: r.features.map((x, i) => x / sd[i]) })),
  }));
  const w = new Array(dims).fill(0);
  const m = new Array(dims).fill(0);
  const v = new Array(dims).fill(0);
  for (let it = 1; it <= ITERATIONS; it++) {
    const g = w.map((wi) => 2 * l2 * wi);
    for (const d of z) {
      const p = softmaxOf(scores(d.rows, w));
      d.rows.forEach((r, j) => r.features.forEach((x, i) => (g[i] += ((p[j] - (j === d.bug ? 1 : 0)) * x) / z.length)));
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
  const ok = usable(data);
  let sum = 0;
  for (const d of ok) sum -= Math.log(Math.max(1e-300, softmaxOf(scores(d.rows, w), t)[d.bug]));
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
export function outcomes(data, w, t, linksIndex, limit = 20) {
  return data.map((d) => {
    // No candidate linked to what ran: the core reports `noSuspect` and lists nobody.
    if (!d.rows.some((r) => r.features[linksIndex] > 0))
      return { name: d.name, split: d.split, rangeSize: d.rangeSize, rank: 0, p1: 0, p2: 0, none: true };
    const s = scores(d.rows, w);
    const p = d.rows.length ? softmaxOf(s, t) : [];
    const order = d.rows
      .map((r, j) => ({ j, s: s[j], date: r.date, sha: r.sha }))
      .sort((x, y) => y.s - x.s || (y.date < x.date ? -1 : y.date > x.date ? 1 : 0) || (x.sha < y.sha ? -1 : 1));
    const listed = order.filter((o, i) => i === 0 || p[o.j] > 1 / d.rows.length).slice(0, limit);
    const rank = listed.findIndex((o) => o.j === d.bug) + 1;
    return {
      name: d.name,
      split: d.split,
      rangeSize: d.rangeSize,
      rank,
      p1: p[order[0]?.j] ?? 0,
      p2: p[order[1]?.j] ?? 0,
    };
  });
}
