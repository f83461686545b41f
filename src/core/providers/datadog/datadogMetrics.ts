/**
 * The host's (or container's) resources around an error, from Datadog's metrics query API
 * (`GET /api/v1/query?from&to&query`, seconds; needs the `timeseries_query` permission): memory,
 * CPU and disk a few minutes either side, and a note when one came close to its limit. The answer
 * shape is the official recording in test/fixtures/datadog/recorded/. Nothing here throws but a
 * cancellation: a 403, an empty window or a failure becomes a line of `missing`.
 */
import { CulpritError } from '../../errors';
import type { HttpClient } from '../../http/httpClient';
import type { ErrorEvent } from '../../model/event.types';
import { asArray, asNonEmptyString, asRecord } from '../../decode/valueDecoder';
import type { ResourceMetrics, ResourceSeries } from '../../insights/resourceContext.types';

const METRICS_QUERY_PATH = '/api/v1/query';
/** Minutes either side of the error. */
const AROUND_MS = 5 * 60_000;
const MAX_POINTS = 600;
/** A share of a limit at or above this is "close". */
const CLOSE_TO_LIMIT = 0.9;
/** Tag values Datadog accepts (lowercased on intake); anything else is not sent in a query. */
const TAG_VALUE = /^[A-Za-z0-9_.:/-]{1,200}$/;
/** Span tags naming the container, best first (the Agent's container check tags its metrics with these). */
const CONTAINER_TAGS = ['container_id', 'container_name', 'kube_container_name'];

/** One metric query and how its values read. */
interface MetricSpec {
  label: string;
  query: (scope: string) => string;
  unit: 'percent' | 'bytes';
  /** Raw value → shown value (fractions to percent). */
  scale?: (v: number) => number;
  /** The note for a peak at or above the limit, the peak given as a percent. */
  close?: (pct: number) => string;
}

const pct = (v: number): string => `${Math.round(v)}%`;
const HOST_METRICS: MetricSpec[] = [
  {
    label: 'memory used',
    query: (s) => `avg:system.mem.pct_usable{${s}}`,
    unit: 'percent',
    scale: (v) => (1 - v) * 100,
    close: (p) => `memory at ${pct(p)} of the host's memory`,
  },
  { label: 'memory used (bytes)', query: (s) => `avg:system.mem.used{${s}}`, unit: 'bytes' },
  {
    label: 'CPU user',
    query: (s) => `avg:system.cpu.user{${s}}`,
    unit: 'percent',
    close: (p) => `CPU user at ${pct(p)}`,
  },
  {
    // The fullest disk, not the average of them.
    label: 'disk in use',
    query: (s) => `max:system.disk.in_use{${s}}`,
    unit: 'percent',
    scale: (v) => v * 100,
    close: (p) => `disk ${pct(p)} full`,
  },
];
const CONTAINER_USAGE: MetricSpec = {
  label: 'container memory',
  query: (s) => `avg:container.memory.usage{${s}}`,
  unit: 'bytes',
};
const CONTAINER_LIMIT: MetricSpec = {
  label: 'container memory limit',
  query: (s) => `avg:container.memory.limit{${s}}`,
  unit: 'bytes',
};

/** The `tag:value` scopes to query for an event: its host, and its container when a tag names one. */
export function resourceScopes(event: ErrorEvent): { host: string | null; container: string | null } {
  const tags = event.tags ?? {};
  const ok = (v: unknown): string | null => (typeof v === 'string' && TAG_VALUE.test(v) ? v : null);
  const host = ok(tags.host);
  const key = CONTAINER_TAGS.find((k) => ok(tags[k]));
  return { host: host ? `host:${host}` : null, container: key ? `${key}:${tags[key]}` : null };
}

/** The points of the first series of a metrics-query answer (`series[].pointlist`), nulls dropped. */
export function readMetricsQuery(body: unknown): Array<[number, number]> {
  const rec = asRecord(body);
  if (rec?.status === 'error') {
    const why = asNonEmptyString(rec.error, 300) ?? 'no reason given';
    throw new CulpritError('bad-response', `Datadog could not run the metrics query: ${why}`);
  }
  if (!rec || !Array.isArray(rec.series))
    throw new CulpritError('bad-response', `Datadog GET ${METRICS_QUERY_PATH} did not return a series list`);
  const points: Array<[number, number]> = [];
  for (const p of asArray(asRecord(rec.series[0])?.pointlist).slice(0, MAX_POINTS)) {
    const [t, v] = Array.isArray(p) ? (p as unknown[]) : [];
    if (typeof t === 'number' && Number.isFinite(t) && typeof v === 'number' && Number.isFinite(v)) points.push([t, v]);
  }
  return points.sort((a, b) => a[0] - b[0]);
}

/** The value nearest `at`. */
function nearest(points: Array<[number, number]>, at: number): number | null {
  let best: [number, number] | null = null;
  for (const p of points) if (!best || Math.abs(p[0] - at) < Math.abs(best[0] - at)) best = p;
  return best ? best[1] : null;
}

function toSeries(spec: MetricSpec, scope: string, raw: Array<[number, number]>, at: number): ResourceSeries {
  const points = raw.map(([t, v]): [number, number] => [t, spec.scale ? spec.scale(v) : v]);
  const peak = points.length ? Math.max(...points.map((p) => p[1])) : null;
  return { label: spec.label, query: spec.query(scope), unit: spec.unit, points, atError: nearest(points, at), peak };
}

/** `1 min before the error`, `at the error`, `2 min after the error`. */
function whenText(t: number, at: number): string {
  const min = Math.round((t - at) / 60_000);
  if (min === 0) return 'at the error';
  return `${Math.abs(min)} min ${min < 0 ? 'before' : 'after'} the error`;
}

/** The note for a percent series whose peak came close to 100%. */
function closeNote(s: ResourceSeries, spec: MetricSpec, at: number): string | null {
  if (!spec.close || s.peak === null || s.peak < CLOSE_TO_LIMIT * 100) return null;
  const t = s.points.find((p) => p[1] === s.peak)?.[0] ?? at;
  return `${spec.close(s.peak)} (${whenText(t, at)})`;
}

/** Container memory as a percent of its limit, point by point (the limit's nearest point). */
function containerShare(usage: ResourceSeries, limit: ResourceSeries, scope: string, at: number): ResourceSeries {
  const points = usage.points.flatMap(([t, v]): Array<[number, number]> => {
    const l = nearest(limit.points, t);
    return l && l > 0 ? [[t, (v / l) * 100]] : [];
  });
  const peak = points.length ? Math.max(...points.map((p) => p[1])) : null;
  return {
    label: 'container memory of its limit',
    query: `${CONTAINER_USAGE.query(scope)} / ${CONTAINER_LIMIT.query(scope)}`,
    unit: 'percent',
    points,
    atError: nearest(points, at),
    peak,
  };
}

/**
 * Queries the metrics around the event's time on its host and container (from the span's tags).
 * One request per metric; the first 403 stops the rest (the key lacks `timeseries_query`).
 */
export async function resourcesAround(
  http: HttpClient,
  event: ErrorEvent,
  signal?: AbortSignal,
): Promise<ResourceMetrics> {
  const at = Date.parse(event.timestamp ?? '');
  const { host, container } = resourceScopes(event);
  const scope = [host, container].filter(Boolean).join(', ');
  const out: ResourceMetrics = {
    scope,
    from: Number.isFinite(at) ? new Date(at - AROUND_MS).toISOString() : '',
    to: Number.isFinite(at) ? new Date(at + AROUND_MS).toISOString() : '',
    errorAt: Number.isFinite(at) ? new Date(at).toISOString() : '',
    series: [],
    notes: [],
    missing: [],
  };
  if (!Number.isFinite(at)) return { ...out, missing: ['the event carries no time to query metrics around'] };
  if (!host && !container)
    return { ...out, missing: ['the span names no host or container (no `host` or `container_id` tag)'] };
  const query = { from: Math.floor((at - AROUND_MS) / 1000), to: Math.ceil((at + AROUND_MS) / 1000) };
  const jobs: Array<[MetricSpec, string]> = [
    ...(host ? HOST_METRICS.map((m): [MetricSpec, string] => [m, host]) : []),
    ...(container ? [CONTAINER_USAGE, CONTAINER_LIMIT].map((m): [MetricSpec, string] => [m, container]) : []),
  ];
  const read = new Map<MetricSpec, ResourceSeries>();
  for (const [spec, s] of jobs) {
    try {
      const res = await http.request({
        method: 'GET',
        path: METRICS_QUERY_PATH,
        query: { ...query, query: spec.query(s) },
        signal,
      });
      const series = toSeries(spec, s, readMetricsQuery(res.data), at);
      if (series.points.length === 0) out.missing.push(`no ${spec.label} points for ${s} in the window`);
      else read.set(spec, series);
    } catch (e) {
      if (CulpritError.is(e, 'cancelled') || !(e instanceof Error)) throw e;
      if (CulpritError.is(e, 'forbidden')) {
        out.missing.push('Datadog denied the metrics query (403): the application key needs timeseries_query');
        break;
      }
      out.missing.push(`${spec.label}: ${e.message.slice(0, 300)}`);
    }
  }
  for (const spec of HOST_METRICS) {
    const s = read.get(spec);
    if (!s) continue;
    out.series.push(s);
    const note = closeNote(s, spec, at);
    if (note) out.notes.push(note);
  }
  const usage = read.get(CONTAINER_USAGE);
  const limit = read.get(CONTAINER_LIMIT);
  if (usage && limit && container) {
    const share = containerShare(usage, limit, container, at);
    out.series.push(share, usage);
    const note = closeNote(
      share,
      { ...CONTAINER_USAGE, close: (p) => `memory at ${pct(p)} of the container limit` },
      at,
    );
    if (note) out.notes.push(note);
  } else if (usage) out.series.push(usage);
  return out;
}
