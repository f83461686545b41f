/**
 * Parses `git log -p -U0 --no-renames --format=%x00%H` output into per-commit hunks with their
 * removed and added lines. Content is needed (not only positions) to tell a removed guard from a
 * moved one, whitespace-only edits from real ones, and to match identifiers from the error.
 */

import { parseDiffU0 } from '../git/diffParser';
import { slashIsCode } from './pathKinds';
import { WINDOWS } from './searchWindows';

/** A hunk of more code lines than this is more than an early exit. */
const MAX_GUARD = WINDOWS['guard.maxLines'];

export const RANGE_PATCH_FORMAT = '--format=%x00%H';

export interface PatchHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  removed: string[];
  added: string[];
  /** The file's language comments with `#` only, so `//` is code (see pathKinds.slashIsCode). */
  slashIsCode?: boolean;
}

export interface PatchFile {
  path: string;
  hunks: PatchHunk[];
}

export interface PatchCommit {
  sha: string;
  files: PatchFile[];
}

/**
 * Parses the whole output with the core's one unified-diff parser (git/diffParser.ts), one
 * commit at a time; files without a hunk (binary, mode-only) carry nothing to read and are left out.
 */
export function parseRangePatch(text: string): PatchCommit[] {
  const commits: PatchCommit[] = [];
  for (const chunk of text.split(/(?:^|\n)\0/).slice(1)) {
    const nl = chunk.indexOf('\n');
    const files = parseDiffU0(nl < 0 ? '' : chunk.slice(nl + 1), { bodies: true })
      .filter((f) => f.hunks.length > 0)
      .map((f) => {
        const path = f.newPath ?? f.oldPath ?? '';
        const slash = slashIsCode(path) ? { slashIsCode: true } : {};
        const hunks = f.hunks.map((h) => ({
          oldStart: h.oldStart,
          oldLines: h.oldLines,
          newStart: h.newStart,
          newLines: h.newLines,
          removed: h.oldText ?? [],
          added: h.newText ?? [],
          ...slash,
        }));
        return { path, hunks };
      });
    commits.push({ sha: (nl < 0 ? chunk : chunk.slice(0, nl)).trim(), files });
  }
  return commits;
}

const FULL_LINE_COMMENT = /^(?:\/\/|\/\*|\*(?:\s|\/|$)|--(?:\s|$)|<!--|#(?![a-z]))/;

/** What may precede a regex literal's `/` (else it divides): an operator, an opening bracket, a keyword. */
const BEFORE_REGEX = /(?:^|[(,=:[!&|?{};+\-*%<>~^]|\b(?:return|typeof|case|in|of|void|delete|throw|yield|await))\s*$/;

/**
 * A line split into its code and where its comment starts: strings and regex literals are kept
 * whole (whitespace inside `' '` or `/a b/` is behaviour), the comment (`//`, ` # `) is cut off.
 * `squash` drops the whitespace outside literals, which a formatter may change freely.
 */
function scanCode(line: string, squash: boolean, slashCode = false): string {
  const t = line.trim();
  if (FULL_LINE_COMMENT.test(t) && !(slashCode && t.startsWith('//'))) return '';
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    const regex = ch === '/' && t[i + 1] !== '/' && t[i + 1] !== '*' && BEFORE_REGEX.test(t.slice(0, i));
    if (ch === '"' || ch === "'" || ch === '`' || regex) {
      // A literal runs to its unescaped closing quote (a regex's `/` outside a character class).
      let j = i + 1;
      let inClass = false;
      for (; j < t.length; j++) {
        if (t[j] === '\\') j++;
        else if (regex && t[j] === '[') inClass = true;
        else if (regex && t[j] === ']') inClass = false;
        else if (t[j] === ch && !inClass) break;
      }
      out += t.slice(i, j + 1);
      i = j;
    } else if (
      (!slashCode && ch === '/' && t[i + 1] === '/') ||
      (ch === '#' && /\s/.test(t[i - 1] ?? '') && /\s/.test(t[i + 1] ?? ''))
    )
      break;
    else if (!squash || !/\s/.test(ch)) out += ch;
  }
  return squash ? out : out.trimEnd();
}

/** A line reduced to its code: comments and the whitespace outside string and regex literals removed. */
function codeOf(line: string, slashCode: boolean): string {
  return scanCode(line, true, slashCode);
}

/** The lines of a hunk side as code: docstrings, comment lines and trailing comments left out. */
export function codeLines(lines: string[], slashCode = false): string[] {
  return lines
    .join('\n')
    .replace(DOCSTRING, '')
    .split('\n')
    .map((l) => scanCode(l, false, slashCode))
    .filter((l) => l !== '');
}

/**
 * What a formatter may change without changing behaviour: line breaks (a call wrapped over
 * lines), the quote style of plain strings ('a' and "a" are the same value in JS and Python),
 * a trailing comma before a closing bracket, and digit separators in numbers.
 */
// A Python docstring is a string statement: whole inside the hunk, it changes no behaviour.
const DOCSTRING = /^[ \t]*[rRuU]?("""|''')[\s\S]*?\1[ \t]*$/gm;

function formatted(lines: string[], slashCode: boolean): string {
  return (
    lines
      .join('\n')
      .replace(DOCSTRING, '')
      .split('\n')
      // Digit separators (`60_000`) write the same number; before spacing is dropped, for `\b`.
      .map((l) =>
        codeOf(
          l.replace(/\b\d[\d_]*\d\b/g, (n) => n.replace(/_/g, '')),
          slashCode,
        ),
      )
      .filter((l) => l !== '')
      .join('')
      .replace(/'((?:[^'"\\`$]|\\.){0,200})'/g, '"$1"')
      .replace(/,([)\]}])/g, '$1')
  );
}

/**
 * True when the hunk cannot change behaviour: only spacing, line breaks, quote style or comments
 * differ (a formatter pass, a comment added above the crashing line). Such commits are
 * discounted, not dropped.
 */
export function isCosmetic(h: PatchHunk): boolean {
  const slash = h.slashIsCode ?? false;
  return formatted(h.removed, slash) === formatted(h.added, slash);
}

const WORD = /[A-Za-z_$][\w$]*|\S/g;

/** Old → new identifier pairs when two hunk sides differ only by identifiers swapped one for one. */
function swaps(h: PatchHunk): Array<[string, string]> | null {
  const words = (lines: string[]) => lines.join(' ').match(WORD) ?? [];
  const [a, b] = [words(h.removed), words(h.added)];
  if (a.length !== b.length || a.length === 0) return null;
  const out: Array<[string, string]> = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (!/^[A-Za-z_$]/.test(a[i]) || !/^[A-Za-z_$]/.test(b[i])) return null;
    out.push([a[i], b[i]]);
  }
  return out;
}

function declares(lines: string[], name: string): boolean {
  const n = name.replace(/\$/g, '\\$');
  const decl = new RegExp(
    `\\b(?:def|function|func|fn|fun|class|interface|record|enum|struct)\\s+${n}\\b|` +
      `^\\s*(?:(?:public|private|protected|static|final|async|override|abstract|` +
      `synchronized|export|get|set)\\s+)*(?:[\\w<>\\[\\],.?]+\\s+)?${n}\\s*\\([^;]*\\)\\s*` +
      `(?::[^={;]+)?(?:throws\\s+[\\w.,\\s]+)?\\{?\\s*$|` +
      `\\b(?:const|let|var|val)\\s+${n}\\s*=`,
  );
  return lines.some(
    (l) => decl.test(l) && !/^\s*(?:return|if|for|while|switch|catch|new|throw|await|else|yield)\b/.test(l),
  );
}

/**
 * True when every hunk of a commit (in the files given) only renames one identifier, and the
 * commit declares the new name: a function or method renamed along with its callers. Such a
 * commit rewrites stack lines without changing what they do.
 */
export function isRename(hunks: PatchHunk[]): boolean {
  if (hunks.length === 0) return false;
  let pair: [string, string] | null = null;
  for (const h of hunks) {
    const s = swaps(h);
    if (s === null) return false;
    for (const p of s) {
      if (pair && (pair[0] !== p[0] || pair[1] !== p[1])) return false;
      pair = p;
    }
  }
  return (
    pair !== null &&
    declares(
      hunks.flatMap((h) => h.added),
      pair[1],
    )
  );
}

const EXIT = new RegExp(
  String.raw`^\s*(?:}\s*)?(?:(?:if|elif|unless|guard)\b.*\b(?:return|continue|` +
    String.raw`break|raise|throw)\b.*|(?:return|continue|break|raise|throw)\b.*)$`,
);
const GUARD_PART = /^\s*(?:(?:if|elif|else|unless|guard)\b.*|[{}()[\];\s]*)$/;

/** A hunk that only adds an early exit: `if not row: continue`, `if (!body) return { status: 400 };`. */
export function isGuard(h: PatchHunk): boolean {
  const code = h.added.filter((l) => l.trim() !== '' && !/^\s*(?:\/\/|#)/.test(l));
  return (
    h.removed.length === 0 &&
    code.length > 0 &&
    code.length <= MAX_GUARD &&
    code.every((l) => l.length <= 500) && // bound: longer lines are generated code, not a guard
    code.some((l) => EXIT.test(l)) &&
    code.every((l) => EXIT.test(l) || GUARD_PART.test(l))
  );
}
