import type { ExceptionRecord, RawFrame } from '../model/event.types';
import {
  type LineReader,
  type ParserResult,
  hasFrames,
  joinMessage,
  makeFrame,
  matchingOpen,
  splitLocation,
} from './frameText';
import { parseJsHeader } from './jsHeader';

/** How far above the first frame a header (and multi-line message) may start. */
const HEADER_LOOKBACK = 30;
/** Lines of `{ code: 'X', ... }` properties Node may print between frames and a `[cause]`. */
const MAX_PROPERTY_LINES = 200;

/** Resolves a V8 location: `file:1:2`, `native`, `<anonymous>`, `index 0`, `eval at f (file:1:2), <anonymous>:1:1`. */
function parseV8Location(
  loc: string,
  depth = 0,
): { path: string | null; line: number | null; column: number | null } | null {
  if (loc.startsWith('eval at ') && depth < 5) {
    // Report the eval call site, the only place that maps onto a source file.
    const close = loc.lastIndexOf('), ');
    const open = close > 0 ? matchingOpen(loc, close) : -1;
    if (open > 0) return parseV8Location(loc.slice(open + 1, close), depth + 1);
    return { path: null, line: null, column: null };
  }
  if (loc === 'native' || loc === '<anonymous>' || loc === 'unknown location')
    return { path: loc, line: null, column: null };
  // `Promise.all (index 0)`: the runtime's own combinator, never application code.
  if (/^index \d+$/.test(loc)) return { path: 'native', line: null, column: null };
  const split = splitLocation(loc);
  if (!split || split.line === null || split.path === '') return null;
  return split;
}

function cleanFunction(fn: string): string | null {
  let f = fn.trim();
  if (f.startsWith('async ')) f = f.slice(6);
  const alias = f.indexOf(' [as ');
  if (alias > 0 && f.endsWith(']')) f = f.slice(0, alias);
  return f || null;
}

/** Parses one `    at fn (file:line:col)` line; null when it is not a V8 frame. */
export function parseV8Frame(line: string): RawFrame | null {
  const s = line.trim();
  if (!s.startsWith('at ')) return null;
  let body = s.slice(3).trim();
  if (body.endsWith(' {')) body = body.slice(0, -2); // util.inspect opens the error's own properties
  if (body.length === 0) return null;
  if (body.endsWith(')')) {
    const open = matchingOpen(body, body.length - 1);
    if (open > 0 && body.charCodeAt(open - 1) === 32) {
      const loc = parseV8Location(body.slice(open + 1, -1));
      if (!loc) return null;
      return makeFrame(s, loc.path, cleanFunction(body.slice(0, open - 1)), loc.line, loc.column);
    }
    if (open !== 0) return null; // `pkg.Class.m(File.java:1)`: a JVM or .NET frame
    body = body.slice(1, -1);
  }
  if (body.includes('] in ')) return null; // Mono `[0x0001] in file:12`
  const loc = parseV8Location(body);
  if (!loc) return null;
  return makeFrame(s, loc.path, null, loc.line, loc.column);
}

/** Parses a Firefox/Safari `fn@url:line:col` line; null otherwise. */
export function parseGeckoFrame(line: string): RawFrame | null {
  const s = line.trim();
  const at = s.indexOf('@');
  if (at < 0 || s.startsWith('at ')) return null;
  const fn = s.slice(0, at);
  const loc = s.slice(at + 1);
  if (fn.includes(': ') || fn.includes('"')) return null;
  if (loc === '[native code]') return makeFrame(s, loc, fn, null, null);
  const split = splitLocation(loc);
  if (!split || split.line === null || split.column === null || /\s/.test(split.path) || split.path === '') return null;
  return makeFrame(s, split.path, fn, split.line, split.column);
}

function findHeader(lines: LineReader, anchor: number, floor: number): { type: string | null; value: string | null } {
  const stop = Math.max(floor, anchor - HEADER_LOOKBACK);
  for (let j = anchor - 1; j >= stop; j--) {
    const l = lines.get(j);
    if (l === undefined || l.trim() === '') break;
    const h = parseJsHeader(l, j !== anchor - 1);
    if (h) {
      const more: string[] = [];
      for (let k = j + 1; k < anchor; k++) more.push(lines.get(k) ?? '');
      return { type: h.type, value: joinMessage(h.value === null ? more : [h.value, ...more]) };
    }
  }
  return { type: null, value: null };
}

type FrameParser = (line: string) => RawFrame | null;

/** Parses a JavaScript stack whose first frame is line `anchor`, with Node's `[cause]` / `Caused by:` chain. */
export function parseV8Stack(lines: LineReader, anchor: number, floor: number): ParserResult | null {
  const first = lines.get(anchor) ?? '';
  const frameOf: FrameParser = parseV8Frame(first) ? parseV8Frame : parseGeckoFrame;
  const header = findHeader(lines, anchor, floor);
  const chain: ExceptionRecord[] = [];
  let current: ExceptionRecord = { type: header.type, value: header.value, frames: [] };
  chain.push(current);
  let inProps = false;
  let propLines = 0;
  let i = anchor;
  for (;;) {
    const l = lines.get(i);
    if (l === undefined) break;
    const frame = frameOf(l);
    if (frame) {
      current.frames.push(frame);
      if (l.trimEnd().endsWith(' {')) inProps = true;
      i++;
      continue;
    }
    const t = l.trim();
    const causeText = t.startsWith('[cause]: ') ? t.slice(9) : t.startsWith('Caused by: ') ? t.slice(11) : null;
    if (causeText !== null) {
      const h = parseJsHeader(causeText, false);
      const msg: string[] = h?.value != null ? [h.value] : [];
      i++;
      // A multi-line cause message runs until its first frame.
      while (msg.length < 50) {
        const n = lines.get(i);
        if (n === undefined || frameOf(n) || n.trim() === '') break;
        msg.push(n);
        i++;
      }
      current = { type: h ? h.type : null, value: h ? joinMessage(msg) : causeText || null, frames: [] };
      chain.push(current);
      continue;
    }
    if (inProps && propLines++ < MAX_PROPERTY_LINES) {
      i++;
      if (t === '}' && l.startsWith('}')) inProps = false;
      if (!inProps) break;
      continue;
    }
    break;
  }
  if (!hasFrames(chain)) return null;
  return { exceptions: chain.reverse(), end: i };
}
