/** Which request headers carry credentials, so no front end shows or replays them. */

/** Headers always treated as credentials (lower case). */
const SECRET_HEADER_NAMES: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
]);

// Word fragments that mark a header as secret in practice (x-auth-token, x-session-id, x-csrf-key…).
const SECRET_FRAGMENT = /token|secret|key|session|auth|passw|csrf|xsrf|signature/i;

/** True when a header name is a credential or looks like one. Names are cut at 200 chars first. */
export function isSecretHeader(name: unknown): boolean {
  if (typeof name !== 'string') return true;
  const n = name.slice(0, 200).trim().toLowerCase();
  return SECRET_HEADER_NAMES.has(n) || SECRET_FRAGMENT.test(n);
}

/**
 * The header pairs without credentials. Odd entries (non-pairs, non-strings) are dropped; at most
 * `max` pairs are kept so a hostile event cannot make the panel render thousands of rows.
 */
export function stripSecretHeaders(headers: unknown, max = 200): Array<[string, string]> {
  if (!Array.isArray(headers)) return [];
  const out: Array<[string, string]> = [];
  for (const pair of headers) {
    if (out.length >= max) break;
    if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') continue;
    if (isSecretHeader(pair[0])) continue;
    out.push([pair[0], pair[1]]);
  }
  return out;
}
