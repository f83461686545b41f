/**
 * Places each frame's reported line in the deployed revision by the line text the event carries
 * (Python tracebacks, SDK context lines): at the reported number when the text stands there, else
 * inside the frame's named function, else in the revision of the file's history that holds it at
 * that number (git's pickaxe: the commit that added the text, or the parent of the one that
 * removed it). A line that nothing places is unknown, never left at its reported number.
 */
import type { FrameWork } from './triageFrames';
import type { TriageWorkspace } from './triageWorkspace';
import { realignLine } from './realignLine';
import { placeableText } from '../resolve/contextPlacement';
import { commitsTouchingText, lineBetween } from '../git/pickaxe';
import { CulpritError } from '../errors';

/** Most frames followed through history in one trace (one `git log -S` each). */
const MAX_FOLLOWED = 20;

function lineAt(text: string | null, line: number): string | undefined {
  return text?.split('\n')[line - 1]?.trim();
}

/** The commit (or parent) whose `path` holds `want` at `line`, newest first; null when none does. */
async function revisionHolding(
  ws: TriageWorkspace,
  rev: string,
  path: string,
  line: number,
  want: string,
): Promise<string | null> {
  if (!ws.git) return null;
  let commits;
  try {
    commits = await commitsTouchingText(ws.git.repo, rev, path, want);
  } catch (e) {
    if (CulpritError.is(e, 'cancelled') || CulpritError.is(e, 'timeout')) throw e;
    return null;
  }
  for (const c of commits) {
    for (const cand of [c.sha, c.parent]) {
      if (cand && lineAt(await ws.textAt(cand, path), line) === want) return cand;
    }
  }
  return null;
}

/** Frames whose position `placeByLineText` may change: a file at `rev`, a reported line, its text. */
function placeable(f: FrameWork): f is FrameWork & { revPath: string; line: number } {
  return f.revPath !== null && f.line !== null && !f.placedBy && !!f.raw.context?.line?.trim();
}

/** `revName` words `rev` for the reason a frame was not placed: `the deployed revision`, `HEAD`. */
export async function placeByLineText(
  ws: TriageWorkspace,
  frames: FrameWork[],
  rev: string,
  revName: string,
): Promise<void> {
  let followed = 0;
  for (const f of frames) {
    if (!placeable(f)) continue;
    const want = (f.raw.context?.line ?? '').trim();
    const text = await ws.textAt(rev, f.revPath);
    // A file git does not hold at the revision (untracked, generated) keeps its reported line.
    if (text === null) continue;
    const lines = text.split('\n');
    if (lines[f.line - 1]?.trim() === want) {
      f.placedBy = 'line-number';
      continue;
    }
    const realigned = realignLine(lines, f.line, want, f.fn);
    if (realigned !== null) {
      [f.revLine, f.placedBy] = [realigned, 'function-text'];
      continue;
    }
    const findable = placeableText(f.raw.context) !== null && followed++ < MAX_FOLLOWED;
    const holding = findable ? await revisionHolding(ws, rev, f.revPath, f.line, want) : null;
    if (holding) {
      const atRev = ws.git ? await lineBetween(ws.git.repo, holding, rev, f.revPath, f.line).catch(() => null) : null;
      // Blamed at the revision only where it holds the same text; a rewritten counterpart is not what ran.
      f.revLine = atRev !== null && lines[atRev - 1]?.trim() === want ? atRev : null;
      [f.placedBy, f.placedAt] = ['history', holding];
      continue;
    }
    f.revLine = null;
    f.unplaced =
      `its line text is not at line ${f.line} of ${f.revPath} at ${revName}, ` +
      `nor in its function there${findable ? ', nor at that line in the file’s history' : ''}`;
  }
}
