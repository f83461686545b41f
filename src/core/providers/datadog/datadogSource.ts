import { CulpritError } from '../../errors';
import { asRecord } from '../../decode/valueDecoder';
import type { ListOptions, SampleList } from '../errorSource';
import {
  DATADOG_ISSUE_STATES,
  type DatadogIssueState,
  type DatadogIssueUpdateResult,
  type DatadogSource,
  type DatadogSourceOptions,
} from './datadog.types';
import { ISSUES_SEARCH_PATH, createDatadogHttp, datadogTarget, searchTerm, seg } from './datadogApi';
import { listDirect } from './datadogDirect';
import { readIssueResponse, readIssueSearch } from './datadogDtos';
import { type SampleContext, sampleFromEvent } from './datadogSamples';
import { DatadogSampleCache, fetchIssueEvents } from './datadogSampleFetcher';
import { createDatadogRateBudget } from './datadogRateBudget';
import { datadogApiBaseUrl } from './datadogSites';
import { datadogWindow } from './datadogTime';
import { redactingSource } from '../secretRedaction';

const ISSUE_PATH = '/api/v2/error-tracking/issues';

/**
 * Creates the Datadog `ErrorSource`. Construction validates the options (site, keys, service,
 * times) and does no I/O.
 *
 * @example
 * const source = createDatadogSource({ site: 'datadoghq.eu', apiKey, appKey, service: 'orders-api' });
 * const { samples, failures } = await source.listSamples({ limit: 20 });
 */
/**
 * The order the issues are listed in: the Error Tracking Explorer's default sort, Relevance (age,
 * the last day's count, a spike in the last hour, crashes),
 * which the API names `PRIORITY` (IssuesSearchRequestDataAttributesOrderBy in the spec). Without
 * it the order was whatever the endpoint chose.
 */
const DATADOG_ISSUE_ORDER = 'PRIORITY';

export function createDatadogSource(opts: DatadogSourceOptions): DatadogSource {
  // Provider data can carry the token itself (a title, an echoed header): none of it leaves the source.
  return redactingSource(buildDatadogSource(opts), [opts.apiKey, opts.appKey]);
}

function buildDatadogSource(opts: DatadogSourceOptions): DatadogSource {
  const { site, service, env } = datadogTarget(opts);
  const track = opts.track ?? 'trace';
  if (track !== 'trace' && track !== 'logs')
    throw new CulpritError('invalid-input', `unknown Datadog track "${String(track)}"; use trace or logs`);
  const from = typeof opts.from === 'string' && opts.from.trim() !== '' ? opts.from : 'now-24h';
  const to = typeof opts.to === 'string' && opts.to.trim() !== '' ? opts.to : 'now';
  datadogWindow(from, to); // fail fast on a malformed window
  const http = createDatadogHttp(opts, site, opts.baseUrl ?? datadogApiBaseUrl(site));
  const maxConcurrent = Math.max(1, Math.floor(opts.http?.maxConcurrent ?? 4));
  const pageLimit = Math.min(1000, Math.max(1, Math.floor(opts.pageLimit ?? 100)));
  const maxPages = Math.max(1, Math.floor(opts.maxPages ?? 10));
  // Kept for the source's lifetime: a refresh searches spans only for issues seen again since.
  const cache = new DatadogSampleCache();
  const budget = createDatadogRateBudget(opts.now);

  const issueId = (id: unknown): string => {
    if (typeof id !== 'string' || id.trim() === '')
      throw new CulpritError('invalid-input', 'no Datadog issue id given');
    return id.trim();
  };

  return {
    id: 'datadog',
    baseUrl: http.baseUrl,
    site,

    async listSamples(options: ListOptions): Promise<SampleList> {
      const limit = Math.max(0, Math.floor(Number.isFinite(options.limit) ? options.limit : 0));
      if (limit === 0) return { samples: [], failures: [] };
      // Relative times are fixed once per listing so every search covers the same window.
      const ctx: SampleContext = {
        http,
        site,
        track,
        service,
        env,
        window: datadogWindow(from, to),
        signal: options.signal,
      };
      if (opts.mode === 'direct') return listDirect(ctx, { limit, query: opts.query, pageLimit, maxPages });

      const query =
        opts.query ??
        [searchTerm('service', service), env ? searchTerm('env', env) : null, '@http.status_code:500']
          .filter(Boolean)
          .join(' ');
      const res = await http.request({
        method: 'POST',
        path: ISSUES_SEARCH_PATH,
        query: { include: 'issue' },
        body: {
          data: {
            type: 'search_request',
            attributes: { query, from: ctx.window.from, to: ctx.window.to, track, order_by: DATADOG_ISSUE_ORDER },
          },
        },
        idempotent: true,
        signal: options.signal,
      });
      if (!Array.isArray(asRecord(res.data)?.data)) {
        throw new CulpritError('bad-response', `Datadog POST ${ISSUES_SEARCH_PATH} did not return a data list`, {
          endpoint: ISSUES_SEARCH_PATH,
        });
      }
      // The endpoint has no cursor: it returns the top issues of the window.
      const listed = readIssueSearch(res.data).slice(0, limit);
      const issues = listed.filter((x): x is NonNullable<typeof x> => x !== null);
      const events = await fetchIssueEvents(issues, ctx, cache, budget, maxConcurrent, opts.spanBatchSize);
      const result: SampleList = { samples: [], failures: [] };
      if (issues.length < listed.length)
        result.failures.push({ issueId: null, message: 'Datadog listed an issue without an id' });
      let stale = 0;
      issues.forEach((issue, i) => {
        const o = events[i];
        if ('event' in o) {
          result.samples.push(sampleFromEvent(issue, o.event, ctx));
          if (o.stale) stale++;
        } else {
          if (o.fatal) throw o.fatal;
          result.failures.push({ issueId: issue.id, message: `Datadog issue ${issue.id}: ${o.failure}` });
        }
      });
      if (stale > 0)
        result.failures.push({ issueId: null, message: `${budget.message()} (${stale} issues show their last event)` });
      return result;
    },
    async updateIssueState(id, state, signal): Promise<DatadogIssueUpdateResult> {
      const issue = issueId(id);
      const wanted = String(state).trim().toUpperCase() as DatadogIssueState;
      if (!DATADOG_ISSUE_STATES.includes(wanted)) {
        throw new CulpritError(
          'invalid-input',
          `unknown Datadog issue state "${String(state).slice(0, 40)}"; use one of ${DATADOG_ISSUE_STATES.join(', ')}`,
        );
      }
      const res = await http.request({
        method: 'PUT',
        path: `${ISSUE_PATH}/${seg(issue)}/state`,
        body: { data: { id: issue, type: 'error_tracking_issue', attributes: { state: wanted } } },
        signal,
      });
      const read = readIssueResponse(res.data);
      return { id: issue, state: read.state ?? wanted, assigneeId: read.assigneeId };
    },

    async assign(id, userId, signal): Promise<DatadogIssueUpdateResult> {
      const issue = issueId(id);
      if (typeof userId !== 'string' || userId.trim() === '')
        throw new CulpritError('invalid-input', 'no Datadog user id given to assign');
      const res = await http.request({
        method: 'PUT',
        path: `${ISSUE_PATH}/${seg(issue)}/assignee`,
        body: { data: { id: userId.trim(), type: 'assignee' } },
        signal,
      });
      const read = readIssueResponse(res.data);
      return { id: issue, state: read.state, assigneeId: read.assigneeId ?? userId.trim() };
    },

    async unassign(id, signal): Promise<DatadogIssueUpdateResult> {
      const issue = issueId(id);
      await http.request({ method: 'DELETE', path: `${ISSUE_PATH}/${seg(issue)}/assignee`, signal });
      return { id: issue, state: null, assigneeId: null };
    },
  };
}
