import type { ExceptionRecord, RawFrame } from '../model/event.types';
import {
  type LineReader,
  type ParserResult,
  hasFrames,
  makeFrame,
  matchingOpen,
  splitLocation,
  toPos,
} from './frameText';

const FRAME_START = /^#\d{1,6} /;
const CALL_SITE = /^#\d{1,6} (.{1,4096}?)\((\d{1,9})\): (.{1,2000})$/;
const INTERNAL = /^#\d{1,6} \[internal function\]: (.{1,2000})$/;
const MAIN = /^#\d{1,6} \{main\}$/;
const TYPE = /^([A-Za-z_\\][\w\\]{0,300})(?:: ?([\s\S]*))?$/;
const HEADER_LOOKBACK = 30;
/** The file of a PHP internal function's frame (the name Sentry's PHP SDK gives it). */
const INTERNAL_PATH = '[internal]';

interface PhpLine {
  raw: string;
  path: string | null;
  line: number | null;
  module: string | null;
  fn: string | null;
}

function splitCall(call: string): { module: string | null; fn: string | null } {
  let c = call.trim();
  if (c.endsWith(')')) {
    const open = matchingOpen(c, c.length - 1);
    if (open > 0) c = c.slice(0, open);
  }
  for (const sep of ['->', '::']) {
    const k = c.lastIndexOf(sep);
    if (k > 0) return { module: c.slice(0, k), fn: c.slice(k + sep.length) };
  }
  return { module: null, fn: c || null };
}

function parsePhpLine(line: string): PhpLine | null {
  const t = line.trim();
  if (!FRAME_START.test(t)) return null;
  if (MAIN.test(t)) return { raw: t, path: null, line: null, module: null, fn: '{main}' };
  const internal = INTERNAL.exec(t);
  if (internal) return { raw: t, path: null, line: null, ...splitCall(internal[1]) };
  const m = CALL_SITE.exec(t);
  if (!m) return null;
  return { raw: t, path: m[1], line: toPos(m[2]), ...splitCall(m[3]) };
}

/** True for a `#0 /app/x.php(12): Foo->bar()` line. */
export function isPhpFrameLine(line: string): boolean {
  return parsePhpLine(line) !== null;
}

interface PhpHeader {
  type: string | null;
  value: string | null;
  path: string | null;
  line: number | null;
  raw: string;
}

/** `Uncaught X: msg in /app/x.php:12` (possibly over several lines) above `Stack trace:`. */
function findHeader(lines: LineReader, stackTraceLine: number, floor: number): PhpHeader | null {
  for (let j = stackTraceLine - 1; j >= Math.max(floor, stackTraceLine - HEADER_LOOKBACK); j--) {
    const l = lines.get(j) ?? '';
    const u = l.indexOf('Uncaught ');
    const start = u >= 0 ? u + 9 : l.startsWith('Next ') ? 5 : -1;
    if (start < 0) continue;
    return headerFrom(lines, j, start, stackTraceLine);
  }
  // A logged `(string) $e` has no `Uncaught`: `TypeError: msg in /app/x.php:12` (the topmost
  // `Class: ` line of the block right above `Stack trace:`).
  let top = -1;
  for (let j = stackTraceLine - 1; j >= Math.max(floor, stackTraceLine - HEADER_LOOKBACK); j--) {
    const l = lines.get(j) ?? '';
    if (l.trim() === '') break;
    if (CLASS_LINE.test(l)) top = j;
  }
  return top >= 0 ? headerFrom(lines, top, 0, stackTraceLine) : null;
}

const CLASS_LINE = /^[A-Z][\w\\]{0,300}: /;

/** The header whose text starts at column `start` of line `j` and runs to the `Stack trace:` line. */
function headerFrom(lines: LineReader, j: number, start: number, stackTraceLine: number): PhpHeader {
  const l = lines.get(j) ?? '';
  const parts = [l.slice(start)];
  for (let k = j + 1; k < stackTraceLine; k++) parts.push(lines.get(k) ?? '');
  let text = parts.join('\n');
  let path: string | null = null;
  let lineNo: number | null = null;
  const cut = text.lastIndexOf(' in ');
  const loc = cut > 0 ? splitLocation(text.slice(cut + 4)) : null;
  if (loc && loc.column === null && loc.line !== null) {
    text = text.slice(0, cut);
    path = loc.path;
    lineNo = loc.line;
  }
  const m = TYPE.exec(text);
  return { type: m ? m[1] : null, value: m ? (m[2] ?? null) || null : text || null, path, line: lineNo, raw: l.trim() };
}

/** Pairs each call site with the function running there (PHP lists the callee beside the caller's line). */
function buildFrames(header: PhpHeader | null, calls: PhpLine[]): RawFrame[] {
  const frames: RawFrame[] = [];
  if (header?.path) {
    // An internal function that raised (`array_keys()`) has no PHP source: PHP reports its call site both
    // as the header's location and as #0's. The call site belongs to the caller (#1's function), so the
    // internal function gets a frame of its own without a file, as Sentry's PHP SDK reports it.
    const internal = calls[0]?.path === header.path && calls[0]?.line === header.line;
    const top = internal
      ? { raw: header.raw, path: INTERNAL_PATH, line: null }
      : { raw: header.raw, path: header.path, line: header.line };
    for (let k = 0; k < calls.length; k++) {
      const at = k === 0 ? top : calls[k - 1];
      frames.push(makeFrame(at.raw, at.path, calls[k].fn, at.line, null, calls[k].module));
    }
    return frames;
  }
  for (let k = 0; k < calls.length; k++) {
    if (calls[k].path === null && calls[k].fn === '{main}') continue;
    const next = calls[k + 1];
    frames.push(
      makeFrame(calls[k].raw, calls[k].path, next ? next.fn : null, calls[k].line, null, next ? next.module : null),
    );
  }
  return frames;
}

/** Parses a PHP trace whose `#0` line is `anchor`, following `Next X` chains (printed root cause first). */
export function parsePhpStack(lines: LineReader, anchor: number, floor: number): ParserResult | null {
  const chain: ExceptionRecord[] = [];
  let i = anchor;
  for (;;) {
    const prev = (lines.get(i - 1) ?? '').trim();
    const header = prev === 'Stack trace:' || prev === '[stacktrace]' ? findHeader(lines, i - 1, floor) : null;
    const calls: PhpLine[] = [];
    for (;;) {
      const p = parsePhpLine(lines.get(i) ?? '');
      if (!p) break;
      calls.push(p);
      i++;
    }
    if (calls.length === 0) break;
    chain.push({ type: header?.type ?? null, value: header?.value ?? null, frames: buildFrames(header, calls) });
    // `\n` `Next X: msg in f:1` `Stack trace:` `#0 ...`
    let j = i;
    while (j < i + 2 && (lines.get(j) ?? 'x').trim() === '') j++;
    if (!(lines.get(j) ?? '').startsWith('Next ')) break;
    let k = j + 1;
    while (k < j + 30 && (lines.get(k) ?? '#').trim() !== 'Stack trace:') k++;
    if ((lines.get(k) ?? '').trim() !== 'Stack trace:' || !parsePhpLine(lines.get(k + 1) ?? '')) break;
    i = k + 1;
  }
  if (!hasFrames(chain)) return null;
  const thrown = lines.get(i) ?? '';
  return { exceptions: chain, end: thrown.trim().startsWith('thrown in ') ? i + 1 : i };
}
