import type { CommitInfo } from './git.types';

/**
 * The `git log` arguments `parseLog` reads: NUL-separated fields (names and subjects may hold any
 * other character), then `--numstat` entries, NUL-terminated under `-z` (renames as
 * `A\tR\t\0old\0new\0`).
 */
export const LOG_FORMAT_ARGS: readonly string[] = ['-z', '--format=%H%x00%P%x00%an%x00%ae%x00%aI%x00%s%x00'];

const SHA = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/;
const NUMSTAT = /^(\d+|-)\t(\d+|-)\t/;

/**
 * Parses output of `git log <LOG_FORMAT_ARGS> [--numstat]` into commits, newest first as git
 * printed them. Binary files count as 0 added/removed; a renamed file is listed by its new path.
 * Commits printed without `--numstat` have no `files` property. Garbage between records is skipped.
 */
export function parseLog(text: string): CommitInfo[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const tok = text.split('\0');
  const out: CommitInfo[] = [];
  let i = 0;
  while (i < tok.length) {
    const head = tok[i].replace(/^\n+/, '');
    if (!SHA.test(head) || i + 5 >= tok.length) {
      i++;
      continue;
    }
    const commit: CommitInfo = {
      sha: head,
      parents: tok[i + 1].split(' ').filter((p) => p.length > 0),
      author: tok[i + 2],
      authorMail: tok[i + 3],
      date: tok[i + 4],
      summary: tok[i + 5],
    };
    i += 6;
    // git's record terminator (and the blank line before numstat) leave empty tokens.
    while (i < tok.length && tok[i] === '') i++;
    let files: NonNullable<CommitInfo['files']> | undefined;
    while (i < tok.length) {
      const t = tok[i].replace(/^\n+/, '');
      const m = NUMSTAT.exec(t);
      if (!m) break;
      const added = m[1] === '-' ? 0 : Number(m[1]);
      const removed = m[2] === '-' ? 0 : Number(m[2]);
      let path = t.slice(m[0].length);
      i++;
      if (path === '') {
        // Rename or copy: the old and new paths follow as two tokens.
        path = tok[i + 1] ?? tok[i] ?? '';
        i += 2;
      }
      (files ??= []).push({ path, added, removed });
      while (i < tok.length && tok[i] === '') i++;
    }
    if (files) commit.files = files;
    out.push(commit);
  }
  return out;
}
