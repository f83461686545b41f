/**
 * Original function names for minified frames. A minifier renames `priceOrder` to `s`, and the
 * runtime reports `s`; the source map records the original name at the definition's identifier
 * (`function s(` ↔ `priceOrder`), not at the crash position. When the map has no name there, the
 * enclosing function of the original line is read from the original source.
 */
import { escapeRegExp } from '../util/escapeRegExp';
import { BLOCK_KEYWORDS } from '../util/languageKeywords';

/** Longest generated line searched backwards for a definition (minified bundles are one line). */
const MAX_SCAN_CHARS = 4 * 1024 * 1024;

/**
 * 0-based column of the identifier in the nearest definition of `name` that starts before
 * `beforeColumn` on `lineText`: `function name(`, `name=function`, `name=(…)=>`, `name=async`,
 * `name:function`, or a method `name(…){`. Null when there is none.
 */
export function definitionColumn(lineText: string, name: string, beforeColumn: number): number | null {
  if (!/^[\w$]{1,200}$/.test(name) || typeof lineText !== 'string') return null;
  const end = Math.min(Math.max(0, beforeColumn), lineText.length);
  const text = lineText.slice(Math.max(0, end - MAX_SCAN_CHARS), end);
  const offset = end - text.length;
  const n = escapeRegExp(name);
  const def = new RegExp(
    `(?:\\bfunction\\s*\\*?\\s*(${n})\\s*\\()|` +
      `(?:(?:^|[^\\w$.])(${n})\\s*[=:]\\s*(?:async\\b\\s*)?(?:function\\b|\\(|[\\w$]+\\s*=>))|` +
      `(?:[{},;]\\s*(?:async\\s+)?(${n})\\([^()]{0,500}\\)\\s*\\{)`,
    'gd',
  );
  let found: number | null = null;
  for (let m = def.exec(text); m !== null; m = def.exec(text)) {
    const at = m.indices?.[1] ?? m.indices?.[2] ?? m.indices?.[3];
    if (at) found = offset + at[0];
    if (def.lastIndex === m.index) def.lastIndex++;
  }
  return found;
}

/** Words a definition pattern can catch where the name goes (`if (x) {`): never a function's name. */
export const KEYWORDS: ReadonlySet<string> = new Set(BLOCK_KEYWORDS);
// `function name(`, `name = (…) =>`, `name = function`, `name(…) {` (method), `def name(` and `func name(`.
const ORIGINAL_DEF = [
  /\bfunction\s*\*?\s*([\w$]+)\s*[<(]/,
  /(?:^|[^\w$.])([\w$]+)\s*[=:]\s*(?:async\s*)?(?:function\b|\([^)]*\)\s*(?::[^=]*)?=>|[\w$]+\s*=>)/,
  new RegExp(
    String.raw`^\s*(?:(?:public|private|protected|static|async|override|readonly|get|set)\s+)*` +
      String.raw`([\w$]+)\s*(?:<[^>]*>)?\([^)]*\)\s*(?::[^{]*)?\{`,
  ),
];

/**
 * The function whose body encloses 1-based `line` in JavaScript/TypeScript source `lines`:
 * walking up, the first definition that opens a block still open at `line`. Null when none.
 */
export function enclosingFunctionName(lines: readonly string[], line: number): string | null {
  if (!Array.isArray(lines) || !Number.isInteger(line) || line < 1 || line > lines.length) return null;
  const defined = (text: string): string | null => {
    for (const re of ORIGINAL_DEF) {
      const m = re.exec(text);
      if (m && !KEYWORDS.has(m[1])) return m[1];
    }
    return null;
  };
  // A one-line definition (`const tax = (x) => x.rate * 2;`) encloses its own line.
  const own = defined(lines[line - 1] ?? '');
  if (own) return own;
  let depth = 0;
  for (let i = line - 2; i >= 0 && i >= line - 2000; i--) {
    const text = lines[i] ?? '';
    for (const ch of text) {
      if (ch === '}') depth++;
      else if (ch === '{') depth--;
    }
    // Walking up, a line that leaves more `{` open than it closed opens a block around `line`.
    if (depth >= 0) continue;
    const name = defined(text);
    if (name) return name;
    depth = 0;
  }
  return null;
}
