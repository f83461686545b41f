import type { ExceptionRecord, RawFrame } from '../model/event.types';
import { markPythonCrash } from './pythonChain';
import { type LineReader, type ParserResult, hasFrames, joinMessage, makeFrame, toPos } from './frameText';
import { recursionMarker } from './frameFolder';

const TRACEBACK = 'Traceback (most recent call last):';
const DIRECT_CAUSE = 'The above exception was the direct cause of the following exception:';
const DURING_HANDLING = 'During handling of the above exception, another exception occurred:';
const CHAIN_SENTENCES = [DIRECT_CAUSE, DURING_HANDLING];
const FRAME = /^\s*File "([^"]{1,4096})", line (\d{1,9})(?:, in (.{1,1000}))?$/;
// `KeyError: 'x'`, `app.errors.NotFound: msg`, `KeyboardInterrupt`.
const EXC_LINE = /^([A-Za-z_][\w.]{0,200})(?:: ?(.*))?$/;
// Lines that start another log record end a multi-line message.
const LOG_RECORD = /^(?:\[?\d{4}-\d\d-\d\d|(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL)\b)/;
const MAX_MESSAGE_LINES = 50;
/** CPython folds a recursion itself: the same marker as every other runtime gets. */
const REPEATED = /^\[Previous line repeated (\d{1,9}) more times?\]$/;

/** Parses a `  File "x.py", line 3, in f` line. */
export function parsePythonFrame(line: string): RawFrame | null {
  const m = FRAME.exec(line);
  if (!m) return null;
  return makeFrame(line, m[1], m[3] ?? null, toPos(m[2]), null);
}

/** True for the lines that open or continue a Python traceback. */
export function isPythonAnchor(line: string): boolean {
  return line.includes(TRACEBACK) || (line.startsWith('  File "') && FRAME.test(line));
}

/** Parses one traceback block starting at `i`; returns the exception and the next line. */
function parseBlock(lines: LineReader, start: number): { exc: ExceptionRecord; end: number } | null {
  let i = start;
  const first = lines.get(i) ?? '';
  if (first.includes(TRACEBACK)) i++;
  const frames: RawFrame[] = [];
  for (;;) {
    const l = lines.get(i);
    if (l === undefined) break;
    const f = parsePythonFrame(l);
    if (f) {
      frames.push(f);
      i++;
      continue;
    }
    // Code lines, `^^^^` markers and `[Previous line repeated N more times]` are indented.
    if (l.startsWith(' ') || l.startsWith('\t')) {
      // The first indented line after a frame is its source line: keep it, it locates the line
      // in another revision when the deployed one is unknown.
      const last = frames[frames.length - 1];
      const code = l.trim();
      const repeated = REPEATED.exec(code);
      if (repeated && last && !last.folded) frames.push(recursionMarker(Number(repeated[1]), [last]));
      else if (last && !last.context && code && !/^[\^~\s]+$/.test(code) && !code.startsWith('[Previous line')) {
        last.context = { pre: [], line: code, post: [] };
      }
      i++;
      continue;
    }
    break;
  }
  if (frames.length === 0) return null;
  const head = lines.get(i);
  const m = head === undefined ? null : EXC_LINE.exec(head);
  const exc: ExceptionRecord = { type: null, value: null, frames: frames.reverse() };
  if (m) {
    exc.type = m[1];
    const msg: string[] = m[2] !== undefined ? [m[2]] : [];
    i++;
    for (;;) {
      const l = lines.get(i);
      if (l === undefined || l.trim() === '' || msg.length >= MAX_MESSAGE_LINES) break;
      if (l.includes(TRACEBACK) || LOG_RECORD.test(l) || CHAIN_SENTENCES.includes(l.trim())) break;
      msg.push(l);
      i++;
    }
    exc.value = joinMessage(msg);
  }
  return { exc, end: i };
}

/** Parses a Python traceback at `anchor`, following `raise ... from` and implicit context chains. */
export function parsePythonStack(lines: LineReader, anchor: number): ParserResult | null {
  const chain: ExceptionRecord[] = [];
  const links: string[] = [];
  let i = anchor;
  for (;;) {
    const block = parseBlock(lines, i);
    if (!block) break;
    chain.push(block.exc);
    i = block.end;
    // Expect: blank, chain sentence, blank, `Traceback` (Python prints root cause first).
    let j = i;
    while (j < i + 3 && (lines.get(j) ?? 'x').trim() === '') j++;
    const sentence = (lines.get(j) ?? '').trim();
    if (!CHAIN_SENTENCES.includes(sentence)) break;
    links.push(sentence);
    j++;
    while (j < i + 6 && (lines.get(j) ?? 'x').trim() === '') j++;
    if (!(lines.get(j) ?? '').includes(TRACEBACK)) break;
    i = j;
  }
  if (!hasFrames(chain)) return null;
  markPythonCrash(
    chain,
    links.map((l) => (l === DIRECT_CAUSE ? 'cause' : 'context')),
  );
  return { exceptions: chain, end: i };
}
