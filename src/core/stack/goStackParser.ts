import type { ExceptionRecord, RawFrame } from '../model/event.types';
import { type LineReader, type ParserResult, makeFrame, matchingOpen, toPos } from './frameText';

// `goroutine 1 [running]:`; GOTRACEBACK=crash on newer Go adds `gp=0x… m=0 mp=0x…` before the state.
const GOROUTINE = /^goroutine \d{1,12}(?: [\w=]{1,40}){0,6} \[[^\]]{1,200}\]:$/;
// net/http recovers handler panics and logs `http: panic serving 10.0.0.1:5000: msg` before the dump.
const HTTP_PANIC = /\bhttp: panic serving [^\s:]{0,200}(?::\d{1,5})?: (.{0,4096})$/;
const LOCATION = /^\t(.{1,4096}?):(\d{1,9})(?: \+0x[0-9a-f]{1,16})?(?: fp=.*)?$/;
const LOOKBACK = 40;
// The runtime's panic machinery. Frames above it are deferred calls that ran during the panic
// (net/http's recover in `(*conn).serve.func1`, a handler that panics again), not the crash.
const RUNTIME_PANIC = /^(?:gopanic|panic\w{0,40}|goPanic\w{0,40}|sigpanic|throw|fatalthrow|fatalpanic)$/;

function isPanicMachinery(f: RawFrame): boolean {
  const fn = f.function ?? '';
  return (f.module === null && fn === 'panic') || (f.module === 'runtime' && RUNTIME_PANIC.test(fn));
}

/** The frames from the first one below the last panic machinery frame (all of them when there is none). */
function belowPanic(frames: RawFrame[]): RawFrame[] {
  let last = -1;
  for (let i = 0; i < frames.length; i++) if (isPanicMachinery(frames[i])) last = i;
  return last >= 0 && last + 1 < frames.length ? frames.slice(last + 1) : frames;
}

/** True for the `goroutine 1 [running]:` line that opens a Go stack dump. */
export function isGoroutineLine(line: string): boolean {
  return line.startsWith('goroutine ') && GOROUTINE.test(line.trimEnd());
}

/** Splits `example.com/shop/pricing.(*Calc).Price` into package path and function. */
function splitGoFunction(full: string): { module: string | null; fn: string } {
  const slash = full.lastIndexOf('/');
  const dot = full.indexOf('.', slash + 1);
  if (dot <= 0) return { module: null, fn: full };
  return { module: full.slice(0, dot), fn: full.slice(dot + 1) };
}

function parseFunctionLine(line: string): { module: string | null; fn: string } | null {
  let s = line.trim();
  if (s.startsWith('created by ')) {
    s = s.slice(11);
    const inG = s.indexOf(' in goroutine ');
    if (inG > 0) s = s.slice(0, inG);
  } else if (s.endsWith(')')) {
    const open = matchingOpen(s, s.length - 1);
    if (open <= 0) return null;
    s = s.slice(0, open);
  } else {
    return null;
  }
  if (s === '' || /\s/.test(s)) return null;
  return splitGoFunction(s);
}

/** Finds the `panic: ...` / `fatal error: ...` message above the goroutine dump. */
function findPanic(lines: LineReader, anchor: number, floor: number): { type: string; value: string | null } {
  for (let j = anchor - 1; j >= Math.max(floor, anchor - LOOKBACK); j--) {
    const l = lines.get(j) ?? '';
    const http = l.includes('http: panic serving ') ? HTTP_PANIC.exec(l) : null;
    if (http) return { type: 'panic', value: http[1] || null };
    for (const kind of ['panic', 'fatal error']) {
      if (l.startsWith(kind + ': ')) {
        const msg: string[] = [l.slice(kind.length + 2).replace(/ \[recovered\]$/, '')];
        for (let k = j + 1; k < anchor; k++) {
          const n = lines.get(k) ?? '';
          // Nested panics and `[signal SIGSEGV ...]` details are not the message.
          if (n.trim() === '' || n.startsWith('[signal ') || n.startsWith('\tpanic: ') || n.startsWith('goroutine '))
            break;
          msg.push(n);
        }
        return { type: kind, value: msg.join('\n') || null };
      }
    }
  }
  return { type: 'panic', value: null };
}

/** Parses the first goroutine of a Go panic dump (the one that panicked), anchored at its header. */
export function parseGoStack(lines: LineReader, anchor: number, floor: number): ParserResult | null {
  const frames: RawFrame[] = [];
  let i = anchor + 1;
  for (;;) {
    const fl = lines.get(i);
    const ll = lines.get(i + 1);
    if (fl === undefined || ll === undefined) break;
    const fn = parseFunctionLine(fl);
    const loc = LOCATION.exec(ll);
    if (!fn || !loc) break;
    frames.push(makeFrame(fl.trim() + ' ' + ll.trim(), loc[1], fn.fn, toPos(loc[2]), null, fn.module));
    i += 2;
  }
  if (frames.length === 0) return null;
  const head = findPanic(lines, anchor, floor);
  const exc: ExceptionRecord = { type: head.type, value: head.value, frames: belowPanic(frames) };
  return { exceptions: [exc], end: i };
}
