import { CulpritError, messageOf } from '../../errors';
import type { HttpClient } from '../../http/httpClient';
import type { DeployHint } from '../../model/group.types';
import { type ReleaseDto, readRelease, readReleases } from './sentryDtos';
import { seg } from './sentryApi';

/** How many recent releases to scan for the one before the event's release. */
const RECENT_RELEASES = 50;

/** Turns an event's release into a deploy range; memoizes per release and project for one run. */
export interface DeployResolver {
  resolve(release: string | null, projectId: string | null, signal?: AbortSignal): Promise<DeployHint>;
}

/**
 * `to` is the release's commit (`lastCommit.id`, else `ref`), `from` the commit of the release
 * created just before it in the same project. Release data is a bonus: when Sentry does not
 * answer (no `project:releases` scope, no such release) the names themselves are returned.
 */
export function createDeployResolver(http: HttpClient, org: string, log?: (line: string) => void): DeployResolver {
  const releases = new Map<string, Promise<ReleaseDto | null>>();
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
  const getRelease = (version: string, signal?: AbortSignal): Promise<ReleaseDto | null> => {
    let p = releases.get(version);
    if (!p) {
      p = soft(
        `release ${version}`,
        http
          .request({
            path: `/api/0/organizations/${seg(org)}/releases/${seg(version)}/`,
            signal,
            acceptStatuses: [404],
          })
          .then((r) => (r.status === 404 ? null : readRelease(r.data))),
        null,
      );
      releases.set(version, p);
    }
    return p;
  };
  const listRecent = (projectId: string | null, signal?: AbortSignal): Promise<ReleaseDto[]> => {
    const key = projectId ?? '*';
    let p = lists.get(key);
    if (!p) {
      p = soft(
        'release list',
        http
          .request({
            path: `/api/0/organizations/${seg(org)}/releases/`,
            query: { project: projectId ?? undefined, per_page: RECENT_RELEASES },
            signal,
          })
          .then((r) => readReleases(r.data)),
        [],
      );
      lists.set(key, p);
    }
    return p;
  };

  return {
    async resolve(release, projectId, signal) {
      if (!release) return { to: null, from: null };
      const [current, recent] = await Promise.all([getRelease(release, signal), listRecent(projectId, signal)]);
      const prev = previousRelease(
        release,
        current?.dateCreated ?? recent.find((r) => r.version === release)?.dateCreated ?? null,
        recent,
      );
      return { to: current?.revision ?? release, from: prev ? (prev.revision ?? prev.version) : null };
    },
  };
}

/** The release created most recently before `dateCreated` (or listed right after `version`). */
export function previousRelease(version: string, dateCreated: string | null, recent: ReleaseDto[]): ReleaseDto | null {
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
