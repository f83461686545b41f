import { CulpritError, messageOf } from '../../errors';
import type { HttpClient } from '../../http/httpClient';
import type { ErrorEvent } from '../../model/event.types';
import type { ErrorSample } from '../../model/group.types';
import { mapLimit } from '../../util/mapLimit';
import type { ListOptions, ListTotal, SampleFailure, SampleList } from '../errorSource';
import type { BugsnagSource, BugsnagSourceOptions } from './bugsnag.types';
import { createBugsnagHttp, fetchLinkPages, seg } from './bugsnagApi';
import { type BugsnagErrorDto, bugsnagErrorTitle, readBugsnagError, readNamedList, readProject } from './bugsnagDtos';
import { bugsnagEventOf, bugsnagFilter, newestBugsnagEvent } from './bugsnagEvents';
import { bugsnagDashboardPath, bugsnagErrorUrl, bugsnagHosts } from './bugsnagHosts';
import { type BugsnagDeployResolver, createBugsnagDeployResolver, listBugsnagReleases } from './bugsnagReleases';
import { redactingSource } from '../secretRedaction';

/** Failures that concern the whole source, not one error: stop and tell the user. */
const FATAL = new Set(['auth', 'forbidden', 'cancelled']);
const PROJECT_ID = /^[0-9a-f]{24}$/i;

interface ProjectRef {
  id: string;
  /** `/{org slug}/{project slug}` on the dashboard, when known. */
  dashboardPath: string | null;
}

/**
 * Creates the Bugsnag `ErrorSource`. Construction validates the options and does no I/O; a
 * project given by slug is resolved (organizations → projects) on first use.
 *
 * @example
 * const source = createBugsnagSource({ token, project: '5f1e0c9a0000000000000001' });
 * const { samples, failures } = await source.listSamples({ limit: 10 });
 */
export function createBugsnagSource(opts: BugsnagSourceOptions): BugsnagSource {
  // Provider data can carry the token itself (a title, an echoed header): none of it leaves the source.
  return redactingSource(buildBugsnagSource(opts), [opts.token]);
}

function buildBugsnagSource(opts: BugsnagSourceOptions): BugsnagSource {
  const project = typeof opts.project === 'string' ? opts.project.trim() : '';
  if (!project)
    throw new CulpritError('invalid-input', 'no Bugsnag project given (its id from the project settings, or its slug)');
  const http = createBugsnagHttp(opts);
  const hosts = bugsnagHosts(opts);
  const stage = typeof opts.stage === 'string' ? opts.stage.trim() : 'production';
  // Bugsnag pages hold at most 100 items.
  const perPage = Math.min(100, Math.max(1, Math.floor(opts.perPage ?? 30)));
  const maxConcurrent = Math.max(1, Math.floor(opts.http?.maxConcurrent ?? 4));
  let projectRef: Promise<ProjectRef> | null = null;
  const getProject = (signal?: AbortSignal): Promise<ProjectRef> => {
    if (!projectRef) {
      projectRef = PROJECT_ID.test(project)
        ? projectById(http, project, signal, opts.logger)
        : resolveProject(http, project, signal);
      projectRef.catch(() => (projectRef = null));
    }
    return projectRef;
  };
  const depsFor = (ref: ProjectRef, signal?: AbortSignal): SampleDeps => ({
    http,
    ref,
    app: hosts.app,
    stage,
    deploys: createBugsnagDeployResolver(http, ref.id, stage, opts.logger),
    signal,
  });

  return {
    id: 'bugsnag',

    async listSamples(options: ListOptions): Promise<SampleList> {
      const limit = Math.max(0, Math.floor(Number.isFinite(options.limit) ? options.limit : 0));
      const result: SampleList = { samples: [], failures: [] };
      if (limit === 0) return result;
      const ref = await getProject(options.signal);
      const query = {
        sort: 'last_seen',
        direction: 'desc',
        per_page: Math.min(perPage, limit),
        ...bugsnagFilter('error.status', 'open'),
        ...(opts.unhandledOnly ? bugsnagFilter('event.unhandled', 'true') : {}),
        ...(stage ? bugsnagFilter('app.release_stage', stage) : {}),
      };
      const total: { value?: ListTotal } = {};
      const items = await fetchLinkPages(
        http,
        { path: `/projects/${seg(ref.id)}/errors`, query, signal: options.signal },
        limit,
        Math.ceil(limit / query.per_page) + 5,
        total,
      );
      if (total.value) result.total = total.value;
      const deps = depsFor(ref, options.signal);
      // Bugsnag's rate limit is per token and low: once one error is refused for longer than the
      // client waits, the rest would be too, so they fail without asking.
      let limited: string | null = null;
      const outcomes = await mapLimit(
        items,
        maxConcurrent,
        async (item): Promise<{ sample: ErrorSample } | { failure: SampleFailure }> => {
          const error = readBugsnagError(item);
          if (!error) return { failure: { issueId: null, message: 'Bugsnag listed an error without an id' } };
          if (limited)
            return { failure: { issueId: error.id, message: `Bugsnag error ${error.id}: skipped, ${limited}` } };
          try {
            const event = await newestBugsnagEvent(http, ref.id, error.id, stage, options.signal);
            return { sample: await sampleOf(error, event, deps) };
          } catch (e) {
            if (CulpritError.is(e) && FATAL.has(e.reason)) throw e;
            if (!(e instanceof Error)) throw e;
            if (CulpritError.is(e, 'rate-limited')) limited = messageOf(e);
            return { failure: { issueId: error.id, message: `Bugsnag error ${error.id}: ${messageOf(e)}` } };
          }
        },
      );
      for (const o of outcomes) {
        if ('sample' in o) result.samples.push(o.sample);
        else result.failures.push(o.failure);
      }
      return result;
    },

    async listReleases(signal) {
      return listBugsnagReleases(http, (await getProject(signal)).id, stage, signal);
    },

    async lookupEvent(eventId, signal): Promise<ErrorSample> {
      const id = typeof eventId === 'string' ? eventId.trim() : '';
      if (!/^[A-Za-z0-9_-]{1,128}$/.test(id))
        throw new CulpritError(
          'invalid-input',
          `'${String(eventId).slice(0, 80)}' is not a Bugsnag event id (24 hex digits, from the event's URL)`,
        );
      const ref = await getProject(signal);
      const res = await http.request({
        path: `/projects/${seg(ref.id)}/events/${seg(id)}`,
        signal,
        acceptStatuses: [404],
      });
      if (res.status === 404) {
        throw new CulpritError(
          'not-found',
          `Bugsnag has no event ${id} in project ${project} (it may be past the plan's retention, or in another ` +
            `project)`,
        );
      }
      const event = bugsnagEventOf(res.data);
      const errorId =
        typeof (res.data as Record<string, unknown>).error_id === 'string'
          ? ((res.data as Record<string, unknown>).error_id as string)
          : null;
      let error: BugsnagErrorDto | null = null;
      if (errorId) {
        const er = await http.request({
          path: `/projects/${seg(ref.id)}/errors/${seg(errorId)}`,
          signal,
          acceptStatuses: [404],
        });
        error = er.status === 404 ? null : readBugsnagError(er.data);
      }
      const outer = event.exceptions[event.exceptions.length - 1];
      error ??= {
        id: errorId ?? id,
        errorClass: outer?.type ?? null,
        message: outer?.value ?? null,
        context: event.tags.context ?? null,
        events: null,
        users: null,
        firstSeen: null,
        lastSeen: event.timestamp,
        status: null,
        releaseStages: [],
      };
      return sampleOf(error, event, depsFor(ref, signal));
    },
  };
}

interface SampleDeps {
  http: HttpClient;
  ref: ProjectRef;
  /** Dashboard origin. */
  app: string;
  stage: string;
  deploys: BugsnagDeployResolver;
  signal?: AbortSignal;
}

async function sampleOf(error: BugsnagErrorDto, event: ErrorEvent, deps: SampleDeps): Promise<ErrorSample> {
  const deploy = await deps.deploys.resolve(event.release, deps.signal);
  return {
    group: {
      id: error.id,
      title: bugsnagErrorTitle(error),
      count: error.events,
      userCount: error.users,
      firstSeen: error.firstSeen,
      lastSeen: error.lastSeen,
      release: event.release,
      // Bugsnag errors carry no first release (no `first_release` in any recorded error).
      firstRelease: null,
      environment: event.environment ?? (deps.stage || null),
      status: error.status,
      url: bugsnagErrorUrl(deps.app, deps.ref.dashboardPath, error.id, event.eventId),
      source: 'bugsnag',
    },
    event,
    deploy,
  };
}

/** A project given by id: its dashboard path from `GET /projects/{id}` (soft: links are a bonus). */
async function projectById(
  http: HttpClient,
  id: string,
  signal?: AbortSignal,
  log?: (line: string) => void,
): Promise<ProjectRef> {
  try {
    const res = await http.request({ path: `/projects/${seg(id)}`, signal, acceptStatuses: [404] });
    const p = res.status === 404 ? null : readProject(res.data);
    return { id, dashboardPath: bugsnagDashboardPath(p?.htmlUrl ?? null, null, null) };
  } catch (e) {
    if (CulpritError.is(e) && FATAL.has(e.reason)) throw e;
    log?.(`bugsnag: project ${id} details unavailable, no dashboard links (${messageOf(e)})`);
    return { id, dashboardPath: null };
  }
}

/** A project slug or name → its id, through `GET /user/organizations` and each org's projects. */
async function resolveProject(http: HttpClient, want: string, signal?: AbortSignal): Promise<ProjectRef> {
  const orgs = readNamedList(
    await fetchLinkPages(http, { path: '/user/organizations', query: { per_page: 100 }, signal }, 1000, 10),
  );
  const seen: string[] = [];
  for (const org of orgs) {
    const projects = readNamedList(
      await fetchLinkPages(
        http,
        { path: `/organizations/${seg(org.id)}/projects`, query: { per_page: 100 }, signal },
        10_000,
        20,
      ),
    );
    const hit = projects.find((p) => p.id === want || p.slug === want || p.name === want);
    if (hit) return { id: hit.id, dashboardPath: bugsnagDashboardPath(null, org.slug, hit.slug) };
    seen.push(...projects.map((p) => p.slug ?? p.id));
  }
  const names = seen.slice(0, 20).join(', ');
  throw new CulpritError(
    'not-found',
    `Bugsnag project '${want}' not found in the token's organizations${names ? ` (projects: ${names})` : ''}`,
    { project: want },
  );
}
