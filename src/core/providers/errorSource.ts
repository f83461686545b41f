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

export interface SampleList {
  samples: ErrorSample[];
  failures: SampleFailure[];
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
