/**
 * A frame of a generated file git does not track whose line text is in no file of the tree it is
 * placed in (the bundle was built from an older revision, or no deploy is named and the line was
 * edited since): git's pickaxe over that revision's history finds the commits that added or removed
 * the exact text, and the newest one (or its parent, for a removal) whose files hold it places the
 * frame, where the event's neighbouring lines agree, as in the tree itself.
 */
import type { SourceContext } from '../model/event.types';
import type { TriageWorkspace } from './triageWorkspace';
import { VENDORED, type FrameWork } from './triageFrames';
import type { LineHit } from '../git/lineSearch';
import { choosePlacement, placeableText } from '../resolve/contextPlacement';
import { commitsTouchingTextAnywhere, lineBetween } from '../git/pickaxe';
import { CulpritError } from '../errors';

/** Most frames looked up in history in one trace (one `git log -S` over every file each). */
const MAX_SEARCHED = 5;

/** Where the text stands in the revision that holds it. */
interface HistoryHit extends LineHit {
  rev: string;
}

function rethrowStop(e: unknown): null {
  if (CulpritError.is(e, 'cancelled') || CulpritError.is(e, 'timeout')) throw e;
  return null;
}

/** The newest revision reachable from `rev` whose files hold `text` where the event places it; null when none. */
async function findInHistory(
  ws: TriageWorkspace,
  rev: string,
  text: string,
  context: SourceContext,
): Promise<HistoryHit | null> {
  if (!ws.git) return null;
  const changes = await commitsTouchingTextAnywhere(ws.git.repo, rev, text).catch(rethrowStop);
  for (const c of changes ?? []) {
    for (const at of [c.sha, c.parent]) {
      if (!at) continue;
      const hits: LineHit[] = [];
      for (const path of c.paths) {
        (await ws.textAt(at, path))?.split('\n').forEach((l, i) => {
          if (l.trim() === text) hits.push({ path, line: i + 1 });
        });
      }
      if (hits.length === 0) continue;
      const placed = await choosePlacement(hits, context, (p) => ws.textAt(at, p));
      return placed.hit ? { rev: at, ...placed.hit } : null;
    }
  }
  return null;
}

/**
 * Where the history hit's line stands at `rev`, only when `rev` holds the same text there: the
 * frame is blamed at the deployed revision only on what production ran.
 */
async function lineAtRevision(ws: TriageWorkspace, hit: HistoryHit, rev: string): Promise<number | null> {
  if (!ws.git) return null;
  const at = await lineBetween(ws.git.repo, hit.rev, rev, hit.path, hit.line).catch(rethrowStop);
  if (at === null) return null;
  const text = (await ws.textAt(hit.rev, hit.path))?.split('\n')[hit.line - 1]?.trim();
  return (await ws.textAt(rev, hit.path))?.split('\n')[at - 1]?.trim() === text ? at : null;
}

/** True when the reported path ends with the resolved file's whole path, not only its file name. */
function namesItsFile(reported: string | null, file: string): boolean {
  const norm = (reported ?? '').replace(/\\/g, '/').replace(/[?#].*$/, '');
  return `/${norm}`.endsWith(`/${file}`);
}

/**
 * Frames of generated files whose line text nothing placed in the tree at `rev` (resolved nowhere,
 * or to a same-named file that does not hold it): placed in the revision of `rev`'s history that
 * holds the text (`placedBy: 'context-line'`, `placedAt`). A frame whose path names its file is
 * left to the file's own history ({@link placeByLineText}).
 */
export async function placeByContextHistory(ws: TriageWorkspace, frames: FrameWork[], rev: string): Promise<void> {
  let searched = 0;
  for (const f of frames) {
    const text = placeableText(f.raw.context);
    if (!text || f.candidates.length > 0 || (f.placedBy && !f.unplaced)) continue;
    const generated = f.revPath === null ? f.inApp : !namesItsFile(f.raw.path, f.revPath);
    if (!generated || searched++ >= MAX_SEARCHED) continue;
    const hit = await findInHistory(ws, rev, text, f.raw.context as SourceContext);
    if (!hit) continue;
    const sameText = f.raw.context?.line === (await ws.textAt(hit.rev, hit.path))?.split('\n')[hit.line - 1];
    Object.assign(f, {
      revPath: hit.path,
      localPath: hit.path,
      line: hit.line,
      revLine: await lineAtRevision(ws, hit, rev),
      // The generated column holds for the source only when the line is the same text.
      column: sameText ? f.column : null,
      inApp: !VENDORED.test(hit.path),
      placedBy: 'context-line' as const,
      placedAt: hit.rev,
      unplaced: undefined,
    });
  }
}
