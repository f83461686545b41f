/**
 * Recognizes which known payload a parsed JSON value is and decodes it. Recognition is by
 * shape, most specific first, so a REST event is never mistaken for an SDK event and so on.
 */
import type { ErrorEvent } from '../../model/event.types';
import { decodeDatadogLog, findStackText, logLookup, looksLikeDatadogLog } from '../datadog/logEvent';
import { decodeDatadogSpan, looksLikeDatadogSpan } from '../datadog/spanEvent';
import { decodeSentryRestEvent, looksLikeSentryRestEvent } from '../sentry/restEvent';
import { decodeSentrySdkEvent, looksLikeSentrySdkEvent } from '../sentry/sdkEvent';
import { asRecord } from '../../decode/valueDecoder';

/** Most events read from one input (arrays, NDJSON, search responses). */
export const MAX_EVENTS = 1_000;

/** The formats tried, in order, for error messages. */
export const JSON_FORMATS =
  'Sentry SDK event, Sentry REST event, Datadog span, Datadog log, spans/logs search response ({data: [...]}), JSON ' +
  'log line with a stack field';

export type JsonEventKind = 'sentry-rest' | 'sentry-sdk' | 'datadog-span' | 'datadog-log' | 'json-log';

/** Names the format of one JSON object, or null when it is none of the known ones. */
export function classifyJsonEvent(obj: unknown): JsonEventKind | null {
  if (!asRecord(obj)) return null;
  if (looksLikeSentryRestEvent(obj)) return 'sentry-rest';
  if (looksLikeSentrySdkEvent(obj)) return 'sentry-sdk';
  if (looksLikeDatadogSpan(obj)) return 'datadog-span';
  if (looksLikeDatadogLog(obj)) return 'datadog-log';
  if (findStackText(logLookup(obj).get) !== null) return 'json-log';
  return null;
}

function decodeOne(obj: unknown, kind: JsonEventKind): ErrorEvent {
  switch (kind) {
    case 'sentry-rest':
      return decodeSentryRestEvent(obj);
    case 'sentry-sdk':
      return decodeSentrySdkEvent(obj);
    case 'datadog-span':
      return decodeDatadogSpan(obj);
    case 'datadog-log':
    case 'json-log':
      // A plain JSON log line reads like a Datadog log before ingestion: same decoder.
      return decodeDatadogLog(obj);
  }
}

/**
 * Decodes a parsed JSON value: one event object, an array of them, or a search response with
 * `data[]`. Items of unknown shape inside a list are skipped; returns [] when nothing is known.
 */
export function decodeJsonValue(value: unknown, out: ErrorEvent[] = []): ErrorEvent[] {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (out.length >= MAX_EVENTS) break;
      // Lists hold events, not further lists: one level is enough and bounds recursion.
      if (!Array.isArray(item)) decodeJsonValue(item, out);
    }
    return out;
  }
  const obj = asRecord(value);
  if (!obj) return out;
  const kind = classifyJsonEvent(obj);
  if (kind) {
    out.push(decodeOne(obj, kind));
    return out;
  }
  if (Array.isArray(obj.data)) {
    for (const item of obj.data) {
      if (out.length >= MAX_EVENTS) break;
      const k = classifyJsonEvent(item);
      if (k) out.push(decodeOne(item, k));
    }
  }
  return out;
}
