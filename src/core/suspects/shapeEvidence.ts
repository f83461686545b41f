/**
 * Evidence from the shape of a change on a line the crash depends on, read from the range
 * patches already fetched (no git process of its own): a loop bound or comparison moved by one
 * above an index error, arguments or parameters reordered, an `await` dropped, and an enum
 * constant the error names renamed or removed.
 */
import { indentOf } from '../stack/frameText';
import type { BlameLine } from '../git/git.types';
import type { Evidence } from './evidence.types';
import type { PatchCommit, PatchHunk } from './rangePatch';
import { squash } from './lineText';
import type { FrameText } from './suspectPort.types';
import { WINDOWS } from './searchWindows';

/** Input safety, not a search window: longer lines (minified or generated code) are not scanned. */
const MAX_LINE = 500; // bound: a longer line is generated code, not read
const MAX_SCAN_UP = WINDOWS['shape.scanUp'];
/** A function's first lines (its parameters) searched for a reorder the frame's line reads. */
const REORDER_LINES = WINDOWS['shape.reorderLines'];
const TOKEN = /[A-Za-z_$][\w$]*|\d+(?:\.\d+)?|[<>=!]=?=?|\S/g;
const COMPARISON = new Set(['<', '<=', '>', '>=', '==', '!=', '===', '!==']);
const INDEX_ERROR = new RegExp(
  String.raw`IndexOutOfBounds|IndexError|KeyError|index out of range|out of (?:bounds|` +
    String.raw`range)|NoSuchElement|of undefined \(reading|Cannot read propert(?:y|` +
    String.raw`ies) of undefined|undefined is not an object|list index`,
  'i',
);

/** Whether the error is an index out of range, a missing element or key. */
export function isIndexError(message: string | null): boolean {
  return INDEX_ERROR.test((message ?? '').slice(0, 2000)); // bound: characters of a message read
}

function tokens(line: string): string[] {
  return line.length > MAX_LINE ? [] : (line.match(TOKEN) ?? []);
}

function isInt(t: string | undefined): boolean {
  return t !== undefined && /^\d+$/.test(t);
}

/** Where two token lists differ once their common prefix and suffix are dropped, with that context. */
interface Middle {
  x: string[];
  y: string[];
  /** The common prefix (tokens before the change). */
  before: string[];
  /** The first token after the change, if any. */
  next: string | undefined;
}

function middles(a: string[], b: string[]): Middle {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return { x: a.slice(p, a.length - s), y: b.slice(p, b.length - s), before: a.slice(0, p), next: a[a.length - s] };
}

/** Arithmetic that scales or wraps a value: its operands are factors, divisors, moduli, exponents, shifts. */
const SCALING = new Set(['*', '/', '%', '^', '&', '|']);
/** Operators that form a compound assignment with a following `=` (`+=`, `-=`, `*=`). */
const COMPOUND = new Set(['+', '-', '*', '/', '%', '^', '&', '|', '<', '>']);
/** Tokens an index, slice, range or limit argument stands between: `[n]`, `a:b`, `range(a, n)`. */
const OPENERS = new Set(['[', ':', '(', ',']);
const CLOSERS = new Set([']', ':', ')', ',', ';']);

/**
 * Whether an integer whose neighbours are `before` (the tokens to its left) and `next` stands
 * where a bound does: an operand of a comparison, an index, slice, range or limit argument, a
 * `+`/`-` offset, or an initial value or limit a plain assignment gives. A factor, divisor,
 * modulus, exponent or shift amount (`* 6`, `/ 2`, `% 3`) and a compound assignment's amount
 * (`-= 1`) are no bound: moving them by one changes a quantity, not how far anything reaches.
 */
function boundContext(before: string[], next: string | undefined): boolean {
  const [prev2, prev] = [before.at(-2) ?? '', before.at(-1)]; // fact: `<<`, `>>`, `+=`, `-=` are two tokens
  if (prev === undefined) return false;
  const shift = (prev === '<' || prev === '>') && prev2 === prev;
  if (shift || SCALING.has(prev) || (next !== undefined && SCALING.has(next))) return false;
  if (COMPARISON.has(prev) || (next !== undefined && COMPARISON.has(next))) return true;
  if (prev === '=') return !COMPOUND.has(prev2);
  if (prev === '+' || prev === '-') return true;
  return OPENERS.has(prev) && (next === undefined || CLOSERS.has(next));
}

function boundMiddle({ x, y, before, next }: Middle): boolean {
  if (x.length === 1 && y.length === 1) {
    if (COMPARISON.has(x[0]) && COMPARISON.has(y[0])) return true;
    if (isInt(x[0]) && isInt(y[0])) return Math.abs(Number(x[0]) - Number(y[0])) === 1 && boundContext(before, next);
  }
  // `n` ↔ `n + 1`, `.length` ↔ `.length - 1`, `+ 1` ↔ `- 1`.
  // fact: `+ 1` / `- 1` is two tokens
  const pm = (m: string[]) => m.length === 2 && (m[0] === '+' || m[0] === '-') && m[1] === '1';
  if ((x.length === 0 && pm(y)) || (y.length === 0 && pm(x))) return true;
  return pm(x) && pm(y);
}

/**
 * True when two versions of a line differ only by a comparison operator (`<` ↔ `<=`), a bound
 * moved by one (`range(n)` ↔ `range(n + 1)`, `.length` ↔ `.length - 1`, `k < 4` ↔ `k < 5`): an
 * off-by-one, which no formatter or rename produces. An integer moved by one counts only where a
 * bound stands (see boundContext), never as a factor or a compound assignment's amount.
 */
export function isBoundChange(before: string, after: string): boolean {
  const [a, b] = [tokens(before), tokens(after)];
  if (a.length === 0 || b.length === 0) return false;
  if (boundMiddle(middles(a, b))) return true;
  // `(page - 1) * size` ↔ `page * size`: the parentheses only held the bound.
  const bare = (t: string[]) => t.filter((x) => x !== '(' && x !== ')');
  return boundMiddle(middles(bare(a), bare(b)));
}

/** Innermost-first bracket groups of a line, each replaced by a placeholder, with their items. */
function argGroups(line: string): { shape: string; groups: string[][] } | null {
  if (line.length > MAX_LINE) return null;
  let s = line.replace(/\s+/g, '');
  const groups: string[][] = [];
  // bound: rounds of a loop that ends sooner on real code
  for (let guard = 0; guard < 50; guard++) {
    const m = /\(([^()]*)\)/.exec(s);
    if (!m) break;
    groups.push(m[1] === '' ? [] : m[1].split(','));
    s = `${s.slice(0, m.index)}\u0001${groups.length - 1}\u0002${s.slice(m.index + m[0].length)}`;
  }
  return { shape: s, groups };
}

/**
 * The items two versions of a line hold in another order (`convert(text, source, target)` →
 * `convert(text, target, source)`): same call or signature, same arguments, swapped. Null when
 * anything else changed.
 */
export function reorderedArguments(before: string, after: string): string[] | null {
  const [a, b] = [argGroups(before), argGroups(after)];
  if (!a || !b || a.shape !== b.shape || a.groups.length !== b.groups.length) return null;
  const moved: string[] = [];
  for (let i = 0; i < a.groups.length; i++) {
    const [x, y] = [a.groups[i], b.groups[i]];
    if (x.length !== y.length) return null;
    if (x.every((v, j) => v === y[j])) continue;
    if ([...x].sort().join('\0') !== [...y].sort().join('\0')) return null;
    x.forEach((v, j) => {
      if (v !== y[j]) moved.push(v);
    });
  }
  return moved.length >= 2 ? moved : null; // fact: a reorder moves two at least
}

/** True when the only change to a line took an `await` off it: the caller now gets a promise. */
export function isAwaitRemoved(before: string, after: string): boolean {
  if (before.length > MAX_LINE || !/\bawait\b/.test(before) || /\bawait\b/.test(after)) return false;
  return (
    squash(before.replace(/\bawait\s+/, '')) === squash(after) ||
    squash(before.replace(/\(\s*await\s+([^()]*)\)/, '$1')) === squash(after)
  );
}

const CONTROL = /^\s*(?:\}\s*)?(?:for|while|if|elif|else\s+if|foreach|until|unless)\b/;

/**
 * Lines that decide whether and how often the crashing line runs: the loop and if headers that
 * enclose it, and the if-conditions above it in its own block (1-based, nearest first).
 */
export function controllingLines(lines: string[], line: number, start: number): number[] {
  const out: number[] = [];
  const crash = lines[line - 1];
  if (crash === undefined) return out;
  let min = indentOf(crash);
  for (let l = line - 1; l >= Math.max(1, start, line - MAX_SCAN_UP); l--) {
    const t = lines[l - 1] ?? '';
    if (t.trim() === '' || /^\s*(?:#|\/\/|\*)/.test(t)) continue;
    const ind = indentOf(t);
    if (ind < min) {
      if (CONTROL.test(t)) out.push(l);
      min = ind;
      if (min === 0) break;
    } else if (ind === min && CONTROL.test(t)) out.push(l);
  }
  return out;
}

/** The hunk of `sha` in `path` that wrote `text`, and the lines it replaced. */
function removedFor(patches: Map<string, PatchCommit>, sha: string, path: string, text: string): string[] {
  const c = patches.get(sha);
  const want = text.trim();
  for (const f of c?.files ?? []) {
    if (f.path !== path) continue;
    const h = f.hunks.find((x: PatchHunk) => x.added.some((a) => a.trim() === want));
    if (h) return h.removed;
  }
  return [];
}

function words(line: string): Set<string> {
  return new Set(line.slice(0, MAX_LINE).match(/[A-Za-z_$][\w$]*/g) ?? []);
}

export interface ShapeRequest {
  frames: FrameText[];
  blame: Map<string, BlameLine[]>;
  /** Range patches of the frame files, newest first. */
  framePatches: PatchCommit[];
  /** The error's message (type and value). */
  message: string | null;
}

/** Bound, reorder and await evidence on the lines of the frames' functions. */
export function shapeEvidence(req: ShapeRequest): Evidence[] {
  const out: Evidence[] = [];
  const patches = new Map(req.framePatches.map((c) => [c.sha, c]));
  const index = isIndexError(req.message);
  for (const f of req.frames) {
    const byLine = new Map((req.blame.get(f.path) ?? []).map((b) => [b.finalLine, b]));
    const base = { frameDepth: f.depth, file: f.path, frameLine: f.line, function: f.function, lines: 1 };
    const emit = (l: number, shape: Evidence['shape'], test: (before: string, after: string) => boolean): void => {
      const b = byLine.get(l);
      const text = f.text[l - 1];
      if (!b || b.boundary || text === undefined) return;
      if (removedFor(patches, b.sha, f.path, text).some((r) => test(r, text)))
        out.push({ ...base, sha: b.sha, kind: 'shape', shape, distance: Math.abs(f.line - l), changedLine: l });
    };
    if (index && f.depth === 0)
      for (const l of controllingLines(f.text, f.line, f.start)) emit(l, 'bound', isBoundChange);
    // Arguments reordered on the frame's own call, or the function's parameters reordered where the frame reads them.
    const used = words(f.text[f.line - 1] ?? '');
    emit(f.line, 'reorder', (a, b) => reorderedArguments(a, b) !== null);
    for (let l = f.start; l < f.line && l < f.start + REORDER_LINES; l++) {
      emit(l, 'reorder', (a, b) =>
        (reorderedArguments(a, b) ?? []).some((x) => [...words(x)].some((w) => used.has(w))),
      );
    }
    for (let l = f.start; l <= f.line; l++) emit(l, 'await', isAwaitRemoved);
  }
  return out;
}

/**
 * The constant an enum lookup did not find: Java's `No enum constant a.b.Color.NAME`, Python's
 * `'x' is not a valid Color`. Empty for other errors.
 */
export function enumConstants(message: string | null): string[] {
  const text = (message ?? '').slice(0, 2000); // bound: characters of a message read
  const java = /No enum constant (?:[\w$]+\.)*([A-Za-z_$][\w$]{0,60})/.exec(text);
  if (java) return [java[1]];
  const py = /['"]([^'"\n]{1,60})['"] is not a valid [A-Za-z_]\w*/.exec(text);
  return py ? [py[1]] : [];
}

function mentions(line: string, name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name)
    ? words(line).has(name)
    : line.includes(`'${name}'`) || line.includes(`"${name}"`);
}

/** A removed line that defines `name` as a member of a map or enum: `NAME = 1`, `'NAME': x`, `NAME,`. */
function definesMember(line: string, name: string): boolean {
  const t = line.trim();
  return t.startsWith(name) || t.startsWith(`'${name}'`) || t.startsWith(`"${name}"`);
}

/**
 * Commits that took the constant an enum lookup missed out of the code (renamed or removed it):
 * for `No enum constant`/`is not a valid`, any removal of the name; for a missing key, the
 * removal of a line that defined it as a member.
 */
export function enumEvidence(patches: PatchCommit[], enums: string[], missingKeys: string[]): Evidence[] {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  const check = (c: PatchCommit, name: string, member: boolean): void => {
    const added = c.files.flatMap((f) => f.hunks.flatMap((h) => h.added));
    if (seen.has(c.sha) || added.some((a) => mentions(a, name))) return;
    for (const f of c.files) {
      const h = f.hunks.find((x) => x.removed.some((r) => mentions(r, name) && (!member || definesMember(r, name))));
      if (!h) continue;
      seen.add(c.sha);
      out.push({
        sha: c.sha,
        kind: 'shape',
        shape: 'enum',
        frameDepth: 0,
        file: f.path,
        frameLine: 0,
        function: null,
        distance: Infinity,
        lines: h.removed.length,
        changedLine: h.newStart,
        tokens: [name],
        ...(member ? { keys: [name] } : {}),
      });
      return;
    }
  };
  for (const c of patches) {
    for (const name of enums) check(c, name, false);
    for (const name of missingKeys) check(c, name, true);
  }
  return out;
}
