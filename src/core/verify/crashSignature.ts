/**
 * The structural verdict of a reproduction: "bad" means the same exception type raised from the
 * same crash frame (file and function) as the production event, found in what the run printed.
 * A non-zero exit with another error is a different failure, not this bug.
 */
import * as nodePath from 'node:path';
import type { ErrorEvent, ExceptionRecord, RawFrame } from '../model/event.types';
import type { TriagedIssue } from '../model/triage.types';
import { parseStackText } from '../stack/parseStackText';
import type { CommandRun } from './processGroup';
import type { StepResult } from './verify.types';

/** What identifies the production crash. */
export interface CrashSignature {
  /** The exception type as the runtime names it (`TypeError`, `KeyError`, `java.lang.NullPointerException`). */
  type: string;
  /** Repo-relative path of the crash frame at the deployed revision, when resolved. */
  file: string | null;
  function: string | null;
}

/** Where a reproduction crashed, in the worktree's terms. */
export interface SeenCrash {
  type: string;
  file: string;
  line: number | null;
  function: string | null;
}

export interface Judgement {
  result: StepResult;
  note: string;
  seen?: SeenCrash;
}

const LIBRARY_PATH = /(^|[\\/])(node_modules|site-packages|dist-packages|vendor)[\\/]|^node:|^internal[\\/]/;
/** A runtime's own frames: V8 builtins (`BigInt (<anonymous>)`, `native`), Python's `<frozen …>`, `<string>`. */
const NOT_A_FILE = /^<[^>]*>$|^native$/;
/** Node's and Python's words for an import that found nothing (bare package names, not relative paths). */
const MISSING_DEPENDENCY = /Cannot find (?:module|package) '[^'./][^']*'|ModuleNotFoundError: No module named/;
const JVM_PLATFORM = /^(java|javax|jdk|sun|com\.sun|kotlin|scala|org\.junit|junit)\./;

const ANONYMOUS = new Set(['', '?', '<anonymous>', 'anonymous']);

/** `java.lang.NullPointerException` → `NullPointerException`; `builtins.KeyError` → `KeyError`. */
export function shortType(type: string): string {
  return type.trim().replace(/:$/, '').split(/[.$]/).filter(Boolean).pop() ?? '';
}

/** `Object.applyDiscount`, `async quote`, `com.acme.Pricing.apply` → the bare function name. */
export function shortFunction(fn: string | null | undefined): string | null {
  if (!fn) return null;
  const bare = fn
    .trim()
    .replace(/^(async|new)\s+/, '')
    .replace(/\s*\[as [^\]]+\]$/, '');
  const last = bare.split('.').filter(Boolean).pop() ?? bare;
  // Sentry names an anonymous function `?` where V8's own trace prints no name at all.
  return ANONYMOUS.has(last) ? null : last;
}

function exceptionWithFrames(event: ErrorEvent): ExceptionRecord | null {
  return event.exceptions.find((e) => e.frames.length > 0) ?? event.exceptions[0] ?? null;
}

/** The signature of an issue: its root cause's type and its first in-app resolved frame. */
export function crashSignature(event: ErrorEvent, issue: TriagedIssue): CrashSignature | null {
  const ex = exceptionWithFrames(event);
  if (!ex?.type) return null;
  const frame = issue.frames.find((f) => f.inApp && f.file) ?? null;
  return { type: ex.type, file: frame?.file ?? null, function: frame?.function ?? null };
}

/** Repo-relative path of a frame printed inside `worktree`, or its bare name for JVM-style frames. */
function framePathIn(frame: RawFrame, worktree: string, aside: string | null): string | null {
  const p = frame.path?.replace(/^file:\/\//, '');
  if (!p || LIBRARY_PATH.test(p) || NOT_A_FILE.test(p)) return null;
  if (aside && p.startsWith(aside)) return null;
  if (nodePath.isAbsolute(p)) return p.startsWith(worktree + nodePath.sep) ? nodePath.relative(worktree, p) : null;
  if (frame.module && JVM_PLATFORM.test(frame.module)) return null;
  return p.replace(/\\/g, '/').replace(/^\.\//, '');
}

function sameFile(a: string, b: string): boolean {
  return (
    a === b || nodePath.posix.basename(a) === nodePath.posix.basename(b) || a.endsWith(`/${b}`) || b.endsWith(`/${a}`)
  );
}

/** The first crash printed in the run whose exception is in-app, in its own terms. */
function crashesIn(run: CommandRun, worktree: string, aside: string | null): SeenCrash[] {
  const out: SeenCrash[] = [];
  for (const text of [run.stderr, run.stdout]) {
    const parsed = parseStackText(text);
    for (const ex of parsed?.exceptions ?? []) {
      if (!ex.type) continue;
      for (const f of ex.frames) {
        const file = framePathIn(f, worktree, aside);
        if (file === null) continue;
        out.push({ type: ex.type, file, line: f.line, function: f.function });
        break;
      }
    }
  }
  return out;
}

function lastLine(run: CommandRun): string {
  const line = `${run.stdout}\n${run.stderr}`.trim().split('\n').pop() ?? '';
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

/** Judges one run against the signature. Timeouts are skips: they say nothing about the bug. */
export function judgeRun(sig: CrashSignature, run: CommandRun, worktree: string, aside: string | null): Judgement {
  if (run.timedOut) return { result: 'skip', note: `timed out after ${Math.round(run.ms / 1000)} s` };
  if (run.code === 0) return { result: 'good', note: 'passed' };
  const crashes = crashesIn(run, worktree, aside);
  const wantFn = shortFunction(sig.function);
  const hit = crashes.find(
    (c) =>
      shortType(c.type) === shortType(sig.type) &&
      (sig.file === null || sameFile(c.file, sig.file)) &&
      (wantFn === null || shortFunction(c.function) === wantFn),
  );
  if (hit)
    return { result: 'bad', note: `${shortType(hit.type)} at ${hit.file}${hit.line ? `:${hit.line}` : ''}`, seen: hit };
  // 125 is `git bisect run`'s "cannot test this commit" (also the serve driver's: no server came up).
  if (run.code === 125) return { result: 'skip', note: `could not be tested (exit 125): ${lastLine(run)}` };
  const other = crashes[0];
  const what = other
    ? `a different failure: ${shortType(other.type)} at ${other.file}${other.line ? `:${other.line}` : ''}`
    : `exit ${run.code} without the ${shortType(sig.type)}`;
  // A scratch worktree has no installed dependencies until a setup command installs them.
  const missing = MISSING_DEPENDENCY.test(run.stderr) || MISSING_DEPENDENCY.test(run.stdout);
  return { result: 'good', note: missing ? `${what}; a dependency is missing here: give a setup command` : what };
}
