/**
 * Identifiers that tie an error to code: quoted names in the message (`reading 'rate'`,
 * `KeyError: 'discount'`) and the identifiers on the crashing line. A commit in the deploy
 * range that adds or removes lines mentioning them is related even when it touched no frame.
 */

import { escapeRegExp } from '../util/escapeRegExp';
import { BLOCK_KEYWORDS, DECLARATION_KEYWORDS, PAREN_KEYWORDS } from '../util/languageKeywords';
import { WINDOWS } from './searchWindows';

/** An error's words kept as tokens: this long at least and at most. */
const MIN_TOKEN = WINDOWS['tokens.minLength'];
const MAX_TOKEN = WINDOWS['tokens.maxLength'];
/** Quoted literals of a message kept. */
const MAX_QUOTED = WINDOWS['quoted.max'];

/** Left in as tokens: the ranking was measured with them kept. */
const KEPT_AS_TOKENS = new Set(['instanceof', 'typeof', 'super']);
/** Keywords of the languages the other scans leave alone: Ruby and Lua, Go, TypeScript's types, `None` lowercased. */
const MORE_KEYWORDS = 'end then go defer string number any unknown readonly none'.split(' ');
/** Names so common in any program that they tie an error to nothing. */
const COMMON_NAMES = (
  'err error object value data result get set len str list dict map print println fmt log console ' +
  'require module exports'
).split(' ');
/** Words never taken as a token, compared lowercased. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  ...BLOCK_KEYWORDS,
  ...PAREN_KEYWORDS.filter((k) => !KEPT_AS_TOKENS.has(k)),
  ...DECLARATION_KEYWORDS,
  ...MORE_KEYWORDS,
  ...COMMON_NAMES,
]);

const IDENT = /[A-Za-z_$][\w$]{2,}/g;

function add(out: Set<string>, word: string): void {
  const w = word.replace(/^\$+/, '');
  if (w.length < MIN_TOKEN || w.length > MAX_TOKEN || KEYWORDS.has(w.toLowerCase())) return;
  out.add(w);
}

/** Quoted and code-like identifiers in an error message. */
export function messageTokens(message: string | null): string[] {
  const out = new Set<string>();
  if (!message) return [];
  const text = message.slice(0, 2000); // bound: characters of a message read
  for (const m of text.matchAll(/['"`‘’]([A-Za-z_$][\w$.]{1,60})['"`‘’]/g)) {
    for (const part of m[1].split('.')) add(out, part);
  }
  for (const m of text.matchAll(/\b([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+)\b/g)) {
    for (const part of m[1].split('.')) add(out, part);
  }
  return [...out];
}

/** Identifiers on a source line (the crashing line). */
export function lineTokens(line: string | null): string[] {
  const out = new Set<string>();
  if (!line) return [];
  const code = line.slice(0, 1000).replace(/(["'`])(?:\\.|(?!\1).)*\1/g, ' '); // bound: characters of a line read
  for (const m of code.matchAll(IDENT)) add(out, m[0]);
  return [...out];
}

/** How many of `tokens` appear as whole words in `text`. */
export function tokenHits(tokens: string[], text: string): string[] {
  if (tokens.length === 0 || text.length === 0) return [];
  const words = new Set(text.match(/[A-Za-z_$][\w$]*/g) ?? []);
  return tokens.filter((t) => words.has(t));
}

/** `because "<parameter1>.address" is null` (Java's helpful NullPointerException) → `address`. */
const JAVA_NULL = /because "([^"]{1,200})" is null/;
/** `because the return value of "com.acme.User.email()" is null` → `email`. */
const JAVA_NULL_RETURN = /because the return value of "([^"]{1,200}?)(?:\(\))?" is null/;
/** `Cannot invoke "String.trim()"`, `Cannot read field "city"` (Java) → `trim`, `city`. */
const JAVA_USE = new RegExp(
  String.raw`Cannot (?:invoke|read field|assign field|load from|store to) "(?:[^"]{0,200}\.)?([A-Z` +
    String.raw`a-z_$][\w$]{0,60})(?:\([^"]{0,200}\))?"`,
);
/** The property read on a missing value: V8 `(reading 'x')`, Python `has no attribute 'x'`, Ruby `` method `x' ``. */
// PHP 8: `Attempt to read property "x" on null`, `Call to a member function x() on null`.
const READ_PROP = new RegExp(
  String.raw`\(reading ['"]([A-Za-z_$][\w$]{0,60})['"]\)|has no attribute ['"]([A-Za-z_]\w{0,60})['"]|` +
    String.raw`undefined method [\x60']([A-Za-z_]\w{0,60}[?!]?)'|` +
    String.raw`(?:read property|member function) "?([A-Za-z_]\w{0,60})"?(?:\(\))? ` +
    String.raw`on (?:null|bool|int|float|string|array)`,
);

/**
 * The names an error is about, beyond the code of its crashing line: a quoted name the message
 * gives that the line's code does not contain (`KeyError: 'HELLO'`, a key the data lacked), and
 * the name of the value that was null or undefined (`"<parameter1>.address" is null`, or
 * `customer.address` on the line for `(reading 'city')` → `address`). A commit that removed such
 * a name, or wrote it into the crashing line, is tied to this error specifically.
 */
export function keyTokens(message: string | null, crashLine: string | null): string[] {
  const out = new Set<string>();
  if (!message) return [];
  const text = message.slice(0, 2000); // bound: characters of a message read
  const onLine = new Set(lineTokens(crashLine));
  // `'NoneType' object …` names a type, not a key.
  for (const m of text.matchAll(/['"`‘’]([A-Za-z_$][\w$]{1,60})['"`‘’](?!\s+object\b)/g)) {
    if (!onLine.has(m[1])) add(out, m[1]);
  }
  for (const re of [JAVA_NULL, JAVA_NULL_RETURN]) {
    const subject = re.exec(text)?.[1].split('.').pop();
    if (subject && /^[A-Za-z_$][\w$]*$/.test(subject)) add(out, subject);
  }
  const read = READ_PROP.exec(text);
  const prop = read?.[1] ?? read?.[2] ?? read?.[3] ?? read?.[4];
  // The receiver is what was missing only when it was null (`'NoneType' object`, `for nil`, `on null`):
  // a `'str' object has no attribute` receiver held a value, of another type.
  if (prop && crashLine && isNullishError(text)) {
    const code = crashLine.slice(0, 1000); // bound: characters of a line read
    const receiver = new RegExp(`([A-Za-z_$][\\w$]*)\\s*(?:\\?\\.|!?\\.)\\s*${escapeRegExp(prop)}(?![\\w$])`).exec(
      code,
    );
    if (receiver) add(out, receiver[1]);
  }
  return [...out];
}

/** `keys` that occur in `text` as whole words, ignoring case (`Address` for `address`). */
export function keyHits(keys: string[], text: string): Set<string> {
  const words = new Set((text.match(/[A-Za-z_$][\w$]*/g) ?? []).map((w) => w.toLowerCase()));
  return new Set(keys.filter((k) => words.has(k.toLowerCase())));
}

/**
 * The names the failing operation used, as the message states them: the property read on a
 * missing value, the key not found, the method invoked on null (`reading 'id'`, `KeyError:
 * 'stock'`, `Cannot invoke "String.trim()"`). Short keys count too: `KeyError: 'en'`.
 */
export function failingNames(message: string | null, crashLine: string | null = null): string[] {
  if (!message) return [];
  const text = message.slice(0, 2000); // bound: characters of a message read
  const out = new Set<string>();
  const read = READ_PROP.exec(text);
  const prop = read?.[1] ?? read?.[2] ?? read?.[3] ?? read?.[4];
  if (prop) out.add(prop);
  const use = JAVA_USE.exec(text)?.[1];
  if (use) out.add(use);
  const callee = NOT_CALLABLE.exec(text)?.[1].split('.').pop();
  if (callee) out.add(callee);
  // PHP's TypeError names the parameter that got the wrong value: `Argument #1 ($rate) must be of type float`.
  const argument = /Argument #\d+ \(\$([A-Za-z_]\w{0,60})\) must be of type/.exec(text)?.[1];
  if (argument) out.add(argument);
  if (!prop && !use && !callee) for (const k of missingKeys(text)) out.add(k);
  if (DIVISION.test(text)) for (const d of divisorNames(crashLine)) out.add(d);
  return [...out];
}

/** `rule.test is not a function`, `order.items is not iterable` (V8); `'int' object is not callable` names none. */
const NOT_CALLABLE =
  /(?:^|\s)([A-Za-z_$][\w$]{0,60}(?:\.[A-Za-z_$][\w$]{0,60}){0,4}) is not (?:a function|a constructor|iterable)\b/;
/** Python's ZeroDivisionError, Java's `/ by zero`, Go's `integer divide by zero`, .NET's DivideByZeroException. */
const DIVISION = /division by zero|divide by zero|\/ by zero|modulo by zero|DivideByZero/i;

/**
 * The names in the divisor of the crashing line's last division (`1.0 / rate_of()` →
 * `rate_of`): the operand that was zero.
 */
export function divisorNames(crashLine: string | null): string[] {
  if (!crashLine) return [];
  const code = crashLine.slice(0, 1000).replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""'); // bound: characters of a line read
  let last: string | null = null;
  for (const m of code.matchAll(/(?:\/\/?|%)=?\s*(\(?[A-Za-z_$][\w$.]*(?:\([^()]{0,200}\))?)/g)) last = m[1];
  return last ? [...new Set(last.match(/[A-Za-z_$][\w$]*/g) ?? [])] : [];
}

/** The key a lookup did not find, when the message is only that key (Python's `KeyError: 'en'`). */
export function missingKeys(message: string | null): string[] {
  // bound: a bare key message is short
  const m = /^\s*(?:KeyError:\s*)?['"]([A-Za-z_$][\w$.-]{0,60})['"]\s*$/.exec((message ?? '').slice(0, 200));
  return m ? [m[1]] : [];
}

/**
 * Literals the message quotes that are not plain names (`'%Y-%m-%dT%H:%M%z'`, `'2025-03-01 09:30'`):
 * formats and values a commit may have written as they are.
 */
export function quotedLiterals(message: string | null): string[] {
  const out = new Set<string>();
  const text = (message ?? '').slice(0, 2000); // bound: characters of a message read
  for (const m of text.matchAll(/(?:^|[\s(=:,])['"`‘]([^'"`‘’\n]{3,120})['"`’](?=$|[\s),.:;])/g)) {
    if (!/^[A-Za-z_$][\w$]*$/.test(m[1]) && /\S/.test(m[1])) out.add(m[1]);
  }
  return [...out].slice(0, MAX_QUOTED);
}

/**
 * The property a failed read asked of a null, None or undefined value (`reading 'rate'`): the read
 * never happened, so that property's value cannot have caused it; the receiver is what was missing.
 */
export function unreadProperty(message: string | null): string | null {
  if (!message || !isNullishError(message)) return null;
  const read = READ_PROP.exec(message.slice(0, 2000)); // bound: characters of a message read
  return read?.[1] ?? read?.[2] ?? read?.[3] ?? read?.[4] ?? null;
}

/** Whether the message reports a use of a null, None or undefined value. */
export function isNullishError(message: string | null): boolean {
  return /\b(?:NoneType|null|undefined|nil|NullPointerException|NullReferenceException)\b/i.test(
    (message ?? '').slice(0, 2000), // bound: characters of a message read
  );
}

/**
 * A table had no entry for the key looked up, in each runtime's words: Python's and Ruby's `KeyError`,
 * .NET's `KeyNotFoundException`, Rust's `no entry found for key` and PHP's `Undefined array key` all name
 * a missing key.
 */
export function isMissingKeyError(message: string | null): boolean {
  return /\bKeyError\b|KeyNotFoundException|no entry found for key|key not found|Undefined (?:array key|index)/.test(
    (message ?? '').slice(0, 2000), // bound: characters of a message read
  );
}
