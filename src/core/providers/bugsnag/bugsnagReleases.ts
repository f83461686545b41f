/** From an event's app version to a deploy range, through the project's releases. */
import { CulpritError, messageOf } from '../../errors';
import type { HttpClient } from '../../http/httpClient';
import type { DeployHint } from '../../model/group.types';
import { newestReleasesFirst, type ProviderRelease } from '../errorSource';
import { fetchLinkPages, seg } from './bugsnagApi';
import { type BugsnagReleaseDto, readReleases } from './bugsnagDtos';

/** Releases read per listing: enough to find the one before a recent version. */
const RECENT_RELEASES = 100;

export interface BugsnagDeployResolver {
  resolve(version: string | null, signal?: AbortSignal): Promise<DeployHint>;
}

/**
 * `to` is the `source_control.revision` of the release with the event's `app.version` (else the
 * version name), `from` the revision (or version) of the release before it in the same stage.
 * Release data is a bonus: when Bugsnag does not answer, the version name is returned alone.
 * The listing is fetched once per resolver (one triage run).
 */
export function createBugsnagDeployResolver(
  http: HttpClient,
  projectId: string,
  stage: string,
  log?: (line: string) => void,
): BugsnagDeployResolver {
  let list: Promise<BugsnagReleaseDto[]> | null = null;
  const releases = (signal?: AbortSignal): Promise<BugsnagReleaseDto[]> => {
    list ??= fetchLinkPages(
      http,
      {
        path: `/projects/${seg(projectId)}/releases`,
        query: { release_stage: stage || undefined, per_page: 50 },
        signal,
      },
      RECENT_RELEASES,
      5,
    )
      .then(readReleases)
      .catch((e: unknown) => {
        if (CulpritError.is(e, 'cancelled') || CulpritError.is(e, 'auth')) throw e;
        log?.(`bugsnag: releases unavailable, using version names (${messageOf(e)})`);
        return [];
      });
    return list;
  };
  return {
    async resolve(version, signal) {
      if (!version) return { to: null, from: null };
      const all = (await releases(signal)).filter((r) => !stage || r.stage === null || r.stage === stage);
      const current = all.find((r) => r.appVersion === version) ?? null;
      const prev = previousBugsnagRelease(version, current?.releaseTime ?? null, all);
      return { to: current?.revision ?? version, from: prev ? (prev.revision ?? prev.appVersion) : null };
    },
  };
}

/** The release of another version made most recently before `releaseTime` (else the next one listed: newest first). */
function previousBugsnagRelease(
  version: string,
  releaseTime: string | null,
  all: BugsnagReleaseDto[],
): BugsnagReleaseDto | null {
  const at = releaseTime ? Date.parse(releaseTime) : NaN;
  if (!Number.isNaN(at)) {
    let best: BugsnagReleaseDto | null = null;
    let bestAt = -Infinity;
    for (const r of all) {
      const t = r.releaseTime ? Date.parse(r.releaseTime) : NaN;
      if (r.appVersion !== version && t < at && t > bestAt) {
        best = r;
        bestAt = t;
      }
    }
    return best;
  }
  const i = all.findIndex((r) => r.appVersion === version);
  return i >= 0 ? (all.slice(i + 1).find((r) => r.appVersion !== version) ?? null) : null;
}

/** The project's recent releases in the stage, newest first (`GET /projects/{id}/releases`). */
export async function listBugsnagReleases(
  http: HttpClient,
  projectId: string,
  stage: string,
  signal?: AbortSignal,
): Promise<ProviderRelease[]> {
  const items = await fetchLinkPages(
    http,
    {
      path: `/projects/${seg(projectId)}/releases`,
      query: { release_stage: stage || undefined, per_page: 50 },
      signal,
    },
    RECENT_RELEASES,
    3,
  );
  return newestReleasesFirst(
    readReleases(items)
      .filter((r) => !stage || r.stage === null || r.stage === stage)
      .map((r) => ({ version: r.appVersion, revision: r.revision, date: r.releaseTime })),
  );
}
