/**
 * Pieces shared by the Sentry SDK (snake_case) and REST (camelCase) event decoders: frames,
 * exception records, breadcrumbs and messages. Field names differ between the two formats, so
 * each reader takes a key map; the assembly is the same.
 */
import type { Breadcrumb, ExceptionRecord, RawFrame, SourceContext } from '../../model/event.types';
import { FRAME_CAP, FrameFolder, foldFrames } from '../../stack/frameFolder';
import {
  MAX_BREADCRUMBS,
  MAX_EXCEPTIONS,
  asArray,
  asBool,
  asClampedRecord,
  asPosition,
  asIsoTimestamp,
  asNonEmptyString,
  asRecord,
  asString,
  type JsonRecord,
} from '../../decode/valueDecoder';
import { markSentCrash, type SentChainEntry } from './sentryChain';

/** Where each frame field lives in one of the two formats. */
export interface SentryFrameKeys {
  absPath: string;
  lineNo: string;
  colNo: string;
  inApp: string;
  framesOmitted: string;
  /** Reads the format's source context (split fields in the SDK, `[line, text]` pairs in REST). */
  context(frame: JsonRecord, line: number | null): SourceContext | undefined;
}

/** Renders a structured frame the way a V8 stack line reads, for `RawFrame.raw`. */
export function renderFrame(f: Pick<RawFrame, 'path' | 'module' | 'function' | 'line' | 'column'>): string {
  let where = f.path ?? f.module ?? '<unknown>';
  if (f.line !== null) where += `:${f.line}${f.column !== null ? `:${f.column}` : ''}`;
  return f.function ? `at ${f.function} (${where})` : `at ${where}`;
}

function decodeFrame(v: unknown, keys: SentryFrameKeys): RawFrame | null {
  const f = asRecord(v);
  if (!f) return null;
  const path = asNonEmptyString(f[keys.absPath]) ?? asNonEmptyString(f.filename);
  const line = asPosition(f[keys.lineNo]);
  const frame: RawFrame = {
    path,
    module: asNonEmptyString(f.module),
    function: asNonEmptyString(f.function, 1024),
    line,
    column: asPosition(f[keys.colNo]),
    inApp: asBool(f[keys.inApp]),
    raw: '',
  };
  frame.raw = renderFrame(frame);
  const context = keys.context(f, line);
  if (context) frame.context = context;
  const vars = asClampedRecord(f.vars, 4);
  if (vars) frame.vars = vars;
  return frame;
}

/**
 * An exception (or thread) record from `{type, value, mechanism, stacktrace: {frames}}`.
 * Sentry lists frames oldest call first; the model wants the crashing frame first, so the list
 * is reversed and folded by the one frame rule (stack/frameFolder: recursion folded, head and tail kept).
 */
function decodeExceptionRecord(v: unknown, keys: SentryFrameKeys): ExceptionRecord | null {
  const e = asRecord(v);
  if (!e) return null;
  const stacktrace = asRecord(e.stacktrace);
  const rawFrames = asArray(stacktrace?.frames);
  const folder = new FrameFolder();
  for (let i = rawFrames.length - 1; i >= 0; i--) {
    const frame = decodeFrame(rawFrames[i], keys);
    if (frame) folder.push(frame);
  }
  const frames = folder.finish();
  const record: ExceptionRecord = {
    type: asNonEmptyString(e.type, 512),
    value: asString(e.value),
    frames,
  };
  const omitted = stacktrace?.[keys.framesOmitted];
  if (folder.cutFrames > 0 || (Array.isArray(omitted) && omitted.length > 0)) record.framesOmitted = true;
  const handled = asBool(asRecord(e.mechanism)?.handled);
  if (handled !== null) record.handled = handled;
  return record.type === null && record.value === null && frames.length === 0 ? null : record;
}

/**
 * Exception chain, root cause first (Sentry's own order), keeping the outermost MAX_EXCEPTIONS;
 * the crashing exception is marked when it is not the root cause (sentryChain).
 */
export function decodeExceptionList(
  values: unknown,
  keys: SentryFrameKeys,
  platform: string | null = null,
): ExceptionRecord[] {
  const list = asArray(values);
  const out: SentChainEntry[] = [];
  for (const v of list.slice(Math.max(0, list.length - MAX_EXCEPTIONS))) {
    const record = decodeExceptionRecord(v, keys);
    if (record) out.push({ record, mechanism: asRecord(asRecord(v)?.mechanism) });
  }
  return markSentCrash(out, platform);
}

/**
 * A stack without an exception (a message event with `attach_stacktrace`, or a thread dump):
 * the crashed, else current, else first thread with frames becomes a type-less record.
 */
export function decodeThreadStack(threads: unknown, message: string | null, keys: SentryFrameKeys): ExceptionRecord[] {
  const list = asArray(asRecord(threads)?.values ?? threads)
    .map(asRecord)
    .filter((t): t is JsonRecord => t !== null);
  const withFrames = list.filter((t) => asArray(asRecord(t.stacktrace)?.frames).length > 0);
  const pick =
    withFrames.find((t) => t.crashed === true) ?? withFrames.find((t) => t.current === true) ?? withFrames[0];
  if (!pick) return [];
  const record = decodeExceptionRecord({ stacktrace: pick.stacktrace }, keys);
  return record ? [{ ...record, value: message }] : [];
}

/**
 * Exceptions sent without a stacktrace (native and mobile crashes) take the frames of their
 * thread: the one the outermost exception names (`thread_id`), else the crashed, else the current.
 */
export function withThreadFrames(
  exceptions: ExceptionRecord[],
  values: unknown,
  threads: unknown,
  keys: SentryFrameKeys,
): ExceptionRecord[] {
  if (exceptions.length === 0 || exceptions.some((e) => e.frames.length > 0)) return exceptions;
  const raw = asArray(values);
  const outer = asRecord(raw[raw.length - 1]);
  const id = outer?.thread_id ?? outer?.threadId;
  const withFrames = asArray(asRecord(threads)?.values ?? threads)
    .map(asRecord)
    .filter((t): t is JsonRecord => t !== null && asArray(asRecord(t.stacktrace)?.frames).length > 0);
  const pick =
    (id !== undefined && id !== null ? withFrames.find((t) => t.id === id) : undefined) ??
    withFrames.find((t) => t.crashed === true) ??
    withFrames.find((t) => t.current === true);
  const record = pick ? decodeExceptionRecord({ stacktrace: pick.stacktrace }, keys) : null;
  if (!record) return exceptions;
  const last = exceptions[exceptions.length - 1];
  return [
    ...exceptions.slice(0, -1),
    { ...last, frames: record.frames, ...(record.framesOmitted ? { framesOmitted: true } : {}) },
  ];
}

/**
 * The `template` interface of a template-engine error (Django, Jinja): the rendered template's file,
 * line and context (getsentry/sentry src/sentry/interfaces/template.py). It becomes the crash-most
 * frame of the crashing exception, as Sentry shows it above the stack (its score 1100), or a stack
 * of its own. `inApp: false` leaves it to the workspace: a template whose file resolves there is app
 * code, one that resolves nowhere (a library's template) is not.
 */
export function withTemplateFrame(
  exceptions: ExceptionRecord[],
  template: unknown,
  keys: SentryFrameKeys,
  message: string | null,
): ExceptionRecord[] {
  const t = asRecord(template);
  const path = t ? (asNonEmptyString(t[keys.absPath]) ?? asNonEmptyString(t.filename)) : null;
  if (!t || path === null) return exceptions;
  const line = asPosition(t[keys.lineNo]);
  const frame: RawFrame = { path, module: null, function: null, line, column: null, inApp: false, raw: '' };
  frame.raw = renderFrame(frame);
  const context = keys.context(t, line);
  if (context) frame.context = context;
  if (exceptions.length === 0) return [{ type: null, value: message, frames: [frame] }];
  const crashing = exceptions.findIndex((e) => e.crashing === true);
  const at = crashing < 0 ? 0 : crashing;
  // An SDK that also put the template in the stack: listed once.
  if (exceptions[at].frames.some((f) => f.path === path && f.line === line)) return exceptions;
  // One more frame can pass the cap: folded by the one frame rule, the crash-most end kept.
  const frames = [frame, ...exceptions[at].frames];
  const capped = frames.length > FRAME_CAP ? { frames: foldFrames(frames), framesOmitted: true } : { frames };
  return exceptions.map((e, i) => (i === at ? { ...e, ...capped } : e));
}

/** Breadcrumbs from a list or `{values: [...]}`, keeping the latest MAX_BREADCRUMBS. */
export function decodeBreadcrumbs(v: unknown): Breadcrumb[] {
  const list = asArray(asRecord(v)?.values ?? v);
  const out: Breadcrumb[] = [];
  for (const item of list.slice(Math.max(0, list.length - MAX_BREADCRUMBS))) {
    const b = asRecord(item);
    if (!b) continue;
    const crumb: Breadcrumb = {
      timestamp: asIsoTimestamp(b.timestamp),
      // Sentry treats a missing type as `default` (the REST API spells it out).
      type: asNonEmptyString(b.type, 256) ?? 'default',
      category: asNonEmptyString(b.category, 256),
      level: asNonEmptyString(b.level, 64),
      message: asString(b.message),
    };
    const data = asClampedRecord(b.data, 3);
    if (data) crumb.data = data;
    out.push(crumb);
  }
  return out;
}

/** Event message from a string, `{formatted}`/`{message}` object or `logentry`. */
export function decodeMessage(message: unknown, logentry?: unknown): string | null {
  for (const v of [message, logentry]) {
    if (typeof v === 'string' && v !== '') return asString(v);
    const r = asRecord(v);
    const s = asNonEmptyString(r?.formatted) ?? asNonEmptyString(r?.message);
    if (s !== null) return s;
  }
  return null;
}

/** Release name from a string or a REST release object (`{version}`). */
export function decodeRelease(v: unknown): string | null {
  return asNonEmptyString(v, 512) ?? asNonEmptyString(asRecord(v)?.version, 512);
}
