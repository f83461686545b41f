// Building and running the deployed revision in the runtimes beyond node, python3 and java: Go,
// Ruby, PHP, C# on Mono and Rust. Each builds the way its developers do (go build, mcs, rustc with
// debug info) and runs until it crashes; what the runtime printed is the trace. The toolchains
// come from scripts/toolchains.mjs (installed once when missing).
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ensureToolchains } from '../../scripts/toolchains.mjs';

const TOOLCHAIN = { go: 'go', ruby: 'ruby', php: 'php', cs: 'mono', rust: 'rust' };
let installed = null;

/**
 * The toolchains the corpus's runtimes need: `{ go: { ok, commands | reason }, … }`. With
 * `install` (the bench) missing ones are installed once; without (the tests) only looked up.
 */
export function corpusToolchains({ install = true } = {}) {
  if (installed) return installed;
  const found = ensureToolchains({ install });
  if (install) installed = found;
  return found;
}

/** Whether a builder `lang` can run here (null) or why not. */
export function runtimeMissing(lang, { install = true } = {}) {
  const t = TOOLCHAIN[lang];
  if (!t) return null;
  const got = corpusToolchains({ install })[t];
  return got?.ok ? null : `${t} toolchain missing (${got?.reason ?? 'unknown'})`;
}

function filesUnder(dir, ext, rel = '.') {
  const out = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const p = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...filesUnder(dir, ext, p));
    else if (p.endsWith(ext) && !/^(tests?|spec)\//.test(p)) out.push(p);
  }
  return out.sort();
}

function crashOutput(r, what) {
  if (r.error) throw r.error;
  if (r.status === 0) throw new Error(`${what} did not crash:\n${r.stdout}`);
  return r.stderr;
}

/** Builds and runs `def` in `dir`; the crash output. */
export function runNative(def, dir) {
  const why = runtimeMissing(def.lang);
  if (why) throw new Error(`${def.name}: ${why}`);
  const cmd = (name) =>
    Object.values(corpusToolchains())
      .flatMap((t) => (t.ok ? Object.entries(t.commands) : []))
      .find(([c]) => c === name)[1];
  const opts = { cwd: dir, encoding: 'utf8', timeout: 300_000, maxBuffer: 16 << 20 };
  const build = (file, args, env = process.env) =>
    execFileSync(cmd(file), args, { ...opts, env, stdio: ['ignore', 'pipe', 'pipe'] });
  switch (def.lang) {
    case 'go': {
      const home = path.join(dir, '..', '.gohome');
      const env = {
        ...process.env,
        GOFLAGS: '-mod=mod',
        GO111MODULE: 'on',
        GOPATH: home,
        GOCACHE: path.join(home, 'cache'),
        GOTOOLCHAIN: 'local',
      };
      build('go', ['build', '-o', 'service-bin', '.'], env);
      return crashOutput(spawnSync(path.join(dir, 'service-bin'), [], opts), def.name);
    }
    case 'ruby':
      return crashOutput(spawnSync(cmd('ruby'), [def.main], opts), def.name);
    case 'php':
      return crashOutput(
        spawnSync(
          cmd('php'),
          ['-d', 'display_errors=stderr', '-d', 'log_errors=0', '-d', 'error_reporting=E_ALL', def.main],
          opts,
        ),
        def.name,
      );
    case 'cs':
      build('mcs', ['-debug', '-nowarn:169,414,649', '-out:app.exe', ...filesUnder(dir, '.cs')]);
      return crashOutput(spawnSync(cmd('mono'), ['--debug', 'app.exe'], opts), def.name);
    case 'rust':
      build('rustc', ['--edition', '2021', '-g', '-A', 'warnings', '-o', 'service-bin', def.main]);
      return crashOutput(
        spawnSync(path.join(dir, 'service-bin'), [], { ...opts, env: { ...process.env, RUST_BACKTRACE: '1' } }),
        def.name,
      );
    default:
      throw new Error(`${def.name}: no native runtime for ${def.lang}`);
  }
}
