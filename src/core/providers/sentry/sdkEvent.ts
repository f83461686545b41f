/**
 * Decodes an event as the Sentry SDKs send it (the envelope `event` item, snake_case wire format)
 * into the normalized ErrorEvent.
 */
import type { ErrorEvent, RequestInfo, SourceContext } from '../../model/event.types';
import {
  asArray,
  asClampedRecord,
  asHeaderPairs,
  asIsoTimestamp,
  asLines,
  asNonEmptyString,
  asRecord,
  asString,
  asTagRecord,
  clampValue,
  type JsonRecord,
} from '../../decode/valueDecoder';
import {
  decodeBreadcrumbs,
  decodeExceptionList,
  decodeMessage,
  decodeRelease,
  decodeThreadStack,
  withTemplateFrame,
  withThreadFrames,
  type SentryFrameKeys,
} from './sentryFrameDecoder';

function sdkContext(frame: JsonRecord): SourceContext | undefined {
  const line = asString(frame.context_line);
  const pre = asLines(frame.pre_context);
  const post = asLines(frame.post_context);
  return line === null && pre.length === 0 && post.length === 0 ? undefined : { pre, line, post };
}

/** Frame field names of the SDK wire format. */
const SDK_FRAME_KEYS: SentryFrameKeys = {
  absPath: 'abs_path',
  lineNo: 'lineno',
  colNo: 'colno',
  inApp: 'in_app',
  framesOmitted: 'frames_omitted',
  context: sdkContext,
};

function decodeSdkRequest(v: unknown): RequestInfo | null {
  const r = asRecord(v);
  if (!r) return null;
  const rawQuery = r.query_string;
  let query = asString(rawQuery);
  // Some SDKs send the query as pairs or an object rather than a string.
  if (query === null && rawQuery !== undefined && rawQuery !== null) {
    const pairs = asHeaderPairs(rawQuery);
    query = pairs.length ? new URLSearchParams(pairs).toString() : null;
  }
  return {
    method: asNonEmptyString(r.method, 32),
    url: asNonEmptyString(r.url),
    query,
    headers: asHeaderPairs(r.headers),
    data: r.data === undefined ? null : clampValue(r.data),
  };
}

/**
 * Turns a Sentry SDK event payload into an ErrorEvent. Accepts any value: missing, null or
 * mistyped fields become nulls/empties, and sizes are bounded; it never throws.
 * `exception` may be `{values: [...]}` or a bare list; frames come back crashing first.
 */
export function decodeSentrySdkEvent(obj: unknown): ErrorEvent {
  const e = asRecord(obj) ?? {};
  const message = decodeMessage(e.message, e.logentry);
  const exceptionValues = asRecord(e.exception)?.values ?? e.exception;
  let exceptions = withThreadFrames(
    decodeExceptionList(exceptionValues, SDK_FRAME_KEYS, asNonEmptyString(e.platform, 64)),
    exceptionValues,
    e.threads,
    SDK_FRAME_KEYS,
  );
  if (exceptions.length === 0 && asRecord(e.stacktrace)) {
    exceptions = decodeExceptionList([{ value: message, stacktrace: e.stacktrace }], SDK_FRAME_KEYS);
  }
  if (exceptions.length === 0) exceptions = decodeThreadStack(e.threads, message, SDK_FRAME_KEYS);
  // `sentry.interfaces.Template` is the interface's legacy key, still accepted beside `template`.
  exceptions = withTemplateFrame(exceptions, e.template ?? e['sentry.interfaces.Template'], SDK_FRAME_KEYS, message);
  const tags = asTagRecord(e.tags);
  // The release's `dist` (with the release, it names the uploaded source maps): kept as Sentry tags it.
  const dist = asNonEmptyString(e.dist, 64);
  if (dist && !tags.dist) tags.dist = dist;
  return {
    eventId: asNonEmptyString(e.event_id, 128),
    timestamp: asIsoTimestamp(e.timestamp),
    platform: asNonEmptyString(e.platform, 64),
    message,
    release: decodeRelease(e.release),
    environment: asNonEmptyString(e.environment, 256) ?? tags.environment ?? null,
    commit: null,
    exceptions,
    request: decodeSdkRequest(e.request),
    breadcrumbs: decodeBreadcrumbs(e.breadcrumbs),
    tags,
    user: asClampedRecord(e.user, 3),
    contexts: asClampedRecord(e.contexts, 4) ?? {},
  };
}

/** True when a JSON object looks like a Sentry SDK event (used by format detection). */
export function looksLikeSentrySdkEvent(obj: unknown): boolean {
  const e = asRecord(obj);
  if (!e || Array.isArray(e.entries)) return false;
  const hasStack =
    asRecord(e.exception) !== null ||
    Array.isArray(e.exception) ||
    asRecord(e.stacktrace) !== null ||
    asRecord(e.template) !== null ||
    asArray(asRecord(e.threads)?.values).length > 0;
  return (
    hasStack ||
    (typeof e.event_id === 'string' && (e.sdk !== undefined || e.platform !== undefined || e.level !== undefined))
  );
}
