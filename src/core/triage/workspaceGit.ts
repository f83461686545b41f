/**
 * Git as the triage needs it: the repository, HEAD, tag labels, and the port suspect finding
 * reads through (see sharedAnswers.ts).
 */
import type { GitRepo } from '../git/gitRepo';
import { loadTags } from '../deploy/deployRange';
import { shortSha } from '../present/issueSummary';
import type { SuspectGitPort } from '../suspects/suspectPort.types';
import { createSharedPort } from './sharedAnswers';

/** Git as the triage needs it; null in an untrusted workspace. */
export interface WorkspaceGit {
  readonly repo: GitRepo;
  head(): Promise<string | null>;
  suspectPort(): SuspectGitPort;
  /** A tag name for a SHA when one points at it, else the short SHA. */
  label(sha: string): Promise<string>;
  /** Forgets HEAD and the tags (after commits, checkouts, fetches). */
  invalidate(): void;
}

export function createWorkspaceGit(repo: GitRepo): WorkspaceGit {
  let tags: Promise<Map<string, string>> | null = null;
  let head: Promise<string | null> | null = null;
  const port = createSharedPort(repo);
  return {
    repo,
    head() {
      head ??= repo.resolveRevision('HEAD').catch(() => null);
      return head;
    },
    suspectPort: () => port,
    async label(sha) {
      tags ??= tagLabels(repo);
      return (await tags).get(sha) ?? shortSha(sha);
    },
    invalidate() {
      head = null;
      tags = null;
    },
  };
}

/** SHA → the first tag naming it, for labels like `v1.4.0..v1.5.0`. */
async function tagLabels(repo: GitRepo): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [name, sha] of await loadTags(repo).catch(() => new Map<string, string>()))
    if (!out.has(sha)) out.set(sha, name);
  return out;
}
