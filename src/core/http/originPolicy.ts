/**
 * Where credentials may travel. A token configured for one origin goes only to that origin: the
 * same scheme, host and port (a service on another port of the same host is another party), or to
 * a host the provider itself names as one of its regions, on the same scheme and port.
 */

/** The port a URL really connects to (`''` → the scheme's default). */
export function effectivePort(u: URL): string {
  if (u.port) return u.port;
  return u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '';
}

/**
 * Whether credentials configured for `base` may be sent to `target`. `regionHost` says which
 * other host names belong to the provider (e.g. Sentry's `de.sentry.io` for `sentry.io`).
 */
export function credentialsMayGo(base: URL, target: URL, regionHost?: (hostname: string) => boolean): boolean {
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return false;
  if (target.username || target.password) return false;
  if (target.protocol !== base.protocol || effectivePort(target) !== effectivePort(base)) return false;
  const host = target.hostname.toLowerCase();
  return host === base.hostname.toLowerCase() || (regionHost?.(host) ?? false);
}
