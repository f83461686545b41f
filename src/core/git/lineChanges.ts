/**
 * Who changed a deployed line after the deploy: the newest commit (or the uncommitted edit) that
 * touched it between TO and today's working tree. Only lines a TO→working-tree hunk touched are
 * asked about, so an unchanged file costs no git call.
 */
import type { ChangedSince } from '../model/triage.types';
import { CulpritError } from '../errors';
import { parseBlamePorcelain } from './blamePorcelainParser';
import type { GitRepo } from './gitRepo';
import { LOG_FORMAT_ARGS, parseLog } from './logParser';

const ZERO = /^0+$/;

/** A changed deployed line: where it was at TO and where its counterpart is today (null: deleted). */
export interface ChangedLine {
  oldPath: string;
  oldLine: number;
  /** Today's path, null when the file itself is gone from the working tree. */
  newPath: string | null;
  newLine: number | null;
}

/** One date format whatever git printed: ISO 8601 in UTC. */
function iso(date: number | string): string {
  const d = new Date(typeof date === 'number' ? date * 1000 : date);
  return Number.isNaN(d.getTime()) ? String(date) : d.toISOString().replace('.000Z', 'Z');
}

function fromCommit(c: { sha: string; summary: string; author: string; authorMail: string; date: string }) {
  return { sha: c.sha, summary: c.summary, author: `${c.author} <${c.authorMail}>`, date: iso(c.date) };
}

/** The newest change of each line, keyed `oldPath\0oldLine`. Failures leave a line's entry null. */
export async function changesSince(
  repo: GitRepo,
  to: string,
  lines: readonly ChangedLine[],
  signal?: AbortSignal,
): Promise<Map<string, ChangedSince | null>> {
  const out = new Map<string, ChangedSince | null>();
  const key = (l: ChangedLine) => `${l.oldPath}\0${l.oldLine}`;
  const living = new Map<string, ChangedLine[]>();
  for (const l of lines) {
    if (l.newPath !== null && l.newLine !== null) living.set(l.newPath, [...(living.get(l.newPath) ?? []), l]);
  }
  const guard = async <T>(f: () => Promise<T>): Promise<T | null> => {
    try {
      return await f();
    } catch (e) {
      if (CulpritError.is(e, 'cancelled') || CulpritError.is(e, 'timeout')) throw e;
      return null;
    }
  };
  // Today's counterpart exists: blame the working tree, stopping at TO (`^TO`: older lines are boundary).
  for (const [path, list] of living) {
    const ranges = list.flatMap((l) => ['-L', `${l.newLine},${l.newLine}`]);
    const blamed = await guard(async () =>
      parseBlamePorcelain(await repo.run(['blame', '--porcelain', ...ranges, `^${to}`, '--', path], signal)),
    );
    const byLine = new Map((blamed ?? []).map((b) => [b.finalLine, b]));
    for (const l of list) {
      const b = byLine.get(l.newLine as number);
      out.set(
        key(l),
        !b || b.boundary
          ? null
          : ZERO.test(b.sha)
            ? { uncommitted: true }
            : { sha: b.sha, summary: b.summary, author: `${b.author} <${b.authorMail}>`, date: iso(b.authorTime) },
      );
    }
  }
  for (const l of lines) {
    if (out.has(key(l))) continue;
    out.set(key(l), await guard(() => deletionOf(repo, to, l, signal)));
  }
  return out;
}

/** The change that deleted a line (or its whole file) after TO. */
async function deletionOf(repo: GitRepo, to: string, l: ChangedLine, signal?: AbortSignal): Promise<ChangedSince> {
  const head = await repo.resolveRevision('HEAD', signal);
  if (l.newPath === null) {
    // The file is gone: by the newest commit that touched it, unless HEAD still has it (maybe renamed).
    const renamed = await repo.run(
      ['diff', '--name-status', '-z', '-M', '--diff-filter=R', '--no-ext-diff', to, head, '--'],
      signal,
    );
    const tok = renamed.split('\0');
    const at = tok.findIndex((t, i) => i % 3 === 1 && t === l.oldPath);
    const headPath = at > 0 && tok[at + 1] ? tok[at + 1] : l.oldPath;
    const stillAtHead = await repo.run(['cat-file', '-e', `${head}:${headPath}`], signal).then(
      () => true,
      () => false,
    );
    const [last] = stillAtHead
      ? []
      : parseLog(await repo.run(['log', '-1', ...LOG_FORMAT_ARGS, `${to}..${head}`, '--', l.oldPath], signal));
    return last ? fromCommit(last) : { uncommitted: true };
  }
  // Reverse blame names the last commit in TO..HEAD that still had the line.
  const [b] = parseBlamePorcelain(
    await repo.run(
      ['blame', '--porcelain', '--reverse', '-L', `${l.oldLine},${l.oldLine}`, `${to}..${head}`, '--', l.oldPath],
      signal,
    ),
  );
  if (!b) return { uncommitted: true };
  if (b.sha === head) {
    // Blame's own diff may keep a line the drift's diff saw deleted (two equal-cost alignments):
    // uncommitted only when the working tree differs from HEAD; else the newest commit on the file.
    const edited = await repo.run(['diff', '--quiet', '--no-ext-diff', 'HEAD', '--', l.oldPath], signal).then(
      () => false,
      () => true,
    );
    if (edited) return { uncommitted: true };
    const [last] = parseLog(
      await repo.run(['log', '-1', ...LOG_FORMAT_ARGS, `${to}..${head}`, '--', l.oldPath], signal),
    );
    return last ? fromCommit(last) : { uncommitted: true };
  }
  const commits = parseLog(
    await repo.run(
      ['log', '--ancestry-path', ...LOG_FORMAT_ARGS, `${b.sha}..${head}`, '--', l.oldPath, l.newPath],
      signal,
    ),
  );
  // The oldest commit after the last one that had the line is the one that removed it.
  const removed = commits[commits.length - 1];
  return removed ? fromCommit(removed) : { uncommitted: true };
}
