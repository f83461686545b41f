import type { DiffHunk, FileDiff } from './git.types';
import { unquoteGitPath } from './gitPathQuoting';
import { outputLines } from './outputLines';

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Strips the `a/`/`b/` prefix (callers pin `--src-prefix=a/ --dst-prefix=b/`). */
function stripPrefix(p: string, prefix: string): string {
  return p.startsWith(prefix) ? p.slice(prefix.length) : p;
}

/** A `---`/`+++` path: quoted or not; git appends a TAB to names containing spaces. */
function markerPath(rest: string, prefix: string): string | null {
  let v = rest;
  if (!v.startsWith('"')) v = v.replace(/\t$/, '');
  v = unquoteGitPath(v);
  return v === '/dev/null' ? null : stripPrefix(v, prefix);
}

/** Paths from `diff --git a/x b/y`, used only when no `---`/`+++`/rename lines follow (binary, mode-only). */
function gitLinePaths(rest: string): [string, string] | null {
  if (rest.startsWith('"')) {
    const m = /^("(?:[^"\\]|\\.)*") (.*)$/.exec(rest);
    if (!m) return null;
    return [stripPrefix(unquoteGitPath(m[1]), 'a/'), stripPrefix(unquoteGitPath(m[2]), 'b/')];
  }
  if (rest.endsWith('"')) {
    const i = rest.lastIndexOf(' "');
    if (i < 0) return null;
    return [stripPrefix(rest.slice(0, i), 'a/'), stripPrefix(unquoteGitPath(rest.slice(i + 1)), 'b/')];
  }
  // Unquoted names may contain spaces; without a rename both halves are equal: `a/N b/N`.
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest[half] === ' ') {
    const a = stripPrefix(rest.slice(0, half), 'a/');
    const b = stripPrefix(rest.slice(half + 1), 'b/');
    if (a === b) return [a, b];
  }
  const sp = rest.indexOf(' b/');
  return sp < 0 ? null : [stripPrefix(rest.slice(0, sp), 'a/'), rest.slice(sp + 3)];
}

interface Building {
  diff: FileDiff;
  added: boolean;
  deleted: boolean;
  fromMarkers: boolean;
}

/**
 * Parses `git diff -U0` output (with or without rename detection) into per-file hunks. Only the
 * `@@` headers matter: the `+`/`-` body lines, `\ No newline at end of file` and binary notices
 * are skipped unless `bodies` asks for each hunk's removed and added text (line pairing needs it).
 * Added files have `oldPath: null`, deleted ones `newPath: null`; a pure rename has no hunks.
 * Expects the default `a/`/`b/` prefixes.
 */
export function parseDiffU0(text: string, opts: { bodies?: boolean } = {}): FileDiff[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const out: FileDiff[] = [];
  let cur: Building | null = null;
  const finish = (): void => {
    if (!cur) return;
    if (cur.added) cur.diff.oldPath = null;
    if (cur.deleted) cur.diff.newPath = null;
    out.push(cur.diff);
    cur = null;
  };

  for (const line of outputLines(text)) {
    if (line.startsWith('diff --git ')) {
      finish();
      const paths = gitLinePaths(line.slice(11));
      cur = {
        diff: { oldPath: paths?.[0] ?? null, newPath: paths?.[1] ?? null, hunks: [] },
        added: false,
        deleted: false,
        fromMarkers: false,
      };
      continue;
    }
    if (!cur) continue;
    const c: Building = cur;
    const first = line.charCodeAt(0);
    // Body lines are the bulk of the input: dismiss them on the first character.
    if (first === 43 /* + */ || first === 45 /* - */) {
      if (line.startsWith('--- ') && c.diff.hunks.length === 0 && !c.fromMarkers) {
        c.diff.oldPath = markerPath(line.slice(4), 'a/');
        if (c.diff.oldPath === null) c.added = true;
      } else if (line.startsWith('+++ ') && c.diff.hunks.length === 0 && !c.fromMarkers) {
        c.diff.newPath = markerPath(line.slice(4), 'b/');
        if (c.diff.newPath === null) c.deleted = true;
        c.fromMarkers = true;
      } else if (opts.bodies && c.diff.hunks.length > 0) {
        const h = c.diff.hunks[c.diff.hunks.length - 1];
        (first === 43 ? (h.newText ??= []) : (h.oldText ??= [])).push(line.slice(1));
      }
      continue;
    }
    if (first === 64 /* @ */) {
      const m = HUNK.exec(line);
      if (m) {
        const hunk: DiffHunk = {
          oldStart: Number(m[1]),
          oldLines: m[2] === undefined ? 1 : Number(m[2]),
          newStart: Number(m[3]),
          newLines: m[4] === undefined ? 1 : Number(m[4]),
        };
        c.diff.hunks.push(hunk);
      }
      continue;
    }
    if (c.diff.hunks.length > 0) continue;
    if (line.startsWith('new file mode')) c.added = true;
    else if (line.startsWith('deleted file mode')) c.deleted = true;
    else if (line.startsWith('rename from ') || line.startsWith('copy from '))
      c.diff.oldPath = unquoteGitPath(line.slice(line.indexOf(' from ') + 6));
    else if (line.startsWith('rename to ') || line.startsWith('copy to '))
      c.diff.newPath = unquoteGitPath(line.slice(line.indexOf(' to ') + 4));
  }
  finish();
  return out;
}
