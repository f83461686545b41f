import type { ExceptionRecord, RawFrame } from '../model/event.types';

/** Reads a line of the text being parsed (cleaned); undefined past the end. */
export interface LineReader {
  get(i: number): string | undefined;
}

/** What a language parser found, and the line after the last one it used. */
export interface ParserResult {
  exceptions: ExceptionRecord[];
  end: number;
}

/** Builds a frame; the text formats never say whether a frame is in-app. */
export function makeFrame(
  raw: string,
  path: string | null,
  fn: string | null,
  line: number | null,
  column: number | null,
  module: string | null = null,
): RawFrame {
  return {
    path: path || null,
    module: module || null,
    function: fn || null,
    line,
    column,
    inApp: null,
    raw: raw.trim(),
  };
}

/** A positive integer from decimal digits, or null (0, negatives and overflow are not positions). */
export function toPos(s: string | undefined): number | null {
  if (!s || s.length > 9) return null;
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : null;
}

function isDigits(s: string): boolean {
  if (s.length === 0 || s.length > 9) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Splits `path:line:col` / `path:line` from the end (paths may hold colons: `C:\x`, `file:///`,
 * `node:internal`). Returns null when there is no trailing `:line`.
 */
export function splitLocation(loc: string): { path: string; line: number | null; column: number | null } | null {
  const a = loc.lastIndexOf(':');
  if (a <= 0) return null;
  const last = loc.slice(a + 1);
  if (!isDigits(last)) return null;
  const b = loc.lastIndexOf(':', a - 1);
  if (b > 0 && isDigits(loc.slice(b + 1, a))) {
    return { path: loc.slice(0, b), line: toPos(loc.slice(b + 1, a)), column: toPos(last) };
  }
  return { path: loc.slice(0, a), line: toPos(last), column: null };
}

/** Index of the `(` matching the `)` at `close`, scanning backwards; -1 when unbalanced. */
export function matchingOpen(s: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c === 41) depth++;
    else if (c === 40 && --depth === 0) return i;
  }
  return -1;
}

/** Leading whitespace width, a tab counting as 4 (log shippers mix both). */
export function indentOf(line: string): number {
  let w = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32) w++;
    else if (c === 9) w += 4;
    else break;
  }
  return w;
}

/** Joins message lines, trimming trailing blank ones; null when empty. */
export function joinMessage(lines: string[]): string | null {
  let n = lines.length;
  while (n > 0 && lines[n - 1].trim() === '') n--;
  const s = lines.slice(0, n).join('\n');
  return s === '' ? null : s;
}

/** True when at least one exception carries a frame: a header alone is not a stack trace. */
export function hasFrames(exceptions: ExceptionRecord[]): boolean {
  return exceptions.some((e) => e.frames.length > 0);
}
