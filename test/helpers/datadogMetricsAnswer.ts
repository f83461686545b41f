/**
 * The Datadog stand-in's answer to `GET /api/v1/query`: the official recording
 * (test/fixtures/datadog/recorded/QueryMetrics--…) with its query, window, timestamps and, when a
 * test names them, its values changed; every key the recording has and no other.
 */
import { recordedBody } from './recordedExchanges';

/** Seconds between points for a short window (Datadog picks the rollup; 20 s for ten minutes). */
const INTERVAL_S = 20;

interface RecordedSeries {
  metric: string;
  scope: string;
  expression: string;
  display_name: string;
  interval: number;
  start: number;
  end: number;
  length: number;
  pointlist: Array<[number, number | null]>;
}

export function metricsAnswer(
  q: URLSearchParams,
  metrics: Record<string, number | number[]> | undefined,
): { status: number; body: unknown } {
  const body = recordedBody('datadog', 'QueryMetrics--query-timeseries-points-returns-ok-response');
  const from = Number(q.get('from'));
  const to = Number(q.get('to'));
  const query = q.get('query') ?? '';
  const m = /^(?:[a-z]+:)?([^{]+)\{([^}]*)\}/.exec(query);
  // A malformed query: the real API answers 400 with `errors`.
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to <= from || !m)
    return { status: 400, body: { errors: ['Error parsing query'] } };
  const [, metric, scope] = m;
  const recorded = body.series[0] as RecordedSeries;
  const times: number[] = [];
  for (let t = Math.ceil(from / INTERVAL_S) * INTERVAL_S; t <= to; t += INTERVAL_S) times.push(t * 1000);
  const wanted = metrics === undefined ? recorded.pointlist.map((p) => p[1] ?? 0) : metrics[metric];
  Object.assign(body, { query, from_date: from * 1000, to_date: to * 1000 });
  if (wanted === undefined) {
    body.series = [];
    return { status: 200, body };
  }
  const values = typeof wanted === 'number' ? [wanted] : wanted;
  const pointlist = times.map((t, i): [number, number] => [
    t,
    values[Math.min(values.length - 1, Math.floor((i * values.length) / times.length))],
  ]);
  Object.assign(recorded, {
    metric,
    scope,
    expression: query,
    display_name: metric,
    interval: INTERVAL_S,
    start: times[0],
    end: times[times.length - 1] + INTERVAL_S * 1000 - 1,
    length: pointlist.length,
    pointlist,
  });
  return { status: 200, body };
}
