/**
 * Configured secrets never appear in what a source returns. Provider data is untrusted and can
 * carry the token itself (an issue titled with a pasted curl command, a 401 body echoing it, an
 * event's request headers), and what a source returns reaches the CLI table, the JSON, the tree
 * and the panel. So every source's results pass through one redaction here, in core, before any
 * front end sees them; the HTTP client already redacts its own logs and errors.
 */
import type { ErrorSource } from './errorSource';
import { createRedactor, secretVariants, type Redactor } from '../http/secretRedactor';

const MAX_DEPTH = 64;

/** A copy of `value` with every string redacted (objects, arrays and maps walked; other values kept). */
export function redactDeep<T>(value: T, redact: Redactor, depth = 0): T {
  if (typeof value === 'string') return redact(value) as T;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact, depth + 1)) as T;
  if (value instanceof Map) {
    return new Map(
      [...value].map(([k, v]) => [redactDeep(k, redact, depth + 1), redactDeep(v, redact, depth + 1)]),
    ) as T;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[redact(k)] = redactDeep(v, redact, depth + 1);
  }
  return out as T;
}

/**
 * Wraps a source so its listed samples and failures carry none of `secrets` (nor their bare or
 * URL-encoded forms). Other methods of the source are kept as they are.
 */
export function redactingSource<S extends ErrorSource>(source: S, secrets: readonly string[]): S {
  const redact = createRedactor(secretVariants(secrets));
  return {
    ...source,
    listSamples: async (options) => redactDeep(await source.listSamples(options), redact),
  };
}
