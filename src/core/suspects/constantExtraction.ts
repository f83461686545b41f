/**
 * An "extract constant" refactor: a literal replaced by a name that the same commit defines with
 * that very literal (`+ b"\n"` → `+ self.EOL`, `EOL = b"\n"`). The code computes what it
 * did before, so a rewrite of the crashing line made this way cannot have made it fail.
 */
import { isCosmetic, type PatchHunk } from './rangePatch';
import { squash } from './lineText';
import { WINDOWS } from './searchWindows';

/** Input safety, not a search window: longer lines (minified or generated code) are not scanned. */
const MAX_LINE = 500; // bound: a longer line is generated code, not read
const MAX_CHANGED = WINDOWS['constant.changedLines'];
/** `NAME = literal` with an optional declaration prefix and type; the literal a string or number. */
const DEFINITION = new RegExp(
  String.raw`^\s*(?:(?:public|private|protected|static|final|const|readonly|` +
    String.raw`export|let|var|val)\s+)*(?:[\w<>[\],.]+\s+)?([A-Za-z_$][\w$]*)\s*(?::\s*[\w<>[\],.|` +
    String.raw`]+\s*)?=\s*([bru]?(["'])(?:\\.|(?!\3).){0,200}\3|-?\d[\d_.]*[A-Za-z]?)\s*;?\s*(?:(?:#` +
    String.raw`|\/\/).*)?$`,
);

function isBlankOrComment(l: string): boolean {
  return /^\s*(?:(?:#|\/\/|\*|\/\*).*)?$/.test(l);
}

/** Whether every change in `hunks` is formatting, a new constant definition, or a literal replaced by one of them. */
export function isConstantExtraction(hunks: PatchHunk[]): boolean {
  // A sweeping commit is no small refactor; the bound also keeps the check linear on huge patches.
  if (hunks.length === 0 || hunks.reduce((n, h) => n + h.added.length + h.removed.length, 0) > MAX_CHANGED)
    return false;
  if (hunks.some((h) => [...h.added, ...h.removed].some((l) => l.length > MAX_LINE))) return false;
  const defs = new Map<string, string>();
  for (const h of hunks) {
    if (h.removed.length > 0) continue;
    for (const l of h.added) {
      const m = DEFINITION.exec(l);
      if (m) defs.set(m[1], squash(m[2]));
    }
  }
  if (defs.size === 0) return false;
  let replaced = 0;
  for (const h of hunks) {
    if (isCosmetic(h)) continue;
    if (h.removed.length === 0 && h.added.every((l) => isBlankOrComment(l) || DEFINITION.test(l))) continue;
    if (h.removed.length !== h.added.length) return false;
    for (let i = 0; i < h.added.length; i++) {
      let now = squash(h.added[i]);
      for (const [name, literal] of defs)
        now = now.replace(
          new RegExp(`(?:[A-Za-z_$][\\w$]*\\.)?${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g'),
          () => literal,
        );
      if (now !== squash(h.removed[i])) return false;
      replaced++;
    }
  }
  return replaced > 0;
}
