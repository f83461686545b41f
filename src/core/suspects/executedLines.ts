/**
 * Which lines of a frame's function had run when the frame stopped. A frame stops at its line
 * (the crash, or the call in progress), so lines after it had not run yet, unless they belong
 * to the same statement (a call split over lines) or to a loop around the line, whose later
 * lines ran in earlier iterations. A change to code that never ran cannot have caused the crash.
 */

import { indentOf } from '../stack/frameText';
import { WINDOWS } from './searchWindows';

const MAX_STATEMENT = WINDOWS['statement.lines'];
/** Lines above the crash searched for the branch headers that decided it ran. */
const GUARD_LOOKBACK = WINDOWS['guards.lookback'];
const LOOP = /^\s*(?:for|while|do)\b|^\s*}\s*while\b|\.(?:forEach|map|flatMap|filter|reduce|some|every|find)\s*\(/;
const CONTINUES = /(?:[,+\-*/%&|^?=([{.\\]|\b(?:and|or|not|in))\s*$/;

function isBlank(s: string): boolean {
  return s.trim() === '' || /^\s*(?:#|\/\/|\*|\/\*)/.test(s);
}

/** Open minus closed brackets on a line, strings roughly removed. */
function bracketBalance(line: string): number {
  const code = line.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""').replace(/\/\/.*$/, '');
  let n = 0;
  for (const ch of code) {
    if (ch === '(' || ch === '[' || ch === '{') n++;
    else if (ch === ')' || ch === ']' || ch === '}') n--;
  }
  return n;
}

/** Last line of the statement that starts at `line` (1-based), within `end`. */
function statementEnd(lines: string[], line: number, end: number): number {
  let last = line;
  let balance = Math.max(0, bracketBalance(lines[line - 1] ?? ''));
  // An opening brace at the end starts a block, not a continued statement.
  if (/\{\s*$/.test(lines[line - 1] ?? '')) balance = Math.max(0, balance - 1);
  while (last < end && last - line < MAX_STATEMENT && (balance > 0 || CONTINUES.test(lines[last - 1] ?? ''))) {
    last++;
    balance = Math.max(0, balance + bracketBalance(lines[last - 1] ?? ''));
  }
  return last;
}

/** Last line of the indented block opened by the header at `header` (1-based). */
function blockEnd(lines: string[], header: number, end: number): number {
  const base = indentOf(lines[header - 1] ?? '');
  let last = header;
  for (let l = header + 1; l <= end; l++) {
    const text = lines[l - 1] ?? '';
    if (isBlank(text)) continue;
    if (indentOf(text) <= base) {
      // The closing brace or `end` of the block sits at the header's indentation.
      if (/^\s*(?:[}\])]|end\b)/.test(text)) last = l;
      break;
    }
    last = l;
  }
  return last;
}

/**
 * The last line (1-based) of `lines` that may have run before the frame at `line` stopped, in
 * the function spanning `start..end`: at least `line`, more for multi-line statements and loops.
 */
export function lastExecutedLine(lines: string[], line: number, start: number, end: number): number {
  if (!Number.isInteger(line) || line < 1 || line > lines.length) return line;
  const stop = Math.min(end, lines.length);
  let ran = statementEnd(lines, line, stop);
  let minIndent = indentOf(lines[line - 1] ?? '');
  for (let l = line - 1; l >= Math.max(1, start) && minIndent > 0; l--) {
    const text = lines[l - 1] ?? '';
    if (isBlank(text) || indentOf(text) >= minIndent) continue;
    minIndent = indentOf(text);
    if (LOOP.test(text)) ran = Math.max(ran, blockEnd(lines, l, stop));
  }
  return ran;
}

/** A branch that continues one above it at the same indent. */
const CONTINUED_BRANCH = /^\s*(?:}\s*)?(?:else|elif|elsif|elseif|when|case|rescue|except|catch)\b/;

/** A line that chooses whether the lines below it run: a condition, a branch, a case. */
const BRANCH = new RegExp(
  String.raw`^\s*(?:}\s*)?(?:if|elif|elsif|elseif|else|unless|until|while|` +
    String.raw`case|when|switch|match|guard|except|rescue|catch)\b|^\s*(?:}\s*)?else\s*if\b|` +
    String.raw`^\s*(?:case\s.*|default\s*):\s*$`,
);

/**
 * The conditions that routed execution to `line` (1-based) inside a function starting at `start`:
 * each enclosing branch header, by indentation, nearest first (`if cfg.strict:` above a raise, the
 * `else` of an `if`, and the `if` that `else` belongs to). A changed condition changed what ran.
 */
export function guardLines(lines: string[], line: number, start: number): number[] {
  const out: number[] = [];
  let indent = indentOf(lines[line - 1] ?? '');
  // After an `else`/`elif`, the headers above it at its indent up to its `if` decided too.
  let chain = false;
  for (let l = line - 1; l >= start && l >= line - GUARD_LOOKBACK; l--) {
    const text = lines[l - 1] ?? '';
    if (isBlank(text)) continue;
    const own = indentOf(text);
    if (own > indent || (own === indent && !chain)) continue;
    if (own < indent && indent === 0) break;
    const branch = BRANCH.test(text);
    if (branch) out.push(l);
    indent = own;
    chain = branch && CONTINUED_BRANCH.test(text);
    if (own === 0) break;
  }
  return out;
}
