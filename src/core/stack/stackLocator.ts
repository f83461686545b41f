import type { ParsedStack, StackLanguage } from './stack.types';
import { type LineReader, type ParserResult } from './frameText';
import { LineSource } from './lineSource';
import { MAX_JSON_LINE_CHARS, jsonMessage, jsonStackCandidates } from './jsonStackExtractor';
import { isPythonAnchor, parsePythonStack } from './pythonStackParser';
import { parseGeckoFrame, parseV8Frame, parseV8Stack } from './v8StackParser';
import { parseJvmFrame, parseJvmStack } from './jvmStackParser';
import { parseDotnetFrame, parseDotnetStack } from './dotnetStackParser';
import { isGoroutineLine, parseGoStack } from './goStackParser';
import { isRubyFrameLine, parseRubyStack } from './rubyStackParser';
import { isPhpFrameLine, parsePhpStack } from './phpStackParser';
import { isRustFrameZero, isRustPanicLine, parseRustStack } from './rustStackParser';

/** How deep JSON-in-JSON (a stack string holding another JSON line) is followed. */
const MAX_JSON_DEPTH = 2;

type Parse = (lines: LineReader, anchor: number, floor: number) => ParserResult | null;

interface Anchor {
  language: StackLanguage;
  parse: Parse;
}

const PYTHON: Anchor = { language: 'python', parse: (l, a) => parsePythonStack(l, a) };
const V8: Anchor = { language: 'javascript', parse: parseV8Stack };
const JVM: Anchor = { language: 'java', parse: parseJvmStack };
const DOTNET: Anchor = { language: 'dotnet', parse: parseDotnetStack };
const GO: Anchor = { language: 'go', parse: parseGoStack };
const RUBY: Anchor = { language: 'ruby', parse: (l, a) => parseRubyStack(l, a) };
const PHP: Anchor = { language: 'php', parse: parsePhpStack };
const RUST: Anchor = { language: 'rust', parse: parseRustStack };

/**
 * Which trace (if any) line `line` opens. Cheap substring checks come first so that noise lines
 * cost a few `indexOf`s; the regexes only run on plausible lines (all are bounded).
 */
export function anchorOf(line: string): Anchor | null {
  if (line.length === 0) return null;
  const t = line.trimStart();
  if (t.startsWith('at ')) {
    // V8 first: it rejects JVM `m(File.java:1)` and Mono `[0x0] in` shapes, which the next two accept.
    if (parseV8Frame(t)) return V8;
    if (parseJvmFrame(line)) return JVM;
    if (parseDotnetFrame(t)) return DOTNET;
    return null;
  }
  if (line.includes('panicked at ') && isRustPanicLine(line)) return RUST;
  if (t.startsWith('0: ') && isRustFrameZero(line)) return RUST;
  if ((t.startsWith('Traceback') || t.startsWith('File "') || line.includes('Traceback (')) && isPythonAnchor(line))
    return PYTHON;
  if (line.startsWith('goroutine ') && isGoroutineLine(line)) return GO;
  if (line.includes(':in ') && isRubyFrameLine(line)) return RUBY;
  if (t.startsWith('#') && isPhpFrameLine(t)) return PHP;
  if (line.includes('@') && parseGeckoFrame(line)) return V8;
  return null;
}

/**
 * A stack logged under its own key (`"backtrace": "…"`) often has its message under another
 * (`"message"`); give the outermost exception that message when the stack text had none.
 */
function withJsonMessage(found: ParsedStack, raw: string): ParsedStack {
  const outer = found.exceptions[found.exceptions.length - 1];
  if (!outer || outer.value !== null) return found;
  const message = jsonMessage(raw);
  if (message !== null) outer.value = message;
  return found;
}

/** Scans `text` line by line for the first stack trace and parses it with its language's parser. */
export function locateStack(text: string, depth = 0): ParsedStack | null {
  const lines = new LineSource(text);
  for (let i = 0; ; i++) {
    const line = lines.get(i);
    if (line === undefined) return null;
    if (depth < MAX_JSON_DEPTH && line.includes('"')) {
      const raw = lines.raw(i, MAX_JSON_LINE_CHARS) ?? '';
      for (const candidate of jsonStackCandidates(raw)) {
        const found = locateStack(candidate, depth + 1);
        if (found) return withJsonMessage(found, raw);
      }
    }
    const anchor = anchorOf(line);
    if (!anchor) continue;
    const result = anchor.parse(lines, i, 0);
    if (result) return { language: anchor.language, exceptions: result.exceptions };
  }
}
