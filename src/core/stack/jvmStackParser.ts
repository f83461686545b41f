import type { ExceptionRecord, RawFrame } from '../model/event.types';
import { type LineReader, type ParserResult, hasFrames, indentOf, joinMessage, makeFrame, toPos } from './frameText';

// `at [module/]pkg.Class.method(Source)`, optionally followed by a logback/log4j `~[jar:ver]` suffix.
const FRAME = /^\s*at ([^\s()]{1,1000})\(([^()]{0,500})\)(?: ~?\[[^\]]{0,300}\])?\s*$/;
const SOURCE = /^([^\s:]{1,300})(?::(\d{1,9}))?$/;
const MORE = /^\s*\.\.\. (\d{1,9}) (?:more|common frames omitted)\s*$/;
// `java.lang.IllegalStateException: msg`, optionally after `Exception in thread "main" `.
const HEADER = /^(?:Exception in thread "[^"]{0,200}" )?([A-Za-z_$][\w$]{0,200}(?:\.[\w$]{1,200}){0,40})(?:: ?(.*))?$/;
const HEADER_LOOKBACK = 30;

/** Parses `\tat com.acme.Orders.place(Orders.java:42)`; module = class, path = file name as printed. */
export function parseJvmFrame(line: string): RawFrame | null {
  const m = FRAME.exec(line);
  if (!m) return null;
  const src = m[2];
  let path: string | null = null;
  let lineNo: number | null = null;
  if (src !== 'Native Method' && src !== 'Unknown Source' && src !== '') {
    const s = SOURCE.exec(src);
    if (!s) return null; // `(String id)`: .NET arguments, not a JVM source
    path = s[1];
    lineNo = toPos(s[2]);
  } else if (src === '') {
    return null;
  }
  // Drop `java.base/` and `app//` class-loader/module prefixes.
  const qualified = m[1].slice(m[1].lastIndexOf('/') + 1);
  const dot = qualified.lastIndexOf('.');
  if (dot <= 0) return makeFrame(line, path, qualified, lineNo, null);
  return makeFrame(line, path, qualified.slice(dot + 1), lineNo, null, qualified.slice(0, dot));
}

function isTypeLike(name: string): boolean {
  return name.includes('.') || /(?:Exception|Error|Throwable)$/.test(name);
}

function parseHeaderText(text: string): { type: string; value: string[] } | null {
  const m = HEADER.exec(text.trim());
  if (!m || !isTypeLike(m[1])) return null;
  return { type: m[1], value: m[2] !== undefined ? [m[2]] : [] };
}

function findHeader(lines: LineReader, anchor: number, floor: number): ExceptionRecord {
  const stop = Math.max(floor, anchor - HEADER_LOOKBACK);
  for (let j = anchor - 1; j >= stop; j--) {
    const l = lines.get(j);
    if (l === undefined || l.trim() === '') break;
    const h = parseHeaderText(l);
    if (h) {
      for (let k = j + 1; k < anchor; k++) h.value.push(lines.get(k) ?? '');
      return { type: h.type, value: joinMessage(h.value), frames: [] };
    }
  }
  return { type: null, value: null, frames: [] };
}

/** Parses a Java/Kotlin trace whose first `at` frame is line `anchor` (with `Caused by:` chains). */
export function parseJvmStack(lines: LineReader, anchor: number, floor: number): ParserResult | null {
  const chain: ExceptionRecord[] = [findHeader(lines, anchor, floor)];
  let current = chain[0];
  let skipIndent = -1; // inside a `Suppressed:` block: its lines are indented at least this much
  let i = anchor;
  for (; ; i++) {
    const l = lines.get(i);
    if (l === undefined) break;
    if (skipIndent >= 0) {
      if (indentOf(l) >= skipIndent && l.trim() !== '') continue;
      skipIndent = -1;
    }
    const t = l.trim();
    const frame = parseJvmFrame(l);
    if (frame) {
      current.frames.push(frame);
      continue;
    }
    if (MORE.test(l)) {
      current.framesOmitted = true;
      continue;
    }
    if (t.startsWith('Suppressed: ')) {
      skipIndent = indentOf(l);
      continue;
    }
    if (t.startsWith('Caused by: ')) {
      const h = parseHeaderText(t.slice(11));
      const msg = h ? h.value : [t.slice(11)];
      // Multi-line messages run until the next frame.
      while (msg.length < 50) {
        const n = lines.get(i + 1);
        if (n === undefined || parseJvmFrame(n) || MORE.test(n) || n.trim() === '') break;
        msg.push(n);
        i++;
      }
      current = { type: h ? h.type : null, value: joinMessage(msg), frames: [] };
      chain.push(current);
      continue;
    }
    break;
  }
  if (!hasFrames(chain)) return null;
  return { exceptions: chain.reverse(), end: i };
}
