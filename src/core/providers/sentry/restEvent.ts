/**
 * Decodes an event as Sentry's REST API returns it (`GET .../events/{event_id}/`: camelCase,
 * `entries[]` of `{type, data}`) into the normalized ErrorEvent.
 */
import type { ErrorEvent, RequestInfo, SourceContext } from '../../model/event.types';
import {
  MAX_VALUE_STRING,
  asArray,
  asClampedRecord,
  asHeaderPairs,
  asInt,
  asIsoTimestamp,
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

/** REST `context` is a list of `[lineNumber, text]`; split it around the frame's line. */
function restContext(frame: JsonRecord, line: number | null): SourceContext | undefined {
  const pairs = asArray(frame.context);
  if (pairs.length === 0) return undefined;
  const ctx: SourceContext = { pre: [], line: null, post: [] };
  for (const p of pairs.slice(0, 50)) {
    if (!Array.isArray(p)) continue;
    const n = asInt(p[0]);
    const text = asString(p[1], MAX_VALUE_STRING);
    if (text === null) continue;
    if (line !== null && n === line) ctx.line = text;
    else if (line !== null && n !== null && n > line) ctx.post.push(text);
    else ctx.pre.push(text);
  }
  return ctx;
}

/** Frame field names of the REST API. */
const REST_FRAME_KEYS: SentryFrameKeys = {
  absPath: 'absPath',
  lineNo: 'lineNo',
  colNo: 'colNo',
  inApp: 'inApp',
  framesOmitted: 'framesOmitted',
  context: restContext,
};

function decodeRestRequest(d: JsonRecord): RequestInfo {
  const q = d.query;
  let query = asString(q);
  if (query === null && Array.isArray(q)) {
    const pairs = asHeaderPairs(q);
    query = pairs.length ? new URLSearchParams(pairs).toString() : null;
  }
  return {
    method: asNonEmptyString(d.method, 32),
    url: asNonEmptyString(d.url),
    query: query === '' ? null : query,
    headers: asHeaderPairs(d.headers),
    data: d.data === undefined ? null : clampValue(d.data),
  };
}

/**
 * Turns a Sentry REST event into an ErrorEvent. Reads `exception`, `message`, `request`,
 * `breadcrumbs`, `threads` and `template` entries and ignores unknown ones. `release` may be an object or a
 * string; environment comes from the `environment` tag (REST has no top-level field). Never throws.
 */
export function decodeSentryRestEvent(obj: unknown): ErrorEvent {
  const e = asRecord(obj) ?? {};
  const entries = new Map<string, JsonRecord>();
  for (const entry of asArray(e.entries).slice(0, 100)) {
    const r = asRecord(entry);
    const type = asString(r?.type, 64);
    const data = asRecord(r?.data);
    if (type !== null && data && !entries.has(type)) entries.set(type, data);
  }
  const message = decodeMessage(entries.get('message'), e.message) ?? null;
  const exceptionValues = entries.get('exception')?.values;
  let exceptions = withThreadFrames(
    decodeExceptionList(exceptionValues, REST_FRAME_KEYS, asNonEmptyString(e.platform, 64)),
    exceptionValues,
    entries.get('threads'),
    REST_FRAME_KEYS,
  );
  if (exceptions.length === 0) exceptions = decodeThreadStack(entries.get('threads'), message, REST_FRAME_KEYS);
  // A `template` entry's data is the interface's get_api_context: `filename`, `lineNo`, `context` pairs.
  exceptions = withTemplateFrame(exceptions, entries.get('template'), REST_FRAME_KEYS, message);
  const tags = asTagRecord(e.tags);
  // The release's `dist` (with the release, it names the uploaded source maps): kept as Sentry tags it.
  const dist = asNonEmptyString(e.dist, 64);
  if (dist && !tags.dist) tags.dist = dist;
  const requestData = entries.get('request');
  const breadcrumbs = entries.get('breadcrumbs');
  return {
    eventId: asNonEmptyString(e.eventID, 128) ?? asNonEmptyString(e.id, 128),
    timestamp: asIsoTimestamp(e.dateCreated) ?? asIsoTimestamp(e.dateReceived),
    platform: asNonEmptyString(e.platform, 64),
    message,
    release: decodeRelease(e.release) ?? tags.release ?? null,
    environment: asNonEmptyString(e.environment, 256) ?? tags.environment ?? null,
    commit: null,
    exceptions,
    request: requestData ? decodeRestRequest(requestData) : null,
    breadcrumbs: breadcrumbs ? decodeBreadcrumbs(breadcrumbs) : [],
    tags,
    user: asClampedRecord(e.user, 3),
    contexts: asClampedRecord(e.contexts, 4) ?? {},
  };
}

/** True when a JSON object looks like a Sentry REST event (used by format detection). */
export function looksLikeSentryRestEvent(obj: unknown): boolean {
  const e = asRecord(obj);
  return !!e && Array.isArray(e.entries) && (e.eventID !== undefined || e.id !== undefined || e.groupID !== undefined);
}
