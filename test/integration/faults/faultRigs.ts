/**
 * The three providers behind one shape for the fault matrix: a stand-in with a fault switch and a
 * request counter, a source with fast test timings, the route that lists issues and the route
 * each issue's event comes from, and the issue ids the stand-in serves.
 */
import type { ErrorSource } from '../../../src/core/providers/errorSource';
import type { HttpTuning } from '../../../src/core/http/http.types';
import { createSentrySource } from '../../../src/core/providers/sentry/sentrySource';
import { createDatadogSource } from '../../../src/core/providers/datadog/datadogSource';
import { createBugsnagSource } from '../../../src/core/providers/bugsnag/bugsnagSource';
import { startSentryStandIn, type SentryStandInFault } from '../../helpers/sentryStandIn';
import { startDatadogStandIn } from '../../helpers/datadogStandIn';
import { startBugsnagStandIn } from '../../helpers/bugsnagStandIn';

/** Canary secrets: set in every fault run and searched for in every output. */
const SENTRY_TOKEN = 'test-canary-sentry-token-CANARY-not-a-secret';
const DD_API_KEY = 'test-canary-dd-api-key-CANARY-not-a-secret';
const DD_APP_KEY = 'test-canary-dd-app-key-CANARY-not-a-secret';
const BUGSNAG_TOKEN = 'test-canary-bugsnag-token-CANARY-not-a-secret';
export const CANARIES = [SENTRY_TOKEN, DD_API_KEY, DD_APP_KEY, BUGSNAG_TOKEN, 'CANARY'];

export type Fault = SentryStandInFault;

export interface Stand {
  url: string;
  count(route?: string): number;
  fault(route: string, f: Fault): void;
  close(): Promise<void>;
}

/** What a rig's stand-in can be started with. */
export interface StandOptions {
  latencyMs?: number;
  /** The title (or message) of issue `i`, to echo a secret in provider data. */
  title?: (i: number) => string;
  /**
   * Another origin the provider's own data names as where to go next (Sentry's region URL,
   * Bugsnag's `rel="next"` link); Datadog's data names none (`namesOrigins: false`).
   */
  otherOrigin?: string;
}

export interface Rig {
  name: 'Sentry' | 'Datadog' | 'Bugsnag';
  /** The secret the rig's source is configured with (the first of several). */
  secret: string;
  listRoute: string;
  itemRoute: string;
  ids: string[];
  /** Header that carries a rate-limit reset `inSec` seconds away, in the provider's format. */
  resetHeader(inSec: number): Record<string, string>;
  start(opts?: StandOptions): Promise<Stand>;
  source(url: string, http?: Partial<HttpTuning>, log?: (l: string) => void): ErrorSource;
  /** CLI arguments and environment that point `culprit triage` at the stand-in. */
  cli(url: string): { args: string[]; env: Record<string, string> };
  /** Whether the provider's data can name a URL to call (see `StandOptions.otherOrigin`). */
  namesOrigins: boolean;
  /** Requests the CLI makes for the issues' events: one per issue, or one search for all (Datadog batches). */
  cliItemRequests: 'per-issue' | 'one-batch';
}

/** Fast retry timings so the matrix runs in seconds; 2 retries make a storm visible. */
const FAST: Partial<HttpTuning> = {
  backoffBaseMs: 5,
  backoffMaxMs: 20,
  maxRetries: 2,
  defaultRateLimitWaitMs: 50,
  // Generous: a 50 MB body over loopback takes seconds on a loaded 2-core machine; the timeout fault sets its own.
  timeoutMs: 30_000,
};

const SENTRY_RIG: Rig = {
  cliItemRequests: 'per-issue',
  namesOrigins: true,
  name: 'Sentry',
  secret: SENTRY_TOKEN,
  listRoute: 'issues',
  itemRoute: 'event',
  ids: ['1000', '1001', '1002'],
  resetHeader: (s) => ({
    'X-Sentry-Rate-Limit-Reset': String(Math.ceil(Date.now() / 1000) + s),
    'X-Sentry-Rate-Limit-Remaining': '0',
  }),
  async start(opts = {}) {
    const s = await startSentryStandIn({
      token: SENTRY_TOKEN,
      issueCount: 3,
      latencyMs: opts.latencyMs,
      issueTitle: opts.title,
      regionUrl: opts.otherOrigin,
    });
    return {
      url: s.url,
      count: (r) => s.count(r as never),
      fault: (r, f) => s.fault(r as never, f),
      close: () => s.close(),
    };
  },
  source: (url, http = {}, log) =>
    createSentrySource({
      baseUrl: url,
      token: SENTRY_TOKEN,
      org: 'acme',
      projects: ['orders-api'],
      logger: log,
      http: { ...FAST, ...http },
    }),
  cli: (url) => ({
    args: ['--sentry', '--url', url, '--org', 'acme', '--project', 'orders-api', '--limit', '3'],
    env: { SENTRY_AUTH_TOKEN: SENTRY_TOKEN },
  }),
};

const DD_IDS = [
  '5f8ebd5c-6dd9-11f0-8a28-da7ad0900010',
  '5f8ebd5c-6dd9-11f0-8a28-da7ad0900011',
  '5f8ebd5c-6dd9-11f0-8a28-da7ad0900012',
];

const DATADOG_RIG: Rig = {
  namesOrigins: false,
  name: 'Datadog',
  secret: DD_API_KEY,
  listRoute: 'issues',
  itemRoute: 'spans',
  ids: DD_IDS,
  resetHeader: (s) => ({ 'X-RateLimit-Reset': String(s), 'X-RateLimit-Remaining': '0' }),
  async start(opts = {}) {
    const s = await startDatadogStandIn({
      apiKey: DD_API_KEY,
      appKey: DD_APP_KEY,
      latencyMs: opts.latencyMs,
      errorMessage: opts.title,
    });
    return {
      url: s.url,
      count: (r) => s.count(r as never),
      fault: (r, f) => s.fault(r as never, f as never),
      close: () => s.close(),
    };
  },
  source: (url, http = {}, log) =>
    createDatadogSource({
      baseUrl: url,
      apiKey: DD_API_KEY,
      appKey: DD_APP_KEY,
      service: 'orders-api',
      logger: log,
      // One span search per issue, so a fault on one search concerns one issue (batching: datadogBudget.test.ts).
      spanBatchSize: 1,
      http: { ...FAST, ...http },
    }),
  cliItemRequests: 'one-batch',
  cli: (url) => ({
    args: ['--datadog', '--url', url, '--service', 'orders-api', '--limit', '3'],
    env: { DD_API_KEY, DD_APP_KEY },
  }),
};

const BUGSNAG_PROJECT = '5f1e0c9a00000000000000aa';
/** The stand-in's error ids (`errorId(i)`), known before it starts. */
const BUGSNAG_IDS = [0, 1, 2].map((i) => `e${(0x1000 + i).toString(16)}`.padStart(24, '0'));

const BUGSNAG_RIG: Rig = {
  name: 'Bugsnag',
  namesOrigins: true,
  secret: BUGSNAG_TOKEN,
  listRoute: 'errors',
  // The newest event of each error comes from the project's events list, filtered by that error.
  itemRoute: 'events',
  ids: BUGSNAG_IDS,
  resetHeader: (s) => ({ 'Retry-After': String(s) }),
  async start(opts = {}) {
    const s = await startBugsnagStandIn({
      token: BUGSNAG_TOKEN,
      projectId: BUGSNAG_PROJECT,
      errorCount: 3,
      latencyMs: opts.latencyMs,
      errorMessage: opts.title,
    });
    // The first page's `rel="next"` points at the other origin, with the next page's query.
    if (opts.otherOrigin)
      s.fault('errors', {
        times: 1,
        headers: { link: `<${opts.otherOrigin}/projects/${BUGSNAG_PROJECT}/errors?offset=3&per_page=3>; rel="next"` },
      });
    return {
      url: s.url,
      count: (r) => s.count(r as never),
      // The matrix names the issue a fault concerns `issueId`; Bugsnag calls it an error.
      fault: (r, f) => s.fault(r as never, { ...f, errorId: f.issueId }),
      close: () => s.close(),
    };
  },
  source: (url, http = {}, log) =>
    createBugsnagSource({
      baseUrl: url,
      token: BUGSNAG_TOKEN,
      project: BUGSNAG_PROJECT,
      logger: log,
      http: { ...FAST, ...http },
    }),
  cliItemRequests: 'per-issue',
  cli: (url) => ({
    args: ['--bugsnag', '--url', url, '--project', BUGSNAG_PROJECT, '--limit', '3'],
    env: { BUGSNAG_TOKEN },
  }),
};

export const RIGS = [SENTRY_RIG, DATADOG_RIG, BUGSNAG_RIG];

/** One row of the matrix: the fault, and what a whole-source failure must say. */
export interface FaultCase {
  name: string;
  fault: (rig: Rig) => Fault;
  reason: string;
  message: (rig: Rig) => RegExp;
  /** Most requests the faulty route may see (retries included): no storm. */
  maxRequests: number;
  http?: Partial<HttpTuning>;
}

export const FAULTS: FaultCase[] = [
  {
    // The body echoes the credential back, as some proxies and old APIs do: it must show nowhere.
    name: '401 echoing the token in its body',
    fault: (r) => ({ status: 401, detail: `invalid credentials: ${r.secret}` }),
    reason: 'auth',
    message: (r) =>
      ({
        Sentry: /rejected the token \(401\).*check that it is valid and has the scopes/,
        Datadog: /rejected the API key \(401\).*DD-API-KEY is missing or invalid/,
        Bugsnag: /rejected the auth token \(401\).*check BUGSNAG_TOKEN/,
      })[r.name],
    maxRequests: 1,
  },
  {
    name: '403',
    fault: () => ({ status: 403 }),
    reason: 'forbidden',
    message: (r) =>
      ({
        Sentry: /denied GET .* \(403\): the token needs the scopes/,
        Datadog: /denied POST .* \(403\).*keys belong to one site/,
        Bugsnag: /denied GET .* \(403\): the token's user lacks access to this project/,
      })[r.name],
    maxRequests: 1,
  },
  {
    name: '404',
    fault: () => ({ status: 404 }),
    reason: 'not-found',
    message: (r) => new RegExp(`${r.name} found nothing \\(404\\)`),
    maxRequests: 1,
  },
  {
    name: '429 with a reset beyond the wait cap',
    fault: (r) => ({ status: 429, headers: r.resetHeader(3_600) }),
    reason: 'rate-limited',
    message: () => /rate limiting requests \(429\).*resets in \d+(\.\d)?s, longer than the 60s this client waits/,
    maxRequests: 1,
  },
  {
    name: '429 without reset headers',
    fault: () => ({ status: 429 }),
    reason: 'rate-limited',
    message: () => /rate limiting requests \(429\).*still limited after waiting, try again later/,
    maxRequests: 2,
  },
  {
    name: '500',
    fault: () => ({ status: 500 }),
    reason: 'server',
    message: (r) => new RegExp(`${r.name} had a server error \\(500\\)`),
    maxRequests: 1,
  },
  {
    name: '502',
    fault: () => ({ status: 502 }),
    reason: 'server',
    message: (r) => new RegExp(`${r.name} had a server error \\(502\\)`),
    maxRequests: 3,
  },
  {
    name: '503',
    fault: () => ({ status: 503 }),
    reason: 'server',
    message: (r) => new RegExp(`${r.name} had a server error \\(503\\)`),
    maxRequests: 3,
  },
  {
    name: 'a timeout',
    fault: () => ({ delayMs: 1_500 }),
    reason: 'timeout',
    message: () => /timed out after 300ms/,
    maxRequests: 1,
    http: { timeoutMs: 300 },
  },
  {
    name: 'a connection reset mid-body',
    fault: () => ({ body: 'reset' }),
    reason: 'network',
    message: (r) => new RegExp(`could not reach ${r.name} at http://127\\.0\\.0\\.1:\\d+`),
    maxRequests: 3,
  },
  {
    name: 'truncated JSON',
    fault: () => ({ body: 'truncated' }),
    reason: 'bad-response',
    message: () => /returned truncated JSON/,
    maxRequests: 1,
  },
  {
    name: 'an HTML error page',
    fault: () => ({ status: 200, body: 'html' }),
    reason: 'bad-response',
    message: () => /returned an HTML page instead of JSON \(status 200, "502 Bad Gateway"\)/,
    maxRequests: 1,
  },
  {
    name: 'a 50 MB body over a 16 MB cap',
    fault: () => ({ body: 'huge', hugeBytes: 50 * 1024 * 1024 }),
    reason: 'bad-response',
    message: () => /sent a response larger than the 16 MB cap/,
    maxRequests: 1,
    // Writing 50 MB takes seconds on a loaded 2-core machine: the cap is under test, not the clock.
    http: { maxResponseBytes: 16 * 1024 * 1024, timeoutMs: 60_000 },
  },
  {
    name: 'an empty body with 200',
    fault: () => ({ status: 200, body: 'empty' }),
    reason: 'bad-response',
    message: () => /returned an empty body \(status 200\) where JSON was expected/,
    maxRequests: 1,
  },
];
