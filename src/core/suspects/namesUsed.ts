/**
 * The names each frame used before it stopped: the calls on the lines that had run (keywords
 * never, and on a stack line only the calls that ran: callSites.ts), and the members and
 * constants its own line and its enclosing conditions read.
 */
import { functionBaseName } from '../stack/functionName';
import { BLOCK_KEYWORDS, PAREN_KEYWORDS } from '../util/languageKeywords';
import { guardLines } from './executedLines';
import { blankStrings, callTimings, crashTimings } from './callSites';
import type { FrameText } from './suspectPort.types';
import { WINDOWS } from './searchWindows';

/** Where a frame used a name: the nearest line to the frame's line. */
export interface NameUse {
  name: string;
  depth: number;
  frame: FrameText;
  line: number;
  kind: 'call' | 'value';
  /** Used on the frame's own line, or on a line assigning a name whose value reaches it. */
  feeds: boolean;
  /** Called in the arguments of a caller's call on the stack: it returned the value passed down. */
  argument?: boolean;
}

const LOOKBACK = WINDOWS['names.lookback'];
const MAX_DEPTH = WINDOWS['names.depth'];
const MAX_NAMES = WINDOWS['names.max'];
/** Names shorter than this are not followed (`i`, `fn`): too common to tie a change to the crash. */
const MIN_NAME = WINDOWS['names.minLength'];
/**
 * Language keywords that read like a call before a parenthesis (`if (`, `func (s *S)`, `foreach (`,
 * `elsif (`): never a callee, unless written as a member (`Policy.for(user)` is a Ruby method).
 */
export const CALL_KEYWORDS: ReadonlySet<string> = new Set([
  ...BLOCK_KEYWORDS,
  ...PAREN_KEYWORDS,
  // Keywords of Ruby, PHP, C#, Rust and Python that the other scans do not stop at.
  ...(
    'elsif elseif unless until foreach match when rescue ensure isset empty unset echo array list ' +
    'fn sizeof using lock fixed checked unchecked del assert'
  ).split(' '),
]);
/** The standard library's most common members: never a project's helper. */
export const NOT_HELPERS = new Set(
  (
    'print println printf format log error warn info debug assert require import map filter reduce ' +
    'forEach find some every ' +
    'push pop shift unshift slice splice concat join split trim strip lower upper toLowerCase ' +
    'toUpperCase toString valueOf ' +
    'get set has add put remove delete keys values items entries length size append extend update ' +
    'copy sort sorted reversed ' +
    'len str int float bool list dict tuple range enumerate zip min max abs round sum any all ' +
    'isinstance getattr setattr ' +
    'parse stringify then resolve reject call apply bind equals hashCode compareTo stream collect ' +
    'orElse orElseThrow of ' +
    'Number String Boolean Object Array Math JSON Promise Date Map Set Error List Optional Collectors Arrays'
  ).split(' '),
);

const CALL = /([A-Za-z_$][\w$]*)\s*\(|::\s*([A-Za-z_$][\w$]*)/g;
const MEMBER =
  /\.\s*([A-Za-z_$][\w$]{2,})\b(?!\s*\()|\[\s*["']([A-Za-z_$][\w$-]{1,60})["']\s*\]|\b([A-Z][A-Z0-9_]{2,})\b/g;

/**
 * The names each frame used before it stopped: functions called on its executed lines (its own
 * line first) and the members and constants its own line reads. Names of frames on the stack are
 * left out: blame over their functions covers them.
 */
export function namesUsed(
  frames: FrameText[],
  feedLines: Map<number, number[]> = new Map(),
  failing: string[] = [],
): NameUse[] {
  const onStack = new Set(frames.map((f) => functionBaseName(f.function)).filter((n): n is string => !!n));
  const uses = new Map<string, NameUse>();
  const note = (
    name: string | undefined,
    f: FrameText,
    line: number,
    kind: NameUse['kind'],
    feeds: boolean,
    argument = false,
  ) => {
    if (!name || name.length < MIN_NAME || NOT_HELPERS.has(name) || onStack.has(name)) return;
    const key = `${kind}\0${name}`;
    const had = uses.get(key);
    const better =
      !had ||
      f.depth < had.depth ||
      (f.depth === had.depth &&
        // fact: any weight below 1 (feeding decides, nearness breaks ties)
        (feeds ? 1 : 0) - (had.feeds ? 1 : 0) + (Math.abs(line - f.line) < Math.abs(had.line - f.line) ? 0.5 : 0) > 0);
    if (better) uses.set(key, { name, depth: f.depth, frame: f, line, kind, feeds, ...(argument ? { argument } : {}) });
  };
  for (const f of frames) {
    if (f.depth >= MAX_DEPTH) continue;
    const feeding = new Set([f.line, ...(feedLines.get(f.depth) ?? [])]);
    const below = frames.find((x) => x.depth === f.depth - 1);
    for (let l = f.line; l >= Math.max(f.start, f.line - LOOKBACK); l--) {
      const code = blankStrings((f.text[l - 1] ?? '').slice(0, 1000)); // bound: characters of a line read
      // On a caller's own line, only the calls in the stack call's arguments (or before it) ran; on
      // the crashing line, only those evaluated before the failing operation.
      const timings =
        l !== f.line
          ? null
          : below
            ? callTimings(code, functionBaseName(below.function))
            : f.depth === 0
              ? crashTimings((f.text[l - 1] ?? '').slice(0, 1000), failing) // bound: characters of a line read
              : null;
      for (const m of code.matchAll(CALL)) {
        const member = m[2] !== undefined || /(?:\.|->)\s*$/.test(code.slice(0, m.index));
        if (!member && CALL_KEYWORDS.has(m[1])) continue;
        const timing = timings?.get(m.index ?? -1);
        if (timing === 'notRun') continue;
        note(m[1] ?? m[2], f, l, 'call', feeding.has(l), timing === 'argument');
      }
    }
    // The values the frame's line reads, and those its enclosing conditions read (they chose the path).
    for (const l of [f.line, ...guardLines(f.text, f.line, f.start)]) {
      const raw = (f.text[l - 1] ?? '').slice(0, 1000); // bound: characters of a line read
      for (const m of raw.matchAll(MEMBER)) note(m[1] ?? m[2] ?? m[3], f, l, 'value', true);
    }
  }
  return [...uses.values()].sort((a, b) => a.depth - b.depth).slice(0, MAX_NAMES);
}
