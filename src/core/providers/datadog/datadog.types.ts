import type { HttpLogger, HttpTuning, RequestEvent } from '../../http/http.types';
import type { ErrorSource } from '../errorSource';

/** Where error events are read: APM spans (`trace`, the default) or error logs (`logs`). */
export type DatadogTrack = 'trace' | 'logs';

/**
 * How groups are found: `error-tracking` lists Error Tracking issues and fetches one span or log
 * per issue; `direct` needs no Error Tracking and groups error spans/logs by error type + resource.
 */
type DatadogMode = 'error-tracking' | 'direct';

/** Everything needed to read production errors from one Datadog org. */
export interface DatadogSourceOptions {
  /** Datadog site of the org (default `datadoghq.com`); the API base is `https://api.<site>`. */
  site?: string;
  /** Plain base URL (tests, proxies); overrides `site` for requests. */
  baseUrl?: string;
  /** `DD-API-KEY`: identifies the org. Secret. */
  apiKey: string;
  /** `DD-APPLICATION-KEY`: the user or service account and its permissions. Secret. */
  appKey: string;
  /** Service name (`service:` tag). */
  service: string;
  /**
   * `env:` tag; default `production`. Datadog has no default env (untagged data is `env:none`),
   * so this mirrors the Sentry source; an empty string drops the env filter.
   */
  env?: string;
  /** Error Tracking query; default `service:<s> env:<e> @http.status_code:500`. */
  query?: string;
  /** Window start: `now-24h` (default), `now-15m`, `now-7d`, an ISO date or epoch ms. */
  from?: string;
  /** Window end: `now` (default) or the same forms as `from`. */
  to?: string;
  /** Default `trace`. */
  track?: DatadogTrack;
  /** Default `error-tracking`. */
  mode?: DatadogMode;
  /** Page size for span/log searches in direct mode (default 100, max 1000). */
  pageLimit?: number;
  /** Most pages read in direct mode (default 10). */
  maxPages?: number;
  /** HTTP limits and retries (concurrency, timeouts, backoff, size cap). */
  http?: HttpTuning & { onRequest?: (event: RequestEvent) => void };
  /** One line per request, secrets redacted. */
  logger?: HttpLogger;
  /** Issues per span/log search (`@issue.id:(a OR b …)`), default 10; 1 searches each issue alone. */
  spanBatchSize?: number;
  /** Clock for the rate budget (tests pin it); default `Date.now`. */
  now?: () => number;
}

/** Error Tracking issue states (`IssueState` in the spec). */
export const DATADOG_ISSUE_STATES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'IGNORED', 'EXCLUDED'] as const;
export type DatadogIssueState = (typeof DATADOG_ISSUE_STATES)[number];

export interface DatadogIssueUpdateResult {
  id: string;
  /** State the server reports after the change (null when it did not say). */
  state: string | null;
  /** Assignee user id after the change (null when unassigned or not reported). */
  assigneeId: string | null;
}

export interface DatadogSource extends ErrorSource {
  readonly id: 'datadog';
  /** The API origin requests go to (`https://api.datadoghq.eu`, or the `baseUrl` given). */
  readonly baseUrl: string;
  /** The site the source was configured for (used for UI links and messages). */
  readonly site: string;
  /** Sets an issue's state; case-insensitive (`resolved` → `RESOLVED`). Needs `error_tracking_write`. */
  updateIssueState(
    issueId: string,
    state: DatadogIssueState | Lowercase<DatadogIssueState>,
    signal?: AbortSignal,
  ): Promise<DatadogIssueUpdateResult>;
  /** Assigns an issue to a Datadog user (UUID). */
  assign(issueId: string, userId: string, signal?: AbortSignal): Promise<DatadogIssueUpdateResult>;
  /** Removes the issue's assignee. */
  unassign(issueId: string, signal?: AbortSignal): Promise<DatadogIssueUpdateResult>;
}
