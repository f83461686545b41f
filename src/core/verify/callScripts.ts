/**
 * Generated scripts that call the crashing function with the frame's local variables, for a
 * library-style crash. The values are the event's (JSON); the script loads the module at the
 * step's revision and lets the exception escape, so the runtime prints its own stack.
 */

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
const src = Function.prototype.toString.call(target);
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
Promise.resolve(target(...args)).then(() => process.exit(0));
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
