import { CulpritError } from '../../errors';
import type { HttpClient } from '../../http/httpClient';
import { type ProjectDto, readOrg, readProjects } from './sentryDtos';
import { acceptableRegionUrl, createSentryHttp, fetchPages, seg } from './sentryApi';
import type { SentrySourceOptions } from './sentry.types';

/** Where an org's API lives and which project ids its slugs stand for. */
export interface SentryContext {
  /** Client bound to the org's region (or the configured base URL). */
  http: HttpClient;
  /** Project ids to filter on (slugs when the project list was unavailable); empty = all. */
  projectIds: string[];
}

/** One org's client as the source and the insights reader both use it: validated options, lazy context. */
export interface SentryOrgClient {
  org: string;
  environment: string;
  /** The org's context, resolved once on first use; a failure is not kept, so the next call retries. */
  getContext(signal?: AbortSignal): Promise<SentryContext>;
}

/** Validates the org and builds the client; does no I/O until `getContext` is called. */
export function sentryOrgClient(opts: SentrySourceOptions): SentryOrgClient {
  const org = typeof opts.org === 'string' ? opts.org.trim() : '';
  if (!org) throw new CulpritError('invalid-input', 'no Sentry organization given (the org slug from your Sentry URL)');
  const base = createSentryHttp(opts);
  let context: Promise<SentryContext> | null = null;
  const getContext = (signal?: AbortSignal): Promise<SentryContext> => {
    if (!context) {
      context = resolveSentryContext(base, org, opts.projects ?? [], signal, opts.logger);
      context.catch(() => (context = null));
    }
    return context;
  };
  return { org, environment: opts.environment ?? 'production', getContext };
}

/**
 * Reads `GET /organizations/{org}/` for the region URL and project list, then maps the
 * configured project slugs to ids. 401/403/404 here are fatal with a specific message; other
 * failures fall back to the configured base URL and pass the slugs through (the API takes both).
 */
export async function resolveSentryContext(
  base: HttpClient,
  org: string,
  projects: string[],
  signal: AbortSignal | undefined,
  log?: (line: string) => void,
): Promise<SentryContext> {
  let orgData: ReturnType<typeof readOrg> | null = null;
  try {
    const res = await base.request({ path: `/api/0/organizations/${seg(org)}/`, signal });
    orgData = readOrg(res.data);
  } catch (e) {
    if (CulpritError.is(e, 'not-found')) {
      throw new CulpritError('not-found', `Sentry organization '${org}' not found at ${base.baseUrl}`, { org });
    }
    if (!CulpritError.is(e) || ['auth', 'forbidden', 'cancelled', 'invalid-input'].includes(e.reason)) throw e;
    log?.(`sentry: organization details unavailable (${e.message}); using ${base.baseUrl}`);
  }
  const region = acceptableRegionUrl(base.baseUrl, orgData?.regionUrl ?? null);
  if (orgData?.regionUrl && !region) log?.(`sentry: ignoring region URL ${orgData.regionUrl} (not on ${base.baseUrl})`);
  const http = region && region !== new URL(base.baseUrl).origin ? base.withBaseUrl(region) : base;

  const wanted = projects.map((p) => String(p).trim()).filter((p) => p !== '');
  if (wanted.length === 0) return { http, projectIds: [] };
  let known: ProjectDto[] | null = orgData?.projects ?? null;
  if (!known) known = await listProjects(http, org, signal, log);
  if (!known) return { http, projectIds: wanted };
  const ids = wanted.map((want) => {
    const hit = known.find((p) => p.slug === want || p.id === want);
    if (!hit) {
      const names = known
        .map((p) => p.slug)
        .slice(0, 20)
        .join(', ');
      throw new CulpritError(
        'not-found',
        `Sentry project '${want}' not found in organization '${org}'${names ? ` (projects: ${names})` : ''}`,
        {
          project: want,
        },
      );
    }
    return hit.id;
  });
  return { http, projectIds: ids };
}

/** `GET /organizations/{org}/projects/`, or null when it does not answer usefully. */
async function listProjects(
  http: HttpClient,
  org: string,
  signal: AbortSignal | undefined,
  log?: (line: string) => void,
): Promise<ProjectDto[] | null> {
  try {
    const items = await fetchPages(
      http,
      { path: `/api/0/organizations/${seg(org)}/projects/`, query: { per_page: 100 }, signal },
      10_000,
      20,
    );
    return readProjects(items);
  } catch (e) {
    if (!CulpritError.is(e) || ['auth', 'forbidden', 'cancelled'].includes(e.reason)) throw e;
    log?.(`sentry: project list unavailable (${e.message}); passing project slugs through`);
    return null;
  }
}
