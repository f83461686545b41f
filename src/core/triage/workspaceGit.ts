/**
 * Git as the triage needs it: the repository, HEAD, tag labels, and the port suspect finding
 * reads through (see sharedAnswers.ts).
 */
import type { GitRepo } from '../git/gitRepo';
import { loadTags, tagsFromNames, type TagMap } from '../deploy/deployRange';
import { shortSha } from '../present/issueSummary';
import type { SuspectGitPort } from '../suspects/suspectPort.types';
import { createSharedPort } from './sharedAnswers';

/** Git as the triage needs it; null in an untrusted workspace. */
export interface WorkspaceGit {
  readonly repo: GitRepo;
  head(): Promise<string | null>;
  suspectPort(): SuspectGitPort;
  /** Every tag → its target, as {@link loadTags} maps them; kept until {@link WorkspaceGit.invalidate}. */
  tags(): Promise<TagMap>;
  /** A tag name for a SHA when one points at it, else the short SHA. */
  label(sha: string): Promise<string>;
  /** Forgets HEAD and the tags (after commits, checkouts, fetches). */
  invalidate(): void;
}

export function createWorkspaceGit(repo: GitRepo): WorkspaceGit {
  // Until the first invalidate, the tag names the repository's open call listed are current.
  let opened = true;
  let tags: Promise<TagMap> | null = null;
  let labels: Promise<Map<string, string>> | null = null;
  let head: Promise<string | null> | null = null;
  const port = createSharedPort(repo);
  const tagMap = (): Promise<TagMap> => {
    if (!tags) {
      const p = opened ? tagsFromNames(repo, repo.tagNamesAtOpen) : loadTags(repo);
      tags = p;
      // Failures are not kept: the next call lists again.
      p.catch(() => tags === p && (tags = null));
    }
    return tags;
  };
  return {
    repo,
    head() {
      head ??= repo.resolveRevision('HEAD').catch(() => null);
      return head;
    },
    suspectPort: () => port,
    tags: tagMap,
    async label(sha) {
      labels ??= tagLabels(tagMap());
      return (await labels).get(sha) ?? shortSha(sha);
    },
    invalidate() {
      opened = false;
      head = null;
      tags = null;
      labels = null;
    },
  };
}

/** SHA → the first tag naming it, for labels like `v1.4.0..v1.5.0`. */
async function tagLabels(tags: Promise<TagMap>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [name, sha] of await tags.catch(() => new Map<string, string>())) if (!out.has(sha)) out.set(sha, name);
  return out;
}
