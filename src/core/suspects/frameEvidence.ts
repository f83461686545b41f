/**
 * Evidence from the frames' own functions: who wrote each line that ran (blame), who removed
 * lines from them (a guard taken out), and who changed their files elsewhere.
 */
import type { BlameLine } from '../git/git.types';
import { enclosingFunction, inBodies, nestedBodies } from './functionExtent';
import { guardLines, lastExecutedLine } from './executedLines';
import type { BlameMode, CommitFacts, Evidence } from './evidence.types';
import type { PatchCommit, PatchHunk } from './rangePatch';
import type { BlameFrame, FrameExtent, SuspectGitPort } from './suspectPort.types';
import { removedFlow, type FrameFlow } from './flowEvidence';
import { squash } from './lineText';
import { WINDOWS } from './searchWindows';

const NEAR = WINDOWS['frame.near'];
const MAX_EXTENT = WINDOWS['frame.extent'];

function clampExtent(f: BlameFrame, start: number, end: number, lines: string[]): FrameExtent {
  const s = Math.min(Math.max(start, f.line - MAX_EXTENT), f.line);
  const e = Math.max(Math.min(end, f.line + MAX_EXTENT), f.line);
  const nested = nestedBodies(lines, s, e, f.line);
  return { ...f, start: s, end: e, ranUntil: lastExecutedLine(lines, f.line, s, e), text: lines, nested };
}

export async function extentsOf(port: SuspectGitPort, rev: string, frames: BlameFrame[]): Promise<FrameExtent[]> {
  const texts = new Map<string, string[] | null>();
  for (const path of new Set(frames.map((f) => f.path))) {
    const text = await port.show(rev, path);
    texts.set(path, text === null ? null : text.split('\n'));
  }
  const out: FrameExtent[] = [];
  for (const f of frames) {
    const lines = texts.get(f.path);
    if (!lines || f.line > lines.length) continue;
    const ext = enclosingFunction(lines, f.line, f.function);
    out.push(clampExtent(f, ext.start, ext.end, lines));
  }
  return out;
}

export function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** Facts from blame headers; boundary lines only count outside a range (root commits). */
export function factsFromBlame(lines: BlameLine[], into: Map<string, CommitFacts>, includeBoundary: boolean): void {
  for (const b of lines) {
    if (into.has(b.sha) || (b.boundary && !includeBoundary)) continue;
    into.set(b.sha, {
      sha: b.sha,
      author: b.author,
      authorMail: b.authorMail.replace(/^<|>$/g, ''),
      date: new Date(b.authorTime * 1000).toISOString(), // fact: milliseconds per second
      summary: b.summary,
      // Blame headers carry no diff stats; 0 means unknown and keeps focus neutral.
      filesChanged: 0,
      linesAdded: 0,
      linesRemoved: 0,
      cosmetic: false,
    });
  }
}

/** Line, near and function evidence from each file's blame lines over its frames' functions. */
export function blameEvidence(
  frames: FrameExtent[],
  blameByPath: Map<string, BlameLine[]>,
  mode: BlameMode,
): Evidence[] {
  const out: Evidence[] = [];
  const lineMaps = new Map<string, Map<number, BlameLine>>();
  for (const [path, lines] of blameByPath) lineMaps.set(path, new Map(lines.map((b) => [b.finalLine, b])));
  for (const f of frames) {
    const byLine = lineMaps.get(f.path);
    if (!byLine) continue;
    // Per commit, the nearest changed line that had run and the nearest that had not.
    const perCommit = new Map<
      string,
      { ran: number; ranLine: number; later: number; laterLine: number; count: number; guard: boolean }
    >();
    const guards = new Set(guardLines(f.text, f.line, f.start));
    for (let l = f.start; l <= f.end; l++) {
      const b = byLine.get(l);
      if (!b || (mode === 'range' && b.boundary) || inBodies(f.nested, l)) continue;
      const d = Math.abs(l - f.line);
      const cur = perCommit.get(b.sha) ?? {
        ran: Infinity,
        ranLine: l,
        later: Infinity,
        laterLine: l,
        count: 0,
        guard: false,
      };
      cur.count++;
      if (guards.has(l)) cur.guard = true;
      if (l <= f.ranUntil && d < cur.ran) [cur.ran, cur.ranLine] = [d, l];
      if (l > f.ranUntil && d < cur.later) [cur.later, cur.laterLine] = [d, l];
      perCommit.set(b.sha, cur);
    }
    for (const [sha, c] of perCommit) {
      const ran = Number.isFinite(c.ran);
      const distance = ran ? c.ran : c.later;
      const kind = !ran ? 'later' : distance === 0 ? 'line' : distance <= NEAR ? 'near' : 'function';
      out.push({
        sha,
        kind,
        frameDepth: f.depth,
        file: f.path,
        frameLine: f.line,
        function: f.function,
        distance,
        lines: c.count,
        changedLine: ran ? c.ranLine : c.laterLine,
        ...(c.guard && ran && distance > 0 ? { guard: true } : {}),
      });
    }
  }
  return out;
}

function significant(lines: string[]): string[] {
  return lines.map(squash).filter((l) => l.length > 1);
}

/**
 * Lines the deploy removed (net of what replaced them) inside a frame's function: a guard taken
 * out, a default dropped. Attributed to the newest commit in the range that removed that text.
 */
export function removedEvidence(
  frames: FrameExtent[],
  deployDiff: PatchCommit | undefined,
  patches: PatchCommit[],
  flows: FrameFlow[],
): Evidence[] {
  const out: Evidence[] = [];
  if (!deployDiff) return out;
  for (const file of deployDiff.files) {
    for (const h of file.hunks) {
      if (h.newLines >= h.oldLines) continue;
      const gone = new Set(significant(h.removed));
      for (const a of significant(h.added)) gone.delete(a);
      if (gone.size === 0) continue;
      const goneText = h.removed.filter((r) => gone.has(squash(r)));
      // A pure deletion sits between newStart and newStart+1 at TO.
      const at = h.newLines === 0 ? h.newStart + 0.5 : h.newStart; // fact: a pure deletion sits between two lines
      for (const f of frames) {
        if (f.path !== file.path || at < f.start - 1 || at > f.end + 1 || inBodies(f.nested, Math.round(at))) continue;
        const sha = lastRemover(file.path, gone, patches);
        if (!sha) continue;
        const lines = Math.min(gone.size, h.oldLines - h.newLines);
        // Code removed below where the frame stopped would not have run either.
        const kind = at > f.ranUntil + 0.5 ? 'later' : 'removed'; // fact: a pure deletion sits between two lines
        const base: Evidence = {
          sha,
          kind,
          frameDepth: f.depth,
          file: f.path,
          frameLine: f.line,
          function: f.function,
          distance: Math.round(Math.abs(at - f.line)),
          lines,
          changedLine: Math.floor(at),
        };
        const related =
          kind === 'removed'
            ? removedFlow(
                flows.find((x) => x.frame.depth === f.depth),
                goneText,
              )
            : null;
        if (related === 'off') base.offFlow = true;
        out.push(base);
        if (related === 'flow') out.push({ ...base, kind: 'flow' });
      }
    }
  }
  return out;
}

function lastRemover(path: string, gone: Set<string>, patches: PatchCommit[]): string | null {
  // Patches come newest first from git log: the first commit whose removals cover a line wins.
  for (const c of patches) {
    for (const f of c.files) {
      if (f.path !== path) continue;
      if (f.hunks.some((h: PatchHunk) => significant(h.removed).some((r) => gone.has(r)))) return c.sha;
    }
  }
  return null;
}

export function fileEvidence(frames: FrameExtent[], patches: PatchCommit[], have: Evidence[]): Evidence[] {
  const linked = new Set(have.map((e) => `${e.sha}\0${e.file}`));
  const out: Evidence[] = [];
  for (const c of patches) {
    for (const file of c.files) {
      const f = frames.filter((x) => x.path === file.path).sort((a, b) => a.depth - b.depth)[0];
      if (!f || linked.has(`${c.sha}\0${file.path}`)) continue;
      linked.add(`${c.sha}\0${file.path}`);
      const lines = file.hunks.reduce((s, h) => s + h.added.length + h.removed.length, 0);
      out.push({
        sha: c.sha,
        kind: 'file',
        frameDepth: f.depth,
        file: file.path,
        frameLine: f.line,
        function: f.function,
        distance: Infinity,
        lines,
      });
    }
  }
  return out;
}
