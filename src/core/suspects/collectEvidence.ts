/**
 * Gathers evidence linking commits to the stack: range blame over the frames' functions, the
 * deploy diff's removed lines, and identifier matches in the range's patches. Costs, per the
 * measured strategy: one diff for all frame files, one blame per changed file, one log -p.
 */
import type { BlameLine } from '../git/git.types';
import { enclosingFunction } from './functionExtent';
import { lastExecutedLine } from './executedLines';
import type { BlameMode, CommitFacts, Evidence } from './evidence.types';
import { RANGE_PATCH_FORMAT, parseRangePatch, type PatchCommit, type PatchHunk } from './rangePatch';
import { rangeFacts } from './rangeFacts';
import { collectCalleeEvidence } from './calleeEvidence';
import { collectLiteralEvidence } from './literalEvidence';
import { hierarchyEvidence } from './hierarchyEvidence';
import type { BlameFrame, SuspectGitPort } from './suspectPort.types';
import { crashLineEvidence, crashLineTouches, tokenEvidence } from './tokenEvidence';
import { flowEvidence, removedFlow, traceFlow, type FrameFlow } from './flowEvidence';
import { mapLimit } from '../util/mapLimit';
import { enumConstants, enumEvidence, isIndexError, shapeEvidence } from './shapeEvidence';

const NEAR = 3;
const MAX_EXTENT = 200;
const MAX_TOKENS = 12;

export interface EvidenceRequest {
  mode: BlameMode;
  /** Deployed revision (SHA); for `head` mode, HEAD's SHA. */
  to: string;
  /** Previous deploy (SHA), required for `range` mode. */
  from: string | null;
  frames: BlameFrame[];
  /** Identifiers from the error message and crashing line. */
  tokens: string[];
  /** The names the error is about beyond the crashing line's code (errorTokens.keyTokens); matched ignoring case. */
  keyTokens?: string[];
  /** The names the failing operation used (errorTokens.failingNames): the property read, the key. */
  failing?: string[];
  /** The key a lookup did not find (errorTokens.missingKeys). */
  missing?: string[];
  /** Other literals the message quotes (errorTokens.quotedLiterals). */
  literals?: string[];
  /** The error is a read of a null or undefined value (errorTokens.isNullishError). */
  nullish?: boolean;
  /** The error's type and message, for rules that read its kind (an index error, an enum constant). */
  message?: string | null;
}

export interface EvidenceResult {
  evidence: Evidence[];
  commits: Map<string, CommitFacts>;
  /** Commits in the range (range mode), for the label. */
  rangeCommitCount: number;
}

interface FrameExtent extends BlameFrame {
  start: number;
  end: number;
  /** Last line that may have run before the frame stopped; changes below it never ran. */
  ranUntil: number;
  /** The file's lines at TO. */
  text: string[];
}

function clampExtent(f: BlameFrame, start: number, end: number, lines: string[]): FrameExtent {
  const s = Math.min(Math.max(start, f.line - MAX_EXTENT), f.line);
  const e = Math.max(Math.min(end, f.line + MAX_EXTENT), f.line);
  return { ...f, start: s, end: e, ranUntil: lastExecutedLine(lines, f.line, s, e), text: lines };
}

async function extentsOf(port: SuspectGitPort, rev: string, frames: BlameFrame[]): Promise<FrameExtent[]> {
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

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
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
function factsFromBlame(lines: BlameLine[], into: Map<string, CommitFacts>, includeBoundary: boolean): void {
  for (const b of lines) {
    if (into.has(b.sha) || (b.boundary && !includeBoundary)) continue;
    into.set(b.sha, {
      sha: b.sha,
      author: b.author,
      authorMail: b.authorMail.replace(/^<|>$/g, ''),
      date: new Date(b.authorTime * 1000).toISOString(),
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
function blameEvidence(frames: FrameExtent[], blameByPath: Map<string, BlameLine[]>, mode: BlameMode): Evidence[] {
  const out: Evidence[] = [];
  const lineMaps = new Map<string, Map<number, BlameLine>>();
  for (const [path, lines] of blameByPath) lineMaps.set(path, new Map(lines.map((b) => [b.finalLine, b])));
  for (const f of frames) {
    const byLine = lineMaps.get(f.path);
    if (!byLine) continue;
    // Per commit, the nearest changed line that had run and the nearest that had not.
    const perCommit = new Map<
      string,
      { ran: number; ranLine: number; later: number; laterLine: number; count: number }
    >();
    for (let l = f.start; l <= f.end; l++) {
      const b = byLine.get(l);
      if (!b || (mode === 'range' && b.boundary)) continue;
      const d = Math.abs(l - f.line);
      const cur = perCommit.get(b.sha) ?? { ran: Infinity, ranLine: l, later: Infinity, laterLine: l, count: 0 };
      cur.count++;
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
      });
    }
  }
  return out;
}

/** Whitespace-insensitive line identity: a reformat must not hide who removed a line. */
function squash(line: string): string {
  return line.replace(/\s+/g, '');
}

function significant(lines: string[]): string[] {
  return lines.map(squash).filter((l) => l.length > 1);
}

/**
 * Lines the deploy removed (net of what replaced them) inside a frame's function: a guard taken
 * out, a default dropped. Attributed to the newest commit in the range that removed that text.
 */
function removedEvidence(
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
      const at = h.newLines === 0 ? h.newStart + 0.5 : h.newStart;
      for (const f of frames) {
        if (f.path !== file.path || at < f.start - 1 || at > f.end + 1) continue;
        const sha = lastRemover(file.path, gone, patches);
        if (!sha) continue;
        const lines = Math.min(gone.size, h.oldLines - h.newLines);
        // Code removed below where the frame stopped would not have run either.
        const kind = at > f.ranUntil + 0.5 ? 'later' : 'removed';
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

function fileEvidence(frames: FrameExtent[], patches: PatchCommit[], have: Evidence[]): Evidence[] {
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

function escapeRegex(s: string): string {
  return s.replace(/[$.*+?()[\]{}|^\\]/g, '\\$&');
}

/** One blame per file over its frames' merged extents, at most two git processes at once. */
async function blameFiles(
  paths: string[],
  frames: FrameExtent[],
  blame: (path: string, ranges: Array<[number, number]>) => Promise<BlameLine[]>,
): Promise<Map<string, BlameLine[]>> {
  const results = await mapLimit(paths, 2, (p) =>
    blame(p, mergeRanges(frames.filter((f) => f.path === p).map((f) => [f.start, f.end]))),
  );
  return new Map(paths.map((p, i) => [p, results[i]]));
}

/** Collects all evidence for one triage. */
export async function collectEvidence(port: SuspectGitPort, req: EvidenceRequest): Promise<EvidenceResult> {
  const frames = await extentsOf(port, req.to, req.frames);
  const paths = [...new Set(frames.map((f) => f.path))];
  if (req.mode !== 'range' || !req.from) {
    const blame = await blameFiles(paths, frames, (p, ranges) => port.blameAt(req.to, p, ranges));
    const commits = new Map<string, CommitFacts>();
    factsFromBlame([...blame.values()].flat(), commits, true);
    return { evidence: blameEvidence(frames, blame, req.mode), commits, rangeCommitCount: 0 };
  }
  const from = req.from;
  const range = `${from}..${req.to}`;
  const deployDiff = paths.length
    ? parseRangePatch(
        `\0deploy\n${await port.runImmutable(['diff', '-U0', '--no-renames', '--no-color', from, req.to, '--', ...paths])}`,
      )[0]
    : undefined;
  const changed = new Set((deployDiff?.files ?? []).map((f) => f.path));
  const blamePaths = paths.filter((p) => changed.has(p));
  const blame = await blameFiles(blamePaths, frames, (p, ranges) => port.blameRange(from, req.to, p, ranges));
  const framePatches = blamePaths.length
    ? parseRangePatch(
        await port.runImmutable([
          'log',
          '-p',
          '-U0',
          '--no-renames',
          '--no-color',
          RANGE_PATCH_FORMAT,
          range,
          '--',
          ...blamePaths,
        ]),
      )
    : [];
  const keys = (req.keyTokens ?? []).slice(0, MAX_TOKENS);
  const enums = enumConstants(req.message ?? null);
  const tokens = [...new Set([...keys, ...enums, ...req.tokens])].slice(0, MAX_TOKENS);
  // With -M a file moved in the range shows only its edits, not every line as a mention. Key
  // names match ignoring case (`Address` for `address`); plain tokens are filtered exactly later.
  const tokenPatches = tokens.length
    ? parseRangePatch(
        await port.runImmutable([
          'log',
          '-p',
          '-U0',
          '-M',
          '--no-color',
          '-E',
          ...(keys.length ? ['-i'] : []),
          `-G(^|[^A-Za-z0-9_$])(${tokens.map(escapeRegex).join('|')})([^A-Za-z0-9_$]|$)`,
          RANGE_PATCH_FORMAT,
          range,
        ]),
      )
    : [];
  const evidence = blameEvidence(frames, blame, 'range');
  const flows = traceFlow(
    [...frames].sort((a, b) => a.depth - b.depth),
    req.failing ?? [],
  );
  evidence.push(...flowEvidence(flows, blame, framePatches, evidence, (b) => !b.boundary));
  evidence.push(...removedEvidence(frames, deployDiff, framePatches, flows));
  evidence.push(...fileEvidence(frames, framePatches, evidence));
  const crash = frames.find((f) => f.depth === 0);
  const crashBlame = crash ? blame.get(crash.path)?.find((b) => b.finalLine === crash.line && !b.boundary) : undefined;
  const touches = crashLineTouches(crash, framePatches, [...new Set([...(req.failing ?? []), ...keys])]);
  evidence.push(...crashLineEvidence(crash, touches, crashBlame, keys, evidence));
  evidence.push(...tokenEvidence(tokenPatches, tokens, keys, frames));
  evidence.push(
    ...shapeEvidence({ frames, blame, framePatches, message: req.message ?? null }),
    ...enumEvidence(tokenPatches, enums, req.missing ?? []),
  );
  evidence.push(
    ...(await collectCalleeEvidence(
      port,
      { from, to: req.to, range },
      frames,
      flows,
      keys,
      req.failing ?? [],
      req.nullish ?? false,
      isIndexError(req.message ?? null),
    )),
  );
  evidence.push(
    ...(await collectLiteralEvidence(port, range, req.missing ?? [], req.literals ?? [])),
    ...(await hierarchyEvidence(port, from, req.to, req.message ?? null)),
  );
  const incidentalHunks = new Map(touches.filter((t) => t.incidental).map((t) => [t.sha, t.removed]));
  const commits = await rangeFacts(port, from, req.to, framePatches, new Set(blamePaths), incidentalHunks);
  const linked = new Set(evidence.map((e) => e.sha));
  for (const sha of commits.keys()) {
    if (!linked.has(sha))
      evidence.push({
        sha,
        kind: 'range',
        frameDepth: 0,
        file: '',
        frameLine: 0,
        function: null,
        distance: Infinity,
        lines: 0,
      });
  }
  // Commits after TO can only come from a broken range; never name them.
  const inRange = evidence.filter((e) => commits.has(e.sha));
  return { evidence: inRange, commits, rangeCommitCount: commits.size };
}
