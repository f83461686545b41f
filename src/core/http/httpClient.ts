import axios from 'axios';
import { CulpritError } from '../errors';
import { type AttemptOutcome, runAttempt } from './httpAttempt';
import { buildHttpError, defaultStatusMessage, reasonForStatus } from './httpErrors';
import type { HttpClientOptions, HttpErrorContext, HttpRequest, HttpResponse, HttpStats } from './http.types';
import { ConcurrencyLimiter } from './concurrencyLimiter';
import { parseJsonBody, serverDetailOf } from './jsonBody';
import { RETRYABLE_CODES, RETRYABLE_STATUSES, backoffDelay, rateLimitWaitMs, sleep } from './retryPolicy';
import { type Redactor, createRedactor, secretVariants } from './secretRedactor';
import { buildRequestUrl, parseBaseUrl } from './requestUrl';
import { isDeadlineError } from '../util/deadline';
import { SilenceBreaker } from './silenceBreaker';

/** A provider-neutral JSON-over-HTTP client with limits, retries and redaction built in. */
export interface HttpClient {
  /** The origin (plus path prefix) relative paths resolve against. */
  readonly baseUrl: string;
  /**
   * Sends one logical request (retrying where safe). Resolves for 2xx and for `acceptStatuses`;
   * everything else rejects with a CulpritError whose message names the endpoint, never a secret.
   */
  request(req: HttpRequest): Promise<HttpResponse>;
  /** A client for another base URL (e.g. a Sentry region) sharing limits, counters and secrets. */
  withBaseUrl(baseUrl: string): HttpClient;
  stats(): HttpStats;
}

const DEFAULTS = {
  maxConcurrent: 4,
  timeoutMs: 30_000,
  maxRetries: 3,
  backoffBaseMs: 300,
  backoffMaxMs: 5_000,
  maxRateLimitWaitMs: 60_000,
  defaultRateLimitWaitMs: 1_000,
  maxResponseBytes: 64 * 1024 * 1024,
  giveUpAfterSilences: 2,
};

/** State shared by a client and the clients derived from it with `withBaseUrl`. */
interface Shared {
  opts: HttpClientOptions & typeof DEFAULTS;
  limiter: ConcurrencyLimiter;
  redact: Redactor;
  headers: Record<string, string>;
  axios: ReturnType<typeof axios.create>;
  requests: number;
  /** After a 429 every request waits until then, so one limit does not set off a storm. */
  pausedUntil: number;
  /** Stops sending once the provider has clearly stopped answering. */
  silence: SilenceBreaker;
}

/** Creates a client. Options are validated here; a bad base URL throws `invalid-input`. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const opts = { ...DEFAULTS, ...dropUndefined(options) } as Shared['opts'];
  const redact = createRedactor([
    ...secretVariants(Object.values(options.secretHeaders ?? {})),
    ...(options.secrets ?? []),
  ]);
  const shared: Shared = {
    opts,
    limiter: new ConcurrencyLimiter(Math.max(1, Math.floor(opts.maxConcurrent))),
    redact,
    headers: { Accept: 'application/json', ...(options.headers ?? {}), ...(options.secretHeaders ?? {}) },
    // No redirects: following one could carry auth headers to another host.
    axios: axios.create({ maxRedirects: 0 }),
    requests: 0,
    pausedUntil: 0,
    silence: new SilenceBreaker(opts.giveUpAfterSilences, opts.timeoutMs),
  };
  return makeClient(shared, parseBaseUrl(options.baseUrl, options.provider, redact));
}

function makeClient(shared: Shared, base: URL): HttpClient {
  const client: HttpClient = {
    baseUrl: base.toString().replace(/\/$/, ''),
    request: (req) => send(shared, base, req),
    withBaseUrl: (url) => makeClient(shared, parseBaseUrl(url, shared.opts.provider, shared.redact)),
    stats: () => ({
      requests: shared.requests,
      inFlight: shared.limiter.inFlight,
      maxInFlight: shared.limiter.maxInFlight,
    }),
  };
  return client;
}

async function send(shared: Shared, base: URL, req: HttpRequest): Promise<HttpResponse> {
  const { opts, redact } = shared;
  const method = req.method ?? 'GET';
  const url = buildRequestUrl(base, req.path, req.query, opts.provider, redact);
  const endpoint = url.pathname;
  const logPath = redact(url.pathname + url.search);
  const idempotent = req.idempotent ?? ['GET', 'HEAD', 'PUT', 'DELETE'].includes(method);
  const timeoutMs = req.timeoutMs ?? opts.timeoutMs;
  const ctx = (
    reason: HttpErrorContext['reason'],
    status: number | null,
    message: string,
    detail: string | null = null,
  ): HttpErrorContext => ({
    reason,
    status,
    method,
    endpoint,
    host: url.origin,
    serverDetail: detail,
    defaultMessage: message,
  });
  const fail = (c: HttpErrorContext, extra?: Record<string, unknown>): CulpritError =>
    buildHttpError(c, opts.describeError, redact, extra);
  // A passed run deadline is a timeout that names the deadline; anything else aborting is a cancel.
  const cancelled = (): CulpritError =>
    isDeadlineError(req.signal?.reason)
      ? fail(ctx('timeout', null, `${opts.provider} ${method} ${endpoint} stopped: ${req.signal.reason.message}`), {
          deadlineMs: req.signal.reason.details?.deadlineMs,
        })
      : fail(ctx('cancelled', null, `${opts.provider} ${method} ${endpoint} was cancelled`));

  let retries = 0;
  let rateLimited = false;
  for (let attempt = 1; ; attempt++) {
    let release: () => void;
    try {
      await sleep(shared.pausedUntil - Date.now(), req.signal);
      release = await shared.limiter.acquire(req.signal);
    } catch {
      throw cancelled();
    }
    const silent = shared.silence.refusal(method, endpoint);
    if (silent) {
      release();
      throw fail(ctx('timeout', null, `${opts.provider} ${method} ${endpoint} not sent: ${silent}`));
    }
    shared.requests++;
    const started = Date.now();
    let out: AttemptOutcome;
    try {
      opts.onRequest?.({ method, path: logPath, attempt, inFlight: shared.limiter.inFlight });
      out = await runAttempt(shared.axios, {
        url: url.toString(),
        method,
        headers: shared.headers,
        body: req.body,
        signal: req.signal,
        timeoutMs,
        maxBytes: opts.maxResponseBytes,
      });
    } finally {
      release();
    }
    const ms = Date.now() - started;
    const log = (what: string, note = ''): void => opts.logger?.(redact(`${method} ${logPath} ${what} ${ms}ms${note}`));

    if (out.kind === 'failure') {
      if (out.cause === 'cancelled') {
        log('cancelled');
        throw cancelled();
      }
      if (out.cause === 'timeout') {
        log('timeout');
        shared.silence.noAnswer(opts.provider, method, endpoint, timeoutMs);
        throw fail(
          ctx('timeout', null, `${opts.provider} ${method} ${endpoint} timed out after ${formatMs(timeoutMs)}`),
        );
      }
      if (out.cause === 'too-large') {
        log('too-large');
        throw fail(
          ctx(
            'bad-response',
            null,
            `${opts.provider} ${method} ${endpoint} sent a response larger than the ` +
              `${formatBytes(opts.maxResponseBytes)} cap`,
          ),
        );
      }
      if (idempotent && RETRYABLE_CODES.has(out.code) && retries < opts.maxRetries) {
        retries++;
        const wait = backoffDelay(retries, opts.backoffBaseMs, opts.backoffMaxMs);
        log(out.code, ` (retry ${retries}/${opts.maxRetries} in ${wait}ms)`);
        await sleepOrCancel(wait, req.signal, cancelled);
        continue;
      }
      log(out.code);
      throw fail(
        ctx(
          'network',
          null,
          `could not reach ${opts.provider} at ${url.origin} for ${method} ${endpoint} (${out.code})`,
        ),
      );
    }

    const { status, headers, body } = out;
    shared.silence.answered(method, endpoint);
    log(String(status));
    if ((status >= 200 && status < 300) || req.acceptStatuses?.includes(status)) {
      const origin = { provider: opts.provider, method, endpoint, status, contentType: headers['content-type'] ?? '' };
      if (status >= 300) return { status, headers, data: body.length === 0 ? null : tryParse(body, origin, redact) };
      if (status === 204 || status === 205 || method === 'HEAD') return { status, headers, data: null };
      return { status, headers, data: parseJsonBody(body, origin, redact) };
    }

    const detail = serverDetailOf(body, redact);
    if (status === 429) {
      const asked = rateLimitWaitMs(headers, opts.resetHeaders ?? []);
      const wait = asked ?? opts.defaultRateLimitWaitMs;
      const base = defaultStatusMessage(opts.provider, method, endpoint, status);
      if (rateLimited) {
        throw fail(ctx('rate-limited', status, `${base}; still limited after waiting, try again later`, detail), {
          retryAfterMs: wait,
        });
      }
      if (wait > opts.maxRateLimitWaitMs) {
        throw fail(
          ctx(
            'rate-limited',
            status,
            `${base}; the limit resets in ${formatMs(wait)}, longer than the ${formatMs(opts.maxRateLimitWaitMs)} ` +
              `this client waits`,
            detail,
          ),
          { retryAfterMs: wait },
        );
      }
      rateLimited = true;
      shared.pausedUntil = Math.max(shared.pausedUntil, Date.now() + wait);
      opts.logger?.(redact(`${method} ${logPath} rate limited; waiting ${wait}ms before one retry`));
      continue;
    }
    if (RETRYABLE_STATUSES.has(status) && idempotent && retries < opts.maxRetries) {
      retries++;
      const asked = rateLimitWaitMs(headers, []) ?? 0;
      const wait = Math.min(
        Math.max(backoffDelay(retries, opts.backoffBaseMs, opts.backoffMaxMs), asked),
        opts.maxRateLimitWaitMs,
      );
      opts.logger?.(redact(`${method} ${logPath} retry ${retries}/${opts.maxRetries} in ${wait}ms`));
      await sleepOrCancel(wait, req.signal, cancelled);
      continue;
    }
    throw fail(
      ctx(reasonForStatus(status), status, defaultStatusMessage(opts.provider, method, endpoint, status), detail),
    );
  }
}

function tryParse(body: Buffer, origin: Parameters<typeof parseJsonBody>[1], redact: Redactor): unknown {
  try {
    return parseJsonBody(body, origin, redact);
  } catch {
    return null;
  }
}

async function sleepOrCancel(
  ms: number,
  signal: AbortSignal | undefined,
  cancelled: () => CulpritError,
): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch {
    throw cancelled();
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10}s` : `${Math.round(ms)}ms`;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${Math.round(n / 1024)} KB`;
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
