/**
 * The crash signature as of one bisect step's commit. The signature names the crash frame as the
 * deployed revision has it; a file renamed or a function renamed later in the range is the same
 * frame under its earlier name, and judging it by the later name would call the bug commit good
 * and confirm the rename instead.
 */
import type { GitRepo } from '../git/gitRepo';
import { escapeRegExp } from '../util/escapeRegExp';
import { shortFunction, type CrashSignature } from './crashSignature';

/** The path `file` (at `to`) had at `sha`: git's rename detection between the two commits. */
async function pathAt(repo: GitRepo, file: string, sha: string, to: string, signal?: AbortSignal): Promise<string> {
  const out = await repo.run(['diff', '--name-status', '-M', '--diff-filter=R', '-z', sha, to, '--'], signal);
  const fields = out.split('\0');
  // -z records: status, path at sha, path at `to`.
  for (let i = 0; i + 2 < fields.length; i += 3) if (fields[i + 2] === file) return fields[i + 1];
  return file;
}

/**
 * `sig` at commit `sha` (the deployed revision being `to`): the crash file under its name there,
 * and no function to match when that function's name does not occur in the file there (renamed
 * later in the range, or not written yet): then type and file decide.
 */
export async function signatureAt(
  repo: GitRepo,
  sig: CrashSignature,
  sha: string,
  to: string,
  signal?: AbortSignal,
): Promise<CrashSignature> {
  if (!sig.file || sha === to) return sig;
  const file = await pathAt(repo, sig.file, sha, to, signal);
  const fn = shortFunction(sig.function);
  if (!fn) return { ...sig, file };
  const text = await repo.run(['show', `${sha}:${file}`], signal).catch(() => null);
  const named = text === null || new RegExp(`(^|[^\\w$])${escapeRegExp(fn)}([^\\w$]|$)`).test(text);
  return { ...sig, file, function: named ? sig.function : null };
}
