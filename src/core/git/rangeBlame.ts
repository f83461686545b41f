/**
 * `git blame --porcelain -L.. FROM..TO -- path` computed from the range's patches (`git log -p -U0
 * --no-renames FROM..TO -- path`), which a triage asks for anyway: one git process fewer per file.
 * In a linear range blame diffs each commit's file against its one parent (blame.c pass_blame,
 * diff_hunks with no context) and keeps the lines a hunk added; every other line moves to the parent
 * at the hunks' offset, and what reaches the range's boundary commit is a boundary line. Both git
 * commands pin the same diff options (gitPinning: myers, the indent heuristic; no -w, no textconv),
 * so their hunks are the same. Anything this mapping cannot prove (a merge, the file added, deleted
 * or renamed in the range, a binary or mode-only change, lines past the end) answers null: the caller
 * asks git blame. Commit fields come from the raw commit objects, read as blame reads them.
 */
import { parseDiffU0 } from './diffParser';
import type { PorcelainBlameLine } from './blamePorcelainParser';
import type { DiffHunk } from './git.types';

type Range = [number, number];

/** A commit of the range, newest first as `git log` lists them. */
export interface RangeCommit {
  sha: string;
  parents: string[];
}

/** Where a line of TO comes from, before the commits' author fields are known. */
export interface LineOrigin {
  sha: string;
  finalLine: number;
  origLine: number;
  boundary: boolean;
  /** The commit's parent, for a line a range commit added (porcelain `previous`). */
  previous?: string;
}

/** The author and summary fields blame prints for a commit. */
export interface CommitHeader {
  author: string;
  authorMail: string;
  authorTime: number;
  summary: string;
}

/**
 * Each commit's hunks of `path` from the raw `log -p -U0 --no-renames --format=%x00%H` text (any
 * pathspec naming `path`), or null when a change to `path` is not a plain content edit: an add, a
 * delete, a rename, a binary or mode-only change (no hunks), or a commit printed twice.
 */
export function hunksOf(logText: string, path: string): Map<string, DiffHunk[]> | null {
  const out = new Map<string, DiffHunk[]>();
  for (const chunk of logText.split(/(?:^|\n)\0/).slice(1)) {
    const nl = chunk.indexOf('\n');
    const sha = (nl < 0 ? chunk : chunk.slice(0, nl)).trim();
    if (out.has(sha)) return null;
    const files = parseDiffU0(nl < 0 ? '' : chunk.slice(nl + 1)).filter(
      (f) => f.oldPath === path || f.newPath === path,
    );
    if (files.length === 0) continue;
    const [f] = files;
    if (files.length > 1 || !f || f.oldPath !== path || f.newPath !== path || f.hunks.length === 0) return null;
    out.set(sha, f.hunks);
  }
  return out;
}

/** Line count of a file's text as git counts lines (a last line without a newline counts). */
export function lineCount(text: string): number {
  if (text.length === 0) return 0;
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n : n + 1;
}

/**
 * Maps each asked line of TO back through the commits' hunks (newest first). Null when the commits
 * are not one parent chain from TO, a hunk names a commit outside the range or lies past the file's
 * end, or an asked line is past TO's last line.
 */
export function blameOrigins(
  to: string,
  commits: readonly RangeCommit[],
  hunks: ReadonlyMap<string, DiffHunk[]>,
  lines: number,
  ranges: readonly Range[],
): LineOrigin[] | null {
  if (commits.length === 0 || commits[0]?.sha !== to) return null;
  for (let i = 0; i < commits.length; i++) {
    const c = commits[i] as RangeCommit;
    const next = commits[i + 1];
    if (c.parents.length !== 1 || (next && c.parents[0] !== next.sha)) return null;
  }
  const inRange = new Set(commits.map((c) => c.sha));
  if ([...hunks.keys()].some((sha) => !inRange.has(sha))) return null;
  const asked: number[] = [];
  for (const [a, b] of ranges) {
    if (a < 1 || b > lines || a > b) return null;
    for (let l = a; l <= b; l++) asked.push(l);
  }
  // Each open line: its line number in TO and in the version being walked.
  let open = asked.map((finalLine) => ({ finalLine, at: finalLine }));
  const out: LineOrigin[] = [];
  let size = lines;
  for (const c of commits) {
    const hs = hunks.get(c.sha);
    if (!hs) continue;
    let delta = 0;
    for (const h of hs) {
      if (h.newStart + h.newLines - 1 > size || h.newLines < 0 || h.oldLines < 0) return null;
      delta += h.newLines - h.oldLines;
    }
    size -= delta;
    if (size < 0) return null;
    const parent = c.parents[0] as string;
    open = open.filter((o) => {
      let shift = 0;
      for (const h of hs) {
        if (h.newLines > 0 && o.at >= h.newStart && o.at < h.newStart + h.newLines) {
          out.push({ sha: c.sha, finalLine: o.finalLine, origLine: o.at, boundary: false, previous: parent });
          return false;
        }
        // A hunk ends before the line: a deletion (no new lines) sits after its newStart.
        if (h.newStart + Math.max(h.newLines, 1) - 1 < o.at) shift += h.newLines - h.oldLines;
      }
      o.at -= shift;
      return true;
    });
    if (open.length === 0) break;
  }
  const boundary = commits[commits.length - 1]?.parents[0] as string;
  for (const o of open) out.push({ sha: boundary, finalLine: o.finalLine, origLine: o.at, boundary: true });
  return out.sort((x, y) => x.finalLine - y.finalLine);
}

const isSpace = (ch: string | undefined) => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\v';

/** git's skip_blank_lines: past every line that holds only whitespace. */
function skipBlankLines(text: string, from: number): number {
  let p = from;
  while (p < text.length) {
    const nl = text.indexOf('\n', p);
    const end = nl < 0 ? text.length : nl;
    for (let i = p; i < end; i++) if (!isSpace(text[i])) return p;
    if (nl < 0) return text.length;
    p = nl + 1;
  }
  return p;
}

/**
 * The fields `git blame` prints for a raw commit object (builtin/blame.c get_commit_info): the
 * author ident split as split_ident_line does, the summary as find_commit_subject finds it (the
 * message's first non-blank line, or `(sha)`). Null for a commit in another encoding (blame
 * re-encodes it) or without an author line.
 */
export function commitHeader(sha: string, raw: string): CommitHeader | null {
  const headEnd = raw.indexOf('\n\n');
  const head = headEnd < 0 ? raw : raw.slice(0, headEnd);
  const fields = head.split('\n');
  const enc = fields.find((l) => l.startsWith('encoding '));
  if (enc && !/^encoding utf-?8$/i.test(enc.trim())) return null;
  const ident = fields.find((l) => l.startsWith('author '))?.slice(7);
  if (ident === undefined) return null;
  const lt = ident.indexOf('<');
  const gt = lt < 0 ? -1 : ident.indexOf('>', lt + 1);
  if (lt < 0 || gt < 0) return null;
  let nameEnd = lt;
  while (nameEnd > 0 && isSpace(ident[nameEnd - 1])) nameEnd--;
  const date = /^\s*(\d+)/.exec(ident.slice(ident.lastIndexOf('>') + 1));
  let summary = '';
  if (headEnd >= 0) {
    const start = skipBlankLines(raw, headEnd + 2);
    const eol = raw.indexOf('\n', start);
    summary = raw.slice(start, eol < 0 ? raw.length : eol);
  }
  // The porcelain parser reads lines without a `\r` ending (outputLines): so does this.
  const unCr = (s: string) => (s.endsWith('\r') ? s.slice(0, -1) : s);
  return {
    author: unCr(ident.slice(0, nameEnd)),
    authorMail: ident.slice(lt + 1, gt),
    authorTime: date ? Number(date[1]) : 0,
    summary: unCr(summary || `(${sha})`),
  };
}

/** The porcelain lines: origins with their commits' fields and TO's text (content as the parser keeps it). */
function porcelainLines(
  path: string,
  toText: string,
  origins: readonly LineOrigin[],
  headers: ReadonlyMap<string, CommitHeader>,
): PorcelainBlameLine[] | null {
  const text = toText.split('\n');
  const out: PorcelainBlameLine[] = [];
  for (const o of origins) {
    const h = headers.get(o.sha);
    if (!h) return null;
    const content = text[o.finalLine - 1] ?? '';
    const line: PorcelainBlameLine = {
      sha: o.sha,
      finalLine: o.finalLine,
      origLine: o.origLine,
      origPath: path,
      boundary: o.boundary,
      ...h,
      content: content.endsWith('\r') ? content.slice(0, -1) : content,
    };
    if (o.previous) line.previous = { sha: o.previous, path };
    out.push(line);
  }
  return out;
}

export interface RangeBlameInput {
  to: string;
  path: string;
  /** Sorted, merged `-L` ranges (1-based, inclusive). */
  ranges: Array<[number, number]>;
  /** The range's commits, newest first (`git log FROM..TO`). */
  commits: readonly RangeCommit[];
  /** `git log -p -U0 --no-renames --format=%x00%H FROM..TO -- <paths naming path>`. */
  log: string;
  /** The file at TO. */
  toText: string;
  /** A raw commit object by SHA (the blob process reads it). */
  commitText: (sha: string) => Promise<string | null>;
}

/** What `git blame --porcelain -L.. FROM..TO -- path` prints, parsed; null when the patches cannot prove it. */
export async function rangeBlame(input: RangeBlameInput): Promise<PorcelainBlameLine[] | null> {
  const hunks = hunksOf(input.log, input.path);
  const lines = lineCount(input.toText);
  const origins = hunks && blameOrigins(input.to, input.commits, hunks, lines, input.ranges);
  if (!origins) return null;
  const shas = [...new Set(origins.map((o) => o.sha))];
  const raws = await Promise.all(shas.map((sha) => input.commitText(sha)));
  const headers = new Map<string, CommitHeader>();
  for (const [i, sha] of shas.entries()) {
    const h = commitHeader(sha, raws[i] ?? '');
    if (!h) return null;
    headers.set(sha, h);
  }
  return porcelainLines(input.path, input.toText, origins, headers);
}
