/**
 * Estimates the lines of the function that encloses a line, without a parser per language:
 * "a change in the same function outranks one elsewhere in the file" only needs a good guess.
 * Brace languages are matched by braces, indentation languages by indentation.
 */
import { indentOf } from '../stack/frameText';
import { functionBaseName } from '../stack/functionName';
import { WINDOWS } from './searchWindows';

const MAX_SCAN_UP = WINDOWS['extent.scanUp'];
const MAX_SCAN_DOWN = WINDOWS['extent.scanDown'];
/** Lines of a header in which its body's brace may open (Allman style, long parameter lists). */
const HEADER_LINES = WINDOWS['extent.headerLines'];
/** The extent assumed around a line when no function is found: this many lines up and down. */
const FALLBACK_UP = WINDOWS['extent.fallbackUp'];
const FALLBACK_DOWN = WINDOWS['extent.fallbackDown'];
const HEADER = new RegExp(
  String.raw`^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:function\b|` +
    String.raw`def\s|func\s|fn\s|sub\s|proc\s|(?:(?:public|private|protected|` +
    String.raw`internal|static|final|override|virtual|abstract|synchronized|` +
    String.raw`suspend|open|async)\s+)+[\w<>[\],.?\s]*\w\s*\()`,
);
const METHOD_LIKE =
  /^\s*(?:(?:static|async|get|set|public|private|protected)\s+)*[A-Za-z_$][\w$]*\s*\([^;]*\)\s*(?::\s*[^={]+)?\{\s*$/;
const ARROW =
  /^\s*(?:export\s+)?(?:const|let|var)\s+[A-Za-z_$][\w$]*\s*=\s*(?:async\s*)?(?:function\b|\(?[^=]*\)?\s*=>)/;
const RUBY_DEF = /^\s*def\s/;
/** Statements whose `keyword (…) {` reads like a method header but opens a block that runs in place. */
const CONTROL = /^\s*(?:\}\s*)?(?:if|else|elif|for|foreach|while|switch|catch|with|do|try|return|unless|until)\b/;

function isBlank(s: string): boolean {
  return s.trim() === '' || /^\s*(?:#|\/\/)/.test(s);
}

/** A name's header pattern (`name =`, `name(`…), compiled on first use and once per scan, not once per line. */
type NamePattern = { name: string; re?: RegExp };

/**
 * Per file text (the array extentsOf splits once per file): which lines read like a function header
 * whatever the name, 1 yes, 2 no, 0 not tested yet. The frames of one file scan the same lines.
 */
const headerLines = new WeakMap<readonly string[], Uint8Array>();

function anyHeader(lines: string[], i: number, text: string): boolean {
  let known = headerLines.get(lines);
  if (!known) headerLines.set(lines, (known = new Uint8Array(lines.length)));
  if (known[i] === 0)
    // fact: codes, 1 a header, 2 not
    known[i] = !CONTROL.test(text) && (HEADER.test(text) || METHOD_LIKE.test(text) || ARROW.test(text)) ? 1 : 2;
  return known[i] === 1;
}

function headerAt(lines: string[], i: number, name: NamePattern | null, maxIndent: number): boolean {
  const text = lines[i];
  if (text === undefined || isBlank(text) || indentOf(text) > maxIndent) return false;
  if (name) {
    name.re ??= new RegExp(`\\b${name.name}\\b\\s*(?:=|:|\\(|<)`);
    return name.re.test(text);
  }
  return anyHeader(lines, i, text);
}

function findHeader(lines: string[], idx: number, name: string | null): number | null {
  const lineIndent = indentOf(lines[idx] ?? '');
  const floor = Math.max(0, idx - MAX_SCAN_UP);
  for (const useName of name ? [{ name }, null] : [null]) {
    for (let i = idx; i >= floor; i--) {
      // The header sits at or left of the crashing line, except the line itself.
      if (headerAt(lines, i, useName, i === idx ? Infinity : lineIndent)) return i;
    }
  }
  return null;
}

function braceEnd(lines: string[], start: number): number | null {
  let depth = 0;
  let opened = false;
  const last = Math.min(lines.length - 1, start + MAX_SCAN_DOWN);
  for (let i = start; i <= last; i++) {
    // Strings and comments are stripped roughly; a miscount only widens or narrows the guess.
    let text = lines[i].replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""').replace(/\/\/.*$/, '');
    // Braces inside the header's parameter list (a destructured or defaulted object) open no body.
    if (i === start) {
      // bound: nesting depth of parentheses folded
      for (let k = 0, prev = ''; k < 8 && prev !== text; k++) [prev, text] = [text, text.replace(/\([^()]*\)/g, '_')];
      // Nor do a return type's (`): { rate: number } {`): only the brace that ends the header opens it.
      let typed = text;
      // bound: nesting depth of parentheses folded
      for (let k = 0, prev = ''; k < 8 && prev !== typed; k++)
        [prev, typed] = [typed, typed.replace(/\{[^{}]*\}/g, '_')];
      if (/\{\s*$/.test(typed)) text = typed;
    }
    for (const ch of text) {
      if (ch === '{') {
        depth++;
        opened = true;
      } else if (ch === '}') {
        depth--;
        if (opened && depth <= 0) return i;
      }
    }
  }
  return null;
}

function indentEnd(lines: string[], start: number): number {
  const base = indentOf(lines[start]);
  const last = Math.min(lines.length - 1, start + MAX_SCAN_DOWN);
  let end = start;
  for (let i = start + 1; i <= last; i++) {
    const text = lines[i];
    if (isBlank(text)) continue;
    if (indentOf(text) <= base) {
      // Ruby/Lua close with `end` at the header's indentation: include it.
      if (/^\s*end\b/.test(text)) end = i;
      break;
    }
    end = i;
  }
  return end;
}

/** 0-based last line of the function whose header is at 0-based `header`: by braces, or by indentation. */
function bodyEnd(lines: string[], header: number): number | null {
  // A brace ends one of the first lines (Allman style opens it on the next: `): string` then `{`); a
  // Python header ends with `:` and Ruby's `def` with nothing: both close by indentation.
  const braced =
    !RUBY_DEF.test(lines[header]) &&
    !/:\s*(?:#.*)?$/.test(lines[header]) &&
    /\{\s*(?:\/\/.*)?$|=>\s*\{?|\)\s*\{/m.test(lines.slice(header, header + HEADER_LINES).join('\n'));
  return braced ? braceEnd(lines, header) : indentEnd(lines, header);
}

/**
 * Bodies of functions declared inside `start..end` (1-based, the enclosing function's extent) that do
 * not contain `line`: their code runs only when called, so it is not the enclosing frame's own code.
 */
export function nestedBodies(lines: string[], start: number, end: number, line: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const outer = indentOf(lines[start - 1] ?? '');
  for (let i = start; i < Math.min(end, lines.length); i++) {
    const text = lines[i];
    if (isBlank(text) || indentOf(text) <= outer || CONTROL.test(text) || !headerAt(lines, i, null, Infinity)) continue;
    const last = bodyEnd(lines, i);
    // 1-based [i + 1, last + 1]; one holding the frame's line is where the frame runs: look inside it.
    if (last === null || (line >= i + 1 && line <= last + 1)) continue;
    out.push([i + 1, Math.min(last + 1, end)]);
    i = last;
  }
  return out;
}

/** Whether 1-based `line` lies in one of `bodies`. */
export function inBodies(bodies: ReadonlyArray<[number, number]> | undefined, line: number): boolean {
  return !!bodies?.some(([a, b]) => line >= a && line <= b);
}

/**
 * 1-based inclusive [start, end] of the function around `line` in `lines` (0-based array of the file),
 * or a small window around the line when no function can be found.
 */
export function enclosingFunction(
  lines: string[],
  line: number,
  fn: string | null,
): { start: number; end: number; named: boolean } {
  const idx = Math.min(Math.max(line - 1, 0), Math.max(lines.length - 1, 0));
  const fallback = {
    start: Math.max(1, line - FALLBACK_UP),
    end: Math.min(lines.length || line, line + FALLBACK_DOWN),
    named: false,
  };
  if (lines.length === 0) return fallback;
  const name = functionBaseName(fn);
  const header = findHeader(lines, idx, name);
  if (header === null) return fallback;
  const end = bodyEnd(lines, header);
  if (end === null || end < idx) return fallback;
  return { start: header + 1, end: end + 1, named: name !== null && new RegExp(`\\b${name}\\b`).test(lines[header]) };
}
