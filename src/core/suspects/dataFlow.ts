/**
 * Data flow, lite: which names carry the value a frame failed on. A crash uses some values; the
 * ones that arrived as parameters were computed by the caller, in the arguments of its call line
 * and the assignments before it. Following that chain down the stack tells a caller's change
 * that produced the bad value from one that changed unrelated code nearby. Line-based, without a
 * parser per language: assignments are `name = …`, parameters come from the function header.
 */

import { escapeRegExp } from '../util/escapeRegExp';
import { BLOCK_KEYWORDS, DECLARATION_KEYWORDS, PAREN_KEYWORDS } from '../util/languageKeywords';
import { collectionInsert, loopBinding } from './bindingShapes';
import { WINDOWS } from './searchWindows';

/** Words that are never a variable's name: the keywords, Python's capitalised literals and `cls`, `throws`. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  ...BLOCK_KEYWORDS,
  ...PAREN_KEYWORDS,
  ...DECLARATION_KEYWORDS,
  ...['cls', 'None', 'True', 'False', 'throws'],
]);

/** Input safety, not a search window: longer lines (minified or generated code) are not scanned. */
const MAX_LINE = 1000; // bound: a longer line is generated code, not read
const MAX_SLICE_LINES = WINDOWS['flow.sliceLines'];
const MAX_STATEMENT = WINDOWS['statement.maxLines'];

/**
 * Source text with string literals emptied (template expressions kept) and trailing comments cut, for name
 * scanning.
 */
function codeOf(line: string): string {
  return line
    .slice(0, MAX_LINE)
    .replace(/`(?:\\.|[^`\\])*`/g, (t) => ` (${[...t.matchAll(/\$\{([^{}]*)\}/g)].map((m) => m[1]).join(', ')}) `)
    .replace(/(["'])(?:\\.|(?!\1).)*\1/g, '""')
    .replace(/\/\/.*$|(?:^|\s)#.*$/, '');
}

/** Identifiers that name variables, not properties: no `.` before them, keywords dropped. */
export function rootNames(text: string): string[] {
  const code = codeOf(text);
  const out = new Set<string>();
  for (const m of code.matchAll(/[A-Za-z_$][\w$]*/g)) {
    let i = (m.index ?? 0) - 1;
    while (i >= 0 && (code[i] === ' ' || code[i] === '\t')) i--;
    if (code[i] === '.' || KEYWORDS.has(m[0])) continue;
    out.add(m[0]);
  }
  return [...out];
}

/** Index of the first plain `=` (not `==`, `!=`, `<=`, `>=`, `=>`) at bracket depth 0, or -1. */
function assignIndex(code: string): number {
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === '=' && depth === 0) {
      const prev = code[i - 1] ?? '';
      const next = code[i + 1] ?? '';
      if (next === '=' || next === '>' || '=!<>'.includes(prev)) {
        if (next === '=') i++;
        continue;
      }
      return i;
    }
  }
  return -1;
}

/**
 * The names a line assigns (`x = …`, `Type x = …`, `const {a, b} = …`, `x.f = …`, `xs.push(v)`), and
 * its right-hand side.
 */
export function assignment(line: string): { names: string[]; rhs: string } | null {
  const code = codeOf(line);
  const bound = collectionInsert(code) ?? loopBinding(code);
  if (bound && !bound.names.some((n) => KEYWORDS.has(n))) return bound;
  const at = assignIndex(code);
  if (at <= 0) return null;
  // `x += 1` assigns x too; the operator sits just before the `=`.
  let lhs = code
    .slice(0, at)
    .replace(/(?:[-+*/%&|^]|\?\?|\|\||&&|<<|>>>?|\*\*)$/, '')
    .trim();
  const rhs = code.slice(at + 1);
  lhs = lhs.replace(/^(?:(?:const|let|var|final|val|auto|readonly)\s+)+/, '');
  if (/^[{[(]/.test(lhs) || /,/.test(lhs.replace(/<[^<>]*>/g, ''))) return { names: rootNames(lhs), rhs };
  // A type annotation (`code: string`) is not a name.
  lhs = lhs.replace(/\s*:[^:]*$/, '').replace(/\?$/, '');
  const last = /([A-Za-z_$][\w$]*)$/.exec(lhs);
  // `x.f = …` and `x[k] = …` change what x holds.
  if (!last || /[.\]]\s*[A-Za-z_$][\w$]*$/.test(lhs) || /\]$/.test(lhs)) {
    const first = rootNames(lhs)[0];
    return first ? { names: [first], rhs } : null;
  }
  return KEYWORDS.has(last[1]) ? null : { names: [last[1]], rhs };
}

/** Splits `text` (starting just after an opening parenthesis) into top-level arguments. */
function splitArgs(text: string): string[] | null {
  const args: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = '';
  // bound: a statement's characters scanned
  for (let i = 0; i < text.length && i < 4 * MAX_LINE; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') cur += ch + (text[++i] ?? '');
      else {
        if (ch === quote) quote = null;
        cur += ch;
      }
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) {
      if (depth === 0) {
        if (cur.trim() !== '' || args.length > 0) args.push(cur.trim());
        return args;
      }
      depth--;
    } else if (ch === ',' && depth === 0) {
      args.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  return null;
}

export interface CallSite {
  /** The text right before the name (`Pricing.`, `self.`), squashed, to see a changed receiver. */
  receiver: string;
  args: string[];
}

/** The first call of one of `names` in `text`, with its arguments as written. */
export function findCall(text: string, names: string[]): CallSite | null {
  const clipped = text.slice(0, 4 * MAX_LINE); // bound: a statement's characters scanned
  for (const name of names) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) continue;
    const re = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}\\s*\\(`, 'g');
    for (const m of clipped.matchAll(re)) {
      const args = splitArgs(clipped.slice((m.index ?? 0) + m[0].length));
      if (!args) continue;
      // The receiver is the member chain right before the name (`Pricing.`, `self.`), if any.
      let from = m.index ?? 0;
      while (from > 0 && /\s/.test(clipped[from - 1])) from--;
      if (clipped[from - 1] === '.') while (from > 0 && /[\w$.?\s]/.test(clipped[from - 1])) from--;
      const receiver = clipped.slice(from, m.index).replace(/\s+/g, '');
      return { receiver, args };
    }
  }
  return null;
}

/** The name a function header declares (`def f(`, `function f(`, `T f(`, `const f = (`), if any. */
export function headerName(header: string): string | null {
  const code = withoutReceiver(codeOf(header));
  const arrow = /^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=/.exec(code);
  if (arrow) return arrow[1];
  const m = /([A-Za-z_$][\w$]*)\s*(?:<[^()]*>)?\s*\(/.exec(code);
  return m && !KEYWORDS.has(m[1]) ? m[1] : null;
}

/** A Go method's receiver (`func (s *Server) handle(`) is not its parameter list. */
const withoutReceiver = (code: string) => code.replace(/^(\s*func\s*)\([^()]*\)\s*/, '$1');

/** A function header as enclosingFunction finds them, not a fallback window's first line. */
const HEADER_SHAPE = new RegExp(
  String.raw`^\s*(?:async\s+)?def\s|\bfunction\b|=>|\).*\{\s*$|` +
    // A method whose brace opens on the next line (C#, Java in Allman style) starts with a modifier.
    String.raw`^\s*(?:(?:public|private|protected|internal|static|final|override|virtual|abstract|sealed|async|` +
    String.raw`synchronized)\s+)+[\w<>[\],.?\s]*\(.*\)\s*$`,
  'm',
);

/** Parameter declarations, as written, of the function whose header starts `header` (may span lines). */
export function parameterTexts(header: string): string[] | null {
  const code = withoutReceiver(header.split('\n').map(codeOf).join(' '));
  if (!HEADER_SHAPE.test(header.split('\n').map(codeOf).join('\n'))) return null;
  const arrow = /^\s*(?:export\s+)?(?:const|let|var)\s+[A-Za-z_$][\w$]*\s*(?::[^=(]*)?=\s*(?:async\s*)?\(/.exec(code);
  const name = arrow ? null : headerName(code);
  const named = name ? new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}\\s*(?:<[^()]*>)?\\s*\\(`).exec(code) : null;
  const open = arrow ? arrow.index + arrow[0].length : named ? named.index + named[0].length : -1;
  if (open < 0) return null;
  return splitArgs(code.slice(open));
}

/** Parameter names of the function whose header starts `header` (may span lines), in order. */
export function parameterNames(header: string): string[] | null {
  const args = parameterTexts(header);
  if (!args) return null;
  // Go writes the name before its type (`c *Customer`, `a, b int`); C-style languages after (`Customer c`).
  const nameFirst = /^\s*func\b/.test(codeOf(header));
  return args.map((a) => {
    // Destructured parameters carry several names; none of them is positional.
    if (/^[{[]/.test(a)) return '';
    const bare = a.replace(/=[\s\S]*$/, '').replace(/^(?:\.\.\.|\*\*?)/, '');
    const beforeType = bare.includes(':') ? bare.slice(0, bare.indexOf(':')) : bare;
    const names = beforeType.replace(/\.\.\.|\?/g, ' ').match(/[A-Za-z_$][\w$]*/g) ?? [];
    return (nameFirst && !bare.includes(':') ? names[0] : names[names.length - 1]) ?? '';
  });
}

export interface Slice {
  /** Names whose values reach the frame's line. */
  names: Set<string>;
  /** Lines (1-based) before the frame's line that assign one of the names. */
  defLines: number[];
}

/**
 * Backward slice within one function: start from `seeds` at `line` and walk up to `start`; a
 * line that assigns a tracked name adds the names its right-hand side reads.
 */
export function sliceBack(lines: string[], start: number, line: number, seeds: string[]): Slice {
  const names = new Set(seeds);
  const defLines: number[] = [];
  for (let l = line - 1; l > start && l >= line - MAX_SLICE_LINES; l--) {
    const a = assignment(lines[l - 1] ?? '');
    if (!a || !a.names.some((n) => names.has(n))) continue;
    defLines.push(l);
    for (const n of rootNames(a.rhs)) names.add(n);
  }
  return { names, defLines };
}

const CHAIN_END = /([A-Za-z_$][\w$]*)(?:\s*(?:\?\.|!?\.)\s*[A-Za-z_$][\w$]*|\s*\[[^[\]]*\]|\s*\([^()]*\)|!)*\s*$/;

/**
 * The root names of the expressions that failed on a crashing line: for `w["stock"]` with the key
 * `stock`, `w`; for `hold.id` with the property `id`, `hold`. Empty when the line does not show
 * the access plainly (then every name on the line is a seed).
 */
export function failingRoots(text: string, failing: string[]): string[] {
  const out = new Set<string>();
  const code = text.slice(0, 2000); // bound: characters of a line read
  for (const name of failing) {
    const access = new RegExp(
      `(?:\\?\\.|!?\\.)\\s*${escapeRegExp(name)}(?![\\w$])|\\[\\s*["'\`]${escapeRegExp(name)}["'\`]\\s*\\]`,
      'g',
    );
    for (const m of code.matchAll(access)) {
      // The chain before the access: a bounded window keeps the anchored match linear.
      // bound: keeps the anchored match linear
      const root = CHAIN_END.exec(code.slice(Math.max(0, m.index - 300), m.index))?.[1];
      if (root && !KEYWORDS.has(root)) out.add(root);
    }
  }
  return [...out];
}

/** The names a crashing line reads: its right-hand side when it assigns, else all of it. */
export function crashSeeds(text: string): string[] {
  const a = assignment(text);
  return rootNames(a ? a.rhs : text);
}

/** The statement starting at `line` (1-based): following lines while parentheses stay open, at most MAX_STATEMENT. */
export function statementText(lines: string[], line: number): string {
  let text = lines[line - 1] ?? '';
  let depth = 0;
  for (let l = line; l < line + MAX_STATEMENT; l++) {
    // Braces are left out: the `{` ending a header or an `if` opens a block, not an argument.
    for (const ch of codeOf(lines[l - 1] ?? '')) {
      if (ch === '(' || ch === '[') depth++;
      else if (ch === ')' || ch === ']') depth--;
    }
    if (depth <= 0 || l >= lines.length) break;
    text += `\n${lines[l] ?? ''}`;
  }
  return text;
}
