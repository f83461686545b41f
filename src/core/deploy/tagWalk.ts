/**
 * Without a named deploy, the deploy is guessed from tags: the newest tag reachable from HEAD,
 * then the one before it, and so on. The caller stops at the first tag whose files hold the
 * trace's own source lines (a trace names no revision, but its context lines do).
 */
import { CulpritError } from '../errors';
import type { GitRepo } from '../git/gitRepo';

/** Tags tried before giving up and blaming at HEAD: each one costs a `git describe`. */
const MAX_TAGS_WALKED = 12;

/**
 * The tags reachable from HEAD, newest first along first parents (`git describe` from HEAD, then
 * from each found tag's parent), at most `limit`, optionally only those matching `pattern`.
 */
export async function tagsNewestFirst(
  repo: GitRepo,
  pattern?: string,
  limit = MAX_TAGS_WALKED,
  signal?: AbortSignal,
): Promise<string[]> {
  const tags: string[] = [];
  let from = 'HEAD';
  while (tags.length < limit) {
    let tag: string;
    try {
      const args = ['describe', '--tags', '--abbrev=0', ...(pattern ? ['--match', pattern] : []), from];
      tag = (await repo.run(args, signal)).trim();
    } catch (e) {
      if (CulpritError.is(e, 'cancelled') || CulpritError.is(e, 'timeout')) throw e;
      break; // no (more) tags, or the history ends
    }
    if (!tag || tag.startsWith('-') || tags.includes(tag)) break;
    tags.push(tag);
    from = `${await repo.resolveRevision(`refs/tags/${tag}^{commit}`, signal).catch(() => tag)}^`;
  }
  return tags;
}
