/**
 * Decodes a Bugsnag Data Access API event (`GET /projects/{id}/events/{event_id}`, an error's
 * `latest_event`) into the normalized ErrorEvent. Exception frames are snake_case in this API
 * (`line_number`, `column_number`, `in_project`); thread frames and notifier payloads are
 * camelCase (`lineNumber`, `inProject`), so both spellings are read. Events whose exception has no
 * frames may carry them in `threads[]` (the thread that reported the error). Request data is
 * `request.params`.
 */
import type {
  Breadcrumb,
  ErrorEvent,
  ExceptionRecord,
  RawFrame,
  RequestInfo,
  SourceContext,
} from '../../model/event.types';
import { FrameFolder } from '../../stack/frameFolder';
import {
  MAX_BREADCRUMBS,
  MAX_EXCEPTIONS,
  MAX_FRAMES,
  MAX_VALUE_STRING,
  asArray,
  asBool,
  asClampedRecord,
  asHeaderPairs,
  asInt,
  asPosition,
  asIsoTimestamp,
  asNonEmptyString,
  asRecord,
  asString,
  clampValue,
  type JsonRecord,
} from '../../decode/valueDecoder';
import { renderFrame } from '../sentry/sentryFrameDecoder';

const pick = (o: JsonRecord, ...keys: string[]): unknown => {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
};

/** `code` is `{"<line>": "<text>"}` around the frame's line. */
function codeContext(code: unknown, line: number | null): SourceContext | undefined {
  const r = asRecord(code);
  if (!r || line === null) return undefined;
  const ctx: SourceContext = { pre: [], line: null, post: [] };
  const entries: Array<[number, string]> = [];
  let seen = 0;
  for (const k in r) {
    if (++seen > 50) break;
    const n = asInt(k);
    const text = asString(r[k], MAX_VALUE_STRING);
    if (n !== null && text !== null) entries.push([n, text]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  for (const [n, text] of entries) {
    if (n === line) ctx.line = text;
    else if (n < line) ctx.pre.push(text);
    else ctx.post.push(text);
  }
  return entries.length > 0 ? ctx : undefined;
}

function decodeFrame(v: unknown): RawFrame | null {
  const f = asRecord(v);
  if (!f) return null;
  const line = asPosition(pick(f, 'line_number', 'lineNumber'));
  const frame: RawFrame = {
    path: asNonEmptyString(f.file),
    module: null,
    function: asNonEmptyString(f.method, 1024),
    line,
    column: asPosition(pick(f, 'column_number', 'columnNumber')),
    inApp: asBool(pick(f, 'in_project', 'inProject')),
    raw: '',
  };
  frame.raw = renderFrame(frame);
  const context = codeContext(f.code, line);
  if (context) frame.context = context;
  return frame;
}

/** Bugsnag lists frames crashing frame first, as the model wants. */
function decodeException(v: unknown, handled: boolean | null): ExceptionRecord | null {
  const e = asRecord(v);
  if (!e) return null;
  const raw = asArray(e.stacktrace);
  const folder = new FrameFolder();
  for (const f of raw) {
    const frame = decodeFrame(f);
    if (frame) folder.push(frame);
  }
  const frames = folder.finish();
  const record: ExceptionRecord = {
    type: asNonEmptyString(pick(e, 'error_class', 'errorClass'), 512),
    value: asString(e.message),
    frames,
  };
  if (folder.cutFrames > 0) record.framesOmitted = true;
  if (handled !== null) record.handled = handled;
  return record.type === null && record.value === null && frames.length === 0 ? null : record;
}

function decodeRequest(v: unknown): RequestInfo | null {
  const r = asRecord(v);
  if (!r || Object.keys(r).length === 0) return null;
  const url = asNonEmptyString(r.url);
  const q = url ? url.indexOf('?') : -1;
  return {
    method: asNonEmptyString(pick(r, 'httpMethod', 'http_method'), 32),
    url,
    query: url && q >= 0 ? url.slice(q + 1) : null,
    headers: asHeaderPairs(r.headers),
    data: r.params === undefined || r.params === null ? null : clampValue(r.params),
  };
}

function decodeBreadcrumbs(v: unknown): Breadcrumb[] {
  const list = asArray(v);
  const out: Breadcrumb[] = [];
  for (const item of list.slice(Math.max(0, list.length - MAX_BREADCRUMBS))) {
    const b = asRecord(item);
    if (!b) continue;
    const crumb: Breadcrumb = {
      timestamp: asIsoTimestamp(b.timestamp),
      type: asNonEmptyString(b.type, 256),
      category: null,
      level: null,
      message: asString(pick(b, 'name', 'message')),
    };
    const data = asClampedRecord(pick(b, 'metaData', 'meta_data'), 3);
    if (data) crumb.data = data;
    out.push(crumb);
  }
  return out;
}

/** Frames of the thread that reported the error (`errorReportingThread`), else of the only thread. */
function reportingThreadFrames(v: unknown): RawFrame[] {
  const threads = asArray(v)
    .slice(0, 256)
    .map(asRecord)
    .filter((t): t is JsonRecord => t !== null);
  const thread =
    threads.find((t) => pick(t, 'errorReportingThread', 'error_reporting_thread') === true) ??
    (threads.length === 1 ? threads[0] : undefined);
  return asArray(thread?.stacktrace)
    .slice(0, MAX_FRAMES)
    .map(decodeFrame)
    .filter((f): f is RawFrame => f !== null);
}

/** Turns a Bugsnag event into an ErrorEvent. Never throws. */
export function decodeBugsnagEvent(obj: unknown): ErrorEvent {
  const e = asRecord(obj) ?? {};
  const app = asRecord(e.app) ?? {};
  const handled = typeof e.unhandled === 'boolean' ? !e.unhandled : null;
  const list = asArray(e.exceptions).slice(0, MAX_EXCEPTIONS);
  // Bugsnag puts the thrown exception first and its causes after; the model wants root cause first.
  const exceptions = list
    .map((x) => decodeException(x, handled))
    .filter((x): x is ExceptionRecord => x !== null)
    .reverse();
  const outer = exceptions[exceptions.length - 1];
  if (outer && outer.frames.length === 0) outer.frames = reportingThreadFrames(e.threads);
  const tags: Record<string, string> = {};
  const context = asNonEmptyString(e.context, MAX_VALUE_STRING);
  if (context) tags.context = context;
  const severity = asNonEmptyString(e.severity, 64);
  if (severity) tags.severity = severity;
  const metaData = asClampedRecord(pick(e, 'metaData', 'meta_data'), 4);
  const device = asClampedRecord(e.device, 3);
  const contexts: JsonRecord = {};
  if (metaData) contexts.metaData = metaData;
  // device: hostname, osName/osVersion, runtimeVersions, freeMemory/totalMemory; app: duration.
  if (device) contexts.device = device;
  const appContext = asClampedRecord(e.app, 3);
  if (appContext) contexts.app = appContext;
  return {
    eventId: asNonEmptyString(e.id, 128),
    timestamp: asIsoTimestamp(e.received_at),
    platform: asNonEmptyString(app.type, 64),
    message: outer?.value ?? null,
    release: asNonEmptyString(app.version, 512),
    environment: asNonEmptyString(pick(app, 'releaseStage', 'release_stage'), 256),
    commit: null,
    exceptions,
    request: decodeRequest(e.request),
    breadcrumbs: decodeBreadcrumbs(e.breadcrumbs),
    tags,
    user: asClampedRecord(e.user, 3),
    contexts,
  };
}
