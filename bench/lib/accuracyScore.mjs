// Scoring of the accuracy corpus: ranks → top-k rates and MRR with 95% intervals (Wilson for the
// proportions, a seeded bootstrap for the MRR), and the markdown tables the bench prints.
import { bootstrapMean, markdownTable, wilson } from './stats.mjs';

/** 1-based rank of `sha` in `list`, 0 when absent. */
export function rankOf(list, sha) {
  return list.indexOf(sha) + 1;
}

/** Top-1/3/5 and MRR of a list of ranks (0 = absent), each with its 95% interval. */
export function metrics(ranks) {
  const n = ranks.length;
  const within = (k) => ranks.filter((r) => r > 0 && r <= k).length;
  const rr = ranks.map((r) => (r > 0 ? 1 / r : 0));
  const rate = (k) => ({ value: n ? within(k) / n : 0, ci: wilson(within(k), n) });
  return {
    n,
    top1: rate(1),
    top3: rate(3),
    top5: rate(5),
    mrr: { value: n ? rr.reduce((s, x) => s + x, 0) / n : 0, ci: bootstrapMean(rr) },
  };
}

export const pct = (x) => `${(100 * x).toFixed(1)}%`;
const withCi = (m, fmt = pct) => `${fmt(m.value)} [${fmt(m.ci[0])}–${fmt(m.ci[1])}]`;
const mrrFmt = (x) => x.toFixed(3);

/** Rows of one metrics object: top-1, top-3 and MRR with intervals. */
export function metricCells(m) {
  return [m.n, withCi(m.top1), withCi(m.top3), withCi(m.mrr, mrrFmt)];
}

/** The per-width table of one split: Culprit with intervals, the baseline and random at top-1. */
export function widthTable(split, rows) {
  return markdownTable(
    [
      `${split}: range width`,
      'scenarios',
      'top-1 [95% CI]',
      'top-3 [95% CI]',
      'MRR [95% CI]',
      'baseline top-1',
      'random top-1',
    ],
    rows.map(({ label, culprit, baseline, random }) => [
      label,
      ...metricCells(culprit),
      pct(baseline.top1.value),
      pct(random.top1.value),
    ]),
  );
}

/** A breakdown table (by bug class, runtime, fold…) of Culprit's figures. */
export function groupTable(title, groups) {
  return markdownTable(
    [title, 'scenarios', 'top-1 [95% CI]', 'top-3 [95% CI]', 'MRR [95% CI]'],
    groups.map(([label, m]) => [label, ...metricCells(m)]),
  );
}

/** Results grouped by a key function, sorted by key. */
export function groupBy(results, keyOf) {
  const map = new Map();
  for (const r of results) {
    const k = keyOf(r);
    if (!map.has(k)) map.set(k, []);
    map.get(k).push(r);
  }
  return [...map].sort(([a], [b]) => String(a).localeCompare(String(b), 'en', { numeric: true }));
}
