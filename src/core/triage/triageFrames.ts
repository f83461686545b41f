/**
 * The frames of one trace as the triage works on them: resolved onto workspace files (mappings,
 * source maps), classified app or library, followed to today's working tree, and printed.
 */
import { CulpritError } from '../errors';
import type { RawFrame } from '../model/event.types';
import type { ChangedSince, DeployRange, TriagedFrame } from '../model/triage.types';
import type { TriageWorkspace } from './triageWorkspace';
import { isLibraryFrame } from '../stack/libraryFrames';
import type { StackLanguage } from '../stack/stack.types';

export interface FrameWork {
  raw: RawFrame;
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

const VENDORED = /(^|\/)(node_modules|vendor|third_party|site-packages|dist-packages|bower_components)\//;
const INSTALLED = /\/(site-packages|dist-packages)\//;

export async function resolveFrames(
  ws: TriageWorkspace,
  frames: RawFrame[],
  rev: string | null,
  platform: string | null,
): Promise<FrameWork[]> {
  const resolver = await ws.frameResolver(rev);
  const language = (platform && PLATFORM_LANGUAGE.get(platform.toLowerCase())) || null;
  return frames.map((raw) => {
    const library = isLibraryFrame(raw, language);
    const res = resolver.resolve(raw);
    let file = res.file;
    let line = raw.line;
    let column = raw.column;
    const mapped = ws.mapGenerated(raw, file);
    if (mapped) {
      file = mapped.file;
      line = mapped.line;
      column = mapped.column;
    }
    // An app installed as a package (pip into site-packages) reports library-looking paths; once
    // the path after site-packages is one of the workspace's own files, it is app code.
    const installedApp =
      library && file !== null && typeof raw.path === 'string' && INSTALLED.test(raw.path.replace(/\\/g, '/'));
    const inApp =
      file !== null ? (!library || installedApp) && !VENDORED.test(file) : (raw.inApp ?? !library) && !library;
    return {
      raw,
      revPath: file,
      line,
      revLine: line,
      column,
      inApp,
      candidates: res.candidates,
      localPath: file,
      localLine: file ? line : null,
      changedSince: null,
    };
  });
}

export async function followToWorkingTree(ws: TriageWorkspace, frames: FrameWork[], rev: string | null): Promise<void> {
  const byPath = new Map<string, FrameWork[]>();
  for (const f of frames) {
    if (!f.revPath || f.revLine === null) continue;
    byPath.set(f.revPath, [...(byPath.get(f.revPath) ?? []), f]);
  }
  const moved = await ws.localLines(
    rev,
    new Map([...byPath].map(([path, list]) => [path, list.map((f) => f.revLine as number)])),
  );
  for (const [path, list] of byPath) {
    for (const f of list) {
      const to = moved.get(path)?.get(f.revLine as number);
      f.localPath = to?.path ?? null;
      f.localLine = to?.line ?? null;
      f.changedSince = to?.changedSince ?? null;
    }
  }
}

export function toTriaged(f: FrameWork): TriagedFrame {
  const out: TriagedFrame = {
    file: f.localPath ?? f.revPath,
    line: f.line,
    column: f.column,
    localLine: f.localLine,
    function: f.raw.function,
    inApp: f.inApp,
    raw: f.raw.raw,
    changedSince: f.changedSince,
  };
  if (!f.revPath && f.candidates.length > 0) out.candidates = f.candidates;
  return out;
}

const REALIGN_WINDOW = 300;

/**
 * Without a deployed revision the reported line numbers may belong to an older version of the
 * file. When the event carries the line's text (SDK context, Python tracebacks), find that text
 * nearest the reported line at HEAD and blame there instead.
 */
export async function realignToRevision(ws: TriageWorkspace, frames: FrameWork[], rev: string): Promise<void> {
  for (const f of frames) {
    const want = f.raw.context?.line?.trim();
    if (!f.revPath || f.line === null || !want) continue;
    const lines = (await ws.textAt(rev, f.revPath))?.split('\n');
    if (!lines || lines[f.line - 1]?.trim() === want) continue;
    for (let d = 1; d <= REALIGN_WINDOW; d++) {
      const hit = [f.line - d, f.line + d].find((l) => l >= 1 && lines[l - 1]?.trim() === want);
      if (hit !== undefined) {
        f.revLine = hit;
        break;
      }
    }
  }
}

/**
 * Without a release, a provider revision or `--deploy`, the newest tag reachable from HEAD is the
 * likeliest deploy (tags mark releases), and the range runs from the tag before it. Trusted only
 * when the frames that carry their line's text (Python tracebacks, SDK context) find that text
 * at their reported lines there: otherwise the trace came from another revision.
 */
export async function rangeFromNewestTag(ws: TriageWorkspace, tagPattern?: string): Promise<DeployRange | null> {
  if (!ws.git) return null;
  let tag: string;
  try {
    tag = (
      await ws.git.repo.run([
        'describe',
        '--tags',
        '--abbrev=0',
        ...(tagPattern ? ['--match', tagPattern] : []),
        'HEAD',
      ])
    ).trim();
  } catch (e) {
    if (CulpritError.is(e, 'cancelled') || CulpritError.is(e, 'timeout')) throw e;
    return null;
  }
  if (!tag || tag.startsWith('-')) return null;
  const range = await ws.deployRange({ flag: tag, tagPattern: tagPattern });
  return range.to ? { from: range.from, to: range.to, source: 'tags' } : null;
}

export async function linesMatch(ws: TriageWorkspace, frames: FrameWork[], rev: string): Promise<boolean> {
  for (const f of frames
    .filter((x) => x.inApp && x.revPath && x.line !== null && x.raw.context?.line?.trim())
    .slice(0, 5)) {
    const text = (await ws.textAt(rev, f.revPath as string))?.split('\n')[(f.line as number) - 1];
    if (text?.trim() !== f.raw.context?.line?.trim()) return false;
  }
  return true;
}
