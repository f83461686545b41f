import type { CulpritErrorReason } from '../errors';

/** Where a provider says its rate limit resets, and in which unit. */
export interface ResetHeader {
  /** Header name, case-insensitive (`X-Sentry-Rate-Limit-Reset`, `X-RateLimit-Reset`). */
  name: string;
  /** `epoch-seconds`: UTC time of the reset (Sentry); `delta-seconds`: seconds from now (Datadog). */
  kind: 'epoch-seconds' | 'delta-seconds';
}

/** What a provider's wording hook gets to phrase an error in its own terms. */
export interface HttpErrorContext {
  reason: CulpritErrorReason;
  /** HTTP status, or null for network-level failures. */
  status: number | null;
  method: string;
  /** Path of the request without its query string (never a header, never a token). */
  endpoint: string;
  /** Origin the request went to, e.g. `https://us.sentry.io`. */
  host: string;
  /** The server's own explanation (`detail`, `errors[]`), already redacted and shortened. */
  serverDetail: string | null;
  /** The message the client would use; the hook may return it, extend it or replace it. */
  defaultMessage: string;
}

/** One line per attempt, secrets already redacted. */
export type HttpLogger = (line: string) => void;

/** Called as each attempt starts: lets tests (and diagnostics) count requests. */
export interface RequestEvent {
  method: string;
  /** Path and query, redacted. */
  path: string;
  /** 1 for the first try, 2+ for retries. */
  attempt: number;
  /** Requests in flight including this one. */
  inFlight: number;
}

/** Tunables shared by every provider; all have safe defaults. */
export interface HttpTuning {
  /** Most requests in flight at once (default 4). */
  maxConcurrent?: number;
  /** Per-attempt time limit in ms, covering connect, headers and body (default 30 000). */
  timeoutMs?: number;
  /** Retries of idempotent requests on 502/503/504 and connection resets (default 3). */
  maxRetries?: number;
  /** First backoff step in ms; doubles per retry (default 300). */
  backoffBaseMs?: number;
  /** Longest single backoff in ms (default 5 000). */
  backoffMaxMs?: number;
  /** Longest wait for a rate-limit reset before giving up with `rate-limited` (default 60 000). */
  maxRateLimitWaitMs?: number;
  /** Wait after a 429 that names no reset time (default 1 000). */
  defaultRateLimitWaitMs?: number;
  /** Largest response body accepted, in bytes (default 64 MiB). */
  maxResponseBytes?: number;
  /**
   * Timeouts in a row (no answer in between) after which the provider counts as down and new
   * requests fail at once for one timeout's length (default 2; 0 never gives up).
   */
  giveUpAfterSilences?: number;
}

export interface HttpClientOptions extends HttpTuning {
  /** Origin (and optional path prefix) every relative request path is resolved against. */
  baseUrl: string;
  /** Human name used in messages: `Sentry`, `Datadog`. */
  provider: string;
  /** Auth headers. Their values are secrets: redacted from every message, log line and error. */
  secretHeaders?: Record<string, string>;
  /** Other headers sent with every request (not secret). */
  headers?: Record<string, string>;
  /** Extra strings to redact (e.g. a token that also appears elsewhere). */
  secrets?: string[];
  /** Provider-specific rate-limit reset headers, read when a 429 has no `Retry-After`. */
  resetHeaders?: ResetHeader[];
  /** Lets the provider phrase errors (e.g. name the scopes a 403 needs). Return undefined to keep the default. */
  describeError?: (ctx: HttpErrorContext) => string | undefined;
  logger?: HttpLogger;
  onRequest?: (event: RequestEvent) => void;
}

export type QueryValue = string | number | boolean | null | undefined | Array<string | number>;

export interface HttpRequest {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Path relative to the base URL (`/api/0/...`), or an absolute URL on the same origin. */
  path: string;
  /** Query parameters; arrays repeat the key (`project=1&project=2`); null/undefined are skipped. */
  query?: Record<string, QueryValue>;
  /** JSON request body. */
  body?: unknown;
  signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout. */
  timeoutMs?: number;
  /** Whether a retry is safe; defaults to true for GET/HEAD/PUT/DELETE. */
  idempotent?: boolean;
  /** Statuses the caller handles itself (returned, not thrown), e.g. `[404]` for optional data. */
  acceptStatuses?: number[];
}

export interface HttpResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON, or null for 204/HEAD and accepted non-2xx statuses with empty bodies. */
  data: unknown;
}

/** Counters the client keeps for tests and diagnostics. */
export interface HttpStats {
  /** Attempts started (retries included). */
  requests: number;
  inFlight: number;
  maxInFlight: number;
}
