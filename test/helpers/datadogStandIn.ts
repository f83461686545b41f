/**
 * A real HTTP server on 127.0.0.1 that answers like Datadog's API for the routes Culprit uses
 * (Error Tracking search/state/assignee, span and log search, the v1 metrics query). Issue bodies
 * start from the spec's `x-recorded-examples`, metrics from the recording in test/fixtures/datadog, spans and logs from the dd-trace captures in test/fixtures/events;
 * every request body and every canned response is validated against the OpenAPI subset, so
 * neither side can drift from what Datadog documents. Faults can be programmed per route.
 */
import fs from 'node:fs';
import http from 'node:http';
import {
  answerLater,
  closeStandIn,
  listenOnLoopback,
  padIfHuge,
  requestCounter,
  takeFault,
  writeBody,
  type StandInFault,
} from './standInResponse';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { loadSpecValidator } from './specValidator';
import { FIXTURES_DIR } from './fixturesDir';
import { metricsAnswer } from './datadogMetricsAnswer';

type DatadogRoute = 'issues' | 'state' | 'assign' | 'unassign' | 'spans' | 'logs' | 'metrics';

interface DatadogStandInFault extends StandInFault {
  /** Only for requests about this issue (span/log searches naming its `@issue.id`, or its id in the path). */
  issueId?: string;
}

interface DatadogStandInIssue {
  id: string;
  errorType: string;
  errorMessage: string;
  /** Stack text of the issue's events (default: the captured Node stack). */
  stack?: string;
  /** Span `custom.language` (default `javascript`). */
  language?: string;
  count?: number;
  firstSeenVersion?: string;
  lastSeenVersion?: string;
  state?: string;
  /** Error events of this issue in the span/log data set (default: `eventsPerIssue`); 0 = none to find. */
  events?: number;
  /** The span's `git.commit.sha` tag (default: the captured one). */
  commit?: string;
  /** `http.request_id` of the issue's events (for lookups by request/correlation ID). */
  requestId?: string;
  /** More span tags of the issue's events (`container_id:…`). */
  spanTags?: string[];
  /** Epoch ms of the issue's `last_seen` (default: the newest event's time); tests move it to mean "seen again". */
  lastSeenMs?: number;
}

interface DatadogStandInRequest {
  route: DatadogRoute | 'unknown';
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  at: number;
  hasApiKey: boolean;
  hasAppKey: boolean;
}

export interface DatadogStandInOptions {
  /** When set, another DD-API-KEY gets a 401. */
  apiKey?: string;
  /** When set, another DD-APPLICATION-KEY gets a 403. */
  appKey?: string;
  /** Issues (default: three generated ones). */
  issues?: DatadogStandInIssue[];
  /** Error events per issue in the span/log data set (default 1). */
  eventsPerIssue?: number;
  /** Pages one item shorter than asked while more remain (a short page is not the end). */
  shortPages?: boolean;
  /**
   * Span/log searches allowed per window (Datadog: 300 an hour per org for span search). Every
   * search answer carries `X-RateLimit-Limit|Period|Remaining|Reset|Name`; past the budget, 429.
   */
  searchBudget?: number;
  /** Seconds to the budget's reset, as sent in `X-RateLimit-Reset` (default 1800). */
  searchResetSeconds?: number;
  /**
   * Metrics the query API has, by metric name (`system.mem.pct_usable`): a value, or values spread
   * over the asked window. Metrics not named answer an empty `series`. Default: every metric
   * answers the recorded points.
   */
  metrics?: Record<string, number | number[]>;
  /** The metrics query answers 403 (the application key lacks `timeseries_query`). */
  metricsForbidden?: boolean;
  /** Spans carry no `issue.id` (data indexed before Error Tracking grouped it). */
  noIssueIds?: boolean;
  /** The error message of default issue `i` (to echo a secret in provider data). */
  errorMessage?: (i: number) => string;
  latencyMs?: number;
}

export interface DatadogStandIn {
  readonly url: string;
  readonly requests: DatadogStandInRequest[];
  readonly issues: DatadogStandInIssue[];
  count(route?: DatadogRoute): number;
  fault(route: DatadogRoute, fault: DatadogStandInFault): void;
  close(): Promise<void>;
}

export const DD_SPEC = loadSpecValidator('datadog-openapi-subset.json');
const P = {
  issues: '/api/v2/error-tracking/issues/search',
  issue: '/api/v2/error-tracking/issues/{issue_id}',
  state: '/api/v2/error-tracking/issues/{issue_id}/state',
  assignee: '/api/v2/error-tracking/issues/{issue_id}/assignee',
  spans: '/api/v2/spans/events/search',
  logs: '/api/v2/logs/events/search',
};
const FIXTURES = path.join(FIXTURES_DIR, 'events');
const SPAN = (
  JSON.parse(fs.readFileSync(path.join(FIXTURES, 'dd-api-span.json'), 'utf8')) as {
    data: Array<Record<string, unknown>>;
  }
).data[0];
const LOG = (
  JSON.parse(fs.readFileSync(path.join(FIXTURES, 'dd-api-log.json'), 'utf8')) as {
    data: Array<Record<string, unknown>>;
  }
).data[0];
/** The real commit the capture tagged its spans with. */
export const DD_FIXTURE_SHA = '4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39';

type Recorded = {
  scenario: string;
  entries: Array<{ request: { method: string }; response: { status: number; body: unknown } }>;
};
function recorded(scenario: string, method: string): unknown {
  const all = DD_SPEC.spec['x-recorded-examples'] as Recorded[];
  const hit = all
    .find((r) => r.scenario === scenario)
    ?.entries.find((e) => e.request.method === method && e.response.status < 300);
  if (!hit) throw new Error(`no recorded ${method} in ${scenario}`);
  return structuredClone(hit.response.body);
}
const ISSUE_BODY = recorded('Get-the-details-of-an-error-tracking-issue-returns-OK-response', 'GET') as {
  data: Record<string, unknown>;
};
const SEARCH_BODY = recorded('Search-error-tracking-issues-returns-OK-response', 'POST');
const RESULT_ITEM = (
  recorded('Get-the-details-of-an-error-tracking-issue-returns-OK-response', 'POST') as {
    data: Array<Record<string, unknown>>;
  }
).data[0];

/** Request-body validators for the operations the stand-in answers. */
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
const requestSchemas: Record<string, ValidateFunction> = {};
const requestValidator = (name: string): ValidateFunction =>
  (requestSchemas[name] ??= ajv.compile({
    allOf: [{ $ref: `#/components/schemas/${name}` }],
    components: DD_SPEC.spec.components,
  }));

const ROUTES: Array<[RegExp, DatadogRoute, string, string | null]> = [
  [/^\/api\/v2\/error-tracking\/issues\/search$/, 'issues', 'POST', 'IssuesSearchRequest'],
  [/^\/api\/v2\/error-tracking\/issues\/([^/]+)\/state$/, 'state', 'PUT', 'IssueUpdateStateRequest'],
  [/^\/api\/v2\/error-tracking\/issues\/([^/]+)\/assignee$/, 'assign', 'PUT', 'IssueUpdateAssigneeRequest'],
  [/^\/api\/v2\/error-tracking\/issues\/([^/]+)\/assignee$/, 'unassign', 'DELETE', null],
  [/^\/api\/v2\/spans\/events\/search$/, 'spans', 'POST', 'SpansListRequest'],
  [/^\/api\/v2\/logs\/events\/search$/, 'logs', 'POST', 'LogsListRequest'],
  [/^\/api\/v1\/query$/, 'metrics', 'GET', null],
];

const STACKS = path.join(FIXTURES_DIR, 'stacks');
/** Three issues whose stacks are real runtime output: the dd-trace capture, a Node and a Python crash. */
const defaultIssues = (): DatadogStandInIssue[] =>
  [
    {
      id: '5f8ebd5c-6dd9-11f0-8a28-da7ad0900010',
      errorType: 'Error',
      errorMessage: 'Could not price order ord_1000',
      count: 10,
    },
    {
      id: '5f8ebd5c-6dd9-11f0-8a28-da7ad0900011',
      errorType: 'TypeError',
      errorMessage: "Cannot read properties of undefined (reading 'price')",
      stack: fs.readFileSync(path.join(STACKS, 'node-typeerror.txt'), 'utf8'),
      count: 20,
    },
    {
      id: '5f8ebd5c-6dd9-11f0-8a28-da7ad0900012',
      errorType: 'KeyError',
      errorMessage: "'ZZ9'",
      stack: fs.readFileSync(path.join(STACKS, 'python-plain.txt'), 'utf8'),
      language: 'python',
      count: 30,
    },
  ].map((x) => ({ firstSeenVersion: '1.4.0', lastSeenVersion: '1.5.0', ...x }));

/** Starts the stand-in on a random port. */
export async function startDatadogStandIn(options: DatadogStandInOptions = {}): Promise<DatadogStandIn> {
  const issues =
    options.issues ??
    defaultIssues().map((x, i) => (options.errorMessage ? { ...x, errorMessage: options.errorMessage(i) } : x));
  const perIssue = options.eventsPerIssue ?? 1;
  const faults = new Map<DatadogRoute, DatadogStandInFault[]>();
  const requests: DatadogStandInRequest[] = [];
  const base = Date.parse('2026-11-24T20:30:44.987Z');

  // Newest first: event n of issue i; ids above 2^53 so a lossy parse would show.
  const events = issues.flatMap((iss, i) =>
    Array.from({ length: iss.events ?? perIssue }, (_, k) => ({ iss, n: k * issues.length + i })),
  );
  events.sort((a, b) => a.n - b.n);
  const ids = (n: number): { trace: string; span: string } => ({
    trace: (18446744073709551615n - BigInt(n)).toString(),
    span: (9007199254740993n + BigInt(n)).toString(),
  });
  const spanOf = (iss: DatadogStandInIssue, n: number): Record<string, unknown> => {
    const s = structuredClone(SPAN) as {
      id: string;
      attributes: Record<string, unknown> & { custom: Record<string, unknown> };
    };
    const { trace, span } = ids(n);
    const custom = s.attributes.custom;
    custom.error = {
      type: iss.errorType,
      message: iss.errorMessage,
      stack: iss.stack ?? (custom.error as { stack: string }).stack,
    };
    custom.language = iss.language ?? 'javascript';
    if (!options.noIssueIds) custom.issue = { id: iss.id };
    custom.http = {
      ...(custom.http as object),
      route: `/api/orders/${issues.indexOf(iss)}`,
      ...(iss.requestId ? { request_id: iss.requestId } : {}),
    };
    Object.assign(s.attributes, {
      trace_id: trace,
      span_id: span,
      start_timestamp: new Date(base - n * 1000).toISOString(),
      end_timestamp: new Date(base - n * 1000 + 6).toISOString(),
    });
    s.id = `AYMz${String(n).padStart(20, '0')}`;
    if (iss.spanTags) s.attributes.tags = [...(s.attributes.tags as string[]), ...iss.spanTags];
    if (iss.commit) {
      const tags = s.attributes.tags as string[];
      s.attributes.tags = tags.map((t) => (t.startsWith('git.commit.sha:') ? `git.commit.sha:${iss.commit}` : t));
    }
    return s;
  };
  const logOf = (iss: DatadogStandInIssue, n: number): Record<string, unknown> => {
    const l = structuredClone(LOG) as {
      id: string;
      attributes: Record<string, unknown> & { attributes: Record<string, unknown> };
    };
    const { trace, span } = ids(n);
    const inner = l.attributes.attributes;
    inner.error = {
      kind: iss.errorType,
      message: iss.errorMessage,
      stack: iss.stack ?? (inner.error as { stack: string }).stack,
    };
    inner.dd = { ...(inner.dd as object), trace_id: trace, span_id: span };
    if (!options.noIssueIds) inner.issue = { id: iss.id };
    inner.http = {
      ...(inner.http as object),
      route: `/api/orders/${issues.indexOf(iss)}`,
      ...(iss.requestId ? { request_id: iss.requestId } : {}),
    };
    l.attributes.timestamp = new Date(base - n * 1000).toISOString();
    l.id = `AYbG${String(n).padStart(20, '0')}`;
    return l;
  };
  const issueAttrs = (iss: DatadogStandInIssue): Record<string, unknown> => ({
    ...(ISSUE_BODY.data.attributes as object),
    error_type: iss.errorType,
    error_message: iss.errorMessage,
    first_seen: base - 86_400_000,
    last_seen: iss.lastSeenMs ?? base,
    first_seen_version: iss.firstSeenVersion ?? '',
    last_seen_version: iss.lastSeenVersion ?? '',
    languages: ['JAVASCRIPT'],
    platform: 'BACKEND',
    service: 'orders-api',
    state: iss.state ?? 'OPEN',
  });

  const unquote = (v: string): string => (v.startsWith('"') ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v);
  /**
   * The issues a span/log query is about: `@issue.id:x` or `@issue.id:(x OR y)` (the attribute
   * Error Tracking puts on the events it groups), or `@error.type|kind:T` (every issue of type T).
   * Undefined: no such term, every event matches.
   */
  const issuesOfQuery = (query: string): DatadogStandInIssue[] | undefined => {
    const byId = /@issue\.id:(?:\(([^)]*)\)|("(?:[^"\\]|\\.)*"|\S+))/.exec(query);
    if (byId) {
      const ids = (byId[1] !== undefined ? byId[1].split(/\s+OR\s+/) : [byId[2]]).map((x) => unquote(x.trim()));
      return options.noIssueIds ? [] : issues.filter((x) => ids.includes(x.id));
    }
    const m = /@error\.(?:type|kind):("(?:[^"\\]|\\.)*"|\S+)/.exec(query);
    if (!m) return undefined;
    const type = unquote(m[1]);
    return issues.filter((x) => x.errorType === type);
  };
  let searchesLeft = options.searchBudget ?? Infinity;
  const budgetHeaders = (): Record<string, string> =>
    options.searchBudget === undefined
      ? {}
      : {
          'x-ratelimit-limit': String(options.searchBudget),
          'x-ratelimit-period': '3600',
          'x-ratelimit-remaining': String(Math.max(0, searchesLeft)),
          'x-ratelimit-reset': String(options.searchResetSeconds ?? 1800),
          'x-ratelimit-name': 'spans_search',
        };

  const page = (kind: 'spans' | 'logs', body: Record<string, unknown>): { status: number; body: unknown } => {
    const attrs =
      kind === 'spans' ? ((body.data as Record<string, unknown>).attributes as Record<string, unknown>) : body;
    const filter = (attrs.filter ?? {}) as { query?: string };
    const pg = (attrs.page ?? {}) as { limit?: number; cursor?: string };
    const only = issuesOfQuery(filter.query ?? '');
    // A lookup by ID (`@http.request_id:X OR … trace_id:X`) matches the events carrying that request or trace id.
    const wanted = /@http\.request_id:(?:"((?:[^"\\]|\\.)*)"|([^\s)]+))/.exec(filter.query ?? '');
    const wantedId = wanted ? (wanted[1] !== undefined ? wanted[1].replace(/\\(.)/g, '$1') : wanted[2]) : null;
    const matching = events.filter(
      (e) =>
        (!only || only.includes(e.iss)) &&
        (wantedId === null || e.iss.requestId === wantedId || ids(e.n).trace === wantedId),
    );
    const offset = pg.cursor
      ? (JSON.parse(Buffer.from(pg.cursor, 'base64url').toString('utf8')) as { offset: number }).offset
      : 0;
    const limit = pg.limit ?? 10;
    const remaining = matching.length - offset;
    const take =
      options.shortPages && remaining > limit ? Math.max(1, limit - 1) : Math.min(limit, Math.max(0, remaining));
    const slice = matching.slice(offset, offset + take);
    const next =
      offset + take < matching.length
        ? Buffer.from(JSON.stringify({ offset: offset + take })).toString('base64url')
        : undefined;
    const out = {
      data: slice.map((e) => (kind === 'spans' ? spanOf(e.iss, e.n) : logOf(e.iss, e.n))),
      meta: { elapsed: 12, request_id: 'pddv1-standin', status: 'done', page: next ? { after: next } : {} },
    };
    DD_SPEC.assertValid('post', kind === 'spans' ? P.spans : P.logs, 200, out);
    return { status: 200, body: out };
  };

  const canned = (
    route: DatadogRoute,
    m: RegExpExecArray,
    q: URLSearchParams,
    body: Record<string, unknown>,
  ): { status: number; body: unknown } => {
    const notFound = {
      status: 404,
      body: { errors: [{ status: '404', title: 'Not Found', detail: 'issue not found' }] },
    };
    const issue = m[1] ? issues.find((x) => x.id === decodeURIComponent(m[1])) : undefined;
    switch (route) {
      case 'issues': {
        const out: Record<string, unknown> = {
          ...(SEARCH_BODY as object),
          data: issues.map((iss) => ({
            ...structuredClone(RESULT_ITEM),
            id: iss.id,
            attributes: { total_count: iss.count ?? 1, impacted_users: 2 },
            relationships: { issue: { data: { id: iss.id, type: 'issue' } } },
          })),
        };
        if ((q.get('include') ?? '').split(',').includes('issue'))
          out.included = issues.map((iss) => ({ id: iss.id, type: 'issue', attributes: issueAttrs(iss) }));
        DD_SPEC.assertValid('post', P.issues, 200, out);
        return { status: 200, body: out };
      }
      case 'state':
      case 'assign': {
        if (!issue) return notFound;
        if (route === 'state')
          issue.state = ((body.data as Record<string, unknown>).attributes as { state: string }).state;
        const out = {
          data: {
            ...structuredClone(ISSUE_BODY.data),
            id: issue.id,
            attributes: issueAttrs(issue),
            ...(route === 'assign'
              ? { relationships: { assignee: { data: { id: (body.data as { id: string }).id, type: 'user' } } } }
              : {}),
          },
        };
        DD_SPEC.assertValid('put', route === 'state' ? P.state : P.assignee, 200, out);
        return { status: 200, body: out };
      }
      case 'unassign':
        return issue ? { status: 204, body: null } : notFound;
      case 'spans':
      case 'logs':
        return page(route, body);
      case 'metrics':
        return metricsAnswer(q, options.metrics);
    }
  };

  const faultFor = (route: DatadogRoute, issueIds: string[]): DatadogStandInFault | undefined =>
    takeFault(faults.get(route), (x) => x.issueId === undefined || issueIds.includes(x.issueId));

  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const hit = ROUTES.map(([re, route, method, schema]) => ({ m: re.exec(u.pathname), route, method, schema })).find(
      (x) => x.m && x.method === req.method,
    );
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      requests.push({
        route: hit?.route ?? 'unknown',
        method: req.method ?? '',
        path: u.pathname,
        query: u.searchParams,
        body,
        at: Date.now(),
        hasApiKey: typeof req.headers['dd-api-key'] === 'string',
        hasAppKey: typeof req.headers['dd-application-key'] === 'string',
      });
      const send = (status: number, b: unknown, headers: Record<string, string> = {}): void => {
        if (status === 204) {
          res.writeHead(204, headers);
          return void res.end();
        }
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(b));
      };
      if (!hit?.m) return send(404, { errors: ['Not found'] });
      if (options.apiKey && req.headers['dd-api-key'] !== options.apiKey)
        return send(401, { errors: ['Unauthorized'] });
      if (
        (options.appKey && req.headers['dd-application-key'] !== options.appKey) ||
        (hit.route === 'metrics' && options.metricsForbidden)
      )
        return send(403, { errors: ['Forbidden'] });
      if (hit.schema) {
        const validate = requestValidator(hit.schema);
        if (!validate(body))
          return send(400, { errors: [`request does not match ${hit.schema}: ${ajv.errorsText(validate.errors)}`] });
      }
      const rec = (body ?? {}) as Record<string, unknown>;
      const query =
        hit.route === 'spans'
          ? ((rec.data as Record<string, Record<string, { query?: string }>>).attributes?.filter?.query ?? '')
          : ((rec.filter as { query?: string } | undefined)?.query ?? '');
      const search = hit.route === 'spans' || hit.route === 'logs';
      const named = search
        ? (issuesOfQuery(query) ?? []).map((x) => x.id)
        : hit.m[1]
          ? [decodeURIComponent(hit.m[1])]
          : [];
      const fault = faultFor(hit.route, named);
      if (fault?.hang) return;
      if (search && searchesLeft-- <= 0) {
        searchesLeft = 0;
        return send(429, { errors: ['Too many requests'] }, budgetHeaders());
      }
      answerLater(fault, options.latencyMs, () => {
        if (fault?.status && !fault.body)
          return send(fault.status, { errors: [fault.detail ?? `stand-in fault ${fault.status}`] }, fault.headers);
        const c = canned(hit.route, hit.m as RegExpExecArray, u.searchParams, rec);
        if (c.status === 204 && !fault) return send(204, null);
        const status = fault?.status ?? c.status;
        const headers = {
          'content-type': 'application/json',
          ...(search ? budgetHeaders() : {}),
          ...fault?.headers,
        };
        const text = padIfHuge(c.body, JSON.stringify(c.body), fault, 50 * 1024 * 1024);
        writeBody(res, status, headers, text, fault?.body);
      });
    });
  });
  const url = await listenOnLoopback(server);

  return {
    url,
    requests,
    issues,
    count: requestCounter(requests),
    fault(route, fault) {
      faults.set(route, [...(faults.get(route) ?? []), { ...fault }]);
    },
    close: () => closeStandIn(server),
  };
}
