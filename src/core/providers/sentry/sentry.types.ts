import type { HttpLogger, HttpTuning, RequestEvent } from '../../http/http.types';
import type { ErrorSource, ListOptions, ReleaseLister, SampleList } from '../errorSource';

/** Sorts the issue list accepts (Sentry's `sort`): last seen, events, first seen, users. */
type SentrySort = 'date' | 'freq' | 'new' | 'user';

/** Everything needed to read issues from one Sentry organization. */
export interface SentrySourceOptions {
  /** Default `https://sentry.io`; a self-hosted URL works the same. The org's region is learned from it. */
  baseUrl?: string;
  /** Auth token (Bearer). Needs org:read, project:read, event:read, project:releases. */
  token: string;
  /** Organization slug. */
  org: string;
  /** Project slugs (or numeric ids); empty means every project the token can see. */
  projects: string[];
  /** Default `production`; an empty string means all environments. */
  environment?: string;
  /** Sentry search query; default `SENTRY_DEFAULT_QUERY` (`is:unresolved issue.category:error level:[error,fatal]`). */
  query?: string;
  /** `statsPeriod`, default `14d`. */
  period?: string;
  /** Default `date` (last seen). */
  sort?: SentrySort;
  /** Also fetch Sentry's own suspect commits (a private endpoint); default false. */
  suspects?: boolean;
  /** HTTP limits and retries (concurrency, timeouts, backoff, size cap). */
  http?: HttpTuning & { onRequest?: (event: RequestEvent) => void };
  /** One line per request, secrets redacted. */
  logger?: HttpLogger;
}

/** One commit Sentry itself suspects for an issue (from the private committers endpoint). */
export interface SentrySuspectCommit {
  sha: string;
  /** First line of the commit message. */
  summary: string;
  authorName: string | null;
  authorEmail: string | null;
  /** ISO 8601, when given. */
  date: string | null;
  /** `via SCM integration` or `via commit in release`, as Sentry words it. */
  suspectCommitType: string | null;
  repository: string | null;
  pullRequest: { id: string; title: string | null; url: string | null } | null;
}

/** The sample list plus Sentry-only extras, keyed by issue id (the shared model stays unchanged). */
export interface SentrySampleList extends SampleList {
  /** Sentry's suspect commits per issue id; filled only when `suspects` is on and Sentry has some. */
  sentrySuspects: Map<string, SentrySuspectCommit[]>;
}

/** Fields `updateIssue` can change (needs the `event:write` scope). */
interface SentryIssueUpdate {
  status?: 'resolved' | 'unresolved' | 'ignored' | 'resolvedInNextRelease';
  statusDetails?: Record<string, unknown>;
  /** `user:<id>`, `team:<id>`, a username or email; null unassigns. */
  assignedTo?: string | null;
}

export interface SentryIssueUpdateResult {
  id: string;
  status: string | null;
}

export interface SentrySource extends ErrorSource, ReleaseLister {
  readonly id: 'sentry';
  listSamples(options: ListOptions): Promise<SentrySampleList>;
  /** Resolves, ignores or assigns one issue (PUT). */
  updateIssue(issueId: string, update: SentryIssueUpdate, signal?: AbortSignal): Promise<SentryIssueUpdateResult>;
}
