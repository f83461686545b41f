/**
 * Evidence from the names in the error: commits whose changes mention them anywhere in the range,
 * commits that removed a name the error is about (a key the data lost, the field found null), and,
 * among the commits that rewrote the crashing line, the one that wrote such a name into it.
 */
import type { BlameLine } from '../git/git.types';
import type { Evidence } from './evidence.types';
import { keyHits, tokenHits } from './errorTokens';
import { lineHistory, type LineTouch } from './lineHistory';
import { isNonCodePath } from './pathKinds';
import { codeLines, type PatchCommit, type PatchHunk } from './rangePatch';
import type { BlameFrame } from './suspectPort.types';
import { WINDOWS } from './searchWindows';

/** Tokens one piece of token evidence names (each past the first adds weight). */
const PER_EVIDENCE = WINDOWS['tokens.perEvidence'];

/** A hunk that only rewrites a manifest's version (`"version": "6.1.0"`, `version = "2.0"`, `__version__ = …`). */
function isVersionBump(h: PatchHunk): boolean {
  const lines = [...h.removed, ...h.added].filter((l) => l.trim() !== '');
  return lines.length > 0 && lines.every((l) => /^\s*["']?(?:__)?version(?:__)?["']?\s*[:=]/i.test(l));
}

/** `token` evidence per commit and file; `keys` lists the error's key names the commit removed there. */
export function tokenEvidence(
  patches: PatchCommit[],
  tokens: string[],
  keys: string[],
  frames: BlameFrame[],
): Evidence[] {
  const out: Evidence[] = [];
  for (const c of patches) {
    for (const file of c.files) {
      // Tests, docs, lockfiles, CI and built output never run in production: a word they share with the
      // error is no code that ran. Nor is a release's version number.
      if (isNonCodePath(file.path)) continue;
      const hunks = file.hunks.filter((h) => !isVersionBump(h));
      // Words in comments and docstrings are not code: a reworded comment mentions, it does not change.
      const removed = hunks.map((h) => codeLines(h.removed, h.slashIsCode).join('\n')).join('\n');
      const added = hunks.map((h) => codeLines(h.added, h.slashIsCode).join('\n')).join('\n');
      const hits = tokenHits(tokens, `${removed}\n${added}`);
      const kept = keyHits(keys, added);
      const gone = [...keyHits(keys, removed)].filter((k) => !kept.has(k));
      if (hits.length === 0 && gone.length === 0) continue;
      const f = frames.find((x) => x.path === file.path);
      const e: Evidence = {
        sha: c.sha,
        kind: 'token',
        frameDepth: f?.depth ?? 0,
        file: file.path,
        frameLine: f?.line ?? 0,
        function: f?.function ?? null,
        distance: Infinity,
        lines: 0,
        tokens: [...new Set([...gone, ...hits])].slice(0, PER_EVIDENCE),
      };
      if (gone.length) e.keys = gone;
      out.push(e);
    }
  }
  return out;
}

function identifierCounts(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const w of text.match(/[A-Za-z_$][\w$]*/g) ?? []) out.set(w, (out.get(w) ?? 0) + 1);
  return out;
}

const STRING = /(["'`])(?:\\.|(?!\1).){0,500}?\1/g;
const THROW = /^(.*?)\b(?:throw|raise)\b/;

/** The text of a statement, with string literals blanked (a reworded message is not code). */
function code(lines: string[]): string {
  return lines.join('\n').replace(STRING, '""');
}

/**
 * A rewrite of a throw or raise statement whose condition (on the line, or none) is unchanged:
 * the throw was reached either way, so a new message or exception type cannot have caused it.
 */
function isThrowReworded(before: string[], after: string[]): boolean {
  const [b, a] = [THROW.exec(code(before).trim()), THROW.exec(code(after).trim())];
  return b !== null && a !== null && b[1].replace(/\s+/g, '') === a[1].replace(/\s+/g, '');
}

/**
 * True when a rewrite of the crashing line left the failing expression as it was: every name the
 * failure used (`needed`: the property read, the key, the null value's name, the callee that was
 * not a function, the divisor) was already on the line, and no identifier of its code was taken
 * off it (an argument added, a field put beside it, a result wrapped, a string reworded); or the
 * line is a throw whose condition did not change. Such a rewrite did not make the line fail.
 */
export function isIncidentalRewrite(t: LineTouch, needed: string[]): boolean {
  if (t.removed.length === 0) return false;
  if (isThrowReworded(t.removed, t.added)) return true;
  if (needed.length === 0) return false;
  const before = t.removed.join('\n');
  if (keyHits(needed, before).size < new Set(needed.map((n) => n.toLowerCase())).size) return false;
  // A key the lookup missed is in a string on the line (`row['en']`): that string must stay as it was.
  const kept = new Set(t.added.join('\n').match(STRING) ?? []);
  if ((before.match(STRING) ?? []).some((s) => keyHits(needed, s).size > 0 && !kept.has(s))) return false;
  const after = identifierCounts(code(t.added));
  for (const [w, n] of identifierCounts(code(t.removed))) if ((after.get(w) ?? 0) < n) return false;
  return true;
}

/** The crashing line's rewrites in the range, newest first, with the incidental ones marked. */
export function crashLineTouches(
  frame: BlameFrame | undefined,
  patches: PatchCommit[],
  needed: string[],
): Array<LineTouch & { incidental: boolean }> {
  if (!frame || frame.depth !== 0) return [];
  return lineHistory(patches, frame.path, frame.line).map((t) => ({
    ...t,
    incidental: isIncidentalRewrite(t, needed),
  }));
}

/**
 * The crashing line's other authors in the range: earlier commits that rewrote it get `line`
 * evidence marked `superseded` (unless every later rewrite was incidental); the one that wrote a
 * key name into it gets `keys`, and the last author (blame's) is marked `carried` when the name
 * was already there before it, `incidental` when its rewrite left the failing expression alone.
 */
export function crashLineEvidence(
  frame: BlameFrame | undefined,
  touches: Array<LineTouch & { incidental: boolean }>,
  blame: BlameLine | undefined,
  keys: string[],
  have: Evidence[],
): Evidence[] {
  if (!frame || frame.depth !== 0 || touches.length === 0) return [];
  const introduced = new Map(
    touches.map((t) => {
      const before = keyHits(keys, t.removed.join('\n'));
      return [t.sha, [...keyHits(keys, t.added.join('\n'))].filter((k) => !before.has(k))];
    }),
  );
  const out: Evidence[] = [];
  const last = blame?.sha;
  const someoneIntroduced = [...introduced.values()].some((k) => k.length > 0);
  const incidental = new Set(touches.filter((t) => t.incidental).map((t) => t.sha));
  for (const e of have) {
    if (e.sha !== last || e.kind !== 'line' || e.frameDepth !== 0) continue;
    const k = introduced.get(e.sha) ?? [];
    if (k.length) e.keys = k;
    else if (someoneIntroduced) e.carried = true;
    if (incidental.has(e.sha) && !k.length) e.incidental = true;
  }
  // The rewrite that counts is the newest one that was neither neutral (not listed) nor incidental.
  const owner = touches.find((t) => !t.incidental)?.sha;
  for (const t of touches) {
    if (t.sha === last) continue;
    const k = introduced.get(t.sha) ?? [];
    const e: Evidence = {
      sha: t.sha,
      kind: 'line',
      frameDepth: 0,
      file: frame.path,
      frameLine: frame.line,
      function: frame.function,
      distance: 0,
      lines: 1,
      changedLine: frame.line,
      superseded: true,
    };
    if (t.sha === owner) e.owner = true;
    if (k.length) e.keys = k;
    if (t.incidental && !k.length) e.incidental = true;
    out.push(e);
  }
  return out;
}
