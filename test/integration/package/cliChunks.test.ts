// The CLI as scripts/build.mjs bundles it: ES-module chunks, so each command reads and compiles
// only its own code. Built into a temp folder; the chunks' import graph read from the files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const STATIC = /\bfrom\s*"\.\/([\w-]+\.mjs)"|\bimport\s*"\.\/([\w-]+\.mjs)"/g;
const DYNAMIC = /\bimport\("\.\/([\w-]+\.mjs)"\)/g;

describe('the CLI bundle', function () {
  this.timeout(120_000);
  let out = '';
  const text = (f: string) => fs.readFileSync(path.join(out, 'cli', f), 'utf8');
  const found = (re: RegExp, f: string) => [...text(f).matchAll(re)].map((m) => (m[1] ?? m[2]) as string);
  /** A chunk and every chunk it imports statically: what Node reads before the chunk runs. */
  const closure = (f: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(f)) return seen;
    seen.add(f);
    for (const dep of found(STATIC, f)) closure(dep, seen);
    return seen;
  };
  const contains = (files: Set<string>, s: string) => [...files].some((f) => text(f).includes(s));

  before(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-cli-build-'));
    const build = JSON.stringify(path.join(root, 'scripts/build.mjs'));
    const code = `(await import(${build})).buildBundles({ outDir: ${JSON.stringify(out)} })`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 110_000 });
    assert.equal(r.status, 0, r.stderr);
  });
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it('runs --help from the entry chunk, which reads neither the pipeline nor an HTTP client', () => {
    const help = spawnSync(process.execPath, [path.join(out, 'cli.js'), '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /Usage: culprit triage/);
    const entry = closure('main.mjs');
    assert.ok(!contains(entry, 'function runTriage('), 'the triage pipeline is not in the entry chunks');
    assert.ok(!contains(entry, 'node_modules/axios/'), 'axios is not in the entry chunks');
  });

  it('loads the triage of an event file without axios or the providers, and those for a provider', () => {
    const lazy = found(DYNAMIC, 'main.mjs');
    const triage = lazy.map((f) => closure(f)).find((c) => contains(c, 'async function runTriageCommand('));
    assert.ok(triage, 'a chunk of its own for `culprit triage`');
    assert.ok(contains(triage, 'function runTriage('));
    assert.ok(!contains(triage, 'node_modules/axios/'), 'axios is loaded only for a provider');
    const providers = [...triage].flatMap((f) => found(DYNAMIC, f)).map((f) => closure(f));
    assert.ok(
      providers.some((c) => contains(c, 'node_modules/axios/')),
      'the provider chunk carries the HTTP client',
    );
  });
});
