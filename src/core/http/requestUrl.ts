import { CulpritError } from '../errors';
import type { QueryValue } from './http.types';
import { credentialsMayGo } from './originPolicy';
import type { Redactor } from './secretRedactor';

/** Parses a user-supplied base URL; only http(s) with no credentials or query is accepted. */
export function parseBaseUrl(raw: string, provider: string, redact: Redactor): URL {
  let url: URL;
  try {
    url = new URL(String(raw).trim());
  } catch {
    throw new CulpritError(
      'invalid-input',
      redact(`${provider} base URL '${String(raw).slice(0, 200)}' is not a valid URL`),
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CulpritError('invalid-input', `${provider} base URL must start with https:// or http://`);
  }
  if (url.username || url.password) {
    throw new CulpritError(
      'invalid-input',
      `${provider} base URL must not contain credentials; pass the token separately`,
    );
  }
  url.search = '';
  url.hash = '';
  return url;
}

/**
 * Resolves a request path against the base URL. An absolute URL is allowed only on the base's
 * origin, so auth headers are never sent to a host the user did not configure.
 */
export function buildRequestUrl(
  base: URL,
  path: string,
  query: Record<string, QueryValue> | undefined,
  provider: string,
  redact: Redactor,
): URL {
  let url: URL;
  if (/^https?:\/\//i.test(path)) {
    url = new URL(path);
    if (!credentialsMayGo(base, url)) {
      throw new CulpritError(
        'invalid-input',
        redact(`refusing to send ${provider} credentials to ${url.origin} (configured: ${base.origin})`),
      );
    }
  } else {
    const prefix = base.pathname.replace(/\/+$/, '');
    url = new URL(base.origin + prefix + (path.startsWith('/') ? path : `/${path}`));
  }
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
  }
  return url;
}
