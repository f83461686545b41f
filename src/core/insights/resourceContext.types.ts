/** The resources around an error, as the detail panel shows them: event contexts and host metrics. */

/** One group of facts the event itself carried (Sentry `contexts`, Bugsnag `device`/`app`). */
export interface RuntimeFactGroup {
  /** `runtime`, `os`, `device`, `app`. */
  group: string;
  /** `Runtime`, `Operating system`… */
  title: string;
  /** [label, value], values already formatted (`23.1 GiB`, `3 min`). */
  rows: Array<[string, string]>;
}

/** One metric around the error time. */
export interface ResourceSeries {
  /** What it measures, in words: `memory used`, `CPU user`, `disk in use`, `container memory`. */
  label: string;
  /** The metric query sent (`avg:system.cpu.user{host:web-1}`). */
  query: string;
  /** `percent` (0–100) or `bytes`. */
  unit: 'percent' | 'bytes';
  /** [epoch ms, value], oldest first, bounded. */
  points: Array<[number, number]>;
  /** The point nearest the error time. */
  atError: number | null;
  /** The highest point in the window. */
  peak: number | null;
}

/** Host or container metrics a few minutes either side of the error (Datadog metrics query). */
export interface ResourceMetrics {
  /** The scope queried: `host:orders-api-7f9c`, `container_id:3f2c…`. */
  scope: string;
  from: string;
  to: string;
  /** The error's time (ISO). */
  errorAt: string;
  series: ResourceSeries[];
  /** A limit that came close: `memory at 97% of the container limit (1 min before the error)`. */
  notes: string[];
  /** What is missing and why: a 403 (no `timeseries_query`), no points in the window, a failure. */
  missing: string[];
}
