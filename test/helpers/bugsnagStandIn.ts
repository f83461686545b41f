/**
 * A real HTTP server on 127.0.0.1 that answers like Bugsnag's Data Access API v2 for the routes
 * Culprit uses (organizations, projects, errors, the events list, latest event, event by id,
 * releases); any other path is a 404, as on the real API. Every answer starts from a body recorded
 * by bugsnag-api-ruby against api.bugsnag.com (`recorded/bugsnag/*.json`) with only ids, counts,
 * timestamps and the captured stack changed, and is validated against
 * test/fixtures/bugsnag/bugsnag-data-access-subset.json. Frames, code context and request data
 * come from a real @sentry/node capture. Faults can be programmed per route.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { loadSpecValidator } from './specValidator';
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
import { FIXTURES_DIR } from './fixturesDir';
import { recordedBody } from './recordedExchanges';

type BugsnagRoute =
  'orgs' | 'projects' | 'project' | 'errors' | 'error' | 'events' | 'latestEvent' | 'event' | 'releases';

interface BugsnagStandInFault extends StandInFault {
  /** Only for requests about this error id (error, latestEvent, events filtered by error). */
  errorId?: string;
}

interface BugsnagStandInRequest {
  route: BugsnagRoute | 'unknown';
  path: string;
  query: URLSearchParams;
  at: number;
  authorization: string | undefined;
  version: string | undefined;
}

export interface BugsnagStandInOptions {
  /** When set, any other `Authorization: token …` gets a 401. */
  token?: string;
  projectId?: string;
  projectSlug?: string;
  /** Errors the list returns in total (default 5). */
  errorCount?: number;
  /** The message of error `i` (default: the event's message and ` (i)`). */
  errorMessage?: (i: number) => string;
  /** The event every error answers with (a Bugsnag event; default: the SDK fixture converted). */
  event?: Record<string, unknown>;
  /** Errors whose newest event is in another release stage (`staging`): the stage filter must skip them. */
  stagingOnly?: number[];
  /** Releases, oldest first. */
  releases?: Array<{ version: string; commit: string | null; releaseTime: string }>;
  latencyMs?: number;
}

export interface BugsnagStandIn {
  readonly url: string;
  readonly projectId: string;
  readonly requests: BugsnagStandInRequest[];
  /** Event id of error `i` (its latest event). */
  eventId(i: number): string;
  errorId(i: number): string;
  count(route?: BugsnagRoute | 'unknown'): number;
  fault(route: BugsnagRoute, fault: BugsnagStandInFault): void;
  close(): Promise<void>;
}

const BUGSNAG_SPEC = loadSpecValidator(path.join(FIXTURES_DIR, 'bugsnag', 'bugsnag-data-access-subset.json'));
/** Path templates as bugsnag-api-ruby's cassettes and SmartBear's generated client name them. */
const BUGSNAG_PATHS: Record<BugsnagRoute, string> = {
  orgs: '/user/organizations',
  projects: '/organizations/{organization_id}/projects',
  project: '/projects/{project_id}',
  errors: '/projects/{project_id}/errors',
  error: '/projects/{project_id}/errors/{error_id}',
  events: '/projects/{project_id}/events',
  latestEvent: '/errors/{error_id}/latest_event',
  event: '/projects/{project_id}/events/{event_id}',
  releases: '/projects/{project_id}/releases',
};
const P = BUGSNAG_PATHS;
const ROUTES: Array<[RegExp, BugsnagRoute]> = [
  [/^\/user\/organizations$/, 'orgs'],
  [/^\/organizations\/([^/]+)\/projects$/, 'projects'],
  [/^\/projects\/([^/]+)$/, 'project'],
  [/^\/projects\/([^/]+)\/errors$/, 'errors'],
  [/^\/projects\/([^/]+)\/errors\/([^/]+)$/, 'error'],
  [/^\/projects\/([^/]+)\/events$/, 'events'],
  [/^\/errors\/([^/]+)\/latest_event$/, 'latestEvent'],
  [/^\/projects\/([^/]+)\/events\/([^/]+)$/, 'event'],
  [/^\/projects\/([^/]+)\/releases$/, 'releases'],
];

type SdkFrame = {
  filename?: string;
  abs_path?: string;
  function?: string;
  lineno?: number;
  colno?: number;
  in_app?: boolean;
  pre_context?: string[];
  context_line?: string;
  post_context?: string[];
};
type SdkEvent = {
  exception?: {
    values?: Array<{
      type?: string;
      value?: string;
      mechanism?: { handled?: boolean };
      stacktrace?: { frames?: SdkFrame[] };
    }>;
  };
  request?: { method?: string; url?: string; headers?: Record<string, string> };
  breadcrumbs?:
    Array<{ timestamp?: number; category?: string; message?: string; type?: string }> | { values?: unknown[] };
  timestamp?: number;
  platform?: string;
  environment?: string;
};

/**
 * Re-shapes a real Sentry SDK event (captured from a running service) into the Data Access API's
 * event, starting from the recorded `viewEventById` body: Sentry lists frames oldest first and
 * the root cause first; Bugsnag lists the crashing frame first and the thrown exception first.
 * Code context becomes `{line: text}`. Fields the recording has no value for (`app.version`,
 * `request.url|httpMethod|headers|params`, `device.runtimeVersions`) are the documented ones
 * listed in test/integration/contract/bugsnagContract.test.ts.
 */
export function bugsnagEventFromSentry(
  sdk: SdkEvent,
  opts: { id: string; errorId: string; version: string; stage?: string; params?: Record<string, unknown> },
): Record<string, unknown> {
  const recorded = recordedBody<Record<string, unknown> & { exceptions: Array<{ stacktrace: object[] }> }>(
    'bugsnag',
    'viewEventById--returns-the-specified-event',
  );
  const frameTemplate = recorded.exceptions[0].stacktrace[0];
  const values = sdk.exception?.values ?? [];
  const exceptions = [...values].reverse().map((ex) => ({
    error_class: ex.type ?? 'Error',
    message: ex.value ?? '',
    stacktrace: [...(ex.stacktrace?.frames ?? [])].reverse().map((f) => {
      const line = f.lineno ?? null;
      const code: Record<string, string> = {};
      if (line !== null) {
        (f.pre_context ?? []).forEach((t, i, a) => (code[String(line - a.length + i)] = t));
        if (f.context_line !== undefined) code[String(line)] = f.context_line;
        (f.post_context ?? []).forEach((t, i) => (code[String(line + 1 + i)] = t));
      }
      return {
        ...frameTemplate,
        file: f.abs_path ?? f.filename ?? '',
        line_number: line,
        column_number: f.colno ?? null,
        method: f.function ?? null,
        in_project: f.in_app !== false,
        code: Object.keys(code).length ? code : null,
      };
    }),
  }));
  const crumbs = Array.isArray(sdk.breadcrumbs)
    ? sdk.breadcrumbs
    : ((sdk.breadcrumbs?.values ?? []) as Array<{ timestamp?: number; category?: string; message?: string }>);
  const at = new Date((sdk.timestamp ?? Date.parse('2026-10-21T12:00:00Z') / 1000) * 1000).toISOString();
  const handled = values[values.length - 1]?.mechanism?.handled;
  return {
    ...recorded,
    id: opts.id,
    url: `https://api.bugsnag.com/events/${opts.id}`,
    error_id: opts.errorId,
    received_at: at,
    exceptions,
    request: sdk.request
      ? {
          url: sdk.request.url ?? '',
          httpMethod: sdk.request.method ?? 'GET',
          headers: sdk.request.headers ?? {},
          ...(opts.params ? { params: opts.params } : {}),
        }
      : {},
    app: { ...(recorded.app as object), version: opts.version, releaseStage: opts.stage ?? 'production' },
    device: {
      ...(recorded.device as object),
      hostname: 'orders-api-7d9f',
      runtimeVersions: { node: process.versions.node },
    },
    breadcrumbs: crumbs.slice(-20).map((b) => ({
      timestamp: new Date((b.timestamp ?? 0) * 1000).toISOString(),
      name: b.message ?? b.category ?? 'log',
      type: 'log',
      metaData: { category: b.category ?? null },
    })),
    context: sdk.request?.url ? `${sdk.request.method ?? 'GET'} ${new URL(sdk.request.url).pathname}` : null,
    severity: 'error',
    unhandled: handled === false,
  };
}

/** The body's JSON, for a `huge` fault padded inside its first item (Bugsnag lists are arrays). */
function hugeText(body: unknown, fault: StandInFault | undefined): string {
  const pad = (b: unknown): string => padIfHuge(b, JSON.stringify(b), fault, 50 * 1024 * 1024);
  if (!Array.isArray(body) || body.length === 0) return pad(body);
  return `[${[pad(body[0]), ...body.slice(1).map((b) => JSON.stringify(b))].join(',')}]`;
}

const SDK_FIXTURE = path.join(FIXTURES_DIR, 'events', 'sentry-sdk-event.json');
const hex24 = (prefix: string, n: number): string => `${prefix}${n.toString(16)}`.padStart(24, '0').slice(-24);

/** Starts the stand-in on a random port. */
export async function startBugsnagStandIn(options: BugsnagStandInOptions = {}): Promise<BugsnagStandIn> {
  const projectId = options.projectId ?? '5f1e0c9a00000000000000aa';
  const projectSlug = options.projectSlug ?? 'orders-api';
  const errorCount = options.errorCount ?? 5;
  const releases = options.releases ?? [
    { version: '1.4.0', commit: 'a'.repeat(40), releaseTime: '2026-09-29T10:00:00Z' },
    { version: '1.5.0', commit: 'b'.repeat(40), releaseTime: '2026-10-21T09:00:00Z' },
  ];
  const errorId = (i: number): string => hex24('e', 0x1000 + i);
  const eventId = (i: number): string => hex24('f', 0x2000 + i);
  const baseEvent =
    options.event ??
    bugsnagEventFromSentry(JSON.parse(fs.readFileSync(SDK_FIXTURE, 'utf8')) as SdkEvent, {
      id: eventId(0),
      errorId: errorId(0),
      version: '1.5.0',
    });
  BUGSNAG_SPEC.assertValid('get', P.event, 200, baseEvent);
  const faults = new Map<BugsnagRoute, BugsnagStandInFault[]>();
  const requests: BugsnagStandInRequest[] = [];
  let url = '';

  const recordedError = recordedBody<Array<Record<string, unknown>>>(
    'bugsnag',
    'listProjectErrors--returns-errors-on-the-project',
  )[0];
  const errorBody = (i: number): Record<string, unknown> => {
    const ex = (baseEvent.exceptions as Array<{ error_class: string; message: string }>)[0];
    return {
      ...structuredClone(recordedError),
      id: errorId(i),
      project_id: projectId,
      error_class: ex.error_class,
      message: options.errorMessage?.(i) ?? `${ex.message} (${i})`,
      context: baseEvent.context,
      severity: 'error',
      original_severity: 'error',
      events: 10 * (i + 1),
      unthrottled_occurrence_count: 10 * (i + 1),
      users: i + 1,
      first_seen: '2026-10-21T09:30:00.000Z',
      last_seen: `2026-10-21T1${i % 10}:00:00.000Z`,
      first_seen_unfiltered: '2026-10-21T09:30:00.000Z',
      last_seen_unfiltered: `2026-10-21T1${i % 10}:00:00.000Z`,
      status: 'open',
      release_stages: ['production'],
      url: `${url}/projects/${projectId}/errors/${errorId(i)}`,
      project_url: `${url}/projects/${projectId}`,
    };
  };
  const indexOfError = (id: string): number => Array.from({ length: errorCount }, (_, i) => errorId(i)).indexOf(id);
  const indexOfEvent = (id: string): number => Array.from({ length: errorCount }, (_, i) => eventId(i)).indexOf(id);
  const stagingOnly = new Set(options.stagingOnly ?? []);
  const eventBody = (i: number): Record<string, unknown> => {
    const body = structuredClone(baseEvent);
    return {
      ...body,
      id: eventId(i),
      error_id: errorId(i),
      url: `${url}/events/${eventId(i)}`,
      project_url: `${url}/projects/${projectId}`,
      app: { ...(body.app as object), ...(stagingOnly.has(i) ? { releaseStage: 'staging' } : {}) },
    };
  };
  const stageOf = (event: Record<string, unknown>): string =>
    String((event.app as { releaseStage?: string }).releaseStage);
  const recordedProject = recordedBody<Record<string, unknown>>('bugsnag', 'getProject--returns-the-requested-project');
  const projectBody = (): Record<string, unknown> => ({
    ...recordedProject,
    id: projectId,
    slug: projectSlug,
    name: 'Orders API',
    type: 'express',
    release_stages: ['production', 'staging'],
    errors_url: `${url}/projects/${projectId}/errors`,
    events_url: `${url}/projects/${projectId}/events`,
    url: `${url}/projects/${projectId}`,
    // As recorded: html_url sits on the API host, its path is /{org slug}/{project slug}.
    html_url: `${url}/acme/${projectSlug}`,
    open_error_count: errorCount,
  });
  const notFound = { status: 404, body: { errors: ['Not found'] } };

  /** Offset paging with a `rel="next"` link carrying every original parameter, as Bugsnag's do. */
  const paged = (
    all: unknown[],
    q: URLSearchParams,
    pathName: string,
  ): { status: number; body: unknown; headers: Record<string, string> } => {
    const per = Math.max(1, Math.min(100, Number(q.get('per_page') ?? 30) || 30));
    const offset = Number(q.get('offset') ?? 0) || 0;
    const body = all.slice(offset, offset + per);
    const headers: Record<string, string> = { 'x-total-count': String(all.length) };
    if (offset + per < all.length) {
      const next = new URLSearchParams(q);
      next.set('offset', String(offset + per));
      headers.link = `<${url}${pathName}?${next.toString()}>; rel="next"`;
    }
    return { status: 200, body, headers };
  };

  const canned = (
    route: BugsnagRoute,
    m: RegExpExecArray,
    q: URLSearchParams,
    pathName: string,
  ): { status: number; body: unknown; headers?: Record<string, string> } => {
    if (route !== 'orgs' && route !== 'projects' && route !== 'latestEvent' && m[1] !== projectId) return notFound;
    switch (route) {
      case 'orgs': {
        const org = recordedBody<Array<Record<string, unknown>>>(
          'bugsnag',
          'listUserOrganizations--returns-users-organizations',
        )[0];
        return {
          status: 200,
          body: [{ ...org, id: '5f1e0c9a00000000000000o1', name: 'Acme', slug: 'acme' }],
        };
      }
      case 'projects':
        return m[1] === '5f1e0c9a00000000000000o1' ? { status: 200, body: [projectBody()] } : notFound;
      case 'project':
        return { status: 200, body: projectBody() };
      case 'errors':
        return paged(
          Array.from({ length: errorCount }, (_, i) => errorBody(i)),
          q,
          pathName,
        );
      case 'error': {
        const i = indexOfError(decodeURIComponent(m[2]));
        return i < 0 ? notFound : { status: 200, body: errorBody(i) };
      }
      case 'latestEvent': {
        const i = indexOfError(decodeURIComponent(m[1]));
        return i < 0 ? notFound : { status: 200, body: eventBody(i) };
      }
      case 'events': {
        // Only the filters Culprit sends are understood; the newest event first, one per error here.
        const wantError = q.get('filters[error][][value]');
        const wantStage = q.get('filters[app.release_stage][][value]');
        const all = Array.from({ length: errorCount }, (_, i) => i)
          .filter((i) => wantError === null || errorId(i) === wantError)
          .map(eventBody)
          .filter((e) => wantStage === null || stageOf(e) === wantStage);
        return paged(all, q, pathName);
      }
      case 'event': {
        const i = indexOfEvent(decodeURIComponent(m[2]));
        return i < 0 ? notFound : { status: 200, body: eventBody(i) };
      }
      case 'releases': {
        const stage = q.get('release_stage');
        const recordedRelease = recordedBody<Array<Record<string, unknown>>>(
          'bugsnag',
          'listProjectReleases--gets-as-list-of-releases',
        )[0];
        const all = [...releases]
          .reverse()
          .map((r, k) => ({
            ...recordedRelease,
            id: hex24('a', k),
            project_id: projectId,
            release_group_id: hex24('b', k),
            release_time: new Date(r.releaseTime).toISOString(),
            release_source: 'build',
            app_version: r.version,
            build_label: r.version,
            builder_name: 'ci',
            release_stage: { name: 'production' },
            ...(r.commit
              ? {
                  source_control: {
                    service: 'github',
                    commit_url: `https://github.com/acme/orders-api/commit/${r.commit}`,
                    revision: r.commit,
                    diff_url_to_previous: '',
                  },
                }
              : {}),
          }))
          .filter((r) => !stage || r.release_stage.name === stage);
        return paged(all, q, pathName);
      }
    }
  };

  const faultFor = (route: BugsnagRoute, id: string | undefined): BugsnagStandInFault | undefined =>
    takeFault(faults.get(route), (x) => x.errorId === undefined || x.errorId === id);

  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const hit = ROUTES.map(([re, route]) => ({ m: re.exec(u.pathname), route })).find((x) => x.m);
    requests.push({
      route: hit?.route ?? 'unknown',
      path: u.pathname,
      query: u.searchParams,
      at: Date.now(),
      authorization: req.headers.authorization,
      version: req.headers['x-version'] as string | undefined,
    });
    req.resume();
    req.on('end', () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      };
      if (!hit?.m || req.method !== 'GET') return send(404, { errors: ['Not found'] });
      if (req.headers['x-version'] !== '2') return send(400, { errors: ['X-Version header must be 2'] });
      if (options.token && req.headers.authorization !== `token ${options.token}`)
        return send(401, { errors: ['Unauthorized'] });
      const fault = faultFor(
        hit.route,
        hit.route === 'error'
          ? decodeURIComponent(hit.m[2])
          : hit.route === 'latestEvent'
            ? decodeURIComponent(hit.m[1])
            : hit.route === 'events'
              ? (u.searchParams.get('filters[error][][value]') ?? undefined)
              : undefined,
      );
      if (fault?.hang) return;
      answerLater(fault, options.latencyMs, () => {
        if (fault?.status && !fault.body)
          return send(fault.status, { errors: [fault.detail ?? `stand-in fault ${fault.status}`] }, fault.headers);
        const c = canned(hit.route, hit.m as RegExpExecArray, u.searchParams, u.pathname);
        BUGSNAG_SPEC.assertValid('get', P[hit.route], c.status, c.body);
        const headers = {
          'content-type': 'application/json; charset=utf-8',
          'x-ratelimit-limit': '10',
          ...c.headers,
          ...fault?.headers,
        };
        writeBody(res, fault?.status ?? c.status, headers, hugeText(c.body, fault), fault?.body);
      });
    });
  });
  url = await listenOnLoopback(server);

  return {
    url,
    projectId,
    requests,
    eventId,
    errorId,
    count: requestCounter(requests),
    fault(route, fault) {
      faults.set(route, [...(faults.get(route) ?? []), { ...fault }]);
    },
    close: () => closeStandIn(server),
  };
}
