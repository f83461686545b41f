/**
 * The part of a `--no-renames` patch (a `git diff`, or a `git log -p --format=%x00%H`) that a
 * narrower pathspec would have printed: one git call over several files answers the later
 * questions about some of them. Only for output git prints per file with both names equal.
 */
import { unquoteGitPath } from './gitPathQuoting';

const FILE_HEADER = 'diff --git ';

/** The path of a `diff --git a/P b/P` header (without renames both sides name the same file). */
export function headerPath(line: string): string | null {
  if (!line.startsWith(FILE_HEADER)) return null;
  const rest = line.slice(FILE_HEADER.length);
  if (rest.startsWith('"')) {
    // `"a/x\ty" "b/x\ty"`: both names quoted alike, so each is half of the rest.
    const half = (rest.length - 1) / 2;
    if (!Number.isInteger(half) || rest[half] !== ' ') return null;
    const name = unquoteGitPath(rest.slice(0, half));
    return name.startsWith('a/') ? name.slice(2) : null;
  }
  // `a/P b/P`: 2 + |P| + 3 + |P| characters.
  const len = (rest.length - 5) / 2;
  if (!Number.isInteger(len) || len < 1 || !rest.startsWith('a/')) return null;
  const p = rest.slice(2, 2 + len);
  return rest.slice(2 + len) === ` b/${p}` ? p : null;
}

/** True when a literal pathspec `spec` names `path` (the file itself or a folder above it). */
export function namedBy(path: string, specs: readonly string[]): boolean {
  return specs.some((s) => path === s || path.startsWith(s.endsWith('/') ? s : `${s}/`));
}

/** `text` split into lines that keep their newline. */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The file sections of one patch (before any commit marker) whose path `paths` names, in order. */
function keepFiles(lines: readonly string[], paths: readonly string[]): string {
  let out = '';
  let keep = false;
  for (const line of lines) {
    if (line.startsWith(FILE_HEADER)) {
      const p = headerPath(line.replace(/\n$/, ''));
      // A header this cannot read keeps its section: more text than asked, never less.
      keep = p === null || namedBy(p, paths);
    }
    if (keep) out += line;
  }
  return out;
}

/** A `git diff --no-renames` output cut down to the files `paths` name. */
export function diffSubset(text: string, paths: readonly string[]): string {
  return keepFiles(linesOf(text), paths);
}

/**
 * A `git log -p --no-renames --format=%x00%H` output cut down to the files `paths` name; commits
 * left with no file are dropped, as the pathspec would have dropped them. Exact for a range without
 * merges (history simplification by path can prune a merged side branch differently).
 */
export function logSubset(text: string, paths: readonly string[]): string {
  let out = '';
  for (const chunk of text.split(/(?=\0)/)) {
    if (!chunk.startsWith('\0')) continue;
    const lines = linesOf(chunk);
    const first = lines.findIndex((l) => l.startsWith(FILE_HEADER));
    if (first < 0) continue;
    const files = keepFiles(lines.slice(first), paths);
    if (files) out += lines.slice(0, first).join('') + files;
  }
  return out;
}
