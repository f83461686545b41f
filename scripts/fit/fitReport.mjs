// The figures the ranking model is judged by, from outcomes (softmaxModel.mjs): top-k and MRR with
// 95% intervals, expected calibration error with its reliability table, top-1 by confidence label.
// Test-split figures are numbers only: no scenario name of the test split is ever printed.

/** Wilson score interval for k successes in n (z = 1.96, the 95% normal quantile). */
export function wilson(k, n) {
  if (n === 0) return [0, 0];
  const z = 1.96;
  const p = k / n;
  const den = 1 + (z * z) / n;
  const mid = (p + (z * z) / (2 * n)) / den;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / den;
  return [Math.max(0, mid - half), Math.min(1, mid + half)];
}

export function rankMetrics(out) {
  const n = out.length;
  const within = (k) => out.filter((o) => o.rank > 0 && o.rank <= k).length;
  const rr = out.map((o) => (o.rank > 0 ? 1 / o.rank : 0));
  const mrr = rr.reduce((a, b) => a + b, 0) / (n || 1);
  const sd = Math.sqrt(rr.reduce((a, b) => a + (b - mrr) ** 2, 0) / Math.max(1, n - 1));
  const half = (1.96 * sd) / Math.sqrt(n || 1);
  return {
    n,
    top1: [within(1) / (n || 1), ...wilson(within(1), n)],
    top3: [within(3) / (n || 1), ...wilson(within(3), n)],
    top5: [within(5) / (n || 1), ...wilson(within(5), n)],
    mrr: [mrr, Math.max(0, mrr - half), Math.min(1, mrr + half)],
  };
}

/** Ten equal-width bins of the top suspect's probability: how often the top was right in each. */
export function reliability(out) {
  const bins = Array.from({ length: 10 }, (_, i) => ({ lo: i / 10, hi: (i + 1) / 10, n: 0, hits: 0, conf: 0 }));
  for (const o of out) {
    const b = bins[Math.min(9, Math.floor(o.p1 * 10))];
    b.n++;
    b.conf += o.p1;
    if (o.rank === 1) b.hits++;
  }
  const n = out.length || 1;
  const ece = bins.reduce((s, b) => s + (b.n ? (b.n / n) * Math.abs(b.hits / b.n - b.conf / b.n) : 0), 0);
  return { bins, ece };
}

/** The core's label for one outcome (rankerModel.issueConfidence, range mode). */
export function labelOf(o, c) {
  if (o.none) return 'low';
  if (o.p1 < c.noiseRatio * o.p2 || o.p1 < c.low) return 'low';
  return o.p1 >= c.high ? 'high' : 'medium';
}

export function byConfidence(out, c) {
  const rows = {};
  for (const label of ['high', 'medium', 'low']) {
    const xs = out.filter((o) => labelOf(o, c) === label);
    const hits = xs.filter((o) => o.rank === 1).length;
    rows[label] = { n: xs.length, top1: xs.length ? hits / xs.length : null, ci: wilson(hits, xs.length) };
  }
  return rows;
}

const pct = (x) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
export const withCi = ([v, lo, hi], f = pct) => `${f(v)} (${f(lo)}–${f(hi)})`;

export function metricsRow(label, m) {
  return `| ${label} | ${m.n} | ${withCi(m.top1)} | ${withCi(m.top3)} | ${withCi(m.top5)} | ${withCi(m.mrr, (x) => x.toFixed(3))} |`;
}

export function reliabilityTable(rel) {
  const lines = ['| top probability | scenarios | mean probability | top-1 rate |', '|---|---|---|---|'];
  for (const b of rel.bins.filter((x) => x.n))
    lines.push(
      `| ${b.lo.toFixed(1)}–${b.hi.toFixed(1)} | ${b.n} | ${(b.conf / b.n).toFixed(3)} | ${pct(b.hits / b.n)} |`,
    );
  return lines.join('\n');
}

export function confidenceTable(rows) {
  const lines = ['| confidence | scenarios | top-1 (95% CI) |', '|---|---|---|'];
  for (const [label, r] of Object.entries(rows))
    lines.push(`| ${label} | ${r.n} | ${r.n ? `${pct(r.top1)} (${pct(r.ci[0])}–${pct(r.ci[1])})` : '—'} |`);
  return lines.join('\n');
}
