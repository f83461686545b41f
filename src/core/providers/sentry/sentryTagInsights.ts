/**
 * "What differs" for a Sentry issue: each tag's values in the issue's events
 * (`GET /organizations/{org}/issues/{id}/tags/{key}/`) beside the project's error events over the
 * same window (`GET /organizations/{org}/events/?dataset=errors&field=<key>&field=count()`).
 */
import { CulpritError, messageOf } from '../../errors';
import type { HttpClient } from '../../http/httpClient';
import { asArray, asInt, asRecord, asString } from '../../decode/valueDecoder';
import { mapLimit } from '../../util/mapLimit';
import type { FixStatus, FixWatch } from '../../insights/fixStatus';
import { compareTagDistributions } from '../../insights/tagComparison';
import type { BaselineInfo, TagComparison, TagDistribution } from '../../insights/tagComparison.types';
import { seg } from './sentryApi';
import { sentryOrgClient } from './sentryContext';
import { sentryFixStatus } from './sentryFixVerification';
import type { SentrySourceOptions } from './sentry.types';

/** Tags compared when the caller names none: where a request went, what ran it, who sent it. */
const DEFAULT_SENTRY_TAG_KEYS = [
  'transaction',
  'url',
  'release',
  'environment',
  'server_name',
  'browser',
  'os',
  'user.segment',
] as const;
const MAX_KEYS = 12;
const TOP_VALUES = 10;

interface SentryWhatDiffersOptions {
  /** Tag keys to compare; default: the event's tag keys plus DEFAULT_SENTRY_TAG_KEYS. */
  keys?: string[];
  /** The window both sides cover (ISO); default `statsPeriod` 14d for the baseline. */
  window?: { from: string | null; to: string | null };
  signal?: AbortSignal;
}

/** Read-only insights over one Sentry org (tag comparison, fix verification). */
export interface SentryInsights {
  whatDiffers(issueId: string, opts?: SentryWhatDiffersOptions): Promise<TagComparison>;
  fixStatus(issueId: string, watch: FixWatch, opts?: { now?: number; signal?: AbortSignal }): Promise<FixStatus>;
}

/** Reads `{key, totalValues, topValues[{value,count}]}` into a distribution; null when unusable. */
export function readSentryTagDetails(key: string, body: unknown): TagDistribution | null {
  const o = asRecord(body);
  if (!o) return null;
  const values = asArray(o.topValues)
    .slice(0, 100)
    .map((v) => ({ value: asString(asRecord(v)?.value, 1024), count: asInt(asRecord(v)?.count) ?? 0 }))
    .filter((v): v is { value: string; count: number } => v.value !== null && v.count > 0);
  return { key, values, total: asInt(o.totalValues) };
}

/** Reads a Discover `{data:[{<key>: value, "count()": n}]}` table into a distribution. */
export function readDiscoverCounts(key: string, body: unknown): TagDistribution {
  const rows = asArray(asRecord(body)?.data).slice(0, 100);
  const values: Array<{ value: string; count: number }> = [];
  for (const r of rows) {
    const row = asRecord(r);
    const raw = row?.[key] ?? row?.[`tags[${key}]`];
    const value = typeof raw === 'number' ? String(raw) : asString(raw, 1024);
    const count = asInt(row?.['count()']);
    if (value !== null && value !== '' && count !== null && count > 0) values.push({ value, count });
  }
  return { key, values, total: null };
}

/**
 * Creates the Sentry insights reader from the same options as the source. The baseline is the
 * project's error events: Sentry has no per-request traffic unless tracing is on, and errors are
 * what it compares issues against in its own tag views.
 */
export function createSentryInsights(opts: SentrySourceOptions): SentryInsights {
  const { org, environment, getContext } = sentryOrgClient(opts);

  return {
    async whatDiffers(issueId, o = {}) {
      const { http, projectIds } = await getContext(o.signal);
      const keys = [
        ...new Set(
          [...(o.keys ?? []), ...DEFAULT_SENTRY_TAG_KEYS].filter((k) => typeof k === 'string' && k.trim() !== ''),
        ),
      ].slice(0, MAX_KEYS);
      const failing = await mapLimit(keys, 3, (key) => issueTag(http, org, issueId, key, environment, o.signal));
      const present = failing.filter((d): d is TagDistribution => d !== null && d.values.length > 0);
      const window = o.window ?? { from: null, to: null };
      let baselineInfo: BaselineInfo = { available: true, label: 'all error events in the project, same window' };
      const baseline: TagDistribution[] = [];
      for (const d of present) {
        try {
          // The top values alone would overstate each share; the window's event count is the denominator.
          const total =
            baseline.length === 0
              ? await discoverTotal(http, org, projectIds, environment, window, o.signal)
              : baseline[0].total;
          const dist = await discoverCounts(http, org, projectIds, d.key, environment, window, o.signal);
          baseline.push({ ...dist, total });
        } catch (e) {
          if (CulpritError.is(e, 'cancelled') || !CulpritError.is(e)) throw e;
          if (e.reason === 'rate-limited' || e.reason === 'timeout' || e.reason === 'network' || e.reason === 'server')
            throw e;
          // 400/403/404: this org cannot run Discover queries (plan or token scope): say so once.
          baselineInfo = {
            available: false,
            reason: `Sentry gave no baseline (the Discover events query failed: ${messageOf(e)})`,
          };
          break;
        }
      }
      return compareTagDistributions(present, {
        baseline: baselineInfo.available ? baseline : null,
        baselineInfo,
        window,
      });
    },
    async fixStatus(issueId, watch, o = {}) {
      const { http } = await getContext(o.signal);
      return sentryFixStatus(http, org, issueId, watch, { environment, now: o.now, signal: o.signal });
    },
  };
}

async function issueTag(
  http: HttpClient,
  org: string,
  issueId: string,
  key: string,
  environment: string,
  signal?: AbortSignal,
): Promise<TagDistribution | null> {
  const res = await http.request({
    path: `/api/0/organizations/${seg(org)}/issues/${seg(issueId)}/tags/${seg(key)}/`,
    query: { environment: environment || undefined },
    acceptStatuses: [404],
    signal,
  });
  return res.status === 404 ? null : readSentryTagDetails(key, res.data);
}

function discoverQuery(
  projectIds: string[],
  environment: string,
  window: { from: string | null; to: string | null },
): Record<string, string | string[] | undefined> {
  const timed = window.from && window.to ? { start: window.from, end: window.to } : { statsPeriod: '14d' };
  return {
    dataset: 'errors',
    project: projectIds.length ? projectIds : undefined,
    environment: environment || undefined,
    ...timed,
  };
}

/** Error events in the project over the window (`field=count()`), or null when not reported. */
async function discoverTotal(
  http: HttpClient,
  org: string,
  projectIds: string[],
  environment: string,
  window: { from: string | null; to: string | null },
  signal?: AbortSignal,
): Promise<number | null> {
  const res = await http.request({
    path: `/api/0/organizations/${seg(org)}/events/`,
    query: { ...discoverQuery(projectIds, environment, window), field: ['count()'], per_page: 1 },
    signal,
  });
  return asInt(asRecord(asArray(asRecord(res.data)?.data)[0])?.['count()']);
}

async function discoverCounts(
  http: HttpClient,
  org: string,
  projectIds: string[],
  key: string,
  environment: string,
  window: { from: string | null; to: string | null },
  signal?: AbortSignal,
): Promise<TagDistribution> {
  const res = await http.request({
    path: `/api/0/organizations/${seg(org)}/events/`,
    query: {
      ...discoverQuery(projectIds, environment, window),
      field: [key, 'count()'],
      sort: '-count()',
      per_page: TOP_VALUES,
    },
    signal,
  });
  return readDiscoverCounts(key, res.data);
}
