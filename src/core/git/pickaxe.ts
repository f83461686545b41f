/**
 * git's pickaxe (`git log -S<text>`): the commits that changed how often an exact text occurs in a
 * file. A frame whose deployed line text is not in the deployed file was introduced or removed by
 * one of them, so the commit (when it added the text) or its parent (when it removed it) holds the
 * line as production ran it.
 */
import { assertRevision, isFullSha } from './revisionResolver';
import { parseDiffU0 } from './diffParser';
import { traceLineThroughHunks } from './lineDrift';
import type { GitRepo } from './gitRepo';

/** A commit that added or removed the text, and its first parent (null for a root commit). */
export interface PickaxeCommit {
  sha: string;
  parent: string | null;
}

/** Enough commits to reach the one that ran; a text touched more often identifies nothing. */
const MAX_COMMITS = 12;

/**
 * The commits reachable from `rev` that changed the number of occurrences of `text` in `path`,
 * newest first (`git log -S`, a fixed string, never a pattern; renames not followed).
 */
export async function commitsTouchingText(
  repo: GitRepo,
  rev: string,
  path: string,
  text: string,
  signal?: AbortSignal,
): Promise<PickaxeCommit[]> {
  assertRevision(rev);
  if (text.includes('\0') || text.includes('\n')) return [];
  const out = await repo.run(
    ['log', `-S${text}`, '--no-textconv', '--format=%H %P', `-n${MAX_COMMITS}`, rev, '--', path],
    signal,
  );
  return out
    .split('\n')
    .map((l) => l.trim().split(' '))
    .filter(([sha]) => isFullSha(sha))
    .map(([sha, parent]) => ({ sha, parent: isFullSha(parent) ? parent : null }));
}

/** A commit that changed how often the text occurs, with the files where it did. */
export interface PickaxeChange extends PickaxeCommit {
  paths: string[];
}

/**
 * {@link commitsTouchingText} in every file: the commits reachable from `rev` that added or removed
 * `text` anywhere, newest first, each with the files whose count of it changed (pickaxe filters
 * the files a commit lists, so only those are named).
 */
export async function commitsTouchingTextAnywhere(
  repo: GitRepo,
  rev: string,
  text: string,
  signal?: AbortSignal,
): Promise<PickaxeChange[]> {
  assertRevision(rev);
  if (text.includes('\0') || text.includes('\n')) return [];
  const out = await repo.run(
    [
      'log',
      `-S${text}`,
      '--no-textconv',
      '--no-renames',
      '--format=%x01%H %P',
      '--name-only',
      '-z',
      `-n${MAX_COMMITS}`,
      rev,
    ],
    signal,
  );
  const changes: PickaxeChange[] = [];
  // Each record: `\x01SHA PARENTS\0\npath\0path\0…`
  for (const record of out.split('\x01').slice(1)) {
    const [head, ...names] = record.split('\0');
    const [sha, parent] = head.trim().split(' ');
    if (!isFullSha(sha)) continue;
    // The header's newline leads the first name only.
    const paths = names.map((n, i) => (i === 0 ? n.replace(/^\n/, '') : n)).filter((n) => n.length > 0);
    changes.push({ sha, parent: isFullSha(parent) ? parent : null, paths });
  }
  return changes;
}

/**
 * Where 1-based `line` of `path` at `from` stands at `to` (the file's diff between the two,
 * paired as a diff editor pairs lines); null when deleted with nothing in its place or the file is gone.
 */
export async function lineBetween(
  repo: GitRepo,
  from: string,
  to: string,
  path: string,
  line: number,
  signal?: AbortSignal,
): Promise<number | null> {
  assertRevision(from);
  assertRevision(to);
  const diff = await repo.run(
    ['diff', '-U0', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', from, to, '--', path],
    signal,
  );
  const file = parseDiffU0(diff, { bodies: true }).find((f) => f.oldPath === path);
  if (!file) return line;
  if (file.newPath === null) return null;
  return traceLineThroughHunks(file.hunks, line).line;
}
