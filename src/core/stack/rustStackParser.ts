import type { ExceptionRecord, RawFrame } from '../model/event.types';
import { type LineReader, type ParserResult, joinMessage, makeFrame, splitLocation } from './frameText';

// `thread 'main' (12618) panicked at src/x.rs:7:5:` (Rust ≥ 1.73; the thread id since 1.9x) or
// `thread 'main' panicked at 'msg', src/x.rs:7:5` (older). Found anywhere in a (log) line.
const PANIC_HEAD = /thread '(.{0,200}?)'(?: \(\d{1,20}\))? panicked at (.{1,4096})$/;
// `   6: shop::pricing::lookup` or, with RUST_BACKTRACE=full, `   6:     0x55d0c5b1a2c0 - shop::pricing::lookup`.
const FRAME = /^ {0,12}(\d{1,5}): {1,24}(?:0x[0-9a-f]{1,16} - ?)?(.{0,4096})$/;
const AT = /^\s{1,64}at (.{1,4096})$/;
// Legacy mangling hash (`::h1a2b…`) and v0 crate disambiguators (`std[e28293b1aa0f68bd]`).
const SYMBOL_HASH = /::h[0-9a-f]{16}$/;
const CRATE_DISAMBIGUATOR = /\[[0-9a-f]{1,32}\]/g;
const CLOSURES = /(?:::\{\{?closure\}?\}?(?:#\d{1,6})?\}?)+$/;
const PLAIN_PATH = /^[A-Za-z_]\w{0,200}(?:::[A-Za-z_]\w{0,200}){0,64}/;
// A symbol starts like a path or `<T as Trait>`; a space only occurs inside `<…>` (`<impl X for Y>`).
const SYMBOL = /^(?:<.{1,4096}|[_A-Za-z][^\s<]{0,4096}(?:<.{0,4096})?)$/;
const MAX_MESSAGE_LINES = 50;
const MAX_FRAMES = 2000;
const LOOKBACK = 40;

interface PanicHead {
  value: string | null;
  location: { path: string; line: number | null; column: number | null } | null;
  raw: string;
}

/** True when the line holds a Rust `thread '…' panicked at` header. */
export function isRustPanicLine(line: string): boolean {
  return line.includes('panicked at ') && PANIC_HEAD.test(line);
}

/** True for frame 0 of a Rust backtrace (`   0: symbol`): the only numbered line that opens one. */
export function isRustFrameZero(line: string): boolean {
  const m = FRAME.exec(line);
  return m !== null && m[1] === '0' && m[2].trim() !== '';
}

/** `shop::pricing::lookup::h1a2b…` → `shop::pricing::lookup`, and the module it lives in. */
export function cleanRustSymbol(symbol: string): { fn: string | null; module: string | null } {
  let fn = symbol.trim().replace(CRATE_DISAMBIGUATOR, '').replace(SYMBOL_HASH, '');
  if (fn === '' || fn === '<unknown>') return { fn: fn || null, module: null };
  const bare = fn.replace(CLOSURES, '');
  const path = PLAIN_PATH.exec(bare.startsWith('<') ? bare.slice(1) : bare)?.[0] ?? '';
  let module: string | null = path || null;
  // A plain `a::b::f` names a function in module `a::b`; `<T as Trait>::f` and impl paths keep the type's path.
  if (path === bare) module = path.includes('::') ? path.slice(0, path.lastIndexOf('::')) : null;
  if (fn.length > 1000) fn = fn.slice(0, 1000);
  return { fn, module };
}

function splitAt(loc: string): { path: string; line: number | null; column: number | null } | null {
  const l = splitLocation(loc.trim());
  return l && l.path !== '' ? l : null;
}

/** Reads the panic header at `at` and its message lines; returns the header and the next line index. */
function readHead(lines: LineReader, at: number): { head: PanicHead; next: number } | null {
  const first = lines.get(at) ?? '';
  const m = PANIC_HEAD.exec(first);
  if (!m) return null;
  const rest = m[2];
  if (rest.startsWith("'")) {
    // Old format: the message is quoted and may span lines; the location follows `', `.
    const parts: string[] = [rest.slice(1)];
    for (let k = at; k < at + MAX_MESSAGE_LINES; k++) {
      const cur = parts[parts.length - 1];
      const q = cur.lastIndexOf("', ");
      const loc = q >= 0 ? splitAt(cur.slice(q + 3)) : null;
      if (loc) {
        parts[parts.length - 1] = cur.slice(0, q);
        return { head: { value: joinMessage(parts), location: loc, raw: first.trim() }, next: k + 1 };
      }
      const n = lines.get(k + 1);
      if (n === undefined) break;
      parts.push(n);
    }
    return { head: { value: rest.slice(1) || null, location: null, raw: first.trim() }, next: at + 1 };
  }
  // New format: `panicked at src/x.rs:7:5:` then the message until the backtrace or a note.
  const location = splitAt(rest.endsWith(':') ? rest.slice(0, -1) : rest);
  const msg: string[] = [];
  let k = at + 1;
  for (; k < at + 1 + MAX_MESSAGE_LINES; k++) {
    const l = lines.get(k);
    if (l === undefined || isMessageEnd(l)) break;
    msg.push(l);
  }
  return { head: { value: joinMessage(msg), location, raw: first.trim() }, next: k };
}

function isMessageEnd(l: string): boolean {
  const t = l.trim();
  // A blank line ends it too: without a backtrace or note, what follows is other log output.
  return (
    t === '' ||
    t === 'stack backtrace:' ||
    t === 'Stack backtrace:' ||
    t.startsWith('note: ') ||
    isRustFrameZero(l) ||
    isRustPanicLine(l)
  );
}

/** Parses numbered backtrace frames from `start`; each symbol line may be followed by `at file:line:col`. */
function readFrames(lines: LineReader, start: number): { frames: RawFrame[]; end: number } {
  const frames: RawFrame[] = [];
  let i = start;
  while (frames.length < MAX_FRAMES) {
    const l = lines.get(i);
    const m = l === undefined ? null : FRAME.exec(l);
    if (!m || l === undefined || !SYMBOL.test(m[2])) break;
    const { fn, module } = cleanRustSymbol(m[2]);
    const at = AT.exec(lines.get(i + 1) ?? '');
    const loc = at ? splitAt(at[1]) : null;
    const raw = at ? `${l.trim()} ${at[0].trim()}` : l;
    frames.push(makeFrame(raw, loc?.path ?? null, fn, loc?.line ?? null, loc?.column ?? null, module));
    i += at ? 2 : 1;
  }
  return { frames, end: i };
}

// Where a panic enters the runtime; frames before it are the hook and backtrace machinery.
const PANIC_ENTRY = /(?:^|::)(?:rust_begin_unwind|begin_panic(?:::\{\{closure\}\})?)$/;

/**
 * Drops the frames above the panic entry (a logging hook's own frames, std's backtrace internals) and std's panic
 * frames after it.
 */
function fromPanicEntry(frames: RawFrame[]): RawFrame[] {
  const k = frames.findIndex((f) => f.function !== null && PANIC_ENTRY.test(f.function));
  if (k < 0) return frames;
  // From the entry on, std's own frames (`panic_fmt`, `panic_bounds_check`…) lead to the caller.
  let n = k;
  while (n < frames.length - 1 && STD_SOURCE.test(frames[n].path ?? '')) n++;
  return frames.slice(n);
}
const STD_SOURCE = /^(?:\.?\/rustc\/|\/usr\/src\/rustc-)|\/rustlib\/src\/rust\/library\//;

function sameFile(framePath: string | null, panicPath: string): boolean {
  if (!framePath) return false;
  const p = panicPath.replace(/^\.\//, '');
  return framePath === p || framePath.endsWith('/' + p);
}

/**
 * Parses a Rust panic. `anchor` is the `thread '…' panicked at` line, or frame 0 of a backtrace
 * printed without one (a logged `std::backtrace::Backtrace`), in which case the header is looked
 * for just above. Frames start at the panic location (std's panic machinery above it is dropped);
 * without RUST_BACKTRACE the location is the only frame.
 */
export function parseRustStack(lines: LineReader, anchor: number, floor: number): ParserResult | null {
  let head: PanicHead | null = null;
  let i = anchor;
  const first = lines.get(anchor) ?? '';
  if (isRustPanicLine(first)) {
    const h = readHead(lines, anchor);
    if (!h) return null;
    head = h.head;
    i = h.next;
  } else {
    for (let j = anchor - 1; j >= Math.max(floor, anchor - LOOKBACK); j--) {
      const l = lines.get(j) ?? '';
      if (isRustPanicLine(l)) {
        head = readHead(lines, j)?.head ?? null;
        break;
      }
      if (isRustFrameZero(l)) break;
    }
  }
  // Skip `stack backtrace:` and a blank line before the frames.
  for (let k = 0; k < 2; k++) {
    const t = (lines.get(i) ?? 'x').trim();
    if (t === 'stack backtrace:' || t === 'Stack backtrace:' || t === '') i++;
  }
  const read = readFrames(lines, i);
  const frames = fromPanicEntry(read.frames);
  if (frames.length === 0 && !head?.location) return null;
  // Without a panic header, numbered lines must look like a backtrace (a file, or a `crate::path`).
  if (!head && !frames.some((f) => f.path !== null || (f.function ?? '').includes('::'))) return null;
  // A release build's backtrace has no files; the panic location still points at the line.
  const loc = head?.location;
  const at = loc ? frames.findIndex((f) => f.line === loc.line && sameFile(f.path, loc.path)) : -1;
  // The frames above the panic location are std's panic machinery (`rust_begin_unwind`,
  // `panic_bounds_check`, `Result::unwrap`…): #[track_caller] makes the location the caller's line.
  const kept = at > 0 ? frames.slice(at) : frames;
  if (loc && at < 0) kept.unshift(makeFrame(head?.raw ?? '', loc.path, null, loc.line, loc.column));
  const exc: ExceptionRecord = { type: 'panic', value: head?.value ?? null, frames: kept };
  return { exceptions: [exc], end: read.end };
}
