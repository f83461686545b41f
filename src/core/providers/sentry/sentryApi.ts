import { CulpritError } from '../../errors';
import { createHttpClient, type HttpClient } from '../../http/httpClient';
import type { HttpErrorContext, HttpRequest } from '../../http/http.types';
import { findLink, parseLinkHeader } from '../../http/linkHeader';
import { fetchListPages } from '../../http/listPages';
import { countHeader, type ListTotal } from '../errorSource';
import type { SentrySourceOptions } from './sentry.types';
import { credentialsMayGo } from '../../http/originPolicy';

/** Scopes a read-only Culprit token needs, and the extra one for resolve/ignore/assign. */
const SENTRY_READ_SCOPES = ['org:read', 'project:read', 'event:read', 'project:releases'] as const;
export const SENTRY_WRITE_SCOPE = 'event:write';

const SENTRY_DEFAULT_BASE_URL = 'https://sentry.io';

/** Sentry's wording for auth failures: one line naming the scopes to grant. */
function describeSentryError(ctx: HttpErrorContext): string | undefined {
  const scopes =
    ctx.method === 'GET' ? SENTRY_READ_SCOPES.join(', ') : `${SENTRY_READ_SCOPES.join(', ')}, ${SENTRY_WRITE_SCOPE}`;
  if (ctx.reason === 'auth') {
    return (
      `Sentry at ${ctx.host} rejected the token (401) for ${ctx.method} ${ctx.endpoint}: check that it is valid ` +
      `and has the scopes ${scopes}`
    );
  }
  if (ctx.reason === 'forbidden') {
    return (
      `Sentry at ${ctx.host} denied ${ctx.method} ${ctx.endpoint} (403): the token needs the scopes ${scopes} ` +
      `and access to the project`
    );
  }
  return undefined;
}

/** Builds the HTTP client for a Sentry source: Bearer auth, Sentry rate-limit headers and wording. */
export function createSentryHttp(opts: SentrySourceOptions): HttpClient {
  if (typeof opts.token !== 'string' || opts.token.trim() === '') {
    throw new CulpritError(
      'auth',
      'no Sentry auth token given; create one with the scopes ' + SENTRY_READ_SCOPES.join(', '),
    );
  }
  const token = opts.token.trim();
  return createHttpClient({
    ...(opts.http ?? {}),
    baseUrl: opts.baseUrl ?? SENTRY_DEFAULT_BASE_URL,
    provider: 'Sentry',
    secretHeaders: { Authorization: `Bearer ${token}` },
    secrets: [token],
    resetHeaders: [{ name: 'X-Sentry-Rate-Limit-Reset', kind: 'epoch-seconds' }],
    describeError: describeSentryError,
    logger: opts.logger,
  });
}

/**
 * Whether to follow an org's `links.regionUrl`: only to the configured origin (scheme, host and
 * port), or between sentry.io hosts on https. Self-hosted installs often report an internal URL
 * there, and the token must not be sent to an origin the user did not name.
 */
export function acceptableRegionUrl(base: string, region: string | null): string | null {
  if (!region) return null;
  let b: URL;
  let r: URL;
  try {
    b = new URL(base);
    r = new URL(region);
  } catch {
    return null;
  }
  const isSentryIo = (h: string): boolean => h === 'sentry.io' || h.endsWith('.sentry.io');
  const sentryRegion = (h: string): boolean => b.protocol === 'https:' && isSentryIo(b.hostname) && isSentryIo(h);
  return credentialsMayGo(b, r, sentryRegion) ? r.origin : null;
}

/** URL-path segment for an untrusted value (slug, id, release version). */
export function seg(v: string): string {
  return encodeURIComponent(v);
}

/**
 * Requests pages while the `Link` header's `rel="next"` says `results="true"`, passing its
 * cursor back as the `cursor` parameter (the cursor is opaque; the link's host is ignored, so a
 * misconfigured self-hosted URL prefix cannot redirect us). Stops at `maxItems` or `maxPages`.
 */
export function fetchPages(
  http: HttpClient,
  req: HttpRequest,
  maxItems: number,
  maxPages: number,
  /** Filled from the first page's `X-Hits` / `X-Max-Hits` when Sentry sends them. */
  total?: { value?: ListTotal },
): Promise<unknown[]> {
  const next = (link: string | undefined) => {
    const found = findLink(parseLinkHeader(link), 'next');
    const cursor = found?.params.cursor;
    return found && found.params.results === 'true' && cursor ? { ...req.query, cursor } : null;
  };
  return fetchListPages(http, req, { maxItems, maxPages, provider: 'Sentry' }, next, (headers) => {
    const hits = countHeader(headers, 'x-hits');
    if (!total || hits === null) return;
    const max = countHeader(headers, 'x-max-hits');
    total.value = { count: hits, capped: max !== null && hits >= max };
  });
}
