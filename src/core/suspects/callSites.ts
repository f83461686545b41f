/**
 * What ran on a calling frame's line. The frame stopped inside one call, the one to the function
 * of the frame below it: calls in that call's arguments ran and returned first (their values went
 * down the stack), calls that wrap it or come after it on the line never ran.
 */

import { escapeRegExp } from '../util/escapeRegExp';
import { WINDOWS } from './searchWindows';

/** How many characters past the failing name (`?.(`, spaces) the failed call's name may start. */
const SLACK = WINDOWS['callSites.slack'];

export type CallTiming = 'argument' | 'before' | 'notRun';

interface CallSite {
  name: string;
  /** Offset of the name, of its `(`, and just past its matching `)` (the line's end when unclosed). */
  at: number;
  open: number;
  close: number;
}

const CALL = /([A-Za-z_$][\w$]*)\s*\(/g;

/** Calls on one line of code (strings already emptied), with their argument spans. */
function callSites(code: string): CallSite[] {
  const out: CallSite[] = [];
  for (const m of code.matchAll(CALL)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    let depth = 0;
    let close = code.length;
    for (let i = open; i < code.length; i++) {
      if (code[i] === '(') depth++;
      else if (code[i] === ')' && --depth === 0) {
        close = i + 1;
        break;
      }
    }
    out.push({ name: m[1], at: m.index ?? 0, open, close });
  }
  return out;
}

/**
 * When each call on a caller's line ran, relative to the call on the stack (`stackCallee`, the
 * function of the frame below). Null when the line has no call to it (a constructor, a decorator,
 * a callback): then nothing is known and every call keeps its plain reading.
 */
export function callTimings(code: string, stackCallee: string | null): Map<number, CallTiming> | null {
  if (!stackCallee) return null;
  const sites = callSites(code);
  const stack = sites.find((s) => s.name === stackCallee);
  if (!stack) return null;
  const out = new Map<number, CallTiming>();
  for (const s of sites) {
    if (s === stack) continue;
    const inside = s.at > stack.open && s.close <= stack.close;
    const wraps = s.open < stack.at && s.close >= stack.close;
    out.set(s.at, inside ? 'argument' : wraps || s.at >= stack.close ? 'notRun' : 'before');
  }
  return out;
}

/** The line with each string's contents blanked, so offsets still match the line's own. */
export function blankStrings(line: string): string {
  // fact: a string's two quotes
  return line.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, (m) => m[0] + ' '.repeat(m.length - 2) + m[m.length - 1]);
}

/**
 * When each call on the crashing line ran, relative to the failing operation (the first read of a
 * name the error gives: `.tier`, `["tier"]`, `tier(`): a call wrapping it was about to receive its
 * value and never ran, one after it never ran either. Null when no failing name is on the line.
 */
export function crashTimings(line: string, failing: string[]): Map<number, CallTiming> | null {
  let pos = -1;
  for (const name of failing) {
    const n = escapeRegExp(name);
    const m = new RegExp(`(?:\\.|->|::)\\s*${n}(?![\\w$])|\\[\\s*["']${n}["']\\s*\\]|(?<![\\w$.])${n}\\s*\\(`).exec(
      line,
    );
    if (m && (pos < 0 || m.index < pos)) pos = m.index;
  }
  if (pos < 0) return null;
  const sites = callSites(blankStrings(line));
  // A call that failed (`x.test is not a function`) had its arguments evaluated first: those ran.
  const failed = sites.find((s) => s.at >= pos && s.at <= pos + SLACK + Math.max(...failing.map((f) => f.length)));
  const out = new Map<number, CallTiming>();
  for (const s of sites) {
    if (s === failed) continue;
    const argOfFailed = failed !== undefined && s.at > failed.open && s.close <= failed.close;
    out.set(s.at, argOfFailed ? 'before' : (s.open < pos && s.close > pos) || s.at > pos ? 'notRun' : 'before');
  }
  return out;
}
