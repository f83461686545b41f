/**
 * A real HTTP server on 127.0.0.1 that answers like Sentry's REST API for the routes Culprit
 * uses. Bodies start from the official examples in the OpenAPI subset (events from the fixture
 * captured from the real SDK) and every canned body is validated against the spec, so the
 * stand-in cannot drift from what Sentry documents. Faults can be programmed per route.
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
import { loadSpecValidator } from './specValidator';
import { FIXTURES_DIR } from './fixturesDir';
import { recordedBody } from './recordedExchanges';

type SentryRoute =
  | 'org'
  | 'projects'
  | 'issues'
  | 'event'
  | 'release'
  | 'releases'
  | 'deploys'
  | 'committers'
  | 'updateIssue'
  | 'eventids'
  | 'shortids'
  | 'issue'
  | 'projectEvent'
  | 'issueTag'
  | 'issueEvents'
  | 'discover';

export interface SentryStandInFault extends StandInFault {
  /** Only for requests about this issue id (event, committers, updateIssue). */
  issueId?: string;
}

interface StandInRequest {
  route: SentryRoute | 'unknown';
  method: string;
  path: string;
  query: URLSearchParams;
  at: number;
  authorization: string | undefined;
  /** The JSON request body (PUTs), when it parsed. */
  body?: unknown;
}

export interface SentryStandInOptions {
  org?: string;
  projects?: Array<{ id: string; slug: string }>;
  /** Issues the list returns in total (default 5). */
  issueCount?: number;
  /** Title of issue i (default `TypeError: boom i`). */
  issueTitle?: (i: number) => string;
  /** `links.regionUrl` of the org (default: this server's URL). */
  regionUrl?: string;
  /** Whether org details embed `projects` (Sentry's detailed view does; default true). */
  orgIncludesProjects?: boolean;
  /** When set, any other bearer token gets a 401. */
  token?: string;
  /** Delay for every response, ms (default 0). */
  latencyMs?: number;
  /**
   * Releases, oldest first: version, commit sha, creation date, and the environments it was
   * deployed to (default `['production']`; `[]` for a release with no deploys recorded).
   */
  releases?: Array<{ version: string; commit: string; dateCreated: string; environments?: string[] }>;
  /** The REST event every issue answers with (default: the captured fixture); validated against the spec. */
  event?: Record<string, unknown>;
  /**
   * `firstRelease.version` of every issue's details (default: the served event's release when it is one of
   * `releases`, as for an issue first seen in the release it crashed in; else the oldest release).
   */
  firstRelease?: string;
  /** Tag values of every issue's events (issueTag route), per key: [value, count] pairs. */
  issueTags?: Record<string, Array<[string, number]>>;
  /** The project's error events per tag key (discover route), and their total (`field=count()` alone). */
  discover?: { total: number; byKey: Record<string, Array<[string, number]>> };
  /** Events the issueEvents route lists (per issue, any query); default 0. */
  issueEventCount?: number;
}

export interface SentryStandIn {
  readonly url: string;
  readonly requests: StandInRequest[];
  count(route?: SentryRoute): number;
  /** Most requests seen in flight at once. */
  readonly maxInFlight: number;
  fault(route: SentryRoute, fault: SentryStandInFault): void;
  /** Drops the faults not yet used up (all routes, or one). */
  clearFaults(route?: SentryRoute): void;
  close(): Promise<void>;
}

const SPEC = loadSpecValidator('sentry-openapi-subset.json');
const P = {
  org: '/api/0/organizations/{organization_id_or_slug}/',
  issues: '/api/0/organizations/{organization_id_or_slug}/issues/',
  issue: '/api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/',
  event: '/api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/events/{event_id}/',
  releases: '/api/0/organizations/{organization_id_or_slug}/releases/',
  release: '/api/0/organizations/{organization_id_or_slug}/releases/{version}/',
  eventids: '/api/0/organizations/{organization_id_or_slug}/eventids/{event_id}/',
  shortids: '/api/0/organizations/{organization_id_or_slug}/shortids/{issue_id}/',
  projectEvent: '/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/events/{event_id}/',
};
const EVENT_FIXTURE = path.join(FIXTURES_DIR, 'events', 'sentry-rest-event.json');

/** The event every issue serves: the SDK-captured fixture when present, else the spec example. */
function baseEvent(given?: Record<string, unknown>): Record<string, unknown> {
  const ev = given
    ? given
    : fs.existsSync(EVENT_FIXTURE)
      ? (JSON.parse(fs.readFileSync(EVENT_FIXTURE, 'utf8')) as Record<string, unknown>)
      : (SPEC.example('get', P.event, 200) as Record<string, unknown>);
  SPEC.assertValid('get', P.event, 200, ev);
  return ev;
}

const ROUTES: Array<[RegExp, SentryRoute, string]> = [
  [/^\/api\/0\/organizations\/[^/]+\/$/, 'org', 'GET'],
  [/^\/api\/0\/organizations\/[^/]+\/projects\/$/, 'projects', 'GET'],
  [/^\/api\/0\/organizations\/[^/]+\/issues\/$/, 'issues', 'GET'],
  [/^\/api\/0\/organizations\/[^/]+\/issues\/([^/]+)\/events\/(latest|recommended|oldest)\/$/, 'event', 'GET'],
  [/^\/api\/0\/organizations\/[^/]+\/issues\/([^/]+)\/$/, 'updateIssue', 'PUT'],
  [/^\/api\/0\/organizations\/[^/]+\/releases\/$/, 'releases', 'GET'],
  [/^\/api\/0\/organizations\/[^/]+\/releases\/([^/]+)\/$/, 'release', 'GET'],
  [/^\/api\/0\/organizations\/[^/]+\/releases\/([^/]+)\/deploys\/$/, 'deploys', 'GET'],
  [/^\/api\/0\/projects\/[^/]+\/[^/]+\/events\/([^/]+)\/committers\/$/, 'committers', 'GET'],
  [/^\/api\/0\/organizations\/[^/]+\/issues\/([^/]+)\/tags\/([^/]+)\/$/, 'issueTag', 'GET'],
  [/^\/api\/0\/organizations\/[^/]+\/issues\/([^/]+)\/events\/$/, 'issueEvents', 'GET'],
  [/^\/api\/0\/organizations\/[^/]+\/events\/$/, 'discover', 'GET'],
  // Event-ID lookup: events of issue N have the id N left-padded with 'e' to 32 hex digits.
  [/^\/api\/0\/organizations\/[^/]+\/eventids\/([^/]+)\/$/, 'eventids', 'GET'],
  [/^\/api\/0\/organizations\/[^/]+\/shortids\/([^/]+)\/$/, 'shortids', 'GET'],
  [/^\/api\/0\/organizations\/[^/]+\/issues\/([^/]+)\/$/, 'issue', 'GET'],
  [/^\/api\/0\/projects\/[^/]+\/[^/]+\/events\/([^/]+)\/$/, 'projectEvent', 'GET'],
];

/** Starts the stand-in on a random port. */
export async function startSentryStandIn(options: SentryStandInOptions = {}): Promise<SentryStandIn> {
  const org = options.org ?? 'acme';
  const projects = options.projects ?? [
    { id: '11', slug: 'orders-api' },
    { id: '12', slug: 'billing' },
  ];
  const issueCount = options.issueCount ?? 5;
  const releases = options.releases ?? [
    { version: 'orders-api@1.4.0', commit: 'a'.repeat(40), dateCreated: '2026-11-20T10:00:00Z' },
    { version: 'orders-api@1.5.0', commit: 'b'.repeat(40), dateCreated: '2026-11-24T10:00:00Z' },
  ];
  const event = baseEvent(options.event);
  const eventRelease = (event.release as { version?: unknown } | null | undefined)?.version;
  const firstRelease =
    options.firstRelease ?? releases.find((r) => r.version === eventRelease)?.version ?? releases[0].version;
  const faults = new Map<SentryRoute, SentryStandInFault[]>();
  const requests: StandInRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let url = '';

  const issueItem = SPEC.example('get', P.issues, 200) as Array<Record<string, unknown>>;
  const issue = (i: number): Record<string, unknown> => ({
    ...structuredClone(issueItem[0]),
    id: String(1000 + i),
    shortId: `ORDERS-API-${i}`,
    title: options.issueTitle?.(i) ?? `TypeError: boom ${i}`,
    count: String(10 * (i + 1)),
    userCount: i,
    status: 'unresolved',
    substatus: 'ongoing',
    project: { id: projects[0].id, name: projects[0].slug, slug: projects[0].slug, platform: 'node' },
    permalink: `https://sentry.example/organizations/${org}/issues/${1000 + i}/`,
  });
  const releaseBody = (r: (typeof releases)[number], project: string | null): Record<string, unknown> => {
    const b = SPEC.example('get', P.release, 200) as Record<string, unknown>;
    const i = releases.indexOf(r);
    return {
      ...b,
      version: r.version,
      shortVersion: r.version,
      dateCreated: r.dateCreated,
      lastCommit: { ...(b.lastCommit as object), id: r.commit },
      // Sentry fills currentProjectMeta only when asked with ?project= (getsentry/sentry
      // test_organization_release_details.py, test_correct_project_contains_current_project_meta).
      currentProjectMeta: project
        ? {
            prevReleaseVersion: i > 0 ? releases[i - 1].version : null,
            nextReleaseVersion: releases[i + 1]?.version ?? null,
            firstReleaseVersion: releases[0].version,
            lastReleaseVersion: releases[releases.length - 1].version,
            sessionsLowerBound: null,
            sessionsUpperBound: null,
          }
        : {},
    };
  };
  const deployItem = (recordedBody('sentry', 'listOrganizationReleaseDeploys--mcp-release-deploys') as object[])[0];

  function canned(
    route: SentryRoute,
    m: RegExpExecArray,
    q: URLSearchParams,
    requestBody?: unknown,
  ): { status: number; body: unknown; headers?: Record<string, string> } {
    switch (route) {
      case 'org': {
        const body: Record<string, unknown> = { ...(SPEC.example('get', P.org, 200) as object), slug: org };
        body.links = { organizationUrl: url, regionUrl: options.regionUrl ?? url };
        SPEC.assertValid('get', P.org, 200, body);
        // Sentry's detailed org view embeds projects (outside the documented schema, which allows extras).
        if (options.orgIncludesProjects !== false) body.projects = projects.map((p) => ({ ...p, name: p.slug }));
        return { status: 200, body };
      }
      case 'projects':
        return { status: 200, body: projects.map((p) => ({ ...p, name: p.slug })) };
      case 'issues': {
        const limit = Math.min(100, Number(q.get('limit') ?? 100));
        const offset = Number((q.get('cursor') ?? '0:0:0').split(':')[1]) || 0;
        const body = Array.from({ length: Math.max(0, Math.min(limit, issueCount - offset)) }, (_, k) =>
          issue(offset + k),
        );
        SPEC.assertValid('get', P.issues, 200, body);
        const base = `${url}/api/0/organizations/${org}/issues/`;
        const link =
          `<${base}?cursor=0:${Math.max(0, offset - limit)}:1>; rel="previous"; results="${offset > 0}"; cursor="0:${Math.max(0, offset - limit)}:1", ` +
          `<${base}?cursor=0:${offset + limit}:0>; rel="next"; results="${offset + limit < issueCount}"; cursor="0:${offset + limit}:0"`;
        // The hit count Sentry's paginator adds (`X-Hits`, capped at `X-Max-Hits`; api-specs/recorded/README).
        const hits = { 'x-hits': String(Math.min(issueCount, 1000)), 'x-max-hits': '1000' };
        return { status: 200, body, headers: { link, ...hits } };
      }
      case 'event':
        return {
          status: 200,
          body: { ...event, groupID: m[1], eventID: `${m[1]}`.padStart(32, 'e'), id: `${m[1]}`.padStart(32, 'e') },
        };
      case 'release': {
        const r = releases.find((x) => x.version === decodeURIComponent(m[1]));
        if (!r) return { status: 404, body: { detail: 'The requested resource does not exist' } };
        const body = releaseBody(r, q.get('project'));
        SPEC.assertValid('get', P.release, 200, body);
        return { status: 200, body };
      }
      case 'deploys': {
        const r = releases.find((x) => x.version === decodeURIComponent(m[1]));
        if (!r) return { status: 404, body: { detail: 'The requested resource does not exist' } };
        // The spec has no example for this endpoint: the shape is sentry-mcp's deploy fixture.
        const body = (r.environments ?? ['production']).map((environment, k) => ({
          ...deployItem,
          id: String(9000 + releases.indexOf(r) * 10 + k),
          environment,
          name: `${r.version} to ${environment}`,
          url: null,
          dateStarted: r.dateCreated,
          dateFinished: r.dateCreated,
        }));
        return { status: 200, body };
      }
      case 'releases': {
        const item = (SPEC.example('get', P.releases, 200) as Array<Record<string, unknown>>)[0];
        const body = [...releases].reverse().map((r) => ({
          ...item,
          version: r.version,
          shortVersion: r.version,
          dateCreated: r.dateCreated,
          lastCommit: { id: r.commit },
        }));
        SPEC.assertValid('get', P.releases, 200, body);
        return { status: 200, body };
      }
      case 'committers':
        // Private endpoint (not in the public spec): shape from x-not-in-public-spec.
        return {
          status: 200,
          body: {
            committers: [
              {
                author: { name: 'Ada Dev', email: 'ada@example.com' },
                commits: [
                  {
                    id: 'c'.repeat(40),
                    message: 'Refactor totals\n\nlong body',
                    dateCreated: '2026-11-23T09:00:00Z',
                    repository: { name: 'acme/orders-api' },
                    suspectCommitType: 'via SCM integration',
                  },
                ],
                group_owner_id: 7,
              },
            ],
          },
        };
      case 'eventids': {
        const i = Number(/^e*(\d+)$/.exec(m[1])?.[1] ?? NaN) - 1000;
        if (!(i >= 0 && i < issueCount) || m[1].length !== 32)
          return { status: 404, body: { detail: 'Event not found' } };
        const ex = SPEC.example('get', P.eventids, 200) as Record<string, unknown>;
        const ids = { groupID: String(1000 + i), eventID: m[1], id: m[1], projectID: projects[0].id };
        const body = {
          ...ex,
          organizationSlug: org,
          projectSlug: projects[0].slug,
          groupId: String(1000 + i),
          eventId: m[1],
          event: { ...(ex.event as object), ...structuredClone(event), ...ids },
        };
        SPEC.assertValid('get', P.eventids, 200, body);
        return { status: 200, body };
      }
      case 'shortids': {
        const i = Number(/^ORDERS-API-(\d+)$/i.exec(decodeURIComponent(m[1]))?.[1] ?? NaN);
        if (!(i >= 0 && i < issueCount)) return { status: 404, body: { detail: 'Short ID not found' } };
        const ex = SPEC.example('get', P.shortids, 200) as Record<string, unknown>;
        const body = {
          ...ex,
          organizationSlug: org,
          projectSlug: projects[0].slug,
          groupId: String(1000 + i),
          shortId: `ORDERS-API-${i}`,
          group: { ...(ex.group as object), ...issue(i) },
        };
        SPEC.assertValid('get', P.shortids, 200, body);
        return { status: 200, body };
      }
      case 'issue': {
        const i = Number(m[1]) - 1000;
        if (!(i >= 0 && i < issueCount)) return { status: 404, body: { detail: 'Issue not found' } };
        const { id, shortId, title, count, userCount, status, substatus, project, permalink } = issue(i);
        const body: Record<string, unknown> = {
          ...(SPEC.example('get', P.issue, 200) as object),
          id,
          shortId,
          title,
          count,
          userCount,
          status,
          substatus,
          project,
          permalink,
        };
        // Only the details carry firstRelease (the list items have none).
        const first = body.firstRelease as Record<string, unknown> | null;
        if (first) body.firstRelease = { ...first, version: firstRelease, shortVersion: firstRelease };
        SPEC.assertValid('get', P.issue, 200, body);
        return { status: 200, body };
      }
      case 'projectEvent': {
        const i = Number(/^e*(\d+)$/.exec(m[1])?.[1] ?? NaN) - 1000;
        if (!(i >= 0 && i < issueCount)) return { status: 404, body: { detail: 'Event not found' } };
        const body = { ...event, groupID: String(1000 + i), eventID: m[1], id: m[1] };
        SPEC.assertValid('get', P.projectEvent, 200, body);
        return { status: 200, body };
      }
      case 'issueTag': {
        const key = decodeURIComponent(m[2]);
        const values = options.issueTags?.[key];
        if (!values) return { status: 404, body: { detail: 'The requested resource does not exist' } };
        const topValues = values.map(([value, count]) => ({
          key: value,
          name: value,
          value,
          count,
          lastSeen: '2026-11-24T10:00:00Z',
          firstSeen: '2026-11-20T10:00:00Z',
        }));
        const body = {
          key,
          name: key,
          uniqueValues: values.length,
          totalValues: values.reduce((n, [, c]) => n + c, 0),
          topValues,
        };
        SPEC.assertValid('get', `${P.issue}tags/{key}/`, 200, body);
        return { status: 200, body };
      }
      case 'issueEvents': {
        const item = (SPEC.example('get', `${P.issue}events/`, 200) as Array<Record<string, unknown>>)[0];
        const perPage = Math.min(100, Number(q.get('per_page') ?? 100));
        const offset = Number((q.get('cursor') ?? '0:0:0').split(':')[1]) || 0;
        const total = options.issueEventCount ?? 0;
        const body = Array.from({ length: Math.max(0, Math.min(perPage, total - offset)) }, (_, k) => ({
          ...item,
          id: String(offset + k).padStart(32, 'f'),
          eventID: String(offset + k).padStart(32, 'f'),
          groupID: m[1],
        }));
        SPEC.assertValid('get', `${P.issue}events/`, 200, body);
        const base = `${url}/api/0/organizations/${org}/issues/${m[1]}/events/`;
        const link = `<${base}?cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", <${base}?cursor=0:${offset + perPage}:0>; rel="next"; results="${offset + perPage < total}"; cursor="0:${offset + perPage}:0"`;
        return { status: 200, body, headers: { link } };
      }
      case 'discover': {
        const key = q.getAll('field').find((f) => f !== 'count()');
        const rows = key
          ? (options.discover?.byKey[key] ?? []).map(([value, count]) => ({ [key]: value, 'count()': count }))
          : [{ 'count()': options.discover?.total ?? 0 }];
        const body = { data: rows, meta: { fields: { ...(key ? { [key]: 'string' } : {}), 'count()': 'integer' } } };
        SPEC.assertValid('get', '/api/0/organizations/{organization_id_or_slug}/events/', 200, body);
        return { status: 200, body };
      }
      case 'updateIssue': {
        // Sentry answers with the issue as the update left it.
        const asked = (requestBody as { status?: unknown } | undefined)?.status;
        const status = asked === 'unresolved' || asked === 'ignored' ? asked : 'resolved';
        const body = { ...(SPEC.example('get', P.issue, 200) as object), id: m[1], status };
        SPEC.assertValid('put', P.issue, 200, body);
        return { status: 200, body };
      }
    }
  }

  const faultFor = (route: SentryRoute, issueId: string | undefined): SentryStandInFault | undefined =>
    takeFault(faults.get(route), (x) => x.issueId === undefined || x.issueId === issueId);

  const server = http.createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const u = new URL(req.url ?? '/', url);
    const hit = ROUTES.map(([re, route, method]) => ({ m: re.exec(u.pathname), route, method })).find(
      (x) => x.m && x.method === req.method,
    );
    const seen: StandInRequest = {
      route: hit?.route ?? 'unknown',
      method: req.method ?? '',
      path: u.pathname,
      query: u.searchParams,
      at: Date.now(),
      authorization: req.headers.authorization,
    };
    requests.push(seen);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        if (chunks.length) seen.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        seen.body = Buffer.concat(chunks).toString('utf8');
      }
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (!hit?.m) return send(404, { detail: 'The requested resource does not exist' });
      if (options.token && req.headers.authorization !== `Bearer ${options.token}`)
        return send(401, { detail: 'Invalid token' });
      const issueId = hit.route === 'committers' || hit.route === 'discover' ? undefined : hit.m[1];
      const fault = faultFor(hit.route, issueId);
      if (fault?.hang) return;
      answerLater(fault, options.latencyMs, () => {
        if (fault?.status && !fault.body)
          return send(fault.status, { detail: fault.detail ?? `stand-in fault ${fault.status}` }, fault.headers);
        const c = canned(hit.route, hit.m as RegExpExecArray, u.searchParams, seen.body);
        const status = fault?.status ?? c.status;
        const headers = { 'content-type': 'application/json', ...c.headers, ...fault?.headers };
        const text = padIfHuge(c.body, JSON.stringify(c.body), fault, 80 * 1024 * 1024);
        writeBody(res, status, headers, text, fault?.body);
      });
    });
  });
  url = await listenOnLoopback(server);

  return {
    url,
    requests,
    count: requestCounter(requests),
    get maxInFlight() {
      return maxInFlight;
    },
    fault(route, fault) {
      faults.set(route, [...(faults.get(route) ?? []), { ...fault }]);
    },
    clearFaults(route) {
      if (route) faults.delete(route);
      else faults.clear();
    },
    close: () => closeStandIn(server),
  };
}
