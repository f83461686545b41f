/** Longest JSON log line inspected for an embedded stack (bounded memory and time). */
export const MAX_JSON_LINE_CHARS = 4 * 1024 * 1024;
const MAX_CANDIDATES_PER_LINE = 16;

// Keys under which loggers put a stack: `stack`, `err.stack`, `error.stack_trace`, `exc_info`…
const STACK_KEY_NAMES = 'stack|stacktrace|stack_trace|traceback|exception|backtrace|exc_info|exc_text|error|err';
const STACK_KEY = new RegExp(String.raw`"((?:[\w.-]{0,60}[._])?(?:${STACK_KEY_NAMES}))"\s{0,20}:\s{0,20}"`, 'gi');

/** Index just past the closing quote of a JSON string whose body starts at `from`; -1 when unterminated. */
function endOfJsonString(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i + 1;
  }
  return -1;
}

/**
 * Multi-line string values under stack-like keys of a JSON log line (`{"stack":"TypeError: x\n    at …"}`),
 * decoded. Works on nested objects, pretty-printed lines and lines whose JSON is cut off, because it
 * decodes the string literal after the key rather than the whole document.
 */
export function jsonStackCandidates(line: string): string[] {
  const out: string[] = [];
  if (line.indexOf('\\n') < 0) return out;
  STACK_KEY.lastIndex = 0;
  let m: RegExpExecArray | null;
  let tries = 0;
  while ((m = STACK_KEY.exec(line)) !== null && tries++ < MAX_CANDIDATES_PER_LINE) {
    const start = m.index + m[0].length;
    const end = endOfJsonString(line, start);
    const literal = end < 0 ? line.slice(start - 1) + '"' : line.slice(start - 1, end);
    if (literal.indexOf('\\n') < 0) continue;
    try {
      const value: unknown = JSON.parse(literal);
      if (typeof value === 'string') out.push(value);
    } catch {
      // A truncated or invalid literal: skip it, other keys may still hold the stack.
    }
    if (end > 0) STACK_KEY.lastIndex = end;
  }
  return out;
}

// Keys under which structured loggers put the human message of a log record.
const MESSAGE_KEY = /"(message|msg|error\.message|panic\.message|panic)"\s{0,20}:\s{0,20}"/g;
const MAX_MESSAGE_CHARS = 4096;

/** The string under the first message-like key of a JSON log line (`"message"`, `"msg"`…), or null. */
export function jsonMessage(line: string): string | null {
  MESSAGE_KEY.lastIndex = 0;
  const m = MESSAGE_KEY.exec(line);
  if (!m) return null;
  const start = m.index + m[0].length;
  const end = endOfJsonString(line, start);
  if (end < 0 || end - start > MAX_MESSAGE_CHARS) return null;
  try {
    const value: unknown = JSON.parse(line.slice(start - 1, end));
    return typeof value === 'string' && value.trim() !== '' ? value : null;
  } catch {
    return null;
  }
}
