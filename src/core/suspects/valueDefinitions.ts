/**
 * Changed definitions of the values a frame read: the hunks outside the frames' own functions that
 * assign one of those names a new value (a constant, a config key, an object literal's entry).
 */
import type { NameUse } from './namesUsed';
import { inBodies } from './functionExtent';
import type { PatchFile, PatchHunk } from './rangePatch';
import { escapeRegExp } from '../util/escapeRegExp';

/** Changed line numbers at TO of a hunk (a pure deletion sits between newStart and newStart+1). */
export function hunkSpan(h: PatchHunk): [number, number] {
  // fact: a pure deletion sits between two lines
  return h.newLines === 0 ? [h.newStart + 0.5, h.newStart + 0.5] : [h.newStart, h.newStart + h.newLines - 1];
}

/** A changed region of a file at TO that defines a name a frame used. */
export interface DefinitionHit {
  use: NameUse;
  path: string;
  hunk: PatchHunk;
  /** Found as the source of a failing operand (operandSource.ts). */
  operand?: boolean;
}

export type Extent = { path: string; start: number; end: number; nested?: Array<[number, number]> };

/**
 * Whether a hunk lies inside a frame's own function: blame over the frames covers it. A function
 * declared inside the frame's (a closure, a nested def) is not its own code: it runs when called.
 */
export function inFrame(path: string, h: PatchHunk, frames: Extent[]): boolean {
  const [a, b] = hunkSpan(h);
  const nested = (f: Extent) => inBodies(f.nested, Math.floor(a)) && inBodies(f.nested, Math.ceil(b));
  return frames.some((f) => f.path === path && b >= f.start && a <= f.end && !nested(f));
}

/** Languages whose type annotations are erased at run time (Python's hints, TypeScript's types). */
const ERASED_TYPES = /\.(?:py|pyi|ts|tsx|mts|cts)$/i;

/**
 * A line without its type annotations: `: Type` before a default or an assignment (`extras: Optional[dict] =
 * None`, `let n: number = 1`; a `key: value` is no annotation) and a `-> Type` return.
 */
function stripAnnotations(line: string): string {
  let out = '';
  // bound: characters of a line read
  for (let i = 0; i < line.length && i < 1000; i++) {
    const colon = line[i] === ':' && /[\w$?]/.test(line[i - 1] ?? '') && line[i + 1] !== ':';
    const arrow = line[i] === '-' && line[i + 1] === '>';
    // fact: `=>` is two characters, `:` one
    const end = colon || arrow ? annotationEnd(line, i + (arrow ? 2 : 1), arrow) : -1;
    if (end < 0 || (colon && line[end] !== '=')) out += line[i];
    else i = end - 1;
  }
  return out;
}

/** Where an annotation starting at `from` ends: a top-level `=`, `,` or `)` (a `:` for a return type), or -1. */
function annotationEnd(line: string, from: number, returns: boolean): number {
  let depth = 0;
  for (let j = from; j < line.length; j++) {
    const ch = line[j];
    if ('[(<{'.includes(ch)) depth++;
    else if (depth > 0 && '])>}'.includes(ch)) depth--;
    else if (depth === 0 && (/[=,)]/.test(ch) || (returns && ch === ':')))
      return ch === '=' && line[j + 1] === '=' ? -1 : j;
  }
  return returns ? -1 : line.length;
}

/** Lines without their type annotations, squashed: what runs. */
function withoutAnnotations(lines: string[]): string {
  return lines.map(stripAnnotations).join('').replace(/\s+/g, '');
}

/**
 * Hunks outside the frames' functions that assign a value to one of the `value` names
 * (`NAME = …`, `"name": …` in a config file, `name: …` in an object literal).
 */
export function valueDefinitions(file: PatchFile, uses: NameUse[], frames: Extent[] = []): DefinitionHit[] {
  const out: DefinitionHit[] = [];
  for (const use of uses) {
    if (use.kind !== 'value') continue;
    // A key (`"name": …`, `name: …`) anywhere; an assignment only where it defines a constant,
    // a field or a module-level value, not a local variable that happens to share the name.
    const n = escapeRegExp(use.name);
    const key = new RegExp(`^\\s*["']?${n}["']?\\s*:(?!:)|[{,]\\s*["']?${n}["']?\\s*:(?!:)`);
    const assign = new RegExp(
      `^(?:\\s*(?:(?:public|private|protected|static|final|const|readonly|export|` +
        `val|var|let)\\s+)+(?:[\\w<>[\\],.]+\\s+)*|(?:[\\w<>[\\],.]+\\s+)*)${n}\\s*(?::\\s*[\\w<>[\\],.|` +
        `]+\\s*)?=(?!=)`,
    );
    const constant = /^[A-Z][A-Z0-9_]+$/.test(use.name);
    const def = {
      test: (l: string) =>
        l.length <= 1000 && // bound: a longer line is generated code, not read
        l.includes(use.name) &&
        (key.test(l) ||
          ((constant || /^\S/.test(l) || /\b(?:static|final|const|readonly)\b/.test(l)) && assign.test(l))),
    };
    for (const h of file.hunks) {
      if (inFrame(file.path, h, frames) || ![...h.added, ...h.removed].some((l) => def.test(l))) continue;
      if (ERASED_TYPES.test(file.path) && withoutAnnotations(h.removed) === withoutAnnotations(h.added)) continue;
      // A line rewritten around the definition (another key of the same object literal) left its value alone.
      const before = assignedValues(h.removed.filter(def.test), [key, assign]);
      const after = assignedValues(h.added.filter(def.test), [key, assign]);
      if (before.join('\n') !== after.join('\n')) out.push({ use, path: file.path, hunk: h });
    }
  }
  return out;
}

/** What each matched definition assigns: the text after it up to its end at bracket depth 0, sorted. */
function assignedValues(lines: string[], patterns: RegExp[]): string[] {
  const out: string[] = [];
  for (const line of lines)
    for (const p of patterns) {
      const m = new RegExp(p.source, 'g');
      for (let hit = m.exec(line); hit; hit = m.exec(line)) {
        let depth = 0;
        let end = hit.index + hit[0].length;
        for (; end < line.length; end++) {
          const ch = line[end];
          if ('([{'.includes(ch)) depth++;
          else if (')]}'.includes(ch) && depth-- === 0) break;
          else if ((ch === ',' || ch === ';') && depth === 0) break;
        }
        // An annotated parameter (`extras: Optional[dict] = None`) reads as key `extras`: its value follows `=`.
        out.push(
          line
            .slice(hit.index + hit[0].length, end)
            .replace(/\s+/g, '')
            .replace(/^[\w.[\]|,<>?]+=(?![=>])/, ''),
        );
        if (hit[0].length === 0) m.lastIndex++;
      }
    }
  return out.sort();
}
