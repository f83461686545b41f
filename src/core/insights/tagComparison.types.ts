/** Models of "what differs about the failing requests": tag distributions and their comparison. */

/** How often one tag value occurred. */
interface TagValueCount {
  value: string;
  count: number;
}

/** One tag's values over a window (top values; `total` counts every event that had the tag). */
export interface TagDistribution {
  key: string;
  values: TagValueCount[];
  /** Events with this tag in the window; null when only the top values are known (their sum is used). */
  total: number | null;
}

/** Where the baseline came from, or why there is none; front ends show `reason` verbatim. */
export type BaselineInfo = { available: true; label: string } | { available: false; reason: string };

/** One value of a tag in failures beside the baseline. */
export interface ValueDiff {
  value: string;
  failingCount: number;
  /** 0..1 of failing events that had this tag. */
  failingShare: number;
  baselineCount: number | null;
  baselineShare: number | null;
  /** failingShare / baselineShare (smoothed); null without a baseline. */
  lift: number | null;
  /** True when the value is clearly more common in failures than in the baseline. */
  overRepresented: boolean;
}

export interface TagDiff {
  key: string;
  /** Ranked: over-represented values first, strongest lift first. */
  values: ValueDiff[];
  /** False when the baseline had nothing for this tag. */
  hasBaseline: boolean;
  /** Strength of the tag's top difference (failing share minus baseline share), 0 without baseline. */
  score: number;
}

/** The result the panel's "What differs" table shows. */
export interface TagComparison {
  /** Ranked: tags with the strongest over-represented value first. */
  tags: TagDiff[];
  baseline: BaselineInfo;
  /** ISO window both sides cover, when known. */
  window: { from: string | null; to: string | null };
}
