/** Compares failing-event tag distributions with a baseline to find over-represented values. */
import type { ErrorEvent } from '../model/event.types';
import type { BaselineInfo, TagComparison, TagDiff, TagDistribution, ValueDiff } from './tagComparison.types';

/** A value counts as over-represented at this lift… */
const MIN_LIFT = 1.5;
/** …and when its share in failures exceeds its baseline share by at least this much. */
const MIN_SHARE_GAP = 0.1;
const MAX_TAGS = 50;
const MAX_VALUES = 20;

export interface CompareOptions {
  /** Baseline distributions over the same window; null when the provider cannot give one. */
  baseline: TagDistribution[] | null;
  baselineInfo: BaselineInfo;
  window?: { from: string | null; to: string | null };
}

function clean(
  d: TagDistribution | null | undefined,
): { key: string; counts: Map<string, number>; total: number } | null {
  if (!d || typeof d.key !== 'string' || d.key === '') return null;
  const counts = new Map<string, number>();
  for (const v of Array.isArray(d.values) ? d.values.slice(0, 1000) : []) {
    if (!v || typeof v.value !== 'string') continue;
    const n = Number(v.count);
    if (!Number.isFinite(n) || n <= 0) continue;
    counts.set(v.value, (counts.get(v.value) ?? 0) + n);
  }
  let sum = 0;
  for (const n of counts.values()) sum += n;
  const total = typeof d.total === 'number' && Number.isFinite(d.total) && d.total >= sum ? d.total : sum;
  return { key: d.key, counts, total };
}

/**
 * Per tag, each failing value's share in failures beside its share in the baseline. The lift is
 * smoothed (half an event added to the baseline) so a value absent from the baseline's top values
 * gets a large but finite lift instead of infinity. Without a baseline, values are ranked by share
 * and nothing is marked over-represented: the UI must say there is no baseline, not guess.
 */
export function compareTagDistributions(failing: TagDistribution[], opts: CompareOptions): TagComparison {
  const baselineByKey = new Map<string, NonNullable<ReturnType<typeof clean>>>();
  for (const b of opts.baseline ?? []) {
    const c = clean(b);
    if (c && !baselineByKey.has(c.key)) baselineByKey.set(c.key, c);
  }
  const tags: TagDiff[] = [];
  const seen = new Set<string>();
  for (const f of (Array.isArray(failing) ? failing : []).slice(0, MAX_TAGS * 4)) {
    const fc = clean(f);
    if (!fc || fc.total === 0 || seen.has(fc.key)) continue;
    seen.add(fc.key);
    const base = opts.baselineInfo.available ? baselineByKey.get(fc.key) : undefined;
    const hasBaseline = !!base && base.total > 0;
    const values: ValueDiff[] = [...fc.counts].map(([value, failingCount]) => {
      const failingShare = failingCount / fc.total;
      if (!hasBaseline || !base)
        return {
          value,
          failingCount,
          failingShare,
          baselineCount: null,
          baselineShare: null,
          lift: null,
          overRepresented: false,
        };
      const baselineCount = base.counts.get(value) ?? 0;
      const baselineShare = baselineCount / base.total;
      const lift = failingShare / ((baselineCount + 0.5) / (base.total + 0.5));
      const overRepresented = lift >= MIN_LIFT && failingShare - baselineShare >= MIN_SHARE_GAP;
      return { value, failingCount, failingShare, baselineCount, baselineShare, lift, overRepresented };
    });
    values.sort(
      (a, b) =>
        Number(b.overRepresented) - Number(a.overRepresented) ||
        (b.lift ?? 0) - (a.lift ?? 0) ||
        b.failingShare - a.failingShare ||
        (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
    );
    const top = values.find((v) => v.overRepresented);
    const score = top && top.baselineShare !== null ? top.failingShare - top.baselineShare : 0;
    tags.push({ key: fc.key, values: values.slice(0, MAX_VALUES), hasBaseline, score });
  }
  tags.sort(
    (a, b) =>
      b.score - a.score ||
      Number(b.hasBaseline) - Number(a.hasBaseline) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return {
    tags: tags.slice(0, MAX_TAGS),
    baseline: opts.baselineInfo,
    window: opts.window ?? { from: null, to: null },
  };
}

/** Tag distributions counted from events (e.g. a file of events, or events fetched one by one). */
export function distributionsFromEvents(
  events: Array<Pick<ErrorEvent, 'tags'> | null | undefined>,
  keys?: string[],
): TagDistribution[] {
  const byKey = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  const wanted = keys ? new Set(keys) : null;
  for (const ev of events.slice(0, 100_000)) {
    const tags = ev?.tags;
    if (!tags || typeof tags !== 'object') continue;
    for (const [k, v] of Object.entries(tags).slice(0, 200)) {
      if (typeof v !== 'string' || (wanted && !wanted.has(k))) continue;
      let m = byKey.get(k);
      if (!m) {
        if (byKey.size >= MAX_TAGS * 4) continue;
        byKey.set(k, (m = new Map()));
      }
      m.set(v, (m.get(v) ?? 0) + 1);
      totals.set(k, (totals.get(k) ?? 0) + 1);
    }
  }
  return [...byKey].map(([key, m]) => ({
    key,
    values: [...m].map(([value, count]) => ({ value, count })),
    total: totals.get(key) ?? null,
  }));
}

/** One line for a value, e.g. `release=1.5.1: 80% of failures vs 10% overall (8.0×)`. */
export function describeValueDiff(key: string, v: ValueDiff): string {
  const pct = (x: number): string => `${Math.round(x * 100)}%`;
  if (v.baselineShare === null || v.lift === null)
    return `${key}=${v.value}: ${pct(v.failingShare)} of failures (no baseline)`;
  return (
    `${key}=${v.value}: ${pct(v.failingShare)} of failures vs ${pct(v.baselineShare)} overall ` +
    `(${v.lift.toFixed(1)}×)`
  );
}
