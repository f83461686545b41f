/**
 * Datadog's span and log searches share a low per-organization budget (span search: 300 requests
 * an hour for the whole org). The budget reads the `X-RateLimit-*` headers of each search
 * answer and stops searching while a small reserve is left, instead of spending the org's last
 * requests and meeting a 429; a 429 that names its reset blocks until then.
 * Headers: `X-RateLimit-Limit`, `-Period`, `-Remaining`, `-Reset` (seconds to the reset), `-Name`
 * (README, Requests to each provider: Datadog).
 */
import { CulpritError } from '../../errors';

export interface DatadogRateBudget {
  /** Epoch ms until which no search should be made, or null. */
  blockedUntil(): number | null;
  /** Records the rate-limit headers of one search answer. */
  observe(headers: Record<string, string>): void;
  /** Records a refused search (`rate-limited` with `retryAfterMs`). */
  refused(e: unknown): void;
  /** The user-facing sentence while blocked: "Datadog rate limit: next refresh at 14:05". */
  message(): string;
}

/** Share of the org's window kept for everyone else (and the next window's first refresh). */
const RESERVE_SHARE = 0.05;

/** `now` is injectable so tests can pin the clock. */
export function createDatadogRateBudget(now: () => number = Date.now): DatadogRateBudget {
  let until: number | null = null;
  const block = (ms: number): void => {
    const at = now() + Math.max(1000, ms);
    until = until === null ? at : Math.max(until, at);
  };
  return {
    blockedUntil() {
      if (until !== null && now() >= until) until = null;
      return until;
    },
    observe(headers) {
      const limit = Number(headers['x-ratelimit-limit']);
      const remaining = Number(headers['x-ratelimit-remaining']);
      const reset = Number(headers['x-ratelimit-reset']);
      if (!Number.isFinite(remaining) || headers['x-ratelimit-remaining'] === undefined) return;
      const reserve = Number.isFinite(limit) && limit > 0 ? Math.max(1, Math.ceil(limit * RESERVE_SHARE)) : 1;
      if (remaining <= reserve) block(Number.isFinite(reset) && reset > 0 ? reset * 1000 : 60_000);
    },
    refused(e) {
      if (!CulpritError.is(e, 'rate-limited')) return;
      const wait = (e.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
      block(typeof wait === 'number' && Number.isFinite(wait) ? wait : 60_000);
    },
    message() {
      const at = until ?? now();
      return `Datadog rate limit: next refresh at ${clockTime(at)}`;
    },
  };
}

/** `14:05` in the machine's local time. */
function clockTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
