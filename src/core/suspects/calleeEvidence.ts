/**
 * Evidence for code that ran and returned before the crash, so it is on no frame: a function a
 * frame called on or before its line (a helper that now returns the wrong value), or the value of
 * a constant or config key that a frame's line reads (`Limits.MAX_N`, `config.fieldName`).
 * Reads the deploy diff of the whole repository once, and opens at TO only the changed files that
 * could define such a name.
 */
import { isNonCodePath } from './pathKinds';
import type { Evidence } from './evidence.types';
import { enclosingFunction, inBodies } from './functionExtent';
import { RANGE_PATCH_FORMAT, isCosmetic, parseRangePatch, type PatchFile } from './rangePatch';
import type { FrameExtent, FrameText, SuspectGitPort } from './suspectPort.types';
import { keyHits } from './errorTokens';
import { constantUses, keepsEveryKey, operandDefinitions } from './operandSource';
import { isAwaitRemoved, isBoundChange } from './shapeEvidence';
import { isNormalizerRemoved } from './normalizerShape';
import type { ProducerUse } from './producerChain';
import { followProducers } from './producerFiles';
import { namesUsed, type NameUse } from './namesUsed';
import { declarationLine } from './declarationLine';
import { hunkSpan, inFrame, valueDefinitions, type DefinitionHit, type Extent } from './valueDefinitions';
import { squash } from './lineText';
import { WINDOWS } from './searchWindows';

/**
 * Hunks inside the body of a function one of the `call` names declares in `lines` (the file at
 * TO), outside every frame's own function in that file.
 */
function calleeDefinitions(file: PatchFile, lines: string[], uses: NameUse[], frames: Extent[]): DefinitionHit[] {
  const out: DefinitionHit[] = [];
  const own = frames.filter((f) => f.path === file.path);
  for (const use of uses) {
    if (use.kind !== 'call') continue;
    const at = declarationLine(lines, use.name);
    if (at === null) continue;
    const ext = enclosingFunction(lines, Math.min(at + 1, lines.length), use.name);
    if (!ext.named) continue;
    if (own.some((f) => f.start <= ext.start && ext.end <= f.end && !inBodies(f.nested, ext.start))) continue;
    for (const h of file.hunks) {
      const [a, b] = hunkSpan(h);
      if (b >= ext.start && a <= ext.end) out.push({ use, path: file.path, hunk: h });
    }
  }
  return out;
}

/** Evidence for one commit found to have written a definition hit; `keys` it names are noted. */
function calleeEvidence(
  sha: string,
  hit: DefinitionHit,
  lines: number,
  keys: string[] = [],
  nullOrigins: Set<string> = new Set(),
): Evidence {
  const f = hit.use.frame;
  const via = (hit.use as Partial<ProducerUse>).via;
  const [a] = hunkSpan(hit.hunk);
  const named = [...keyHits(keys, [...hit.hunk.added, ...hit.hunk.removed].join('\n'))];
  return {
    ...(named.length ? { keys: named } : {}),
    ...(hit.operand ? { operand: true } : {}),
    ...(via?.length ? { via } : {}),
    ...(nullOrigins.has(hit.use.name) ? { nullOrigin: true } : {}),
    feeds: hit.use.feeds,
    sha,
    kind: 'callee',
    frameDepth: f.depth,
    file: hit.path,
    frameLine: f.line,
    function: f.function,
    distance: Math.abs(hit.use.line - f.line),
    lines,
    changedLine: Math.floor(a),
    callee: hit.use.name,
    calledLine: hit.use.line,
    calleeKind: hit.use.kind,
  };
}

/** What the error says that decides which changes can explain it. */
export interface CalleeErrorFacts {
  /** Names of the failing expression on the crashing line (failingNames). */
  failing?: string[];
  /** A null, None, nil or undefined value was read. */
  nullish?: boolean;
  /** The error is an index out of range: a helper's bound moved by one is named as such. */
  index?: boolean;
  /** The property a failed read asked of a nullish value (unreadProperty): its value was never read. */
  unread?: string | null;
  /** A table had no entry for a key: a change that keeps every key it touches cannot explain it. */
  missingKey?: boolean;
}

const MAX_FILES = WINDOWS['callee.files'];
/** Input safety, not a search window: a larger file (a bundle or a data dump) is not read. */
const MAX_FILE_CHARS = 2_000_000; // bound: a bigger file is generated or minified, not scanned
const CODE_FILE =
  /\.(?:[cm]?[jt]sx?|py|java|kt|kts|scala|go|rb|cs|php|rs|swift|groovy|json|ya?ml|toml|ini|cfg|conf|properties|env)$/i;

/**
 * `callee` evidence for the deploy range FROM..TO: reads the whole deploy diff, finds the changed
 * definitions of names the frames used, and names the commits that wrote them (blame for added
 * lines; for removed ones, the newest commit in the range whose patch removed them).
 */
export async function collectCalleeEvidence(
  port: SuspectGitPort,
  revs: { from: string; to: string; range: string },
  frames: Array<FrameText & Pick<FrameExtent, 'end'>>,
  flows: Array<{ frame: { depth: number }; defLines: number[] }>,
  keys: string[],
  error: CalleeErrorFacts = {},
): Promise<Evidence[]> {
  const { from, to, range } = revs;
  const { failing = [], nullish = false, index = false, unread = null, missingKey = false } = error;
  const feedLines = new Map(flows.map((f) => [f.frame.depth, f.defLines]));
  const uses = namesUsed(frames, feedLines, failing).filter(
    (u) => !(u.kind === 'value' && u.depth === 0 && u.name === unread),
  );
  const constants = constantUses(frames, feedLines);
  if (uses.length === 0 && constants.length === 0 && failing.length === 0) return [];
  const diff = parseRangePatch(
    `\0deploy\n${await port.runImmutable(['diff', '-U0', '--no-renames', '--no-color', from, to])}`,
  )[0];
  // A file gone at TO (deleted, or moved: the diff has no renames) defines nothing that ran.
  const gone = (f: PatchFile) => f.hunks.length > 0 && f.hunks.every((h) => h.newStart === 0 && h.newLines === 0);
  const files = (diff?.files ?? [])
    .filter((f) => f.path && CODE_FILE.test(f.path) && !isNonCodePath(f.path) && !gone(f))
    .slice(0, MAX_FILES);
  const hits: DefinitionHit[] = [];
  const frameText = new Map(frames.map((f) => [f.path, f.text]));
  const callNames = uses.filter((u) => u.kind === 'call').map((u) => u.name);
  const crash = frames.find((f) => f.depth === 0);
  const read = new Map(frameText);
  for (const file of files) {
    hits.push(...valueDefinitions(file, uses, frames));
    const config = /\.(?:json|ya?ml|toml|ini|cfg|conf|properties|env)$/i.test(file.path);
    let lines = frameText.get(file.path) ?? null;
    const wanted = [...callNames, ...constants.map((c) => c.name)];
    if (!lines && !config && wanted.length > 0) {
      const text = await port.show(to, file.path);
      if (text !== null && text.length <= MAX_FILE_CHARS) read.set(file.path, text.split('\n'));
      if (text !== null && wanted.some((n) => text.includes(n))) lines = read.get(file.path) ?? null;
    }
    // Table entries and operand-named constants; hunks inside a frame's function are blame's. A missing
    // key, like a null read, comes from an entry taken out, never from a changed value of one kept.
    hits.push(
      ...operandDefinitions(file, lines, constants, failing, crash, nullish || keys.length > 0).filter(
        (h) => !inFrame(file.path, h.hunk, frames),
      ),
    );
    if (!lines || config || callNames.length === 0) continue;
    hits.push(...calleeDefinitions(file, lines, uses, frames));
  }
  // Producers below the helpers, through files the deploy did not change as well.
  const producers = await followProducers(port, to, uses, read, CODE_FILE);
  const nullOrigins = nullish ? producers.nullOrigins : new Set<string>();
  for (const file of producers.nested.length ? files : []) {
    const text = read.get(file.path);
    hits.push(
      ...valueDefinitions(file, producers.nested, frames),
      ...(text ? calleeDefinitions(file, text, producers.nested, frames) : []),
    );
  }
  // A definition the deploy only reformatted (`60000` → `60_000`) computes what it did before.
  const real = hits.filter((h) => !isCosmetic(h.hunk) && !(missingKey && keepsEveryKey(h.hunk)));
  if (real.length === 0) return [];
  const out: Evidence[] = [];
  for (const path of new Set(real.map((h) => h.path))) {
    const mine = real.filter((h) => h.path === path);
    const added = mine.filter((h) => h.hunk.newLines > 0);
    if (added.length) {
      const blame = await port.blameRange(
        from,
        to,
        path,
        added.map((h) => [h.hunk.newStart, h.hunk.newStart + h.hunk.newLines - 1] as [number, number]),
      );
      for (const h of added) {
        const shas = new Map<string, number>();
        const bound = new Map<string, 'bound' | 'await' | 'normalize'>();
        for (const b of blame) {
          if (b.boundary || b.finalLine < h.hunk.newStart || b.finalLine >= h.hunk.newStart + h.hunk.newLines) continue;
          shas.set(b.sha, (shas.get(b.sha) ?? 0) + 1);
          const i = b.finalLine - h.hunk.newStart;
          // Line-for-line replacements only: the removed line at the same offset is what this one was.
          const [was, now] =
            h.hunk.removed.length === h.hunk.added.length ? [h.hunk.removed[i] ?? '', h.hunk.added[i] ?? ''] : ['', ''];
          if (index && isBoundChange(was, now)) bound.set(b.sha, 'bound');
          if (isAwaitRemoved(was, now)) bound.set(b.sha, 'await');
          if (h.use.feeds && isNormalizerRemoved(was, now)) bound.set(b.sha, 'normalize');
        }
        for (const [sha, n] of shas) {
          const e = calleeEvidence(sha, h, n, keys, nullOrigins);
          out.push(e);
          const shape = bound.get(sha);
          if (shape) out.push({ ...e, kind: 'shape', shape });
        }
      }
    }
    const gone = mine.filter((h) => h.hunk.newLines === 0 || h.hunk.removed.length > 0);
    if (gone.length === 0) continue;
    const logArgs = ['log', '-p', '-U0', '--no-renames', '--no-color', RANGE_PATCH_FORMAT, range, '--', path];
    const patches = parseRangePatch(await port.runImmutable(logArgs));
    for (const h of gone) {
      const want = new Set(h.hunk.removed.map(squash).filter((l) => l.length > 1));
      for (const a of h.hunk.added) want.delete(squash(a));
      if (want.size === 0) continue;
      const by = patches.find((c) =>
        c.files.some((f) => f.path === path && f.hunks.some((x) => x.removed.some((r) => want.has(squash(r))))),
      );
      if (by) out.push(calleeEvidence(by.sha, h, want.size, keys, nullOrigins));
    }
  }
  return out;
}
