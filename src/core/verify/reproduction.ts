/**
 * Chooses the reproduction, in order of preference: the user's command (`--repro`,
 * `culprit.reproCommand`, with `{file}` and `{test}` placeholders); the regression test written
 * from the failing request, run by the detected framework against the server `--serve` starts;
 * else a generated script that calls the crashing function with the frame's local variables.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { CulpritError } from '../errors';
import type { ErrorEvent, RawFrame } from '../model/event.types';
import type { TriagedIssue } from '../model/triage.types';
import { flattenFrames } from '../triage/frameSelection';
import { callScriptJs, callScriptMjs, callScriptPy } from './callScripts';
import { regressionTestCommand, runnerCommand, shellQuote, writeTestInto, type TestFile } from './regressionRepro';

export interface Reproduction {
  /** What people see (and the JSON's `command`). */
  label: string;
  kind: 'command' | 'regression-test' | 'call-script';
  /** The shell command for one step, given the scratch folders (scripts are written on first use). */
  commandFor(worktree: string, aside: string): string;
}

function crashFrame(event: ErrorEvent, issue: TriagedIssue): { raw: RawFrame; file: string } | null {
  const raw = flattenFrames(event.exceptions);
  const i = issue.frames.findIndex((f) => f.inApp && f.file);
  const file = issue.frames[i]?.file;
  return i >= 0 && raw[i] && file ? { raw: raw[i], file } : null;
}

function fromCommand(template: string, file: string | null, test: TestFile | null): Reproduction {
  if (template.includes('{file}') && !file)
    throw new CulpritError('invalid-input', 'the reproduction uses {file}, but no crash frame resolved to a file');
  if (template.includes('{test}') && !test)
    throw new CulpritError(
      'invalid-input',
      'the reproduction uses {test}, but the event has no request to write a test from',
    );
  const fill = (t: string): string =>
    t.replace(/\{file\}/g, () => shellQuote(file ?? '')).replace(/\{test\}/g, () => shellQuote(test?.relPath ?? ''));
  return {
    label: fill(template),
    kind: 'command',
    commandFor(worktree) {
      if (test && template.includes('{test}')) writeTestInto(worktree, test);
      return fill(template);
    },
  };
}

/** Whether node loads `file` (repo-relative) as an ES module: `.mjs`, or `.js` under a `"type": "module"` package. */
function isEsModule(worktree: string, file: string): boolean {
  if (file.endsWith('.mjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = nodePath.dirname(nodePath.join(worktree, file)); ; dir = nodePath.dirname(dir)) {
    const pkg = nodePath.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: unknown }).type === 'module';
      } catch {
        return false;
      }
    }
    if (dir === worktree || nodePath.dirname(dir) === dir) return false;
  }
}

/** Variables a function can be called with: an object of plain JSON values. */
function callableVars(raw: RawFrame): Record<string, unknown> | null {
  if (!raw.vars || typeof raw.vars !== 'object' || Object.keys(raw.vars).length === 0) return null;
  return raw.vars;
}

function fromRegressionTest(test: TestFile, serve: string): Reproduction {
  return {
    label: `regression test ${test.relPath} (${test.framework}: ${runnerCommand(test)}) against '${serve}'`,
    kind: 'regression-test',
    commandFor: (worktree, aside) => regressionTestCommand(worktree, aside, test, serve),
  };
}

/**
 * The reproduction for an issue. `test` is the regression test written from the event's request
 * (`{test}`, and the reproduction itself when `serve` starts the server it replays against).
 * Throws `invalid-input` when there is none (no command, no server, no variables to call with).
 */
export function chooseReproduction(
  event: ErrorEvent,
  issue: TriagedIssue,
  opts: { repro?: string; serve?: string; test?: TestFile | null },
): Reproduction {
  const frame = crashFrame(event, issue);
  if (opts.repro?.trim()) return fromCommand(opts.repro.trim(), frame?.file ?? null, opts.test ?? null);
  if (opts.test && opts.serve?.trim()) return fromRegressionTest(opts.test, opts.serve.trim());
  const vars = frame ? callableVars(frame.raw) : null;
  const fn = frame?.raw.function
    ?.split('.')
    .pop()
    ?.replace(/^async\s+/, '');
  if (frame && vars && fn && /^[A-Za-z_$][\w$]*$/.test(fn)) {
    const file = frame.file;
    const ext = nodePath.extname(file);
    const lang = ['.js', '.cjs', '.mjs'].includes(ext) ? 'js' : ext === '.py' ? 'py' : null;
    if (lang) {
      return {
        label: `call ${fn}() in ${file} with the event's local variables`,
        kind: 'call-script',
        commandFor(worktree, aside) {
          // Decided per step: a package may switch to ES modules inside the range.
          const script =
            lang === 'py'
              ? { name: 'culprit_call.py', text: callScriptPy(file, fn, vars) }
              : isEsModule(worktree, file)
                ? { name: 'culprit-call.mjs', text: callScriptMjs(file, fn, vars) }
                : { name: 'culprit-call.cjs', text: callScriptJs(file, fn, vars) };
          const path = nodePath.join(aside, script.name);
          writeFileSync(path, script.text);
          return `${lang === 'js' ? 'node' : 'python3'} ${shellQuote(path)}`;
        },
      };
    }
  }
  throw new CulpritError(
    'invalid-input',
    "no reproduction: pass --repro CMD (e.g. 'node main.js', 'npx mocha {test}' or 'pytest {file}'), " +
      'or set culprit.reproCommand; ' +
      (opts.test
        ? "or pass --serve CMD / set culprit.serveCommand (e.g. 'npm start') " +
          'to replay the request against the server it starts; '
        : '') +
      'the event has no local variables to call the crashing function with',
  );
}
