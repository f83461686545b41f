/**
 * "What differs" for a Datadog issue: span facets of the issue's error spans beside all spans of
 * the service over the same window, both from `POST /api/v2/spans/analytics/aggregate`
 * (`group_by` one facet, `compute` count). Also fix verification on the same endpoint.
 */
import { CulpritError } from '../../errors';
import type { HttpClient } from '../../http/httpClient';
import { asArray, asRecord, asString } from '../../decode/valueDecoder';
import { type FixStatus, type FixWatch, fixStatusFromCount } from '../../insights/fixStatus';
import { compareTagDistributions } from '../../insights/tagComparison';
import type { TagComparison, TagDistribution } from '../../insights/tagComparison.types';
import type { DatadogSourceOptions } from './datadog.types';
import { createDatadogHttp, datadogTarget, searchTerm } from './datadogApi';
import { datadogApiBaseUrl } from './datadogSites';
import { datadogWindow } from './datadogTime';
import { resourcesAround } from './datadogMetrics';
import type { ErrorEvent } from '../../model/event.types';
import type { ResourceMetrics } from '../../insights/resourceContext.types';

export const SPANS_AGGREGATE_PATH = '/api/v2/spans/analytics/aggregate';
/** Facets compared when the caller names none: route, version, host, browser, user segment. */
const DEFAULT_DATADOG_FACETS = [
  'resource_name',
  '@http.route',
  'version',
  'host',
  '@http.useragent_details.browser.family',
  '@usr.segment',
] as const;
const MAX_FACETS = 10;
const TOP_VALUES = 10;

interface DatadogWhatDiffersOptions {
  /** Facets (`version`, `@http.route`…); default DEFAULT_DATADOG_FACETS plus these. */
  facets?: string[];
  signal?: AbortSignal;
}

export interface DatadogInsights {
  whatDiffers(issueId: string, opts?: DatadogWhatDiffersOptions): Promise<TagComparison>;
  fixStatus(issueId: string, watch: FixWatch, opts?: { now?: number; signal?: AbortSignal }): Promise<FixStatus>;
  /** Host and container metrics around the event's time (datadogMetrics.ts). */
  resources(event: ErrorEvent, signal?: AbortSignal): Promise<ResourceMetrics>;
}

/** Reads aggregate buckets (`data[].attributes.by[facet]`, `.compute.c0`) into a distribution. */
export function readAggregateBuckets(facet: string, body: unknown): TagDistribution {
  const values: Array<{ value: string; count: number }> = [];
  for (const b of asArray(asRecord(body)?.data).slice(0, 1000)) {
    const attrs = asRecord(asRecord(b)?.attributes);
    const raw = asRecord(attrs?.by)?.[facet];
    const value = typeof raw === 'number' ? String(raw) : asString(raw, 1024);
    const count = countOf(attrs?.compute);
    if (value !== null && count !== null && count > 0) values.push({ value, count });
  }
  return { key: facet, values, total: null };
}

/** The first compute of a bucket (`c0`), a number or numeric string. */
function countOf(compute: unknown): number | null {
  const c = asRecord(compute);
  const v = c?.c0 ?? (c ? Object.values(c)[0] : undefined);
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
}

/** The POST body of one aggregate query; `facet` null means one total bucket. */
function aggregateBody(query: string, from: number, to: number, facet: string | null): unknown {
  const attributes: Record<string, unknown> = {
    compute: [{ aggregation: 'count', type: 'total' }],
    filter: { query, from: String(from), to: String(to) },
  };
  if (facet)
    attributes.group_by = [
      { facet, limit: TOP_VALUES, sort: { aggregation: 'count', order: 'desc', type: 'measure' } },
    ];
  return { data: { type: 'aggregate_request', attributes } };
}

/**
 * Creates the Datadog insights reader. `from`/`to` of the options are the window (default the
 * last 24 h); the failing side is the issue's error spans (`status:error @issue.id:<id>`), the
 * baseline every span of the service and env, so both sides cover the same traffic.
 */
export function createDatadogInsights(opts: DatadogSourceOptions): DatadogInsights {
  const { site, service, env } = datadogTarget(opts);
  const http = createDatadogHttp(opts, site, opts.baseUrl ?? datadogApiBaseUrl(site));
  const scope = [searchTerm('service', service), env ? searchTerm('env', env) : null].filter(Boolean).join(' ');
  const failingQuery = (issueId: string): string => `${scope} status:error ${searchTerm('@issue.id', issueId)}`;

  return {
    async whatDiffers(issueId, o = {}) {
      const id = checkId(issueId);
      const window = datadogWindow(opts.from ?? 'now-24h', opts.to ?? 'now');
      const facets = [
        ...new Set(
          [...(o.facets ?? []), ...DEFAULT_DATADOG_FACETS].filter((f) => typeof f === 'string' && f.trim() !== ''),
        ),
      ].slice(0, MAX_FACETS);
      const failTotal = await aggregateTotal(http, failingQuery(id), window, o.signal);
      const baseTotal = await aggregateTotal(http, scope, window, o.signal);
      const failing: TagDistribution[] = [];
      const baseline: TagDistribution[] = [];
      // Sequential on purpose: span analytics has a low per-org rate limit.
      for (const facet of facets) {
        const f = readAggregateBuckets(facet, (await aggregate(http, failingQuery(id), window, facet, o.signal)).data);
        if (f.values.length === 0) continue;
        failing.push({ ...f, total: failTotal });
        baseline.push({
          ...readAggregateBuckets(facet, (await aggregate(http, scope, window, facet, o.signal)).data),
          total: baseTotal,
        });
      }
      const iso = { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() };
      if (!baseTotal) {
        return compareTagDistributions(failing, {
          baseline: null,
          baselineInfo: {
            available: false,
            reason: `Datadog returned no spans for ${scope} in the window, so there is no baseline`,
          },
          window: iso,
        });
      }
      return compareTagDistributions(failing, {
        baseline,
        baselineInfo: { available: true, label: `all spans of ${scope}, same window` },
        window: iso,
      });
    },

    resources: (event, signal) => resourcesAround(http, event, signal),

    async fixStatus(issueId, watch, o = {}) {
      const id = checkId(issueId);
      const now = o.now ?? Date.now();
      const since = Date.parse(watch.since);
      if (!Number.isFinite(since))
        return { kind: 'unknown', reason: `"${String(watch.since).slice(0, 40)}" is not a time` };
      if (since >= now) return { kind: 'unknown', reason: 'the fix was watched from a time in the future' };
      const query = watch.release ? `${failingQuery(id)} ${searchTerm('version', watch.release)}` : failingQuery(id);
      try {
        const count = await aggregateTotal(http, query, { from: since, to: now }, o.signal);
        return fixStatusFromCount(count ?? 0, watch, now);
      } catch (e) {
        if (CulpritError.is(e, 'cancelled') || !CulpritError.is(e)) throw e;
        return { kind: 'unknown', reason: e.message };
      }
    },
  };
}

function checkId(id: unknown): string {
  if (typeof id !== 'string' || id.trim() === '') throw new CulpritError('invalid-input', 'no Datadog issue id given');
  return id.trim();
}

function aggregate(
  http: HttpClient,
  query: string,
  window: { from: number; to: number },
  facet: string | null,
  signal?: AbortSignal,
) {
  // Read-only, so retrying the POST after a dropped connection is safe.
  return http.request({
    method: 'POST',
    path: SPANS_AGGREGATE_PATH,
    body: aggregateBody(query, window.from, window.to, facet),
    idempotent: true,
    signal,
  });
}

async function aggregateTotal(
  http: HttpClient,
  query: string,
  window: { from: number; to: number },
  signal?: AbortSignal,
): Promise<number | null> {
  const res = await aggregate(http, query, window, null, signal);
  const body = asRecord(res.data);
  if (!body || !Array.isArray(body.data))
    throw new CulpritError('bad-response', `Datadog POST ${SPANS_AGGREGATE_PATH} did not return a data list`, {
      endpoint: SPANS_AGGREGATE_PATH,
    });
  const first = asRecord(body.data[0]);
  return body.data.length === 0 ? 0 : countOf(asRecord(first?.attributes)?.compute);
}
