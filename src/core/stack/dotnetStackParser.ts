import type { ExceptionRecord, RawFrame } from '../model/event.types';
import {
  type LineReader,
  type ParserResult,
  hasFrames,
  joinMessage,
  makeFrame,
  matchingOpen,
  toPos,
} from './frameText';

const CORE_LOCATION = /^(.{1,4096}):line (\d{1,9})$/;
const MONO_LOCATION = /^(.{1,4096}):(\d{1,9})$/;
const MONO_OFFSET = / (?:\[0x[0-9a-f]{1,16}\]|<0x[0-9a-f]{1,16}(?: \+ 0x[0-9a-f]{1,16})?>)$/;
const HEADER_PREFIXES = ['Unhandled exception. ', 'Unhandled Exception: ', '[ERROR] FATAL UNHANDLED EXCEPTION: '];
const TYPE_HEADER = /^([A-Za-z_][\w.`+]{0,300}): ?(.*)$|^([A-Za-z_][\w.`+]{0,300}(?:Exception|Error))$/;
const INNER = ' ---> ';
const END_INNER = '--- End of inner exception stack trace ---';
const HEADER_LOOKBACK = 30;

/** Splits `Ns.Class.Method` at the last dot outside generic brackets; unwraps async `<Run>d__3.MoveNext`. */
function splitMethod(name: string): { module: string | null; fn: string } {
  let depth = 0;
  let dot = -1;
  for (let i = name.length - 1; i >= 0 && dot < 0; i--) {
    const c = name[i];
    if (c === ']' || c === '>') depth++;
    else if (c === '[' || c === '<') depth--;
    else if (c === '.' && depth === 0) dot = i;
  }
  if (dot <= 0) return { module: null, fn: name };
  const module = name.slice(0, dot);
  const fn = name.slice(dot + 1);
  const asyncSm = /^(.*)\.<([^<>]{1,300})>d__\d{1,6}$/.exec(module);
  if (fn === 'MoveNext' && asyncSm) return { module: asyncSm[1], fn: asyncSm[2] };
  return { module, fn };
}

/** Parses a .NET (`at X.Y(String a) in f.cs:line 4`) or Mono (`at X.Y (string a) [0x0001] in f.cs:4`) frame. */
export function parseDotnetFrame(line: string): RawFrame | null {
  const s = line.trim();
  if (!s.startsWith('at ')) return null;
  let body = s.slice(3);
  if (body.startsWith('(wrapper ')) return makeFrame(s, null, body, null, null);
  let path: string | null = null;
  let lineNo: number | null = null;
  let marked = false;
  const cut = body.lastIndexOf(' in ');
  if (cut > 0) {
    const tail = body.slice(cut + 4);
    const m = CORE_LOCATION.exec(tail) ?? MONO_LOCATION.exec(tail);
    if (m) {
      // Mono prints `<filename unknown>` or an assembly hash `<12b4...>` when it has no symbols.
      path = m[1].startsWith('<') ? null : m[1];
      lineNo = toPos(m[2]);
      body = body.slice(0, cut);
      marked = true;
    }
  }
  const off = MONO_OFFSET.exec(body);
  if (off) {
    body = body.slice(0, off.index);
    marked = true;
  }
  if (!body.endsWith(')')) return null;
  const open = matchingOpen(body, body.length - 1);
  if (open <= 0) return null;
  const name = body.slice(0, open).trimEnd();
  const args = body.slice(open + 1, -1);
  if (name === '' || /\s/.test(name)) return null;
  // Without a location, only typed arguments (`String id`) or `()` tell .NET from other `at` lines.
  if (!marked && args !== '' && !/^[\w.`[\]<>,&*]{1,200} \w{1,200}(?:, |$)/.test(args)) return null;
  const { module, fn } = splitMethod(name);
  return makeFrame(s, path, fn, lineNo, null, module);
}

function stripHeaderPrefix(line: string): string {
  let s = line.trim();
  for (const p of HEADER_PREFIXES) if (s.startsWith(p)) s = s.slice(p.length).trim();
  return s;
}

function parseHeaderPart(part: string): ExceptionRecord {
  const m = TYPE_HEADER.exec(part.trim());
  if (!m) return { type: null, value: part.trim() || null, frames: [] };
  return { type: m[1] ?? m[3], value: m[1] ? m[2].trim() || null : null, frames: [] };
}

/** The exception chain printed above the first frame, outermost first. */
function findHeader(lines: LineReader, anchor: number, floor: number): ExceptionRecord[] {
  for (let j = anchor - 1; j >= Math.max(floor, anchor - HEADER_LOOKBACK); j--) {
    const l = lines.get(j);
    if (l === undefined || l.trim() === '') break;
    if (l.trimStart().startsWith(INNER.trim())) continue;
    const s = stripHeaderPrefix(l);
    if (!TYPE_HEADER.test(s.split(INNER)[0])) continue;
    const text = [s];
    for (let k = j + 1; k < anchor; k++) text.push((lines.get(k) ?? '').trimEnd());
    // Inner exceptions follow ` ---> ` (inline on Mono, at line starts on .NET Core).
    const parts = text.join('\n').split(/\n? ?---> /);
    return parts.map((p) => {
      const rec = parseHeaderPart(p.split('\n')[0]);
      const more = p.split('\n').slice(1);
      if (more.length > 0) rec.value = joinMessage(rec.value === null ? more : [rec.value, ...more]);
      return rec;
    });
  }
  return [{ type: null, value: null, frames: [] }];
}

/** Parses a .NET/Mono trace whose first `at` frame is `anchor`; inner exceptions come root cause first. */
export function parseDotnetStack(lines: LineReader, anchor: number, floor: number): ParserResult | null {
  const parts = findHeader(lines, anchor, floor);
  const segments: RawFrame[][] = [[]];
  let i = anchor;
  for (; ; i++) {
    const l = lines.get(i);
    if (l === undefined) break;
    const f = parseDotnetFrame(l);
    if (f) {
      segments[segments.length - 1].push(f);
      continue;
    }
    const t = l.trim();
    if (t === END_INNER) {
      segments.push([]);
      continue;
    }
    if (t.startsWith('--- End of stack trace from previous location')) continue;
    break;
  }
  // Segments run innermost first; the header chain runs outermost first.
  const chain = parts.slice().reverse();
  segments.forEach((frames, k) => {
    const target = chain[Math.min(k, chain.length - 1)];
    target.frames.push(...frames);
  });
  if (!hasFrames(chain)) return null;
  return { exceptions: chain, end: i };
}
