/**
 * Generated scripts that call the crashing function with the frame's local variables, for a
 * library-style crash. The values are the event's (JSON); the script loads the module at the
 * step's revision and lets the exception escape, so the runtime prints its own stack.
 */

/** Matches the target's parameters to the variables by name (both scripts): `args` for the call. */
const CALL_WITH_VARS = `const src = Function.prototype.toString.call(target);
const open = src.indexOf('(');
let depth = 0, close = open;
for (; close < src.length; close++) {
  if ('([{'.includes(src[close])) depth++;
  if (')]}'.includes(src[close]) && --depth === 0) break;
}
const params = [];
let cur = '';
depth = 0;
for (const ch of src.slice(open + 1, close)) {
  if ('([{'.includes(ch)) depth++;
  if (')]}'.includes(ch)) depth--;
  if (ch === ',' && depth === 0) { params.push(cur); cur = ''; } else cur += ch;
}
if (cur.trim()) params.push(cur);
const args = params.map((p) => vars[p.replace(/=[\\s\\S]*$/, '').replace(/^\\.\\.\\./, '').trim()]);
`;

/**
 * CommonJS: the module is compiled with one line appended that exposes the named function even
 * when it is not exported; parameters are matched to the variables by name.
 */
export function callScriptJs(file: string, fn: string, vars: Record<string, unknown>): string {
  return `'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const file = path.resolve(process.cwd(), ${JSON.stringify(file)});
const vars = ${JSON.stringify(vars)};
const m = new Module(file, module);
m.filename = file;
m.paths = Module._nodeModulePaths(path.dirname(file));
const target0 = 'typeof ${fn} === "function" ? ${fn} : undefined';
const expose =
  '\\n;module.exports = Object.assign(Object.create(null), module.exports, ' +
  '{ __culpritTarget: ' + target0 + ' });';
m._compile(fs.readFileSync(file, 'utf8') + expose, file);
const target = m.exports.__culpritTarget ?? (m.exports && m.exports[${JSON.stringify(fn)}]);
if (typeof target !== 'function') {
  console.log('culprit: ${fn} is not a function at this revision');
  process.exit(0);
}
${CALL_WITH_VARS}Promise.resolve(target(...args)).then(() => process.exit(0));
`;
}

/**
 * An ES module: imported by its file URL, through a load hook that appends one export of the named
 * function, so an unexported function is reachable and the stack still names the module's own file
 * and lines. `typeof` keeps a revision without the function loadable.
 */
export function callScriptMjs(file: string, fn: string, vars: Record<string, unknown>): string {
  const hook = `let url, expose;
export function initialize(d) { url = d.url; expose = d.expose; }
export async function load(u, ctx, next) {
  const r = await next(u, ctx);
  if (u !== url || r.format !== 'module' || r.source == null) return r;
  return { ...r, source: String(typeof r.source === 'string' ? r.source : Buffer.from(r.source)) + expose };
}`;
  return `import * as nodeModule from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const url = pathToFileURL(path.resolve(process.cwd(), ${JSON.stringify(file)})).href;
const vars = ${JSON.stringify(vars)};
const expose = '\\n;export const __culpritTarget = typeof ${fn} === "function" ? ${fn} : undefined;\\n';
if (typeof nodeModule.register === 'function')
  nodeModule.register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}), { data: { url, expose } });
const m = await import(url);
const target = m.__culpritTarget ?? m[${JSON.stringify(fn)}];
if (typeof target !== 'function') {
  console.log('culprit: ${fn} is not a function at this revision');
  process.exit(0);
}
${CALL_WITH_VARS}await target(...args);
process.exit(0);
`;
}

/** Python: the module is loaded from its file; keyword arguments come from the variables. */
export function callScriptPy(file: string, fn: string, vars: Record<string, unknown>): string {
  return `import importlib.util, inspect, json, os, sys
sys.path.insert(0, os.getcwd())
path = os.path.join(os.getcwd(), ${JSON.stringify(file)})
spec = importlib.util.spec_from_file_location("culprit_target", path)
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
fn = getattr(mod, ${JSON.stringify(fn)}, None)
if not callable(fn):
    print("culprit: ${fn} is not a function at this revision")
    sys.exit(0)
values = json.loads(${JSON.stringify(JSON.stringify(vars))})
params = inspect.signature(fn).parameters
fn(**{k: values[k] for k in params if k in values})
`;
}
