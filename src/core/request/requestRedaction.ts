/**
 * What of a failing request is safe to show or replay: headers and query parameters that carry
 * credentials are dropped (not masked: a masked value still tempts a copy-paste into a replay).
 */
import type { RequestInfo } from '../model/event.types';
import { stripSecretHeaders } from '../insights/secretHeaders';

const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-auth-token',
  'x-csrf-token',
  'x-xsrf-token',
  'dd-api-key',
  'dd-application-key',
  'x-sentry-auth',
]);
// Query parameters and URL parts use this stricter word match (a bare 'key' fragment would hide
// ordinary parameters like 'monkey'); headers use insights/secretHeaders.
/** Any name that says what it holds is a credential. */
const SECRET_WORDS =
  'token|secret|passw(?:or)?d|pwd|api[-_]?key|apikey|session|auth|credential|signature|sig|jwt|bearer';
const SECRET_NAME = new RegExp(`(?:^|[-_.])(?:${SECRET_WORDS})(?:$|[-_.])|key$`, 'i');

/** True for a header or parameter name that carries a credential. */
export function isSecretName(name: string): boolean {
  const n = name.trim().toLowerCase();
  return SECRET_HEADERS.has(n) || SECRET_NAME.test(n);
}

/**
 * Headers without credentials, in their original order: the one header rule the panel and the regression tests use too.
 */
export function safeHeaders(headers: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  return stripSecretHeaders(headers);
}

/** A query string (`a=1&token=x`) without credential parameters. */
export function safeQuery(query: string | null): string | null {
  if (!query) return query;
  const kept = query
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => {
      const name = pair.split('=')[0] ?? '';
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // Keep the raw name: a malformed escape is still a name to check.
      }
      return pair !== '' && !isSecretName(decoded);
    });
  return kept.join('&');
}

/** A URL without user info and without credential parameters; unparseable input is returned unchanged. */
export function safeUrl(url: string | null): string | null {
  if (!url) return url;
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    for (const name of [...u.searchParams.keys()]) if (isSecretName(name)) u.searchParams.delete(name);
    return u.toString();
  } catch {
    return url;
  }
}

/** The request as it may be shown or replayed. */
export function safeRequest(request: RequestInfo): RequestInfo {
  return {
    ...request,
    url: safeUrl(request.url),
    query: safeQuery(request.query),
    headers: safeHeaders(request.headers),
  };
}
