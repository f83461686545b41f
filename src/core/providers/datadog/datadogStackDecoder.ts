/**
 * Pieces shared by the Datadog span and log decoders: Datadog keeps the error as flat
 * `error.stack`/`error.type`/`error.message` text, so frames come from parsing the stack text.
 */
import type { ExceptionRecord, RequestInfo } from '../../model/event.types';
import { parseStackText } from '../../stack/parseStackText';
import type { ParsedStack } from '../../stack/stack.types';
import { asNonEmptyString, asString, clampString } from '../../decode/valueDecoder';

/** Longest stack text handed to the parser (a real stack is a few KB; logs can be megabytes). */
const MAX_STACK_TEXT = 256 * 1024;

/** parseStackText, but a bug in it (it is meant to be total) cannot lose the rest of the event. */
export function safeParseStackText(text: string): ParsedStack | null {
  try {
    return parseStackText(text);
  } catch {
    return null;
  }
}

/** What a Datadog payload says about its error, as loosely typed values. */
export interface DatadogErrorFields {
  stack: unknown;
  type: unknown;
  message: unknown;
}

/**
 * Exceptions from a stack text, root cause first. When the text has no parsable stack but the
 * payload names a type or message, one frame-less record keeps that information.
 */
export function decodeErrorStack(fields: DatadogErrorFields): {
  exceptions: ExceptionRecord[];
  language: string | null;
} {
  const type = asNonEmptyString(fields.type, 512);
  const message = asString(fields.message);
  const stack = typeof fields.stack === 'string' ? clampString(fields.stack, MAX_STACK_TEXT) : null;
  const parsed = stack ? safeParseStackText(stack) : null;
  if (parsed && parsed.exceptions.length > 0) {
    const exceptions = parsed.exceptions.map((e) => ({ ...e }));
    const outer = exceptions[exceptions.length - 1];
    if (outer.type === null) outer.type = type;
    if (outer.value === null) outer.value = message;
    return { exceptions, language: parsed.language };
  }
  if (type === null && message === null) return { exceptions: [], language: null };
  return { exceptions: [{ type, value: message, frames: [] }], language: null };
}

/** Request info from Datadog `http.*` attributes; null when none is present. */
export function decodeHttpRequest(get: (key: string) => unknown): RequestInfo | null {
  const method = asNonEmptyString(get('http.method'), 32);
  const url = asNonEmptyString(get('http.url')) ?? asNonEmptyString(get('http.url_details.path'));
  const userAgent = asNonEmptyString(get('http.useragent'));
  if (method === null && url === null) return null;
  let query: string | null = null;
  if (url !== null) {
    const q = url.indexOf('?');
    if (q >= 0) query = url.slice(q + 1) || null;
  }
  return { method, url, query, headers: userAgent ? [['user-agent', userAgent]] : [], data: null };
}

/** Maps Datadog's `language` attribute onto the platform names Sentry uses. */
export function platformOf(language: unknown, parsedLanguage: string | null): string | null {
  const lang = asNonEmptyString(language, 64) ?? parsedLanguage;
  if (lang === 'javascript' || lang === 'nodejs') return 'node';
  if (lang === 'jvm') return 'java';
  return lang;
}
