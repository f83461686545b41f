/**
 * Decodes a Datadog APM error span into the normalized ErrorEvent. Accepts a result of
 * `POST /api/v2/spans/events/search` (`{type: 'spans', attributes: {custom, tags, ...}}`), its
 * bare `attributes`, or a raw tracer span as the agent receives it (`{meta, metrics, span_id}`).
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
  type JsonRecord,
} from '../../decode/valueDecoder';
import { decodeErrorStack, decodeHttpRequest, platformOf } from './datadogStackDecoder';

/** Span attributes copied into `tags` (others stay in the provider's raw data). */
const TAG_KEYS = [
  'http.status_code',
  'http.route',
  'http.method',
  'resource_name',
  'service',
  'trace_id',
  'span_id',
  'host',
];

/** Turns a Datadog span (API result or raw agent span) into an ErrorEvent. Never throws. */
export function decodeDatadogSpan(obj: unknown): ErrorEvent {
  const outer = asRecord(obj) ?? {};
  const attrs = asRecord(outer.attributes) ?? outer;
  const meta = asRecord(attrs.meta);
  const custom = asRecord(attrs.custom) ?? {};
  const tagList = asTagRecord(attrs.tags);
  const metaTags = meta ? asTagRecord(meta) : {};

  // One lookup across the shapes: API `custom` (nested or flat), raw `meta`, then top-level fields and tags.
  const get = (key: string): unknown => {
    const fromCustom = getDotted(custom, key);
    if (fromCustom !== undefined && fromCustom !== null) return fromCustom;
    if (meta && meta[key] !== undefined) return meta[key];
    if (attrs[key] !== undefined) return attrs[key];
    return tagList[key];
  };

  const { exceptions, language } = decodeErrorStack({
    stack: get('error.stack'),
    type: get('error.type') ?? get('error.kind'),
    message: get('error.message') ?? get('error.msg'),
  });

  const tags: Record<string, string> = { ...tagList };
  for (const key of TAG_KEYS) {
    const v = asString(key === 'resource_name' ? (attrs.resource_name ?? attrs.resource) : get(key), MAX_VALUE_STRING);
    if (v !== null) tags[key] = v;
  }
  if (meta) {
    for (const [k, v] of Object.entries(metaTags))
      if (!k.startsWith('_dd.') && !k.startsWith('error.') && !(k in tags)) tags[k] = v;
  }

  const traceId = asString(attrs.trace_id, 64);
  const spanId = asString(attrs.span_id, 64);
  const contexts: JsonRecord = {};
  if (traceId !== null || spanId !== null) contexts.trace = { trace_id: traceId, span_id: spanId };

  return {
    eventId: asNonEmptyString(outer.id, 128) ?? spanId,
    timestamp: asIsoTimestamp(attrs.start_timestamp) ?? asIsoTimestamp(attrs.start),
    platform: platformOf(get('language'), language),
    message: asString(get('error.message')),
    release: asNonEmptyString(get('version'), 512),
    environment: asNonEmptyString(get('env'), 256),
    commit:
      asNonEmptyString(tagList['git.commit.sha'], 64) ??
      asNonEmptyString(meta?.['_dd.git.commit.sha'], 64) ??
      asNonEmptyString(getDotted(custom, 'git.commit.sha'), 64) ??
      asNonEmptyString(meta?.['git.commit.sha'], 64),
    exceptions,
    request: decodeHttpRequest(get),
    breadcrumbs: [],
    tags,
    user: null,
    contexts,
  };
}

/** True when a JSON object looks like a Datadog span (used by format detection). */
export function looksLikeDatadogSpan(obj: unknown): boolean {
  const o = asRecord(obj);
  if (!o) return false;
  if (o.type === 'spans') return true;
  const attrs = asRecord(o.attributes) ?? o;
  if (asRecord(attrs.custom) && (attrs.span_id !== undefined || attrs.trace_id !== undefined)) return true;
  return asRecord(o.meta) !== null && o.span_id !== undefined && o.trace_id !== undefined;
}
