import { CulpritError, type CulpritErrorReason } from '../errors';
import type { HttpErrorContext } from './http.types';
import type { Redactor } from './secretRedactor';

/** The reason a non-2xx status maps to. */
export function reasonForStatus(status: number): CulpritErrorReason {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  if (status === 400 || status === 422) return 'invalid-input';
  return 'bad-response';
}

const STATUS_TEXT: Record<number, string> = {
  400: 'rejected the request as invalid (400)',
  401: 'rejected the credentials (401)',
  403: 'denied access (403)',
  404: 'found nothing (404)',
  429: 'is rate limiting requests (429)',
};

/** The default one-line wording for a failed status. */
export function defaultStatusMessage(provider: string, method: string, endpoint: string, status: number): string {
  const what =
    STATUS_TEXT[status] ??
    (status >= 500
      ? `had a server error (${status})`
      : status >= 300 && status < 400
        ? `answered with a redirect (${status}); check the base URL`
        : `answered with unexpected status ${status}`);
  return `${provider} ${what} for ${method} ${endpoint}`;
}

/**
 * Builds the CulpritError for a failure: lets the provider's hook phrase it, then redacts
 * secrets from the final text. Details carry only safe fields (never request config or headers).
 */
export function buildHttpError(
  ctx: HttpErrorContext,
  describe: ((ctx: HttpErrorContext) => string | undefined) | undefined,
  redact: Redactor,
  extra: Record<string, unknown> = {},
): CulpritError {
  let message = ctx.defaultMessage + (ctx.serverDetail ? `: ${ctx.serverDetail}` : '');
  if (describe) {
    try {
      message = describe({ ...ctx, defaultMessage: message }) ?? message;
    } catch {
      // A faulty wording hook must not hide the real failure.
    }
  }
  return new CulpritError(ctx.reason, redact(message), {
    status: ctx.status,
    endpoint: redact(ctx.endpoint),
    host: ctx.host,
    serverDetail: ctx.serverDetail,
    ...extra,
  });
}
