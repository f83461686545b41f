import type { ResetHeader } from './http.types';

/** Statuses worth retrying for an idempotent request: the gateway or the server was briefly away. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/** Network error codes that mean the connection dropped, so an idempotent retry is safe. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ERR_BAD_RESPONSE_ABORTED',
]);

/** Capped exponential backoff: base, 2×base, 4×base… never above max. `retry` counts from 1. */
export function backoffDelay(retry: number, baseMs: number, maxMs: number): number {
  const exp = Math.min(Math.max(retry - 1, 0), 30);
  return Math.min(baseMs * 2 ** exp, maxMs);
}

/**
 * How long a 429 asks us to wait, in ms, or null when it does not say. `Retry-After` wins
 * (delta seconds or an HTTP date); otherwise the provider's reset headers are read in order.
 */
export function rateLimitWaitMs(
  headers: Record<string, string>,
  resetHeaders: readonly ResetHeader[],
  now: number = Date.now(),
): number | null {
  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined) {
    const parsed = parseRetryAfter(retryAfter, now);
    if (parsed !== null) return parsed;
  }
  for (const h of resetHeaders) {
    const raw = headers[h.name.toLowerCase()];
    if (raw === undefined) continue;
    const n = Number(raw.trim());
    if (!Number.isFinite(n) || raw.trim() === '') continue;
    const ms = h.kind === 'epoch-seconds' ? n * 1000 - now : n * 1000;
    return Math.max(0, Math.ceil(ms));
  }
  return null;
}

/** `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT`, as ms from now. */
export function parseRetryAfter(value: string, now: number = Date.now()): number | null {
  const v = value.trim();
  if (v === '') return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.ceil(Number(v) * 1000);
  if (v.length > 64) return null;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/** Sleeps for `ms`, waking early (rejecting) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
