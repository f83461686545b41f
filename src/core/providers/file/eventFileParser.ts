/**
 * Auto-detects what a pasted or loaded file holds (event JSON, NDJSON, a Sentry envelope or a
 * plain-text stack trace) and decodes it into ErrorEvents.
 */
import { CulpritError } from '../../errors';
import type { ErrorEvent } from '../../model/event.types';
import type { ParsedStack } from '../../stack/stack.types';
import { safeParseStackText } from '../datadog/datadogStackDecoder';
import { looksLikeSentryEnvelope, parseSentryEnvelope } from '../sentry/sentryEnvelope';
import { decodeSentrySdkEvent } from '../sentry/sdkEvent';
import { JSON_FORMATS, MAX_EVENTS, decodeJsonValue } from './jsonEventDecoder';
import { asRecord, clampString } from '../../decode/valueDecoder';

/** Largest input accepted: a service's log file (the stack search is linear and reads lines lazily). */
export const MAX_INPUT_CHARS = 256 * 1024 * 1024;
/** Largest input parsed as one JSON document (an exported event is far smaller; bounds memory). */
export const MAX_JSON_DOCUMENT_CHARS = 32 * 1024 * 1024;

const TRIED =
  `JSON (${JSON_FORMATS}), NDJSON, Sentry envelope, plain-text stack trace (JavaScript, Python, Java, ` +
  `Go, Ruby, .NET, PHP, Rust)`;

/**
 * What went wrong in JSON.parse, without the input: V8's message quotes the text around the error,
 * and that text is untrusted (terminal escapes, secrets). Only the position and the kind are kept.
 */
function parseFailure(e: unknown, text: string): string {
  const msg = e instanceof Error ? e.message : '';
  const pos = /position (\d+)/.exec(msg)?.[1];
  if (/end of (JSON )?input|Unterminated/i.test(msg) || (pos !== undefined && Number(pos) >= text.trimEnd().length)) {
    return 'the JSON ends early';
  }
  return pos !== undefined ? `error at character ${Number(pos) + 1}` : 'malformed JSON';
}

/** Top-level keys worth naming in a message: identifier-like ones only (they come from the input). */
const NAMEABLE_KEY = /^[A-Za-z_$][\w$.-]{0,39}$/;

function tryJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: parseFailure(e, text) };
  }
}

/** An event for a stack found in plain text. */
function eventFromParsedStack(parsed: ParsedStack): ErrorEvent {
  const outer = parsed.exceptions[parsed.exceptions.length - 1];
  return {
    eventId: null,
    timestamp: null,
    platform: parsed.language === 'javascript' ? 'node' : parsed.language,
    message: outer?.value ?? null,
    release: null,
    environment: null,
    commit: null,
    exceptions: parsed.exceptions,
    request: null,
    breadcrumbs: [],
    tags: {},
    user: null,
    contexts: {},
  };
}

function stackFromText(text: string): ErrorEvent[] {
  const parsed = safeParseStackText(text);
  return parsed && parsed.exceptions.length > 0 ? [eventFromParsedStack(parsed)] : [];
}

/** NDJSON: one JSON value per line; lines that are not JSON are skipped. */
function decodeJsonLines(text: string): { events: ErrorEvent[]; jsonLines: number } {
  const events: ErrorEvent[] = [];
  let jsonLines = 0;
  let start = 0;
  while (start < text.length && events.length < MAX_EVENTS) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line[0] !== '{' && line[0] !== '[') continue;
    // One line is one document: the whole-document bound holds per line too (a single-line file
    // over the bound must not be parsed here after being refused as a document).
    if (line.length > MAX_JSON_DOCUMENT_CHARS) continue;
    const r = tryJson(line);
    if (!r.ok) continue;
    jsonLines++;
    decodeJsonValue(r.value, events);
  }
  return { events: events.slice(0, MAX_EVENTS), jsonLines };
}

/**
 * Parses any supported input into events. Throws `CulpritError('unknown-format')` naming what
 * was tried when nothing matches (including truncated JSON), and `'invalid-input'` for inputs
 * over MAX_INPUT_CHARS.
 */
export function detectAndParse(text: string, fileName?: string): ErrorEvent[] {
  const where = fileName ? ` in ${clampString(fileName, 200)}` : '';
  if (typeof text !== 'string') throw new CulpritError('invalid-input', `Expected text${where}, got ${typeof text}.`);
  if (text.length > MAX_INPUT_CHARS) {
    throw new CulpritError(
      'invalid-input',
      `Input${where} is ${text.length} characters; the limit is ${MAX_INPUT_CHARS}.`,
    );
  }
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') throw new CulpritError('unknown-format', `Input${where} is empty: nothing to parse.`);

  let jsonProblem: string | null = null;
  if (body[0] === '{' || body[0] === '[') {
    // Bigger inputs are logs: read as JSON lines or text, never as one parsed document.
    const whole =
      body.length <= MAX_JSON_DOCUMENT_CHARS
        ? tryJson(body)
        : { ok: false as const, error: 'too large to parse as one document' };
    if (whole.ok) {
      const events = decodeJsonValue(whole.value);
      if (events.length > 0) return events;
      const keys = Object.keys(asRecord(whole.value) ?? {})
        .filter((k) => NAMEABLE_KEY.test(k))
        .slice(0, 8);
      const named = keys.length ? ` (top-level keys: ${keys.join(', ')})` : '';
      jsonProblem = `it is valid JSON but none of the known formats${named}`;
    } else {
      if (looksLikeSentryEnvelope(body)) {
        const events = parseSentryEnvelope(body).slice(0, MAX_EVENTS).map(decodeSentrySdkEvent);
        if (events.length > 0) return events;
        jsonProblem = 'it looks like a Sentry envelope but has no event item';
      } else {
        const lines = decodeJsonLines(body);
        if (lines.events.length > 0) return lines.events;
        const hint = whole.error.startsWith('too large')
          ? ` (over ${MAX_JSON_DOCUMENT_CHARS / (1024 * 1024)} MB)`
          : '; truncated?';
        jsonProblem =
          lines.jsonLines > 0
            ? 'its JSON lines are none of the known formats'
            : `it looks like JSON but does not parse (${clampString(whole.error, 200)}${hint})`;
      }
    }
  }
  const fromText = stackFromText(body);
  if (fromText.length > 0) return fromText;
  const problem = jsonProblem ?? 'no stack trace was found in the text';
  throw new CulpritError('unknown-format', `Unrecognized input${where}: ${problem}. Tried ${TRIED}.`);
}
