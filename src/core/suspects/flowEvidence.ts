/**
 * Evidence from the data flow down the stack (see dataFlow.ts): a commit that changed what a
 * caller passes for the parameter the crash used, or an assignment feeding it, is linked to the
 * crash itself, however deep the caller. A caller's call line changed only around the call
 * (arguments as they were) ran after the call returns, which it never did.
 */
import type { BlameLine } from '../git/git.types';
import type { Evidence } from './evidence.types';
import { functionBaseName } from '../stack/functionName';
import {
  assignment,
  crashSeeds,
  failingRoots,
  findCall,
  headerName,
  parameterNames,
  parameterTexts,
  rootNames,
  sliceBack,
  statementText,
  type CallSite,
} from './dataFlow';
import type { PatchCommit } from './rangePatch';
import { squash } from './lineText';
import type { FrameExtent } from './suspectPort.types';

/** A frame with its function's extent and its file's text at TO (nested bodies are not read here). */
export type FlowFrame = Omit<FrameExtent, 'nested'>;

export interface FrameFlow {
  frame: FlowFrame;
  /** Names whose values reach the frame's line (and so the crash). */
  names: Set<string>;
  /** Lines before the frame's line that assign one of the names. */
  defLines: number[];
  /** For callers: the names of the callee and the argument positions the crash depends on. */
  call: { callees: string[]; positions: number[]; site: CallSite } | null;
}

function calleeNames(f: FlowFrame): string[] {
  const fromHeader = headerName(statementText(f.text, f.start));
  return [...new Set([fromHeader, functionBaseName(f.function)].filter((n): n is string => !!n))];
}

/** A frame of a function without a name: PHP's `{closure}`, V8's `<anonymous>`, Python's `<lambda>`, Ruby's blocks. */
const ANONYMOUS = /^(?:.*[\\:.])?(?:\{closure\}|<anonymous>|<lambda>|block (?:\(\d+ levels\) )?in\b|lambda\b)/;

/**
 * The parameters of a function defined inline on the frame's line (`fn (array $x) => …`, `(x) =>`,
 * `function ($x) use ($y)`, `lambda x:`, `{ |x| …`), for a frame that runs one.
 */
function inlineParams(line: string): string[] | null {
  const m =
    /\b(?:fn|function)\s*\(([^()]*)\)/.exec(line) ??
    /\(([^()]*)\)\s*(?::\s*[\w?|\\]+\s*)?=>/.exec(line) ??
    /([A-Za-z_$][\w$]*)\s*=>/.exec(line) ??
    /\blambda\s+([^:]*):/.exec(line) ??
    /(?:\{|\bdo)\s*\|([^|]*)\|/.exec(line);
  if (!m) return null;
  return m[1].split(',').map((p) => /([A-Za-z_$][\w$]*)\s*(?:=.*)?$/.exec(p.replace(/:.*$/, '').trim())?.[1] ?? '');
}

function paramsOf(f: FlowFrame): string[] {
  if (ANONYMOUS.test(f.function ?? '')) {
    const inline = inlineParams(f.text[f.line - 1] ?? '');
    if (inline) return inline;
  }
  return parameterNames(statementText(f.text, f.start)) ?? [];
}

/** The parameter positions of `f` among `names`. */
function flowingPositions(f: FlowFrame, names: Set<string>): number[] {
  return paramsOf(f).flatMap((p, i) => (p && names.has(p) ? [i] : []));
}

/** Arguments at `site` that feed `positions` of the callee (Python's bound `self` and keywords handled). */
function flowingArgs(site: CallSite, callee: FlowFrame, positions: number[]): string[] {
  const params = paramsOf(callee);
  const offset = (params[0] === 'self' || params[0] === 'cls') && site.receiver.endsWith('.') ? 1 : 0;
  const out: string[] = [];
  for (const i of positions) {
    const name = params[i];
    const keyword = name
      ? site.args.find((a) => a.startsWith(name) && /^\s*=(?!=)/.test(a.slice(name.length)))
      : undefined;
    const arg = keyword ? keyword.replace(/^[^=]*=/, '') : site.args[i - offset];
    if (arg !== undefined) out.push(arg);
  }
  return out;
}

/** The other names of a statement that names one of `callees` without calling it, or null. */
function passedAsValue(text: string, callees: string[]): string[] | null {
  const bare = callees.filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
  const ref = bare.some((n) => new RegExp(`(?<![\\w$])${n.replace(/\$/g, '\\$')}(?![\\w$]|\\s*\\()`).test(text));
  return ref ? rootNames(text).filter((n) => !bare.includes(n)) : null;
}

/**
 * A closure defined on its caller's own line (`array_map(fn ($x) => f($x), $list)`, `xs.map((x) => f(x))`)
 * runs with what that statement hands it: the statement's names but the closure's own parameters.
 */
function inlineClosureArgs(closure: FlowFrame, caller: FlowFrame, text: string): string[] | null {
  if (!ANONYMOUS.test(closure.function ?? '') || closure.path !== caller.path || closure.line !== caller.line)
    return null;
  const own = new Set(inlineParams(closure.text[closure.line - 1] ?? '') ?? []);
  return rootNames(text).filter((n) => !own.has(n));
}

/**
 * Follows the crash's values from the crashing frame up through consecutive callers, as far as
 * each call passes them on. Frames must be sorted by depth.
 */
export function traceFlow(frames: FlowFrame[], failing: string[] = []): FrameFlow[] {
  const out: FrameFlow[] = [];
  const first = frames[0];
  if (!first || first.depth !== 0) return out;
  // When the error names what failed (`reading 'id'`, `KeyError: 'stock'`), only the value it
  // was read from matters: `hold` in `{ qty: line.qty, id: hold.id }`, `w` in `(d, -w["stock"])`.
  const seeds = crashSeeds(statementText(first.text, first.line));
  const roots = failingRoots(statementText(first.text, first.line), failing).filter((r) => seeds.includes(r));
  const slice0 = sliceBack(first.text, first.start, first.line, roots.length ? roots : seeds);
  out.push({ frame: first, names: slice0.names, defLines: slice0.defLines, call: null });
  let positions = flowingPositions(first, slice0.names);
  for (let k = 1; k < frames.length && positions.length > 0; k++) {
    const callee = frames[k - 1];
    const f = frames[k];
    if (f.depth !== callee.depth + 1) break;
    const callees = calleeNames(callee);
    const text = statementText(f.text, f.line);
    const site = findCall(text, callees);
    // A function handed over as a value (`xs.map(fn)`, `each(&method(:fn))`) is called with what the
    // statement passes it: every other name there may carry the value.
    const args = site
      ? flowingArgs(site, callee, positions)
      : (passedAsValue(text, callees) ?? inlineClosureArgs(callee, f, text));
    if (!args) break;
    const slice = sliceBack(f.text, f.start, f.line, args.flatMap(rootNames));
    const call = site ? { callees, positions, site } : null;
    out.push({ frame: f, names: slice.names, defLines: slice.defLines, call });
    positions = flowingPositions(f, slice.names);
  }
  return out;
}

/**
 * The removed lines of the hunk in which `sha` wrote `lineText` at `path`; undefined when the patch does not
 * show it.
 */
function replacedText(patches: PatchCommit[], sha: string, path: string, lineText: string): string | undefined {
  const want = squash(lineText);
  for (const c of patches) {
    if (c.sha !== sha) continue;
    for (const file of c.files) {
      if (file.path !== path) continue;
      const hunk = file.hunks.find((h) => h.added.some((a) => squash(a) === want));
      if (hunk) return hunk.removed.join('\n');
    }
  }
  return undefined;
}

/**
 * Whether a changed line touches the flow: it assigns one of its names, or is a statement (a
 * condition, a mutating call) that uses one. An assignment to another name that only reads
 * them cannot change them.
 */
function touchesFlow(text: string, names: Set<string>): boolean {
  const a = assignment(text);
  if (a) return a.names.some((n) => names.has(n));
  return rootNames(text).some((n) => names.has(n));
}

function flowEv(sha: string, ff: FrameFlow, line: number, lines: number): Evidence {
  const f = ff.frame;
  return {
    sha,
    kind: 'flow',
    frameDepth: f.depth,
    file: f.path,
    frameLine: f.line,
    function: f.function,
    distance: Math.abs(f.line - line),
    lines,
    changedLine: line,
  };
}

/**
 * Flow evidence from blame (assignments feeding the crash, a call line whose flowing arguments
 * changed), and retags the blame evidence already gathered: `line` on a caller's call line whose
 * arguments did not change becomes `around`; near/function changes that touch none of the flow's
 * names are marked `offFlow`.
 */
export function flowEvidence(
  flows: FrameFlow[],
  blameByPath: Map<string, BlameLine[]>,
  patches: PatchCommit[],
  have: Evidence[],
  inRange: (b: BlameLine) => boolean,
): Evidence[] {
  const out: Evidence[] = [];
  for (const ff of flows) {
    const f = ff.frame;
    const byLine = new Map((blameByPath.get(f.path) ?? []).filter(inRange).map((b) => [b.finalLine, b]));
    const linked = new Set<string>();
    for (const l of ff.defLines) {
      const b = byLine.get(l);
      if (b && !linked.has(b.sha)) out.push(flowEv(b.sha, ff, l, 1));
      if (b) linked.add(b.sha);
    }
    const callBlame = byLine.get(f.line);
    if (ff.call && callBlame && !linked.has(callBlame.sha)) {
      const callee = flows[flows.indexOf(ff) - 1].frame;
      const old = replacedText(patches, callBlame.sha, f.path, f.text[f.line - 1] ?? '');
      const before = old === undefined ? undefined : findCall(old, ff.call.callees);
      const now = ff.call.site;
      const flowing = (site: CallSite): string =>
        flowingArgs(site, callee, ff.call?.positions ?? [])
          .map(squash)
          .join('\0');
      const argsChanged = before === null || (before !== undefined && flowing(before) !== flowing(now));
      const sameCall =
        before &&
        before.receiver === now.receiver &&
        before.args.map(squash).join('\0') === now.args.map(squash).join('\0');
      if (argsChanged) out.push(flowEv(callBlame.sha, ff, f.line, 1));
      else if (sameCall) {
        for (const e of have)
          if (e.sha === callBlame.sha && e.frameDepth === f.depth && e.kind === 'line' && e.lines === 1)
            e.kind = 'around';
      }
      linked.add(callBlame.sha);
    }
    // A parameter's default is an assignment too: a changed default for a flowing parameter.
    const headerBlame = byLine.get(f.start);
    if (headerBlame && !linked.has(headerBlame.sha) && f.start < f.line) {
      const old = replacedText(patches, headerBlame.sha, f.path, f.text[f.start - 1] ?? '');
      const was = old === undefined ? null : parameterTexts(old);
      const now = parameterTexts(statementText(f.text, f.start));
      const names = paramsOf(f);
      if (was && now && names.some((n, i) => n && ff.names.has(n) && squash(was[i] ?? '') !== squash(now[i] ?? ''))) {
        out.push(flowEv(headerBlame.sha, ff, f.start, 1));
        linked.add(headerBlame.sha);
      }
    }
    for (const e of have) {
      if (
        e.frameDepth !== f.depth ||
        (e.kind !== 'near' && e.kind !== 'function') ||
        ff.names.size === 0 ||
        linked.has(e.sha)
      )
        continue;
      let touches = false;
      // The header counts only through a changed flowing parameter (above), not by naming one.
      const from = f.start < f.line ? f.start + 1 : f.start;
      for (let l = from; l <= f.ranUntil && !touches; l++)
        if (byLine.get(l)?.sha === e.sha) touches = l === f.line || touchesFlow(f.text[l - 1] ?? '', ff.names);
      if (!touches) e.offFlow = true;
    }
  }
  return out;
}

/** Whether removed lines fed the frame's flow (assigned one of its names) or touched it at all. */
export function removedFlow(ff: FrameFlow | undefined, gone: string[]): 'flow' | 'on' | 'off' | null {
  if (!ff) return null;
  if (ff.names.size === 0) return null;
  if (gone.some((g) => assignment(g)?.names.some((n) => ff.names.has(n)))) return 'flow';
  return gone.some((g) => touchesFlow(g, ff.names)) ? 'on' : 'off';
}
