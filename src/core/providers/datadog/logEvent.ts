/**
 * Decodes a Datadog log with an error into the normalized ErrorEvent. Accepts a result of
 * `POST /api/v2/logs/events/search` (`{type: 'log', attributes: {message, tags, attributes: {...}}}`),
 * its bare `attributes`, or a raw JSON log line (`{"message", "error": {"stack"}, "dd": {...}}`).
 */
import type { ErrorEvent } from '../../model/event.types';
import {
  MAX_VALUE_STRING,
  asIsoTimestamp,
  asNonEmptyString,
  asRecord,
  asString,
  asTagRecord,
  getDotted,
} from '../../decode/valueDecoder';
import { decodeErrorStack, decodeHttpRequest, platformOf } from './datadogStackDecoder';

/** Where logs put a stack trace, most specific first (Datadog's standard attribute, then common loggers'). */
const STACK_KEYS = [
  'error.stack',
  'error.stack_trace',
  'error.stacktrace',
  'err.stack',
  'exception.stacktrace',
  'stack_trace',
  'stacktrace',
  'stack',
  'exc_info',
  'exception',
  'error',
];

/** Finds a stack-like text field through a lookup function; null when there is none. */
export function findStackText(get: (key: string) => unknown): string | null {
  for (const key of STACK_KEYS) {
    const v = get(key);
    if (typeof v === 'string' && v.trim() !== '' && (v.includes('\n') || key.includes('stack'))) return v;
  }
  return null;
}

/** A lookup across a log's shapes: nested log attributes, then the result's attributes, then tags. */
export function logLookup(obj: unknown): { get: (key: string) => unknown; tags: Record<string, string>; id: unknown } {
  const outer = asRecord(obj) ?? {};
  const attrs =
    asRecord(
      outer.type === 'log' || asRecord(outer.attributes)?.message !== undefined ? outer.attributes : undefined,
    ) ?? outer;
  const inner = asRecord(attrs.attributes);
  const tags = asTagRecord(attrs.tags);
  const get = (key: string): unknown => {
    const a = inner ? getDotted(inner, key) : undefined;
    if (a !== undefined && a !== null) return a;
    const b = getDotted(attrs, key);
    if (b !== undefined && b !== null) return b;
    return tags[key];
  };
  return { get, tags, id: attrs === outer ? undefined : outer.id };
}

/** Turns a Datadog log (API result or raw JSON log line) into an ErrorEvent. Never throws. */
export function decodeDatadogLog(obj: unknown): ErrorEvent {
  const { get, tags: tagList, id } = logLookup(obj);
  const { exceptions, language } = decodeErrorStack({
    stack: findStackText(get),
    type: get('error.kind') ?? get('error.type') ?? get('err.name') ?? get('exception.type'),
    message: get('error.message') ?? get('err.message') ?? get('exception.message'),
  });
  const tags: Record<string, string> = { ...tagList };
  for (const key of ['http.status_code', 'http.route', 'status', 'service', 'host', 'dd.trace_id', 'dd.span_id']) {
    const v = asString(get(key), MAX_VALUE_STRING);
    if (v !== null) tags[key] = v;
  }
  const traceId = asString(get('dd.trace_id'), 64);
  return {
    eventId: asNonEmptyString(id, 128),
    timestamp: asIsoTimestamp(get('timestamp')) ?? asIsoTimestamp(get('@timestamp')) ?? asIsoTimestamp(get('time')),
    platform: platformOf(get('language'), language),
    message: asString(get('message')) ?? asString(get('msg')),
    release: asNonEmptyString(get('version'), 512) ?? asNonEmptyString(get('dd.version'), 512),
    environment: asNonEmptyString(get('env'), 256) ?? asNonEmptyString(get('dd.env'), 256),
    commit: asNonEmptyString(get('git.commit.sha'), 64),
    exceptions,
    request: decodeHttpRequest(get),
    breadcrumbs: [],
    tags,
    user: null,
    contexts: traceId !== null ? { trace: { trace_id: traceId, span_id: asString(get('dd.span_id'), 64) } } : {},
  };
}

/** True when a JSON object looks like a Datadog log search result (used by format detection). */
export function looksLikeDatadogLog(obj: unknown): boolean {
  const o = asRecord(obj);
  if (!o) return false;
  if (o.type === 'log') return true;
  const attrs = asRecord(o.attributes);
  return !!attrs && asRecord(attrs.attributes) !== null && (attrs.message !== undefined || attrs.status !== undefined);
}
