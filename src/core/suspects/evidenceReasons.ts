/**
 * The reasons a suspect shows: one human sentence per piece of evidence, and the commit-level notes
 * (a neutral change, the commit's size). Text only; the weights live in evidenceWeight.ts.
 */
import type { CommitFacts, Evidence } from './evidence.types';

function frameLabel(depth: number): string {
  if (depth === 0) return 'the crashing frame';
  if (depth === 1) return 'its caller';
  return `${depth} calls up the stack`;
}

function fnLabel(fn: string | null): string {
  return fn ? ` (${fn})` : '';
}

function quoted(names: string[]): string {
  return names.map((t) => `'${t}'`).join(', ');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `name() in file (line N)`: where a changed helper or value was defined. */
function definedAt(e: Evidence, name: string): string {
  return `${name} in ${e.file} (line ${e.changedLine ?? '?'})`;
}

/** `called on line N of fn before it …, <frame>`: where a helper that returned was called. */
function calledBefore(e: Evidence, what: string): string {
  const fn = e.function ?? 'the frame';
  return `called on line ${e.calledLine} of ${fn} before it ${what}, ${frameLabel(e.frameDepth)}`;
}

function describeShape(e: Evidence): string {
  const at = `line ${e.changedLine ?? e.frameLine} of ${e.file}${fnLabel(e.function)}`;
  const frame = frameLabel(e.frameDepth);
  const byOne = 'moved a bound or comparison by one';
  switch (e.shape) {
    case 'bound':
      if (e.callee) return `${byOne} in ${definedAt(e, `${e.callee}()`)}, ${calledBefore(e, 'went out of range')}`;
      return `${byOne} on ${at}, which controls line ${e.frameLine} where ${frame} went out of range`;
    case 'reorder':
      return `reordered the arguments or parameters on ${at}, on the path to line ${e.frameLine} of ${frame}`;
    case 'await': {
      const promise = 'a promise is used where its value was';
      if (e.callee)
        return `removed an \`await\` in ${definedAt(e, `${e.callee}()`)}, ${calledBefore(e, 'failed')}: ${promise}`;
      return `removed an \`await\` on ${at}, ${frame}: ${promise}`;
    }
    case 'normalize':
      return (
        `took off or swapped a rounding or normalizing call on the value ${definedAt(e, `${e.callee}()`)} returns, ` +
        calledBefore(e, 'failed')
      );
    case 'hierarchy':
      return (
        `changed what '${e.tokens?.[0] ?? ''}', the error's class, extends in ${e.file} (line ${e.changedLine}): ` +
        'handlers that caught it by its old base no longer do'
      );
    default:
      return `removed or renamed ${definedAt(e, `'${e.tokens?.[0] ?? ''}'`)}, the constant the lookup did not find`;
  }
}

function describeLine(e: Evidence): string {
  const keys = e.keys?.length ? `, writing ${quoted(e.keys)} that the error names` : '';
  const more = e.incidental
    ? ' (around the failing expression, which was already there)'
    : e.superseded
      ? ' (a later commit rewrote it again)'
      : e.carried
        ? ' (the name the error is about was already there)'
        : '';
  return `changed line ${e.frameLine} of ${e.file}${fnLabel(e.function)}, ${frameLabel(e.frameDepth)}${keys}${more}`;
}

function describeCallee(e: Evidence): string {
  const via = e.via?.length
    ? ` whose result ${[...e.via]
        .reverse()
        .map((v) => `${v}()`)
        .join(' then ')} returned to line ${e.calledLine} of ${e.function ?? 'the frame'}, ${frameLabel(e.frameDepth)}`
    : null;
  if (e.calleeKind === 'value') {
    const head = `changed the value of ${definedAt(e, `'${e.callee}'`)},`;
    const reads = ` which line ${e.frameLine} of ${e.function ?? 'the frame'} reads, ${frameLabel(e.frameDepth)}`;
    return `${head}${via ?? reads}`;
  }
  const head = `changed ${definedAt(e, `${e.callee}()`)}${e.nullOrigin ? ', which can return null,' : ''}`;
  return via ? `${head}${via}` : `${head} ${calledBefore(e, 'failed')}: it had returned, so it is on no frame`;
}

/** One human sentence per piece of evidence. */
export function describeEvidence(e: Evidence): string {
  const where = `${e.file}${fnLabel(e.function)}`;
  const frame = frameLabel(e.frameDepth);
  const changed = `changed line ${e.changedLine ?? e.frameLine} of ${where}`;
  switch (e.kind) {
    case 'line':
      return describeLine(e);
    case 'near':
      return `${changed}, ${plural(e.distance, 'line')} from line ${e.frameLine} of ${frame}`;
    case 'removed':
      return `removed ${plural(e.lines, 'line')} from ${where} near line ${e.frameLine}, ${frame}`;
    case 'flow':
      return e.distance === 0
        ? `changed the arguments line ${e.frameLine} of ${where} passes down the stack to the crash, ${frame}`
        : `${changed}, which computes a value that reaches the crash through line ${e.frameLine}, ${frame}`;
    case 'around':
      return (
        `changed line ${e.frameLine} of ${where} around the call but not its arguments, ${frame}: ` +
        'that part runs after the call returns'
      );
    case 'function':
      return `changed ${plural(e.lines, 'line')} of ${where}, ${e.distance} lines from line ${e.frameLine} of ${frame}`;
    case 'later':
      return `${changed}, below line ${e.frameLine} where ${frame} stopped: code that had not run yet`;
    case 'file':
      return `changed ${e.file} outside the function of ${frame}`;
    case 'token':
      return e.keys?.length
        ? `removed ${quoted(e.keys)} from ${e.file}, the name${e.keys.length === 1 ? '' : 's'} ` +
            'the error reports missing or null'
        : `its changes in ${e.file} mention ${quoted(e.tokens ?? [])} from the error`;
    case 'callee':
      return describeCallee(e);
    case 'literal':
      return (
        `wrote '${e.tokens?.[0] ?? ''}' into ${e.file} (line ${e.changedLine ?? '?'}), ` +
        (e.quoted ? 'the text the error quotes' : 'the key the error reports missing')
      );
    case 'shape':
      return describeShape(e);
    case 'range':
      return "shipped in the deploy but touched none of the stack's code";
  }
}

const UNLIKELY = 'unlikely to change behaviour';

/** Why a commit's changes to the stack's files cannot change behaviour, or null. */
export function neutralReason(facts: CommitFacts | undefined): string | null {
  if (facts?.cosmetic)
    return `only whitespace, line breaks, quote style or comments changed in the stack files: ${UNLIKELY}`;
  if (facts?.renamed) return `only renamed an identifier in the stack files: ${UNLIKELY}`;
  if (facts?.extracted) return `only replaced a literal with a constant it defined with the same value: ${UNLIKELY}`;
  if (facts?.incidental)
    return (
      'its only real change to the stack rewrote the crashing line around a failing expression ' +
      'that was already there'
    );
  return null;
}

/**
 * The line that stands for the links to the stack past the first few; the suspect's `moreLinks`
 * holds them, and every surface expands this line into them.
 */
export function moreLinksReason(n: number): string {
  return `and ${plural(n, 'more link')} to the stack`;
}

/** `2 files changed, +10/−3`. */
export function commitLine(c: CommitFacts): string {
  return `${plural(c.filesChanged, 'file')} changed, +${c.linesAdded}/−${c.linesRemoved}`;
}
