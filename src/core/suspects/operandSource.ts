/**
 * Operand sources: where the values the failing operation used were defined, when that is on no
 * frame. A data table or constant a line feeding the crash reads (`BY_LOCALE[locale]`, whose
 * `"nl-NL"` entry changed), and a constant named after the failing operand (`/ by zero` on
 * `config.limitMs()` → `DEFAULT_LIMIT_MS = 0`). A commit that changed such a
 * definition chose the value the operation failed on.
 */
import type { DefinitionHit } from './valueDefinitions';
import type { NameUse } from './namesUsed';
import type { FrameText } from './suspectPort.types';
import type { PatchFile, PatchHunk } from './rangePatch';
import { escapeRegExp } from '../util/escapeRegExp';
import { stripStrings } from './lineText';
import { WINDOWS } from './searchWindows';

const CONSTANT = /\b([A-Z][A-Z0-9_]{2,})\b/g;
const MAX_INITIALIZER = WINDOWS['operand.initializerLines'];
const MAX_USES = WINDOWS['operand.uses'];
/** Operands (and an operand's words) shorter than this are too common to tie a constant to the crash. */
const MIN_OPERAND = WINDOWS['operand.minLength'];

/** Lower-case words of an identifier: `limitMs`, `limit_ms`, `LIMIT_MS` → limit, ms. */
function identifierWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length > 0);
}

/**
 * Whether constant `name` is named after `operand`: all the operand's words, in order, among
 * its own. One-word operands must match the whole name (`QUOTA` for `quota`), or a short word
 * (`size`) would tie every `MAX_SIZE` to the crash.
 */
export function namedAfter(name: string, operand: string): boolean {
  const want = identifierWords(operand);
  const have = identifierWords(name);
  if (want.length === 0 || want.join('').length < MIN_OPERAND) return false;
  if (want.length === 1) return have.length === 1 && have[0] === want[0];
  let i = 0;
  for (const w of have) if (w === want[i]) i++;
  return i === want.length;
}

/**
 * Constants (UPPER_CASE) read on the crashing line or on the lines assigning values that reach
 * it, as `value` uses that feed the crash.
 */
export function constantUses(frames: FrameText[], feedLines: Map<number, number[]>): NameUse[] {
  const out = new Map<string, NameUse>();
  for (const f of [...frames].sort((a, b) => a.depth - b.depth)) {
    for (const l of [f.line, ...(feedLines.get(f.depth) ?? [])]) {
      for (const m of stripStrings(f.text[l - 1] ?? '').matchAll(CONSTANT)) {
        if (!out.has(m[1]))
          out.set(m[1], { name: m[1], depth: f.depth, frame: f, line: l, kind: 'value', feeds: true });
      }
    }
  }
  return [...out.values()].slice(0, MAX_USES);
}

/** The declaration line (1-based) of a module- or class-level value `name` in `lines`, or null. */
function valueDeclarationLine(lines: string[], name: string): number | null {
  const decl = new RegExp(
    `^\\s*(?:(?:export|public|private|protected|static|final|const|readonly|` +
      `let|var|val)\\s+)*(?:[\\w<>[\\],.]+\\s+)?${escapeRegExp(name)}\\s*(?::\\s*[^=]{1,80})?=(?!=)`,
  );
  for (let i = 0; i < lines.length; i++) {
    // bound: a longer line is generated code, not read
    if (lines[i].length <= 1000 && lines[i].includes(name) && decl.test(lines[i])) return i + 1;
  }
  return null;
}

/** Last line of the initializer starting at `at`: where its brackets close again. */
function initializerEnd(lines: string[], at: number): number {
  let depth = 0;
  for (let l = at; l <= Math.min(lines.length, at + MAX_INITIALIZER); l++) {
    for (const ch of stripStrings(lines[l - 1])) {
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') depth--;
    }
    if (depth <= 0) return l;
  }
  return at;
}

const TOKEN = /(["'`])(?:\\.|(?!\1).)*\1|[\w$.]+/g;

/**
 * The hunk only added to what was there: the removed lines' literals and names, in order, are
 * all still in the added lines (`{"md": a}` → `{"md": a, "txt": b}`). A swapped or changed
 * value (`(".", ",")` → `(",", ".")`) is not.
 */
export function extendsOnly(h: PatchHunk): boolean {
  // bound: lines and characters of a hunk compared
  const added = h.added.slice(0, 200).map((l) => l.slice(0, 1000).match(TOKEN) ?? []);
  // Each removed line survives, in order, inside one added line.
  // bound: lines of a hunk compared
  return h.removed.slice(0, 200).every((r) => {
    const want = r.slice(0, 1000).match(TOKEN) ?? []; // bound: characters of a line read
    return added.some((a) => {
      let i = 0;
      for (const t of a) if (i < want.length && t === want[i]) i++;
      return i === want.length;
    });
  });
}

/**
 * The part of a hunk within lines `at..end` at TO: -U0 hunks of equal size pair removed and
 * added lines by position, so a neighbouring line's change is not the initializer's.
 */
function narrow(h: PatchHunk, at: number, end: number): PatchHunk {
  if (h.newLines === 0 || (h.newStart >= at && h.newStart + h.newLines - 1 <= end)) return h;
  const lo = Math.max(at, h.newStart) - h.newStart;
  const hi = Math.min(end, h.newStart + h.newLines - 1) - h.newStart + 1;
  const paired = h.oldLines === h.newLines;
  return {
    oldStart: h.oldStart + (paired ? lo : 0),
    oldLines: paired ? hi - lo : h.oldLines,
    newStart: h.newStart + lo,
    newLines: hi - lo,
    added: h.added.slice(lo, hi),
    removed: paired ? h.removed.slice(lo, hi) : h.removed,
  };
}

function span(h: PatchHunk): [number, number] {
  // fact: a pure deletion sits between two lines
  return h.newLines === 0 ? [h.newStart + 0.5, h.newStart + 0.5] : [h.newStart, h.newStart + h.newLines - 1];
}

/** The key an entry line starts with (`suite: {`, `"suite" =>`, `'suite' = `, `("suite", 2),`), or null. */
function entryKey(line: string): string | null {
  const text = line.slice(0, 1000); // bound: characters of a line read
  return (
    /^\s*["']?([\w$.-]{1,80})["']?\s*(?::|=>|=(?!=))/.exec(text)?.[1] ??
    /^\s*[([{]\s*["']?([\w$.-]{1,80})["']?\s*,/.exec(text)?.[1] ??
    null
  );
}

/**
 * Whether a hunk only writes table entries and keeps every key it rewrites (`("gold", 0.2)` to
 * `("gold", 0.25)`): it changes values, and can make no key go missing.
 */
export function keepsEveryKey(h: PatchHunk): boolean {
  const written = [...h.removed, ...h.added].filter((l) => l.trim() !== '');
  // Entries of a table literal only: `NAME = "en"` assigns a value that may itself be the key looked up.
  const entry = (l: string) => entryKey(l) !== null && !/^\s*["']?[\w$.-]+["']?\s*=(?![=>])/.test(l);
  return written.length > 0 && written.every(entry) && !removesEntry(h);
}

/** Whether a hunk takes an entry out of a table: a key it removes that no added line brings back. */
function removesEntry(h: PatchHunk): boolean {
  const kept = new Set(h.added.map(entryKey));
  return h.removed.some((l) => {
    const key = entryKey(l);
    return key !== null && !kept.has(key);
  });
}

/**
 * Hunks of `file` (its lines at TO) inside the initializer of a constant the crash read (a table
 * entry), or assigning a constant named after a failing operand; all marked as operand sources.
 * `missing`: the crash found no value (a null read, a missing key), so only an entry taken out counts.
 */
export function operandDefinitions(
  file: PatchFile,
  lines: string[] | null,
  uses: NameUse[],
  failing: string[],
  crash: FrameText | undefined,
  missing = false,
): DefinitionHit[] {
  const out: DefinitionHit[] = [];
  const seen = new Set<PatchHunk>();
  const push = (use: NameUse, hunk: PatchHunk) => {
    if (seen.has(hunk)) return;
    seen.add(hunk);
    out.push({ use, path: file.path, hunk, operand: true });
  };
  // A changed table entry gives a wrong value, not a missing one: for a null read only an entry
  // taken out (or its key renamed) is a source.
  if (lines) {
    for (const use of uses) {
      // A name the frame's own file declares is that one, not a namesake elsewhere.
      if (use.frame.path !== file.path && valueDeclarationLine(use.frame.text, use.name) !== null) continue;
      const at = valueDeclarationLine(lines, use.name);
      if (at === null) continue;
      const end = initializerEnd(lines, at);
      for (const h of file.hunks) {
        const [a, b] = span(h);
        if (b < at || a > end) continue;
        // A new entry leaves the entries already looked up as they were.
        const part = narrow(h, at, end);
        if (!extendsOnly(part) && (!missing || removesEntry(part))) push(use, part);
      }
    }
  }
  if (!crash) return out;
  const operands = failing.filter((n) => n.length >= MIN_OPERAND);
  for (const h of file.hunks) {
    for (const line of [...h.added, ...h.removed]) {
      const m = new RegExp(
        String.raw`^\s*(?:(?:export|public|private|protected|static|final|const|` +
          String.raw`readonly|let|var|val)\s+)*(?:[\w<>[\],.]+\s+)?([A-Z][A-Z0-9_]{2,})\s*(?::\s*[^=]{1,80` +
          String.raw`})?=(?!=)`,
      ).exec(line.slice(0, 1000)); // bound: characters of a line read
      if (m && operands.some((o) => namedAfter(m[1], o))) {
        push({ name: m[1], depth: 0, frame: crash, line: crash.line, kind: 'value', feeds: true }, h);
        break;
      }
    }
  }
  return out;
}
