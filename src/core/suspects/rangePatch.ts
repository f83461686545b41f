/**
 * Parses `git log -p -U0 --no-renames --format=%x00%H` output into per-commit hunks with their
 * removed and added lines. Content is needed (not only positions) to tell a removed guard from a
 * moved one, whitespace-only edits from real ones, and to match identifiers from the error.
 */

import { unquoteGitPath } from '../git/gitPathQuoting';

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

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

function pathOf(line: string, prefix: string): string | null {
  const rest = line.slice(4);
  if (rest === '/dev/null') return null;
  const p = unquoteGitPath(rest);
  return p.startsWith(prefix) ? p.slice(prefix.length) : p;
}

/** Parses the whole output; lines are LF-split, CR kept out of content. */
export function parseRangePatch(text: string): PatchCommit[] {
  const commits: PatchCommit[] = [];
  let commit: PatchCommit | null = null;
  let file: PatchFile | null = null;
  let hunk: PatchHunk | null = null;
  let oldPath: string | null = null;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.startsWith('\0')) {
      commit = { sha: line.slice(1).trim(), files: [] };
      commits.push(commit);
      file = null;
      hunk = null;
      continue;
    }
    if (!commit) continue;
    if (line.startsWith('diff --git ')) {
      file = null;
      hunk = null;
      oldPath = null;
      continue;
    }
    if (line.startsWith('--- ') && !hunk) {
      oldPath = pathOf(line, 'a/');
      continue;
    }
    if (line.startsWith('+++ ') && !hunk) {
      const newPath = pathOf(line, 'b/');
      file = { path: newPath ?? oldPath ?? '', hunks: [] };
      commit.files.push(file);
      continue;
    }
    const m = HUNK.exec(line);
    if (m && file) {
      hunk = {
        oldStart: Number(m[1]),
        oldLines: m[2] === undefined ? 1 : Number(m[2]),
        newStart: Number(m[3]),
        newLines: m[4] === undefined ? 1 : Number(m[4]),
        removed: [],
        added: [],
      };
      file.hunks.push(hunk);
      continue;
    }
    if (!hunk) continue;
    if (line.startsWith('-')) hunk.removed.push(line.slice(1));
    else if (line.startsWith('+')) hunk.added.push(line.slice(1));
    else if (!line.startsWith('\\')) hunk = null;
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
    else if ((ch === '/' && t[i + 1] === '/') || (ch === '#' && /\s/.test(t[i - 1] ?? '') && /\s/.test(t[i + 1] ?? ''))) {
      return t.slice(0, i).replace(/\s+/g, '');
    }
  }
  return t.replace(/\s+/g, '');
}

/**
 * True when the hunk cannot change behaviour: only spacing or comments differ (a reformat, a
 * comment added above the crashing line). Such commits are discounted, not dropped.
 */
export function isCosmetic(h: PatchHunk): boolean {
  const code = (lines: string[]) => lines.map(codeOf).filter((l) => l !== '').join('\n');
  return code(h.removed) === code(h.added);
}
