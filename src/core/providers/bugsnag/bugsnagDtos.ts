/**
 * Narrow readers for the Bugsnag Data Access API payloads this provider uses (organizations,
 * projects, errors, releases). Responses are untrusted: odd values become null, never a throw.
 */
import { asArray, asInt, asIsoTimestamp, asNonEmptyString, asRecord } from '../../decode/valueDecoder';

/** One error (Bugsnag's group of events), as listed by `GET /projects/{id}/errors`. */
export interface BugsnagErrorDto {
  id: string;
  errorClass: string | null;
  message: string | null;
  context: string | null;
  events: number | null;
  users: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
  status: string | null;
  releaseStages: string[];
}

export function readBugsnagError(v: unknown): BugsnagErrorDto | null {
  const o = asRecord(v);
  const id = asNonEmptyString(o?.id, 128);
  if (!o || !id) return null;
  return {
    id,
    errorClass: asNonEmptyString(o.error_class, 512),
    message: asNonEmptyString(o.message, 2048),
    context: asNonEmptyString(o.context, 1024),
    events: asInt(o.events),
    users: asInt(o.users),
    firstSeen: asIsoTimestamp(o.first_seen),
    lastSeen: asIsoTimestamp(o.last_seen),
    status: asNonEmptyString(o.status, 64),
    releaseStages: asArray(o.release_stages)
      .map((s) => asNonEmptyString(s, 128))
      .filter((s): s is string => s !== null)
      .slice(0, 50),
  };
}

/** Title the way Bugsnag shows it: `ErrorClass: message`. */
export function bugsnagErrorTitle(e: Pick<BugsnagErrorDto, 'id' | 'errorClass' | 'message'>): string {
  if (e.errorClass && e.message) return `${e.errorClass}: ${e.message}`;
  return e.errorClass ?? e.message ?? `Bugsnag error ${e.id}`;
}

export interface BugsnagNamedDto {
  id: string;
  slug: string | null;
  name: string | null;
  /** Projects: the dashboard URL (`html_url`). */
  htmlUrl?: string | null;
}

/** A project (`GET /projects/{id}`): its slug and dashboard URL, for issue links. */
export function readProject(v: unknown): BugsnagNamedDto | null {
  const o = asRecord(v);
  const id = asNonEmptyString(o?.id, 128);
  if (!o || !id) return null;
  return {
    id,
    slug: asNonEmptyString(o.slug, 256),
    name: asNonEmptyString(o.name, 256),
    htmlUrl: asNonEmptyString(o.html_url, 1024),
  };
}

/** Organizations or projects: `{id, slug, name}` items with a usable id. */
export function readNamedList(v: unknown): BugsnagNamedDto[] {
  const out: BugsnagNamedDto[] = [];
  for (const item of asArray(v).slice(0, 10_000)) {
    const o = asRecord(item);
    const id = asNonEmptyString(o?.id, 128);
    if (id) out.push({ id, slug: asNonEmptyString(o?.slug, 256), name: asNonEmptyString(o?.name, 256) });
  }
  return out;
}

/** One release (a build of an app version in a release stage). */
export interface BugsnagReleaseDto {
  appVersion: string;
  /** `source_control.revision`: the commit the build was made from, when a build was reported. */
  revision: string | null;
  releaseTime: string | null;
  stage: string | null;
}

export function readReleases(v: unknown): BugsnagReleaseDto[] {
  const out: BugsnagReleaseDto[] = [];
  for (const item of asArray(v).slice(0, 1000)) {
    const o = asRecord(item);
    const appVersion = asNonEmptyString(o?.app_version, 512) ?? asNonEmptyString(o?.build_label, 512);
    if (!o || !appVersion) continue;
    out.push({
      appVersion,
      revision: asNonEmptyString(asRecord(o.source_control)?.revision, 128),
      releaseTime: asIsoTimestamp(o.release_time),
      stage: asNonEmptyString(asRecord(o.release_stage)?.name, 128),
    });
  }
  return out;
}
