/**
 * Narrow readers for the Sentry REST payloads this provider uses. Responses are untrusted:
 * every field is checked and odd values become null instead of throwing.
 */
import type { SentrySuspectCommit } from './sentry.types';
import type { ErrorEvent } from '../../model/event.types';
import type { ErrorGroup } from '../../model/group.types';

type Rec = Record<string, unknown>;

const rec = (v: unknown): Rec | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : null);
const str = (v: unknown, max = 2048): string | null => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : null);
/** Sentry ids are strings but some endpoints send numbers. */
const idOf = (v: unknown): string | null => (typeof v === 'number' && Number.isFinite(v) ? String(v) : str(v, 128));

/** The parts of an issue (org issues list item) the sample needs. */
export interface IssueDto {
  id: string;
  title: string;
  count: number | null;
  userCount: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
  status: string | null;
  permalink: string | null;
  firstRelease: string | null;
  projectId: string | null;
  projectSlug: string | null;
}

/** Reads one issue; null when it has no usable id. */
export function readIssue(v: unknown): IssueDto | null {
  const o = rec(v);
  const id = idOf(o?.id);
  if (!o || !id) return null;
  const project = rec(o.project);
  const metadata = rec(o.metadata);
  return {
    id,
    title: str(o.title, 1000) ?? str(metadata?.title, 1000) ?? str(o.culprit, 1000) ?? `Sentry issue ${id}`,
    count: toCount(o.count),
    userCount: toCount(o.userCount),
    firstSeen: str(o.firstSeen, 64),
    lastSeen: str(o.lastSeen, 64),
    status: str(o.status, 64),
    permalink: str(o.permalink),
    firstRelease: str(rec(o.firstRelease)?.version, 512),
    projectId: idOf(project?.id),
    projectSlug: str(project?.slug, 256),
  };
}

/** `count` is a string in the API (it can exceed 2^31); userCount a number. */
function toCount(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,20}$/.test(v.trim()) ? Number(v.trim()) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : null;
}

export interface OrgDto {
  regionUrl: string | null;
  /** Projects when the org details include them (the default `detailed` view does). */
  projects: ProjectDto[] | null;
}

export interface ProjectDto {
  id: string;
  slug: string;
}

export function readOrg(v: unknown): OrgDto {
  const o = rec(v);
  const projects = Array.isArray(o?.projects) ? readProjects(o.projects) : null;
  return { regionUrl: str(rec(o?.links)?.regionUrl, 512), projects };
}

export function readProjects(v: unknown): ProjectDto[] {
  if (!Array.isArray(v)) return [];
  const out: ProjectDto[] = [];
  for (const p of v.slice(0, 10_000)) {
    const o = rec(p);
    const id = idOf(o?.id);
    const slug = str(o?.slug, 256);
    if (id && slug) out.push({ id, slug });
  }
  return out;
}

export interface ReleaseDto {
  version: string;
  /** The commit the release points at: `lastCommit.id`, else `ref`. */
  revision: string | null;
  dateCreated: string | null;
  /**
   * `currentProjectMeta.prevReleaseVersion` (release details asked with `?project=`): the
   * project's previous release, null for its first; undefined when the server did not say.
   */
  prevReleaseVersion?: string | null;
}

export function readRelease(v: unknown): ReleaseDto | null {
  const o = rec(v);
  const version = str(o?.version, 512);
  if (!o || !version) return null;
  const meta = rec(o.currentProjectMeta);
  const release: ReleaseDto = {
    version,
    revision: str(rec(o.lastCommit)?.id, 128) ?? str(o.ref, 256),
    dateCreated: str(o.dateCreated, 64),
  };
  if (meta && 'prevReleaseVersion' in meta) release.prevReleaseVersion = str(meta.prevReleaseVersion, 512);
  return release;
}

/** The environments a release's deploys went to (`GET .../releases/{version}/deploys/`). */
export function readDeployEnvironments(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const envs = new Set<string>();
  for (const d of v.slice(0, 1000)) {
    const env = str(rec(d)?.environment, 256);
    if (env) envs.add(env);
  }
  return [...envs];
}

export function readReleases(v: unknown): ReleaseDto[] {
  return Array.isArray(v)
    ? v
        .slice(0, 1000)
        .map(readRelease)
        .filter((r): r is ReleaseDto => r !== null)
    : [];
}

/** Reads the private committers payload: `{committers:[{author, commits:[...]}]}`. */
export function readCommitters(v: unknown): SentrySuspectCommit[] {
  const out: SentrySuspectCommit[] = [];
  const committers = rec(v)?.committers;
  if (!Array.isArray(committers)) return out;
  for (const c of committers.slice(0, 50)) {
    const author = rec(rec(c)?.author);
    const commits = rec(c)?.commits;
    if (!Array.isArray(commits)) continue;
    for (const k of commits.slice(0, 50)) {
      const commit = rec(k);
      const sha = str(commit?.id, 128);
      if (!commit || !sha) continue;
      const pr = rec(commit.pullRequest);
      const prId = idOf(pr?.id);
      out.push({
        sha,
        summary: (str(commit.message, 4096) ?? '').split('\n', 1)[0].slice(0, 500),
        authorName: str(author?.name, 256),
        authorEmail: str(author?.email, 256),
        date: str(commit.dateCreated, 64),
        suspectCommitType: str(commit.suspectCommitType, 128),
        repository: str(rec(commit.repository)?.name, 256),
        pullRequest: prId ? { id: prId, title: str(pr?.title, 500), url: str(pr?.externalUrl, 1024) } : null,
      });
    }
  }
  return out;
}

/** The normalized group of a Sentry issue with the event triaged for it. */
export function toSentryGroup(issue: IssueDto, event: ErrorEvent, environmentFallback: string | null): ErrorGroup {
  return {
    id: issue.id,
    title: issue.title,
    count: issue.count,
    userCount: issue.userCount,
    firstSeen: issue.firstSeen,
    lastSeen: issue.lastSeen,
    release: event.release,
    firstRelease: issue.firstRelease,
    environment: event.environment ?? environmentFallback,
    status: issue.status,
    url: issue.permalink,
    source: 'sentry',
  };
}
