/** Bugsnag HTTP plumbing: token auth, API version header, wording of auth errors, Link paging. */
import { CulpritError } from '../../errors';
import { createHttpClient, type HttpClient } from '../../http/httpClient';
import type { HttpErrorContext, HttpRequest, QueryValue } from '../../http/http.types';
import { findLink, parseLinkHeader } from '../../http/linkHeader';
import { fetchListPages } from '../../http/listPages';
import { countHeader, type ListTotal } from '../errorSource';
import type { BugsnagSourceOptions } from './bugsnag.types';
import { bugsnagHosts } from './bugsnagHosts';

/** URL-path segment for an untrusted id. */
export function seg(v: string): string {
  return encodeURIComponent(v);
}

/**
 * Bugsnag's wording: a 401 is the personal auth token; the API answers 404 (not 403) for
 * projects the token's user cannot see, so a 404 names that possibility.
 */
function describeBugsnagError(ctx: HttpErrorContext): string | undefined {
  const where = `${ctx.method} ${ctx.endpoint}`;
  if (ctx.reason === 'auth') {
    return (
      `Bugsnag at ${ctx.host} rejected the auth token (401) for ${where}: check BUGSNAG_TOKEN (a personal auth ` +
      `token from Settings > My account)`
    );
  }
  if (ctx.reason === 'forbidden')
    return `Bugsnag at ${ctx.host} denied ${where} (403): the token's user lacks access to this project`;
  if (
    ctx.reason === 'not-found' &&
    /^\/projects\/[^/]+\/?$/.test(ctx.endpoint.replace(/\/(errors|events|releases).*$/, ''))
  ) {
    return `${ctx.defaultMessage} (Bugsnag also answers 404 for projects the token's user cannot see)`;
  }
  return undefined;
}

/**
 * Builds the HTTP client: `Authorization: token …` (a secret), `X-Version: 2` and
 * `X-Bugsnag-Api: true` (sent by every recorded request of Bugsnag's own clients).
 */
export function createBugsnagHttp(opts: BugsnagSourceOptions): HttpClient {
  const token = typeof opts.token === 'string' ? opts.token.trim() : '';
  if (!token)
    throw new CulpritError(
      'auth',
      'no Bugsnag auth token given; create a personal auth token in Bugsnag under Settings > My account',
    );
  return createHttpClient({
    ...(opts.http ?? {}),
    baseUrl: bugsnagHosts(opts).api,
    provider: 'Bugsnag',
    headers: { 'X-Version': '2', 'X-Bugsnag-Api': 'true' },
    secretHeaders: { Authorization: `token ${token}` },
    secrets: [token],
    describeError: describeBugsnagError,
    logger: opts.logger,
  });
}

/**
 * Query parameters of the `rel="next"` link, or null. Only the query is kept: the link's host
 * and path are ignored, so a misconfigured proxy cannot send the token elsewhere.
 */
export function nextLinkQuery(header: string | undefined): Record<string, QueryValue> | null {
  const next = findLink(parseLinkHeader(header), 'next');
  if (!next) return null;
  let url: URL;
  try {
    url = new URL(next.url, 'http://link.invalid');
  } catch {
    return null;
  }
  const query: Record<string, Array<string>> = {};
  for (const [k, v] of url.searchParams) (query[k] ??= []).push(v);
  return Object.keys(query).length > 0 ? query : null;
}

/**
 * Requests pages while the `Link` header has a `rel="next"`, re-sending that link's query on the
 * same path (Bugsnag's links carry `offset`/`base` and the filters). Stops at `maxItems`,
 * `maxPages`, an empty page or a repeated link.
 */
export function fetchLinkPages(
  http: HttpClient,
  req: HttpRequest,
  maxItems: number,
  maxPages: number,
  /** Filled from the first page's `X-Total-Count` when Bugsnag sends it. */
  total?: { value?: ListTotal },
): Promise<unknown[]> {
  return fetchListPages(http, req, { maxItems, maxPages, provider: 'Bugsnag' }, nextLinkQuery, (headers) => {
    const count = countHeader(headers, 'x-total-count');
    if (total && count !== null) total.value = { count, capped: false };
  });
}
