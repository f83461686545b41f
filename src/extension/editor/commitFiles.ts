/**
 * Every file a suspect commit changed, for the panel's "Why this suspect": `+2/−1` and the first
 * line its change touches, so each opens the commit's diff at that hunk. One `git show -U0`.
 */

export interface CommitFile {
  /** Workspace-relative path on the commit's side (the old path for a deleted file). */
  path: string;
  added: number;
  removed: number;
  /** First changed line on the commit's side (1-based), or null for a binary file. */
  line: number | null;
}

/** Most files listed per commit (a mass reformat lists the first ones and says how many). */
export const MAX_COMMIT_FILES = 40;

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

function pathOf(header: string): string | null {
  const raw = header.slice(4).replace(/\t.*$/, '');
  if (raw === '/dev/null') return null;
  const unquoted = raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  return unquoted.replace(/^[ab]\//, '');
}

/** Parses `git show --format= -U0` output into its files, in the order git lists them. */
function parseCommitFiles(out: string): CommitFile[] {
  const files: CommitFile[] = [];
  let current: CommitFile | null = null;
  let oldPath: string | null = null;
  for (const l of out.split('\n')) {
    if (l.startsWith('diff --git ')) {
      current = null;
      oldPath = null;
    } else if (l.startsWith('--- ') && !current) oldPath = pathOf(l);
    else if (l.startsWith('+++ ') && !current) {
      const path = pathOf(l) ?? oldPath;
      if (!path) continue;
      current = { path, added: 0, removed: 0, line: null };
      files.push(current);
    } else if (current && HUNK.test(l)) {
      const m = HUNK.exec(l)!;
      current.line ??= Math.max(1, Number(m[3]));
    } else if (current && l.startsWith('+')) current.added++;
    else if (current && l.startsWith('-')) current.removed++;
  }
  return files;
}

/** The files `sha` changed, through `run` (a git runner of a repository Culprit opened). */
export async function commitFiles(run: (args: string[]) => Promise<string>, sha: string): Promise<CommitFile[]> {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) return [];
  const out = await run(['show', '--no-renames', '--no-ext-diff', '--no-textconv', '--format=', '-U0', sha]);
  return parseCommitFiles(out);
}
