/**
 * Parses `git log -p -U0 --no-renames --format=%x00%H` output into per-commit hunks with their
 * removed and added lines. Content is needed (not only positions) to tell a removed guard from a
 * moved one, whitespace-only edits from real ones, and to match identifiers from the error.
 */

import { parseDiffU0 } from '../git/diffParser';

export const RANGE_PATCH_FORMAT = '--format=%x00%H';

export interface PatchHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  removed: string[];
  added: string[];
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
      .map((f) => ({
        path: f.newPath ?? f.oldPath ?? '',
        hunks: f.hunks.map((h) => ({
          oldStart: h.oldStart,
          oldLines: h.oldLines,
          newStart: h.newStart,
          newLines: h.newLines,
          removed: h.oldText ?? [],
          added: h.newText ?? [],
        })),
      }));
    commits.push({ sha: (nl < 0 ? chunk : chunk.slice(0, nl)).trim(), files });
  }
  return commits;
}

const FULL_LINE_COMMENT = /^(?:\/\/|\/\*|\*(?:\s|\/|$)|--(?:\s|$)|<!--|#(?![a-z]))/;

/** A line reduced to its code: comments and all whitespace removed (strings kept as they are). */
function codeOf(line: string): string {
  const t = line.trim();
  if (FULL_LINE_COMMENT.test(t)) return '';
  // A trailing comment starts at `//` or ` # ` outside a string; strings are skipped, not parsed.
  let inString: string | null = null;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === inString) inString = null;
    } else if (ch === '"' || ch === "'" || ch === '`') inString = ch;
    else if (
      (ch === '/' && t[i + 1] === '/') ||
      (ch === '#' && /\s/.test(t[i - 1] ?? '') && /\s/.test(t[i + 1] ?? ''))
    ) {
      return t.slice(0, i).replace(/\s+/g, '');
    }
  }
  return t.replace(/\s+/g, '');
}

/**
 * What a formatter may change without changing behaviour: line breaks (a call wrapped over
 * lines), the quote style of plain strings ('a' and "a" are the same value in JS and Python),
 * a trailing comma before a closing bracket, and digit separators in numbers.
 */
// A Python docstring is a string statement: whole inside the hunk, it changes no behaviour.
const DOCSTRING = /^[ \t]*[rRuU]?("""|''')[\s\S]*?\1[ \t]*$/gm;

function formatted(lines: string[]): string {
  return (
    lines
      .join('\n')
      .replace(DOCSTRING, '')
      .split('\n')
      // Digit separators (`60_000`) write the same number; before spacing is dropped, for `\b`.
      .map((l) => codeOf(l.replace(/\b\d[\d_]*\d\b/g, (n) => n.replace(/_/g, ''))))
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
  return formatted(h.removed) === formatted(h.added);
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
    `\\b(?:def|function|func|fn|fun|class|interface|record|enum|struct)\\s+${n}\\b|^\\s*(?:(?:public|private|protected|static|final|async|override|abstract|synchronized|export|get|set)\\s+)*(?:[\\w<>\\[\\],.?]+\\s+)?${n}\\s*\\([^;]*\\)\\s*(?::[^={;]+)?(?:throws\\s+[\\w.,\\s]+)?\\{?\\s*$|\\b(?:const|let|var|val)\\s+${n}\\s*=`,
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

const EXIT =
  /^\s*(?:}\s*)?(?:(?:if|elif|unless|guard)\b.*\b(?:return|continue|break|raise|throw)\b.*|(?:return|continue|break|raise|throw)\b.*)$/;
const GUARD_PART = /^\s*(?:(?:if|elif|else|unless|guard)\b.*|[{}()[\];\s]*)$/;

/** A hunk that only adds an early exit: `if not row: continue`, `if (!body) return { status: 400 };`. */
export function isGuard(h: PatchHunk): boolean {
  const code = h.added.filter((l) => l.trim() !== '' && !/^\s*(?:\/\/|#)/.test(l));
  return (
    h.removed.length === 0 &&
    code.length > 0 &&
    code.length <= 6 &&
    code.every((l) => l.length <= 500) &&
    code.some((l) => EXIT.test(l)) &&
    code.every((l) => EXIT.test(l) || GUARD_PART.test(l))
  );
}
