import type { ExceptionRecord, RawFrame } from '../model/event.types';
import { type LineReader, type ParserResult, hasFrames, joinMessage, makeFrame, toPos } from './frameText';

// `/app/x.rb:12:in 'Foo#bar'` (Ruby 3.4) or ``in `bar'`` (older), optionally after `from `.
const FRAME = /^\s*(?:from )?([^\s:][^:]{0,2000}):(\d{1,9}):in [`']([^`']{0,500})'(?:: (.*))?$/;
// The tail of a header frame's message: `message (NoMethodError)`.
const TYPE_SUFFIX = /^(.*) \(([A-Z][\w:]{0,200})\)$/;
const BARE_TYPE = /^\(?([A-Z][\w:]{0,200})\)?$/;
const MAX_MESSAGE_LINES = 50;

interface RubyLine {
  frame: RawFrame;
  /** Text after the frame (`: message (Type)`), only on a header line. */
  rest: string | null;
}

function parseRubyLine(line: string): RubyLine | null {
  if (!line.includes(':in ')) return null;
  const m = FRAME.exec(line);
  if (!m) return null;
  return { frame: makeFrame(line, m[1], m[3], toPos(m[2]), null), rest: m[4] ?? null };
}

/** True for a Ruby backtrace line. */
export function isRubyFrameLine(line: string): boolean {
  return parseRubyLine(line) !== null;
}

function headerOf(rest: string): { type: string | null; value: string | null } {
  const t = TYPE_SUFFIX.exec(rest);
  if (t) return { type: t[2], value: t[1] };
  const b = BARE_TYPE.exec(rest.trim());
  return b ? { type: b[1], value: null } : { type: null, value: rest || null };
}

// Rails and `logger.error("#{e.class} (#{e.message}):\n  " + e.backtrace.join(...))` print `Type (message):`.
const RAILS_HEAD = /^([A-Z][\w:]{0,200}) \((.*)$/;
// ActiveJob puts the job before it: `Error performing ReceiptJob (Job ID: 4c58…) from Async(default) in 3.2ms: `.
const JOB_HEAD = /^Error performing [\w:]{1,200} \(Job ID: [^)]{0,200}\)(?: from .{0,200}?)?(?: in [\d.]{1,20}ms)?: /;
// error_highlight's snippet inside the message: a blank line, the code, a `^^^^` marker line.
const SNIPPET = /\n\s*\n[^\n]*\n\s*\^+\s*$/;

/** The `NoMethodError (message):` block right above a backtrace that has no header frame. */
function railsHeader(lines: LineReader, anchor: number): { type: string | null; value: string | null } {
  let j = anchor - 1;
  while (j >= 0 && j > anchor - 3 && (lines.get(j) ?? 'x').trim() === '') j--;
  const last = lines.get(j) ?? '';
  if (!last.endsWith('):')) return { type: null, value: null };
  for (let k = j; k >= 0 && k > j - MAX_MESSAGE_LINES; k--) {
    const line = lines.get(k) ?? '';
    const m = RAILS_HEAD.exec(line.replace(JOB_HEAD, ''));
    if (!m) continue;
    const parts = [m[2]];
    for (let n = k + 1; n <= j; n++) parts.push(lines.get(n) ?? '');
    const text = parts.join('\n').slice(0, -2).replace(SNIPPET, '');
    return { type: m[1], value: text || null };
  }
  return { type: null, value: null };
}

/** Parses a Ruby backtrace starting at `anchor`; Ruby prints each `cause` after its exception. */
export function parseRubyStack(lines: LineReader, anchor: number): ParserResult | null {
  const chain: ExceptionRecord[] = [];
  let current: ExceptionRecord | null = null;
  let msgLines: string[] = [];
  let sawBlank = false;
  let i = anchor;
  const close = (): void => {
    if (current && msgLines.length > 0)
      current.value = joinMessage(current.value === null ? msgLines : [current.value, ...msgLines]);
    msgLines = [];
  };
  for (; ; i++) {
    const l = lines.get(i);
    if (l === undefined) break;
    const r = parseRubyLine(l);
    if (r) {
      if (r.rest !== null || !current) {
        // A header line (`file:1:in 'm': msg (Type)`) opens a new exception of the chain.
        close();
        const h = r.rest !== null ? headerOf(r.rest) : { type: null, value: null };
        current = { type: h.type, value: h.value, frames: [] };
        chain.push(current);
        sawBlank = false;
      }
      current.frames.push(r.frame);
      continue;
    }
    // Between a header and its first `from`: more message lines, then error_highlight's
    // blank line + code + `^^^^` snippet, which is not part of the message.
    if (current && current.frames.length === 1 && msgLines.length < MAX_MESSAGE_LINES) {
      if (l.trim() === '') {
        sawBlank = true;
        continue;
      }
      if (!sawBlank) {
        // Ruby puts `(Type)` after the first message line; older ones after the last.
        const t = current.type === null ? TYPE_SUFFIX.exec(l) : null;
        if (t) current.type = t[2];
        msgLines.push(t ? t[1] : l);
        continue;
      }
      // error_highlight's snippet is indented; did_you_mean adds `Did you mean?  name` after it.
      if (l.startsWith(' ') || l.startsWith('\t') || l.startsWith('Did you mean?')) continue;
    }
    break;
  }
  close();
  if (!hasFrames(chain)) return null;
  if (chain[0].type === null && chain[0].value === null) Object.assign(chain[0], railsHeader(lines, anchor));
  return { exceptions: chain.reverse(), end: i };
}
