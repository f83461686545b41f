/**
 * Facts about each commit in the deploy range that the ranker weighs beside the evidence: diff
 * stats, and whether its changes to the stack's files cannot change behaviour (formatting, a
 * rename, a constant extracted with the same value, a rewrite around the failing expression).
 */
import type { CommitFacts } from './evidence.types';
import { isConstantExtraction } from './constantExtraction';
import { isCosmetic, isGuard, isRename, type PatchCommit } from './rangePatch';
import type { SuspectGitPort } from './suspectPort.types';
import { isNonCodePath } from './pathKinds';

/** Per-commit facts over FROM..TO; `framePatches` are the range's patches to the stack's files. */
export async function rangeFacts(
  port: SuspectGitPort,
  from: string,
  to: string,
  framePatches: PatchCommit[],
  framePaths: Set<string>,
  incidentalHunks: Map<string, string[]>,
): Promise<Map<string, CommitFacts>> {
  const facts = new Map<string, CommitFacts>();
  const ws = new Map<string, boolean>();
  const renamed = new Set<string>();
  const extracted = new Set<string>();
  const incidental = new Set<string>();
  const guards = new Set<string>();
  for (const c of framePatches) {
    const hunks = c.files.filter((f) => framePaths.has(f.path)).flatMap((f) => f.hunks);
    ws.set(c.sha, hunks.length > 0 && hunks.every(isCosmetic));
    if (isRename(hunks)) renamed.add(c.sha);
    else if (isConstantExtraction(hunks)) extracted.add(c.sha);
    // Incidental: the crashing line's rewrite left the failing expression alone, and the rest is formatting.
    const touched = incidentalHunks.get(c.sha);
    if (touched && hunks.every((h) => h.removed === touched || isCosmetic(h))) incidental.add(c.sha);
    if (hunks.length > 0 && hunks.every(isGuard)) guards.add(c.sha);
  }
  for (const c of await port.commitsInRange(from, to)) {
    const files = c.files ?? [];
    facts.set(c.sha, {
      sha: c.sha,
      author: c.author,
      authorMail: c.authorMail,
      date: c.date,
      summary: c.summary,
      filesChanged: files.length,
      linesAdded: files.reduce((s, f) => s + f.added, 0),
      linesRemoved: files.reduce((s, f) => s + f.removed, 0),
      cosmetic: ws.get(c.sha) ?? false,
      renamed: renamed.has(c.sha),
      extracted: extracted.has(c.sha),
      incidental: incidental.has(c.sha),
      guardOnly: guards.has(c.sha),
      nonCode: files.length > 0 && files.every((f) => isNonCodePath(f.path)),
    });
  }
  return facts;
}
