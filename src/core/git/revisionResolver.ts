import { promises as fs } from 'fs';
import * as nodePath from 'path';
import { CulpritError } from '../errors';
import { gitExitCode } from './gitErrors';

type Run = (args: string[], signal?: AbortSignal) => Promise<string>;

const FULL_SHA = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/;
const HEXISH = /^[0-9a-f]{4,64}$/i;

/** True for a full 40- or 64-hex object name (immutable, safe as a cache key). */
export function isFullSha(s: unknown): s is string {
  return typeof s === 'string' && FULL_SHA.test(s);
}

function hasSpaceOrControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c === 127) return true;
  }
  return false;
}

/**
 * Rejects revisions that git could read as an option or that cannot be a ref/SHA expression.
 * Revisions may come from production payloads, so this runs before every call that passes one.
 */
export function assertRevision(rev: unknown): asserts rev is string {
  if (
    typeof rev !== 'string' ||
    rev.length === 0 ||
    rev.length > 256 ||
    rev.startsWith('-') ||
    hasSpaceOrControl(rev)
  ) {
    const shown = typeof rev === 'string' ? JSON.stringify(rev.slice(0, 80)) : String(rev);
    throw new CulpritError('invalid-input', `${shown} is not a valid git revision.`);
  }
}

/** Where a shallow clone's history stops, e.g. `abc1234 (2024-03-01)`, or null when not shallow. */
export async function shallowBoundary(run: Run, root: string, signal?: AbortSignal): Promise<string | null> {
  const isShallow = (await run(['rev-parse', '--is-shallow-repository'], signal)).trim() === 'true';
  if (!isShallow) return null;
  let shas: string[];
  try {
    const file = (await run(['rev-parse', '--git-path', 'shallow'], signal)).trim();
    const text = await fs.readFile(nodePath.resolve(root, file), 'utf8');
    shas = text
      .split('\n')
      .map((s) => s.trim())
      .filter(isFullSha)
      .slice(0, 3);
  } catch {
    return 'an unknown commit';
  }
  if (shas.length === 0) return 'an unknown commit';
  const out = await run(['log', '--no-walk', '--format=%h (%ci)', ...shas], signal).catch(() => '');
  const described = out
    .split('\n')
    .map((l) => l.replace(/ \d\d:\d\d:\d\d [+-]\d{4}\)$/, ')').trim())
    .filter(Boolean);
  return (described.length ? described : shas.map((s) => s.slice(0, 12))).join(', ');
}

/** The human hint for a revision missing from the clone. */
export function fetchHint(rev: string): string {
  return HEXISH.test(rev)
    ? `Fetch it with \`git fetch origin ${rev}\` (or \`git fetch --all\`).`
    : `Fetch tags and branches with \`git fetch --tags origin\`, or fetch the commit with \`git fetch origin <sha>\`.`;
}

/**
 * Resolves any revision (SHA, short SHA, tag, branch, `HEAD~2`) to a full commit SHA. A revision
 * that is not in the clone throws `unknown-revision` naming it, with how to fetch it and, for a
 * shallow clone, where history stops.
 */
export async function resolveRevisionWith(run: Run, root: string, rev: string, signal?: AbortSignal): Promise<string> {
  assertRevision(rev);
  try {
    const out = (await run(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], signal)).trim();
    if (isFullSha(out)) return out;
  } catch (e) {
    // --verify --quiet exits 1 silently when the name does not resolve; other failures propagate.
    if (!(CulpritError.is(e, 'unknown-revision') || (CulpritError.is(e, 'git-failed') && gitExitCode(e) === 1)))
      throw e;
  }
  const boundary = await shallowBoundary(run, root, signal).catch(() => null);
  const shallowNote = boundary
    ? ` This clone is shallow: its history stops at ${boundary}; run \`git fetch --unshallow\` (or \`git fetch ` +
      `--deepen=<n>\`) to get older commits.`
    : '';
  throw new CulpritError(
    'unknown-revision',
    `Revision "${rev}" is not in this clone. ${fetchHint(rev)}${shallowNote}`,
    {
      revision: rev,
      shallow: boundary !== null,
    },
  );
}
