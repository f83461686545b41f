/**
 * Producers below the stack: a helper called on a feeding line returned the value the crash used,
 * but it may only pass on what a function it calls returned, two or three calls down. Follows the
 * names on the helpers' return statements through declarations in files already read (the deploy
 * diff's files at TO), and notes which producer can return null itself: for a null read, that one
 * made the value, the helpers above only passed it on.
 */
import type { NameUse } from './namesUsed';
import { enclosingFunction } from './functionExtent';
import { stripStrings } from './lineText';
import { WINDOWS } from './searchWindows';

/** A use found by following a helper's returns: the chain of helpers, outermost first. */
export interface ProducerUse extends NameUse {
  /** Helpers between the frame and this one (`byKey` for `load`). */
  via: string[];
  /** This function itself returns a null literal (`?? null`, `return None`). */
  nullOrigin: boolean;
}

const MAX_LEVELS = WINDOWS['producer.levels'];
const MAX_USES = WINDOWS['producer.uses'];
const MAX_BODY = WINDOWS['producer.bodyLines'];
/** Called names shorter than this are not followed (as namesUsed.ts's `names.minLength`). */
const MIN_NAME = WINDOWS['names.minLength'];
const CALL = /([A-Za-z_$][\w$]*)\s*\(/g;
const CONSTANT = /\b([A-Z][A-Z0-9_]{2,})\b(?!\s*\()/g;
const NULL_LITERAL = /\b(?:null|None|nil|undefined)\b/;
const RETURN = /^\s*(?:return\b|yield\b)/;
// `x = …`, and a field or key written on it: `customer["tier"] = …`, `row.total = …` feed a returned `x`.
const ASSIGN = new RegExp(
  String.raw`^\s*(?:(?:const|let|var|final|val)\s+)?(?:[\w<>[\],.?]+\s+)?([A-Za-z_$][\w$]*)(?:\s*(` +
    String.raw`?:\.[A-Za-z_$][\w$]*|\[[^\]]{0,200}\]))*\s*(?::\s*[^=]+)?=(?!=)`,
);

/**
 * Rust and Ruby return the body's last expression: its last code line when nothing ends it (`item`, not
 * `log(x);`, `}` or `end`). Python's body (a header ending in `:`) returns None without a `return`.
 */
function implicitReturn(header: string, body: string[]): string | null {
  if (/:\s*(?:#.*)?$/.test(header)) return null;
  for (let i = body.length - 1; i >= 0; i--) {
    const l = body[i].trim();
    if (l === '' || l.startsWith('//') || l.startsWith('#')) continue;
    if (/^(?:\}|end\b)/.test(l)) continue;
    return /[;{]$/.test(l) || /^(?:else|elsif|rescue|ensure)\b/.test(l) ? null : l;
  }
  return null;
}

/**
 * What a function's body returns: the calls on its return lines and on lines assigning a name a
 * return line reads, and whether a return line is a null literal.
 */
export function returnedCalls(
  lines: string[],
  start: number,
  end: number,
): { calls: string[]; constants: string[]; nullLiteral: boolean } {
  const last = Math.min(end, start + MAX_BODY, lines.length);
  const body = lines.slice(start, last).map(stripStrings);
  const returns = body.filter((l) => RETURN.test(l));
  const implicit = returns.length === 0 ? implicitReturn(lines[start - 1] ?? '', body) : null;
  if (implicit) returns.push(implicit);
  const read = new Set(returns.flatMap((l) => l.match(/[A-Za-z_$][\w$]*/g) ?? []));
  const feeding = body.filter((l) => !RETURN.test(l) && read.has(ASSIGN.exec(l)?.[1] ?? '\0'));
  const calls = new Set<string>();
  const constants = new Set<string>();
  for (const l of [...returns, ...feeding]) {
    for (const m of l.matchAll(CALL)) calls.add(m[1]);
    for (const m of l.matchAll(CONSTANT)) constants.add(m[1]);
  }
  return {
    calls: [...calls],
    constants: [...constants],
    nullLiteral: returns.some((l) => NULL_LITERAL.test(l.replace(RETURN, ''))),
  };
}

/**
 * A call whose result reached the crash: the crashing frame's own calls; on a caller's line the calls in
 * the stack call's arguments (callSites.ts), one that wraps the frame's call never ran; and on any frame
 * the calls on the lines that assigned the values passed down (the flow's definition lines).
 */
export function isFeedingCall(u: NameUse): boolean {
  return u.kind === 'call' && u.feeds && (u.depth === 0 || !!u.argument || u.line !== u.frame.line);
}

/**
 * The producers below each feeding call of the crashing frame, to `MAX_LEVELS` calls down, and the names of the
 * helpers (at any level) that return a null literal themselves. Declarations are looked up with
 * `declarationLine` in `texts` (files already read); `skip` rejects names never a project's helper.
 */
export function producerUses(
  uses: NameUse[],
  texts: string[][],
  declarationLine: (lines: string[], name: string) => number | null,
  skip: (name: string) => boolean,
): { nested: ProducerUse[]; nullOrigins: Set<string> } {
  const declare = (name: string) => {
    for (const lines of texts) {
      const at = declarationLine(lines, name);
      if (at !== null) return { lines, at };
    }
    return null;
  };
  const nested: ProducerUse[] = [];
  const nullOrigins = new Set<string>();
  const seen = new Set(uses.map((u) => u.name));
  let level: ProducerUse[] = uses.filter(isFeedingCall).map((u) => ({ ...u, via: [], nullOrigin: false }));
  for (let depth = 0; depth < MAX_LEVELS && level.length > 0 && nested.length < MAX_USES; depth++) {
    const next: ProducerUse[] = [];
    for (const use of level) {
      const decl = declare(use.name);
      if (!decl) continue;
      const ext = enclosingFunction(decl.lines, Math.min(decl.at + 1, decl.lines.length), use.name);
      if (!ext.named) continue;
      const { calls, constants, nullLiteral } = returnedCalls(decl.lines, ext.start, ext.end);
      if (nullLiteral) {
        nullOrigins.add(use.name);
        use.nullOrigin = true;
      }
      for (const name of calls) {
        if (name.length < MIN_NAME || skip(name) || seen.has(name)) continue;
        seen.add(name);
        next.push({ ...use, name, via: [...use.via, use.name], nullOrigin: false });
      }
      // A constant the helper returns is a producer too; it calls nothing, so it ends the chain.
      for (const name of constants) {
        if (seen.has(name)) continue;
        seen.add(name);
        nested.push({ ...use, name, kind: 'value', via: [...use.via, use.name], nullOrigin: false });
      }
    }
    nested.push(...next);
    level = next;
  }
  return { nested: nested.slice(0, MAX_USES), nullOrigins };
}
