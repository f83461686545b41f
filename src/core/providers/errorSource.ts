import type { ErrorSample } from '../model/group.types';

export interface ListOptions {
  /** Most groups to return. */
  limit: number;
  signal?: AbortSignal;
}

/** A group the source listed but could not turn into a sample; it goes to the report's `errors`. */
export interface SampleFailure {
  issueId: string | null;
  message: string;
}

/** How many groups the provider says match in all (Sentry `X-Hits`, Bugsnag `X-Total-Count`). */
export interface ListTotal {
  count: number;
  /** The provider stops counting at `count` (Sentry's `X-Max-Hits`): there may be more. */
  capped: boolean;
}

export interface SampleList {
  samples: ErrorSample[];
  failures: SampleFailure[];
  /** Absent when the provider reports no total (Datadog, a file). */
  total?: ListTotal;
}

/** A non-negative integer header, or null (absent, empty, not a number). */
export function countHeader(headers: Record<string, string>, name: string): number | null {
  const raw = headers[name.toLowerCase()]?.trim();
  if (!raw || !/^\d{1,15}$/.test(raw)) return null;
  return Number(raw);
}

/** One release the provider knows, for "Set Deploy Range…" (newest first). */
export interface ProviderRelease {
  version: string;
  /** The commit the provider recorded for it; null when it recorded none. */
  revision: string | null;
  /** ISO time the release was created (Sentry) or released (Bugsnag). */
  date: string | null;
}

/** A source that can list its releases (Sentry, Bugsnag; Datadog's API lists none). */
export interface ReleaseLister {
  listReleases(signal?: AbortSignal): Promise<ProviderRelease[]>;
}

/** Newest first by date; undated ones last, in the provider's order. */
export function newestReleasesFirst(releases: ProviderRelease[]): ProviderRelease[] {
  const t = (r: ProviderRelease) => (r.date && Number.isFinite(Date.parse(r.date)) ? Date.parse(r.date) : -Infinity);
  return releases
    .map((r, i) => ({ r, i }))
    .sort((a, b) => t(b.r) - t(a.r) || a.i - b.i)
    .map((x) => x.r);
}

/**
 * One interface for every place errors come from (a file, Sentry, Datadog).
 * A source lists groups with their latest event; the pipeline does the rest.
 * Whole-source failures (auth, unreachable host, unknown org) throw a CulpritError;
 * a failure confined to one group goes to `failures` and the rest are still returned.
 */
export interface ErrorSource {
  readonly id: string;
  listSamples(options: ListOptions): Promise<SampleList>;
}
