/** Datadog HTTP plumbing: key headers, wording of auth errors, search queries and cursor paging. */
import { CulpritError } from '../../errors';
import { createHttpClient, type HttpClient } from '../../http/httpClient';
import type { HttpErrorContext } from '../../http/http.types';
import { asArray, asNonEmptyString, asRecord } from '../../decode/valueDecoder';
import type { DatadogSourceOptions } from './datadog.types';
import { DATADOG_SITES, type DatadogSite, normalizeDatadogSite } from './datadogSites';

const SPANS_SEARCH_PATH = '/api/v2/spans/events/search';
const LOGS_SEARCH_PATH = '/api/v2/logs/events/search';
export const ISSUES_SEARCH_PATH = '/api/v2/error-tracking/issues/search';

/** Permissions a read-only key pair needs, and the one for state/assignee changes. */
const DATADOG_READ_SCOPES =
  'error_tracking_read, apm_read (logs_read_data for --track logs; timeseries_query for host metrics)';
export const DATADOG_WRITE_SCOPE = 'error_tracking_write';

/**
 * Datadog's wording: a 403 is most often keys used against the wrong site (they only work on
 * their own), so it names the host used and the other sites; a 401 is the API key.
 */
export function describeDatadogError(
  site: DatadogSite,
  viaUrl: boolean,
): (ctx: HttpErrorContext) => string | undefined {
  return (ctx) => {
    const host = ctx.host.replace(/^https?:\/\//, '');
    const where = `${ctx.method} ${ctx.endpoint}`;
    if (ctx.reason === 'auth') {
      return (
        `Datadog at ${host} rejected the API key (401) for ${where}: DD-API-KEY is missing or invalid (check ` +
        `the key, and that it is an API key, not an application key)`
      );
    }
    if (ctx.reason === 'forbidden') {
      const others = DATADOG_SITES.filter((s) => s !== site).join(', ');
      const sent = viaUrl ? `${host} (set with --url)` : host;
      const scopes = ctx.method === 'POST' || ctx.method === 'GET' ? DATADOG_READ_SCOPES : DATADOG_WRITE_SCOPE;
      return (
        `Datadog denied ${where} (403)${ctx.serverDetail ? ` (${ctx.serverDetail})` : ''}: keys belong to one site; ` +
        `this request went to ${sent} — if your org is on another site, set --site to one of ${others}. ` +
        `Otherwise the application key lacks the permissions ${scopes}`
      );
    }
    return undefined;
  };
}

/** Builds the HTTP client: both key headers as secrets, Datadog's delta-seconds rate-limit reset. */
/** The site, `service:` and `env:` of the options, validated: the scope every Datadog reader searches. */
export function datadogTarget(opts: DatadogSourceOptions): { site: DatadogSite; service: string; env: string } {
  const site = normalizeDatadogSite(opts.site);
  const service = typeof opts.service === 'string' ? opts.service.trim() : '';
  if (!service) {
    throw new CulpritError(
      'invalid-input',
      'no Datadog service given (the `service:` tag of the app, e.g. orders-api)',
    );
  }
  const env = typeof opts.env === 'string' ? opts.env.trim() : 'production';
  return { site, service, env };
}

export function createDatadogHttp(opts: DatadogSourceOptions, site: DatadogSite, baseUrl: string): HttpClient {
  const apiKey = typeof opts.apiKey === 'string' ? opts.apiKey.trim() : '';
  const appKey = typeof opts.appKey === 'string' ? opts.appKey.trim() : '';
  if (!apiKey)
    throw new CulpritError('auth', 'no Datadog API key given (DD-API-KEY, from Organization Settings > API Keys)');
  if (!appKey)
    throw new CulpritError(
      'auth',
      `no Datadog application key given (DD-APPLICATION-KEY, with ${DATADOG_READ_SCOPES})`,
    );
  return createHttpClient({
    ...(opts.http ?? {}),
    baseUrl,
    provider: 'Datadog',
    headers: { 'Content-Type': 'application/json' },
    secretHeaders: { 'DD-API-KEY': apiKey, 'DD-APPLICATION-KEY': appKey },
    secrets: [apiKey, appKey],
    resetHeaders: [{ name: 'X-RateLimit-Reset', kind: 'delta-seconds' }],
    describeError: describeDatadogError(site, opts.baseUrl !== undefined),
    logger: opts.logger,
  });
}

/** URL-path segment for an untrusted id. */
export function seg(v: string): string {
  return encodeURIComponent(v);
}

/** `key:value` in Datadog search syntax, quoting (and escaping) values that are not plain tokens. */
export function searchTerm(key: string, value: string): string {
  const v = value.slice(0, 1024);
  return /^[A-Za-z0-9_.\-/*]+$/.test(v) ? `${key}:${v}` : `${key}:"${v.replace(/[\\"]/g, '\\$&')}"`;
}

/** Where an endpoint takes its cursor: spans under `data.attributes.page`, logs at top-level `page`. */
export type CursorPlacement = 'spans' | 'logs';

export interface SearchFilter {
  query: string;
  from: string;
  to: string;
}

/** The POST body of a span or log search, with the page (and cursor) where that endpoint wants it. */
function searchBody(placement: CursorPlacement, filter: SearchFilter, limit: number, cursor?: string): unknown {
  const page = cursor ? { limit, cursor } : { limit };
  if (placement === 'logs') return { filter, sort: '-timestamp', page };
  return { data: { type: 'search_request', attributes: { filter, sort: '-timestamp', page } } };
}

/**
 * Reads search pages newest first, following `meta.page.after` until it is missing, a page is
 * empty, a cursor repeats, or `maxItems`/`maxPages` is reached. A page shorter than the limit is
 * not the end (Datadog's own clients stopped trusting that).
 */
export async function searchPages(
  http: HttpClient,
  placement: CursorPlacement,
  filter: SearchFilter,
  opts: {
    limit: number;
    maxItems: number;
    maxPages: number;
    signal?: AbortSignal;
    /** Sees each answer's headers (the rate-limit budget reads them). */
    onResponse?: (headers: Record<string, string>) => void;
  },
): Promise<unknown[]> {
  const path = placement === 'logs' ? LOGS_SEARCH_PATH : SPANS_SEARCH_PATH;
  const items: unknown[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < opts.maxPages && items.length < opts.maxItems; page++) {
    // The search is read-only, so a retry after a dropped connection is safe despite POST.
    const res = await http.request({
      method: 'POST',
      path,
      body: searchBody(placement, filter, opts.limit, cursor),
      signal: opts.signal,
      idempotent: true,
    });
    opts.onResponse?.(res.headers);
    const body = asRecord(res.data);
    if (!body || !Array.isArray(body.data)) {
      throw new CulpritError('bad-response', `Datadog POST ${path} did not return a data list`, { endpoint: path });
    }
    items.push(...body.data);
    const next = asNonEmptyString(asRecord(asRecord(body.meta)?.page)?.after, 4096);
    if (!next || body.data.length === 0 || seen.has(next)) break;
    seen.add(next);
    cursor = next;
  }
  return items.slice(0, opts.maxItems);
}

/** `data` of a response as a list (empty when missing). */
export function dataList(body: unknown): unknown[] {
  return asArray(asRecord(body)?.data);
}
