import { getMaxListeners, setMaxListeners } from 'node:events';
import { CulpritError, messageOf } from '../../errors';
import type { HttpClient } from '../../http/httpClient';
import type { ErrorEvent } from '../../model/event.types';
import type { ErrorSample } from '../../model/group.types';
import type { ListOptions, ListTotal, SampleFailure } from '../errorSource';
import { createDeployResolver, type DeployResolver, listSentryReleases } from './deployHints';
import { decodeSentryRestEvent, looksLikeSentryRestEvent } from './restEvent';
import { fetchPages, seg } from './sentryApi';
import { sentryOrgClient } from './sentryContext';
import { type IssueDto, readCommitters, readIssue, toSentryGroup } from './sentryDtos';
import type {
  SentryIssueUpdateResult,
  SentrySampleList,
  SentrySource,
  SentrySourceOptions,
  SentrySuspectCommit,
} from './sentry.types';
import { redactingSource } from '../secretRedaction';

/**
 * Production 500s whether or not the SDK marked them unhandled: an Express, Flask or Spring error
 * handler that answers 500 reports the exception through `captureException`, which the SDKs send
 * as a handled event at level `error` (Sentry's Express integration `shouldHandleError`:
 * errors with a 5xx status are captured; Hono's `sentry()` middleware likewise captures status
 * >= 500). `error.unhandled:true` dropped all of those. `issue.category:error` keeps performance,
 * feedback and CSP issues out; `level:[error,fatal]` keeps warnings and logged messages out.
 */
const SENTRY_DEFAULT_QUERY = 'is:unresolved issue.category:error level:[error,fatal]';
const MAX_PAGE = 100;
/** Failures that concern the whole source, not one issue: stop and tell the user. */
const FATAL = new Set(['auth', 'forbidden', 'cancelled']);

/**
 * Creates the Sentry `ErrorSource`. Construction does no I/O; the org's region and project ids
 * are learned on first use and kept for the source's lifetime (failures are not kept).
 *
 * @example
 * const source = createSentrySource({ token, org: 'acme', projects: ['orders-api'] });
 * const { samples, failures, sentrySuspects } = await source.listSamples({ limit: 20 });
 */
export function createSentrySource(opts: SentrySourceOptions): SentrySource {
  // Provider data can carry the token itself (a title, an echoed header): none of it leaves the source.
  return redactingSource(buildSentrySource(opts), [opts.token]);
}

function buildSentrySource(opts: SentrySourceOptions): SentrySource {
  const { org, environment, getContext } = sentryOrgClient(opts);
  const maxConcurrent = Math.max(1, Math.floor(opts.http?.maxConcurrent ?? 4));

  return {
    id: 'sentry',

    async listSamples(options: ListOptions): Promise<SentrySampleList> {
      const limit = Math.max(0, Math.floor(Number.isFinite(options.limit) ? options.limit : 0));
      const result: SentrySampleList = { samples: [], failures: [], sentrySuspects: new Map() };
      if (limit === 0) return result;
      const { http, projectIds } = await getContext(options.signal);
      const pageSize = Math.min(MAX_PAGE, limit);
      const total: { value?: ListTotal } = {};
      const items = await fetchPages(
        http,
        {
          path: `/api/0/organizations/${seg(org)}/issues/`,
          query: {
            project: projectIds,
            environment: environment || undefined,
            statsPeriod: opts.period ?? '14d',
            sort: opts.sort ?? 'date',
            query: opts.query ?? SENTRY_DEFAULT_QUERY,
            limit: pageSize,
          },
          signal: options.signal,
        },
        limit,
        Math.ceil(limit / pageSize) + 5,
        total,
      );
      if (total.value) result.total = total.value;
      const deploys = createDeployResolver(http, org, environment, opts.logger);
      // Twice as many issues under way as requests allowed (the HTTP limiter keeps that bound): with
      // one per slot, each slot stood empty while its issue's answer was parsed and decoded and its
      // deploy looked up; with a request always queued, a slot is refilled as soon as it frees.
      const pool = maxConcurrent * 2;
      // Each issue under way can wait on the signal twice (a queued request, a retry's back-off): above
      // Node's default of 10 listeners, which it reports as a leak although every one is removed.
      const signal = options.signal;
      if (signal) setMaxListeners(Math.max(getMaxListeners(signal), 10 + 2 * pool), signal);
      const outcomes = await mapPool(items, pool, (item, index) =>
        sampleFor(item, {
          details: index < DETAILS_FOR_FIRST,
          http,
          org,
          environment,
          deploys,
          suspects: !!opts.suspects,
          signal: options.signal,
          log: opts.logger,
        }),
      );
      for (const o of outcomes) {
        if ('failure' in o) result.failures.push(o.failure);
        else {
          result.samples.push(o.sample);
          if (o.suspects.length > 0) result.sentrySuspects.set(o.sample.group.id, o.suspects);
        }
      }
      return result;
    },

    async listReleases(signal) {
      const { http, projectIds } = await getContext(signal);
      return listSentryReleases(http, org, projectIds, signal);
    },

    async updateIssue(issueId, update, signal): Promise<SentryIssueUpdateResult> {
      const { http } = await getContext(signal);
      const body: Record<string, unknown> = {};
      if (update.status !== undefined) body.status = update.status;
      if (update.statusDetails !== undefined) body.statusDetails = update.statusDetails;
      if (update.assignedTo !== undefined) body.assignedTo = update.assignedTo ?? '';
      const res = await http.request({
        method: 'PUT',
        path: `/api/0/organizations/${seg(org)}/issues/${seg(String(issueId))}/`,
        body,
        signal,
      });
      const data = res.data as Record<string, unknown> | null;
      return { id: String(issueId), status: typeof data?.status === 'string' ? data.status : (update.status ?? null) };
    },
  };
}

/**
 * Issues whose details are asked for their firstRelease: one request each against Sentry's
 * per-endpoint rate limit, so only the first ones of a long listing (the ones a view shows).
 */
const DETAILS_FOR_FIRST = 100;

interface SampleDeps {
  /** Whether to ask the issue details for firstRelease. */
  details?: boolean;
  http: HttpClient;
  org: string;
  environment: string;
  deploys: DeployResolver;
  suspects: boolean;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

type Outcome = { sample: ErrorSample; suspects: SentrySuspectCommit[] } | { failure: SampleFailure };

/** Builds one sample; anything confined to this issue becomes a failure, fatal reasons rethrow. */
async function sampleFor(item: unknown, deps: SampleDeps): Promise<Outcome> {
  const issue = readIssue(item);
  if (!issue) return { failure: { issueId: null, message: 'Sentry listed an issue without an id' } };
  try {
    // The list leaves firstRelease out; the issue details carry it (a bonus: its failure costs the label only).
    const [event, firstRelease] = await Promise.all([latestEvent(issue, deps), issueFirstRelease(issue, deps)]);
    if (firstRelease) issue.firstRelease = firstRelease;
    const deploy = await deps.deploys.resolve(event.release, issue.projectId, deps.signal);
    const suspects =
      deps.suspects && issue.projectSlug && event.eventId ? await committers(issue, event.eventId, deps) : [];
    const sample: ErrorSample = {
      group: toSentryGroup(issue, event, deps.environment || null),
      event,
      deploy,
    };
    return { sample, suspects };
  } catch (e) {
    if (CulpritError.is(e) && FATAL.has(e.reason)) throw e;
    if (!CulpritError.is(e) && !(e instanceof Error)) throw e;
    return { failure: { issueId: issue.id, message: `Sentry issue ${issue.id}: ${messageOf(e)}` } };
  }
}

/** The issue's latest event, else Sentry's recommended one (latest can 404 after retention). */
async function latestEvent(issue: IssueDto, deps: SampleDeps): Promise<ErrorEvent> {
  for (const which of ['latest', 'recommended']) {
    const res = await deps.http.request({
      path: `/api/0/organizations/${seg(deps.org)}/issues/${seg(issue.id)}/events/${which}/`,
      query: { environment: deps.environment || undefined },
      signal: deps.signal,
      acceptStatuses: [404],
    });
    if (res.status === 404) continue;
    if (!looksLikeSentryRestEvent(res.data)) {
      throw new CulpritError('bad-response', `the ${which} event is not a Sentry event object (no entries)`);
    }
    return decodeSentryRestEvent(res.data);
  }
  throw new CulpritError('not-found', 'no event found (latest and recommended both answered 404)');
}

/** `firstRelease.version` from `GET /organizations/{org}/issues/{id}/`; null when absent or unavailable. */
async function issueFirstRelease(issue: IssueDto, deps: SampleDeps): Promise<string | null> {
  if (issue.firstRelease || !deps.details) return issue.firstRelease;
  try {
    const res = await deps.http.request({
      path: `/api/0/organizations/${seg(deps.org)}/issues/${seg(issue.id)}/`,
      signal: deps.signal,
      acceptStatuses: [404],
    });
    return res.status === 404 ? null : (readIssue(res.data)?.firstRelease ?? null);
  } catch (e) {
    if (CulpritError.is(e) && FATAL.has(e.reason)) throw e;
    deps.log?.(`sentry: details of issue ${issue.id} unavailable, no first release (${messageOf(e)})`);
    return null;
  }
}

/** Sentry's suspect commits (private endpoint): a 404 means "none"; other failures are logged, not fatal. */
async function committers(issue: IssueDto, eventId: string, deps: SampleDeps): Promise<SentrySuspectCommit[]> {
  try {
    const res = await deps.http.request({
      path: `/api/0/projects/${seg(deps.org)}/${seg(issue.projectSlug ?? '')}/events/${seg(eventId)}/committers/`,
      signal: deps.signal,
      acceptStatuses: [404],
    });
    return res.status === 404 ? [] : readCommitters(res.data);
  } catch (e) {
    if (CulpritError.is(e, 'cancelled')) throw e;
    deps.log?.(`sentry: suspect commits for issue ${issue.id} unavailable (${messageOf(e)})`);
    return [];
  }
}

/** Maps with at most `width` calls pending, keeping input order. */
async function mapPool<T, R>(items: T[], width: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}
