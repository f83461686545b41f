/**
 * A change that took a normalizing call off a value (`Math.round(x)` → `x`, `s.strip()` → `s`):
 * the value still has the old type but no longer the form the code downstream relies on (an
 * integer, no whitespace, an encoding). In a helper whose result reaches the crash, that is the
 * cause more often than any edit of the crashing line.
 */
import { squash } from './lineText';

/** Input safety, not a search window: longer lines (minified or generated code) are not scanned. */
const MAX_LINE = 400; // bound: a longer line is generated code, not read
/** Calls whose job is to put a value into a canonical form. */
const NORMALIZERS = new Set(
  (
    'round floor ceil trunc toFixed toPrecision trim trimStart trimEnd strip lstrip rstrip lower ' +
    'upper toLowerCase toUpperCase ' +
    'casefold normalize encode decode parseInt parseFloat parse int float Decimal escape quote ' +
    'unquote encodeURIComponent ' +
    'decodeURIComponent encodeURI decodeURI abs intValue longValue ' +
    // The same jobs in the other runtimes' standard libraries: Go, C#, Ruby, PHP, Rust.
    'ToLower ToUpper TrimSpace Title Round Floor Ceil Trunc ToLowerInvariant ToUpperInvariant Trim ' +
    'downcase upcase capitalize swapcase to_i to_f strtolower strtoupper mb_strtolower mb_strtoupper ucfirst ' +
    'lcfirst ucwords intval floatval to_lowercase to_uppercase to_ascii_lowercase to_ascii_uppercase'
  ).split(' '),
);

/**
 * Normalizers that put a value into opposite or competing forms: swapping one for another changes every key it
 * makes.
 */
const FAMILIES = [
  ['toUpperCase', 'toLowerCase', 'toLocaleUpperCase', 'toLocaleLowerCase'],
  ['upper', 'lower', 'casefold', 'capitalize', 'title'],
  ['ToUpper', 'ToLower', 'ToUpperInvariant', 'ToLowerInvariant', 'Title'],
  ['upcase', 'downcase', 'capitalize', 'swapcase'],
  ['strtoupper', 'strtolower', 'mb_strtoupper', 'mb_strtolower', 'ucfirst', 'lcfirst', 'ucwords'],
  ['to_uppercase', 'to_lowercase', 'to_ascii_uppercase', 'to_ascii_lowercase'],
  ['round', 'floor', 'ceil', 'trunc'],
  ['Round', 'Floor', 'Ceil', 'Trunc'],
  ['encode', 'decode'],
];

/** Index of the parenthesis closing the one at `open`, or -1. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The first top-level argument of the call whose parenthesis opens at `open`. */
function firstArg(s: string, open: number, close: number): string {
  let depth = 0;
  for (let i = open + 1; i < close; i++) {
    if ('([{'.includes(s[i])) depth++;
    else if (')]}'.includes(s[i])) depth--;
    else if (s[i] === ',' && depth === 0) return s.slice(open + 1, i);
  }
  return s.slice(open + 1, close);
}

/**
 * Whether `after` is `before` with one normalizing call taken off (wrapper or method form), or
 * swapped for a competing one (`toUpperCase()` → `toLowerCase()`, `round` → `floor`).
 */
export function isNormalizerRemoved(before: string, after: string): boolean {
  if (before.length > MAX_LINE || after.length > MAX_LINE) return false;
  const b = before.trim();
  const a = squash(after);
  if (squash(b) === a) return false;
  for (const m of b.matchAll(/((?:[A-Za-z_$][\w$]*\.)*)([A-Za-z_$][\w$]*)\(/g)) {
    const name = m[2];
    if (!NORMALIZERS.has(name)) continue;
    const open = (m.index ?? 0) + m[0].length - 1;
    const close = closing(b, open);
    if (close < 0) continue;
    const start = m.index ?? 0;
    const method = m[1].length > 0 && b[start + m[1].length - 1] === '.' && close === open + 1;
    // `x.trim()` → `x`: drop the method call; `round(x, 2)` / `Math.round(x)` → `x`: keep the first argument.
    const unwrapped = method
      ? b.slice(0, start + m[1].length - 1) + b.slice(close + 1)
      : b.slice(0, start) + firstArg(b, open, close) + b.slice(close + 1);
    if (squash(unwrapped) === a) return true;
    const nameAt = start + m[1].length;
    for (const other of FAMILIES.find((f) => f.includes(name)) ?? []) {
      if (other !== name && squash(b.slice(0, nameAt) + other + b.slice(nameAt + name.length)) === a) return true;
    }
  }
  return isBareMethodRemoved(b, a);
}

/** Ruby's calls without parentheses: `value.strip.downcase` → `value.strip`, or `.downcase` → `.upcase`. */
function isBareMethodRemoved(b: string, a: string): boolean {
  for (const m of b.matchAll(/\.([A-Za-z_]\w*)\b(?!\s*[(!?=])/g)) {
    const name = m[1];
    if (!NORMALIZERS.has(name)) continue;
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (squash(b.slice(0, start) + b.slice(end)) === a) return true;
    for (const other of FAMILIES.find((f) => f.includes(name)) ?? []) {
      if (other !== name && squash(`${b.slice(0, start + 1)}${other}${b.slice(end)}`) === a) return true;
    }
  }
  return false;
}
