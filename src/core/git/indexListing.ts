/**
 * The index's file list (`git ls-files -z`), kept in the git dir keyed by the index file's
 * identity (size, times, inode): a CLI run on an unchanged index reads it back instead of
 * starting git, which at 250k files costs a process and tens of milliseconds.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { GitRepo } from './gitRepo';

const CACHE_NAME = 'culprit-ls-files';
/**
 * An index written this recently may be rewritten within the same timestamp tick (coarse file
 * systems): such a listing is used but not kept, as git itself distrusts "racily clean" entries.
 */
const SETTLED_MS = 3000;

function indexKey(gitDir: string): { key: string; settled: boolean } | null {
  try {
    const s = fs.statSync(nodePath.join(gitDir, 'index'));
    const key = `v1 ${s.size} ${s.mtimeMs} ${s.ctimeMs} ${s.ino}`;
    return { key, settled: Date.now() - s.mtimeMs > SETTLED_MS };
  } catch {
    return null;
  }
}

/** The raw `git ls-files -z` output for `repo`, from the git dir when the index has not changed. */
export async function trackedListing(repo: GitRepo): Promise<string> {
  const gitDir = repo.gitDir;
  const before = gitDir ? indexKey(gitDir) : null;
  const file = gitDir ? nodePath.join(gitDir, CACHE_NAME) : null;
  if (before && file) {
    try {
      const text = fs.readFileSync(file, 'utf8');
      const nl = text.indexOf('\n');
      if (nl > 0 && text.slice(0, nl) === before.key) return text.slice(nl + 1);
    } catch {
      // no listing kept yet
    }
  }
  const listing = await repo.run(['ls-files', '-z']);
  // Kept only when the index was settled and did not change while git listed it.
  const after = gitDir ? indexKey(gitDir) : null;
  if (file && before?.settled && after?.key === before.key) {
    const tmp = `${file}.${process.pid}`;
    try {
      fs.writeFileSync(tmp, `${before.key}\n${listing}`);
      fs.renameSync(tmp, file);
    } catch {
      fs.rmSync(tmp, { force: true });
    }
  }
  return listing;
}
