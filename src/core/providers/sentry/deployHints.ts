import { CulpritError, messageOf } from '../../errors';
import type { HttpClient } from '../../http/httpClient';
import type { DeployHint } from '../../model/group.types';
import { newestReleasesFirst, type ProviderRelease } from '../errorSource';
import { type ReleaseDto, readDeployEnvironments, readRelease, readReleases } from './sentryDtos';
import { seg } from './sentryApi';

/** How many recent releases to scan for the one before the event's release (servers without `prevReleaseVersion`). */
const RECENT_RELEASES = 50;
/** Releases walked back through `prevReleaseVersion` looking for one deployed to the environment. */
const MAX_STEPS = 5;

/** Turns an event's release into a deploy range; memoizes per release and project for one run. */
export interface DeployResolver {
  resolve(release: string | null, projectId: string | null, signal?: AbortSignal): Promise<DeployHint>;
}

/**
 * `to` is the release's commit (`lastCommit.id`, else `ref`). `from` is the release deployed
 * before it **in the same environment**: the release details asked with `?project=` carry
 * `currentProjectMeta.prevReleaseVersion` (its source: README, Requests to each provider), and a
 * previous release whose deploys (`/releases/{version}/deploys/`) name only other environments is
 * skipped, so a staging-only release never cuts shipped commits out of the range. A release with
 * no deploys recorded at all is taken as is (many teams never record deploys). Release data is a
 * bonus: when Sentry does not answer (no `project:releases` scope, no such release) the names
 * themselves are returned.
 */
export function createDeployResolver(
  http: HttpClient,
  org: string,
  environment: string,
  log?: (line: string) => void,
): DeployResolver {
  const releases = new Map<string, Promise<ReleaseDto | null>>();
  const deploys = new Map<string, Promise<string[]>>();
  const lists = new Map<string, Promise<ReleaseDto[]>>();
  const soft = async <T>(what: string, p: Promise<T>, fallback: T): Promise<T> => {
    try {
      return await p;
    } catch (e) {
      if (CulpritError.is(e, 'cancelled')) throw e;
      log?.(`sentry: ${what} unavailable, using release names (${messageOf(e)})`);
      return fallback;
    }
  };
  const memo = <T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> => {
    let p = map.get(key);
    if (!p) {
      p = make();
      map.set(key, p);
    }
    return p;
  };
  const getRelease = (version: string, projectId: string | null, signal?: AbortSignal) =>
    memo(releases, `${projectId ?? '*'} ${version}`, () =>
      soft(
        `release ${version}`,
        http
          .request({
            path: `/api/0/organizations/${seg(org)}/releases/${seg(version)}/`,
            query: { project: projectId ?? undefined },
            signal,
            acceptStatuses: [404],
          })
          .then((r) => (r.status === 404 ? null : readRelease(r.data))),
        null,
      ),
    );
  const getDeployEnvs = (version: string, signal?: AbortSignal) =>
    memo(deploys, version, () =>
      soft(
        `deploys of ${version}`,
        http
          .request({ path: `/api/0/organizations/${seg(org)}/releases/${seg(version)}/deploys/`, signal })
          .then((r) => readDeployEnvironments(r.data)),
        [],
      ),
    );
  const listRecent = (projectId: string | null, signal?: AbortSignal) =>
    memo(lists, projectId ?? '*', () =>
      soft(
        'release list',
        http
          .request({
            path: `/api/0/organizations/${seg(org)}/releases/`,
            query: { project: projectId ?? undefined, per_page: RECENT_RELEASES },
            signal,
          })
          .then((r) => readReleases(r.data)),
        [],
      ),
    );
  /** Whether a release reached the environment (or nothing says otherwise). */
  const deployedHere = async (version: string, signal?: AbortSignal): Promise<boolean> => {
    if (!environment) return true;
    const envs = await getDeployEnvs(version, signal);
    return envs.length === 0 || envs.includes(environment);
  };

  return {
    async resolve(release, projectId, signal) {
      if (!release) return { to: null, from: null };
      const current = await getRelease(release, projectId, signal);
      const to = current?.revision ?? release;
      if (current?.prevReleaseVersion !== undefined) {
        let prev = current.prevReleaseVersion;
        for (let step = 0; prev && step < MAX_STEPS; step++) {
          const r = await getRelease(prev, projectId, signal);
          if (await deployedHere(prev, signal)) return { to, from: r?.revision ?? prev };
          log?.(`sentry: release ${prev} was never deployed to ${environment}; looking further back`);
          prev = r?.prevReleaseVersion ?? null;
        }
        return { to, from: null };
      }
      // Servers that do not send currentProjectMeta: the release created just before, deployed here.
      const recent = await listRecent(projectId, signal);
      const created = current?.dateCreated ?? recent.find((r) => r.version === release)?.dateCreated ?? null;
      const skipped = new Set<string>();
      for (let step = 0; step < MAX_STEPS; step++) {
        const prev = previousRelease(
          release,
          created,
          recent.filter((r) => !skipped.has(r.version)),
        );
        if (!prev) break;
        if (await deployedHere(prev.version, signal)) return { to, from: prev.revision ?? prev.version };
        skipped.add(prev.version);
      }
      return { to, from: null };
    },
  };
}

/** The release created most recently before `dateCreated` (or listed right after `version`). */
function previousRelease(version: string, dateCreated: string | null, recent: ReleaseDto[]): ReleaseDto | null {
  const at = dateCreated ? Date.parse(dateCreated) : NaN;
  if (!Number.isNaN(at)) {
    let best: ReleaseDto | null = null;
    let bestAt = -Infinity;
    for (const r of recent) {
      const t = r.dateCreated ? Date.parse(r.dateCreated) : NaN;
      if (r.version !== version && t < at && t > bestAt) {
        best = r;
        bestAt = t;
      }
    }
    return best;
  }
  // No dates: Sentry lists newest first, so the next entry is the previous release.
  const i = recent.findIndex((r) => r.version === version);
  return i >= 0 ? (recent[i + 1] ?? null) : null;
}

/** The org's most recent releases of these projects, newest first (`GET /organizations/{org}/releases/`). */
export async function listSentryReleases(
  http: HttpClient,
  org: string,
  projectIds: string[],
  signal?: AbortSignal,
): Promise<ProviderRelease[]> {
  const res = await http.request({
    path: `/api/0/organizations/${seg(org)}/releases/`,
    query: { project: projectIds.length ? projectIds : undefined, per_page: RECENT_RELEASES },
    signal,
  });
  return newestReleasesFirst(
    readReleases(res.data).map((r) => ({ version: r.version, revision: r.revision, date: r.dateCreated })),
  );
}
