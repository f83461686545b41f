/**
 * Where exact source lines stand in a revision's tree: one `git grep` for all of them. Used to
 * place frames of generated files git does not track (a published bundle) on the source they
 * were built from, by the line text the event carries.
 */
import { assertRevision } from './revisionResolver';
import { gitExitCode, gitStderr } from './gitErrors';
import type { GitRepo } from './gitRepo';

/** A line of a tracked file at the revision. */
export interface LineHit {
  path: string;
  /** 1-based. */
  line: number;
}

/** Most hits kept per searched text: a line found in more files than this identifies none. */
const MAX_HITS_PER_TEXT = 20;

/**
 * The files and lines at `rev` whose whole line, trimmed, equals one of `texts` (trimmed). Binary
 * files are skipped; the texts are fixed strings, never patterns.
 */
export async function findLinesAt(
  repo: GitRepo,
  rev: string,
  texts: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, LineHit[]>> {
  assertRevision(rev);
  const wanted = [...new Set(texts.map((t) => t.trim()).filter((t) => t.length > 0))];
  const out = new Map<string, LineHit[]>(wanted.map((t) => [t, []]));
  if (wanted.length === 0) return out;
  const args = ['grep', '-n', '-z', '-I', '-F', '--no-color', '--no-textconv', '--full-name'];
  for (const t of wanted) args.push('-e', t);
  let text: string;
  try {
    text = await repo.run([...args, rev, '--'], signal);
  } catch (e) {
    // 1 with nothing on stderr: no line matched.
    if (gitExitCode(e) === 1 && gitStderr(e).trim() === '') return out;
    throw e;
  }
  const prefix = `${rev}:`;
  for (const record of text.split('\n')) {
    // `REV:path\0line\0text`
    const [where, num, ...rest] = record.split('\0');
    if (rest.length === 0 || !where.startsWith(prefix)) continue;
    const hits = out.get(rest.join('\0').trim());
    const line = Number(num);
    if (!hits || hits.length >= MAX_HITS_PER_TEXT || !Number.isInteger(line) || line < 1) continue;
    hits.push({ path: where.slice(prefix.length), line });
  }
  return out;
}
