import type { ErrorEvent } from './event.types';

/** A grouped error (a Sentry issue, a Datadog Error Tracking issue, or one parsed file). */
export interface ErrorGroup {
  id: string;
  title: string;
  count: number | null;
  userCount: number | null;
  /** ISO 8601. */
  firstSeen: string | null;
  lastSeen: string | null;
  /** Release of the latest event, as the source names it (`orders-api@1.5.0`, `1.5.0`, a SHA). */
  release: string | null;
  /** Release in which the error first appeared, when the source knows it. */
  firstRelease: string | null;
  environment: string | null;
  status: string | null;
  /** Link to the issue in the source's UI. */
  url: string | null;
  /** Which source produced it: 'file' | 'sentry' | 'datadog' | … */
  source: string;
}

/**
 * What a source knows about the deploy in which the error appeared. Revisions may be SHAs or
 * release names; the pipeline resolves them against the local clone.
 */
export interface DeployHint {
  /** The deployed revision that produced the event (release name or SHA). */
  to: string | null;
  /** The deploy before it, when the source knows it. */
  from: string | null;
}

/** One group with the event to triage. */
export interface ErrorSample {
  group: ErrorGroup;
  event: ErrorEvent;
  deploy: DeployHint;
}
