/**
 * The frames of one trace as the triage works on them: resolved onto workspace files (mappings,
 * source maps), classified app or library, followed to today's working tree, and printed.
 */
import { tagsNewestFirst } from '../deploy/tagWalk';
import type { RawFrame, SourceContext } from '../model/event.types';
import type { ChangedSince, DeployRange, FramePlacement, TriagedFrame } from '../model/triage.types';
import type { TriageWorkspace } from './triageWorkspace';
import { isLibraryFrame } from '../stack/libraryFrames';
import type { StackLanguage } from '../stack/stack.types';
import { positionOrNull } from '../decode/valueDecoder';
import { findLinesAt } from '../git/lineSearch';
import type { TodayDiffs } from '../git/worktreeDiff';
import { choosePlacement, placeableText } from '../resolve/contextPlacement';

/** Most frames placed by their line text in one trace (one `git grep` for all). */
const MAX_PLACED = 50;

export interface FrameWork {
  raw: RawFrame;
  /** The function's original name (a minified one read back through the source map), else as reported. */
  fn: string | null;
  /** Path at the revision production ran (TO), or in the working tree when TO is unknown. */
  revPath: string | null;
  line: number | null;
  /** The line at `revPath`'s revision: the reported line, or where its text stands when the revision is a guess. */
  revLine: number | null;
  column: number | null;
  inApp: boolean;
  candidates: string[];
  localPath: string | null;
  localLine: number | null;
  changedSince: ChangedSince | null;
  /** How the frame's line was found, once a step placed it (see {@link FramePlacement}). */
  placedBy: FramePlacement | null;
  /** For `history`: the revision whose file holds the line, as production ran it, at `line`. */
  placedAt?: string;
  /** Why nothing placed the frame's line (its position is then unknown, never guessed). */
  unplaced?: string;
  /** Today's line followed its block's move after the deploy. */
  followedMove?: boolean;
}

/** SDK platform names (Sentry's and the text parsers') → the stack language library rules use. */
const PLATFORM_LANGUAGE = new Map<string, StackLanguage>([
  ['node', 'javascript'],
  ['javascript', 'javascript'],
  ['python', 'python'],
  ['java', 'java'],
  ['go', 'go'],
  ['ruby', 'ruby'],
  ['csharp', 'dotnet'],
  ['dotnet', 'dotnet'],
  ['php', 'php'],
  ['rust', 'rust'],
]);

export const VENDORED = /(^|\/)(node_modules|vendor|third_party|site-packages|dist-packages|bower_components)\//;
const INSTALLED = /\/(site-packages|dist-packages)\//;
/** Folders where a repository keeps code it vendored or its own packages: app code when git tracks it. */
const IN_REPO_CODE = /(^|\/)(vendor|third_party|packages|libs)\//;
const NODE_MODULES = /(^|\/)node_modules\//;

export async function resolveFrames(
  ws: TriageWorkspace,
  frames: RawFrame[],
  rev: string | null,
  platform: string | null,
): Promise<FrameWork[]> {
  const resolver = await ws.frameResolver(rev, frames);
  const tracked = await ws.trackedFiles(rev).catch(() => new Set<string>());
  const probe = ws.fileProbe();
  const language = (platform && PLATFORM_LANGUAGE.get(platform.toLowerCase())) || null;
  // A first pass learns the trace's production prefix from all its frames, whatever their order,
  // so that a frame outside it (a driver script) is never placed by its file name alone.
  for (const raw of frames) resolver.resolve(raw);
  return frames.map((raw) => {
    const library = isLibraryFrame(raw, language);
    const res = resolver.resolve(raw);
    let file = res.file;
    let line = raw.line;
    let column = raw.column;
    let fn = raw.function;
    const mapped = ws.mapGenerated(raw, file, probe);
    const placedBy = mapped ? ('source-map' as const) : null;
    if (mapped) {
      file = mapped.file;
      line = mapped.line;
      column = mapped.column;
      fn = mapped.name ?? fn;
    }
    // An app installed as a package (pip into site-packages) reports library-looking paths; once
    // the path after site-packages is one of the workspace's own files, it is app code.
    const installedApp =
      library && file !== null && typeof raw.path === 'string' && INSTALLED.test(raw.path.replace(/\\/g, '/'));
    // Code the repository vendored (vendor/, third_party/, packages/, libs/) is app code when git tracks it.
    const vendoredHere = file !== null && IN_REPO_CODE.test(file) && !NODE_MODULES.test(file) && tracked.has(file);
    const inApp =
      file !== null
        ? vendoredHere || ((!library || installedApp) && !VENDORED.test(file))
        : (raw.inApp ?? !library) && !library;
    return {
      raw,
      fn,
      revPath: file,
      line,
      revLine: line,
      column,
      inApp,
      candidates: res.candidates,
      localPath: file,
      localLine: file ? line : null,
      changedSince: null,
      placedBy,
    };
  });
}

/**
 * Frames of a generated file git does not track (a published bundle built from `src/`, no map)
 * placed on the source by the line text the event carries, found in the tree at `rev` (the
 * deployed revision, else HEAD): unresolved in-app frames, and frames whose file does not hold
 * that text at the reported line (a bundle `lib/index.js` taken for `src/index.js`). A frame
 * whose own file holds the text elsewhere stays (its line moved). One `git grep` for all; a text
 * in no file of that tree is looked up in its history afterwards ({@link placeByContextHistory}).
 */
export async function placeByContextLine(ws: TriageWorkspace, frames: FrameWork[], rev: string): Promise<void> {
  if (!ws.git) return;
  const want: Array<[FrameWork, string]> = [];
  for (const f of frames) {
    const text = placeableText(f.raw.context);
    if (!text || f.placedBy || f.candidates.length > 0) continue;
    if (f.revPath === null) {
      if (f.inApp) want.push([f, text]);
      continue;
    }
    const lines = (await ws.textAt(rev, f.revPath))?.split('\n');
    if (f.line !== null && lines?.[f.line - 1]?.trim() === text) continue;
    if (!lines?.some((l) => l.trim() === text)) want.push([f, text]);
  }
  if (want.length === 0) return;
  const found = await findLinesAt(
    ws.git.repo,
    rev,
    want.slice(0, MAX_PLACED).map(([, t]) => t),
  );
  for (const [f, text] of want.slice(0, MAX_PLACED)) {
    const placed = await choosePlacement(found.get(text) ?? [], f.raw.context as SourceContext, (p) =>
      ws.textAt(rev, p),
    );
    if (!placed.hit) continue;
    const sameText = f.raw.context?.line === (await ws.textAt(rev, placed.hit.path))?.split('\n')[placed.hit.line - 1];
    Object.assign(f, {
      revPath: placed.hit.path,
      localPath: placed.hit.path,
      line: placed.hit.line,
      revLine: placed.hit.line,
      localLine: placed.hit.line,
      // The generated column holds for the source only when the line is the same text.
      column: sameText ? f.column : null,
      inApp: !VENDORED.test(placed.hit.path),
      placedBy: 'context-line' as const,
    });
  }
}

/**
 * Today's place of each frame: its deployed line (or, for a frame placed through history, its
 * line at that revision) followed through the diff to the working tree. An unplaced frame has none.
 */
export async function followToWorkingTree(
  ws: TriageWorkspace,
  frames: FrameWork[],
  rev: string | null,
  today?: TodayDiffs,
): Promise<void> {
  const byBase = new Map<string | null, Map<string, FrameWork[]>>();
  for (const f of frames) {
    if (f.unplaced) [f.localPath, f.localLine] = [f.revPath, null];
    const base = f.placedAt ?? rev;
    const line = f.placedAt ? f.line : f.revLine;
    if (!f.revPath || line === null) continue;
    const byPath = byBase.get(base) ?? new Map<string, FrameWork[]>();
    byPath.set(f.revPath, [...(byPath.get(f.revPath) ?? []), f]);
    byBase.set(base, byPath);
  }
  for (const [base, byPath] of byBase) {
    const lineOf = (f: FrameWork): number => (f.placedAt ? f.line : f.revLine) as number;
    const lines = new Map([...byPath].map(([path, list]) => [path, list.map(lineOf)]));
    const moved = await ws.localLines(base, lines, today);
    for (const [path, list] of byPath) {
      for (const f of list) {
        const to = moved.get(path)?.get(lineOf(f));
        f.localPath = to?.path ?? null;
        f.localLine = to?.line ?? null;
        f.changedSince = to?.changedSince ?? null;
        f.followedMove = to?.followedMove === true;
      }
    }
  }
}

/** The contract's `placedBy` of a frame with a file: the step that placed it, else its line number. */
function placementOf(f: FrameWork): FramePlacement | null {
  if (f.unplaced || f.line === null) return null;
  if (f.placedBy && f.placedBy !== 'line-number') return f.placedBy;
  return f.followedMove ? 'moved-function' : 'line-number';
}

export function toTriaged(f: FrameWork): TriagedFrame {
  // The contract's last guard: whatever a decoder, a source map or the drift produced, an
  // impossible position is null, never 0, 1e+23 or 2^53.
  const out: TriagedFrame = {
    file: f.localPath ?? f.revPath,
    line: positionOrNull(f.line),
    column: positionOrNull(f.column),
    localLine: positionOrNull(f.localLine),
    function: f.fn,
    inApp: f.inApp,
    raw: f.raw.raw,
    changedSince: f.changedSince,
  };
  if (out.file !== null && !f.raw.folded) {
    out.placedBy = placementOf(f);
    if (f.placedAt) out.placedAt = f.placedAt;
    if (out.placedBy === null) out.unplaced = f.unplaced ?? 'production reported no line number';
  }
  if (!f.revPath && f.candidates.length > 0) out.candidates = f.candidates;
  if (f.raw.folded) out.folded = f.raw.folded;
  return out;
}

/**
 * Without a release, a provider revision or `--deploy`, tags mark the likely deploys: walk them
 * newest first (from HEAD) and take the first whose files hold the trace's own source lines at
 * their reported numbers (the frames that carry them: Python tracebacks, SDK context). A trace
 * with no such lines takes the newest tag. Null when no tag fits: the triage then blames at HEAD.
 */
export async function guessRangeFromTags(
  ws: TriageWorkspace,
  raw: RawFrame[],
  platform: string | null,
  tagPattern?: string,
): Promise<{ range: DeployRange; frames: FrameWork[] } | null> {
  if (!ws.git) return null;
  for (const tag of await tagsNewestFirst(ws.git.repo, tagPattern)) {
    const range = await ws.deployRange({ flag: tag, tagPattern });
    if (!range.to) continue;
    const frames = await resolveFrames(ws, raw, range.to, platform);
    await placeByContextLine(ws, frames, range.to);
    if (await linesMatch(ws, frames, range.to))
      return { range: { from: range.from, to: range.to, source: 'tags' }, frames };
  }
  return null;
}

async function linesMatch(ws: TriageWorkspace, frames: FrameWork[], rev: string): Promise<boolean> {
  for (const f of frames
    .filter((x) => x.inApp && x.revPath && x.line !== null && x.raw.context?.line?.trim())
    .slice(0, 5)) {
    const text = (await ws.textAt(rev, f.revPath as string))?.split('\n')[(f.line as number) - 1];
    if (text?.trim() !== f.raw.context?.line?.trim()) return false;
  }
  return true;
}
