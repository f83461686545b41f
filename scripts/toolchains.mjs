// Installs (once, idempotently) and locates the language toolchains the accuracy corpus crashes
// real programs with: Go, Ruby, PHP, Mono (C#) and Rust, beside the node/python3/java the project
// already needs. Debian packages through apt-get when a command is missing and we are root; Rust
// from rustup's ~/.cargo/bin when present (Debian's rustc otherwise). Never fails: a runtime whose
// install fails is reported missing with the reason, and the bench skips it saying so.
//   node scripts/toolchains.mjs            install what is missing, print what is available
//   import { ensureToolchains } from './toolchains.mjs'
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Each runtime: the commands it needs and the Debian packages that provide them. */
const RUNTIMES = {
  go: { commands: ['go'], packages: ['golang-go'] },
  ruby: { commands: ['ruby'], packages: ['ruby'] },
  php: { commands: ['php'], packages: ['php-cli'] },
  mono: { commands: ['mcs', 'mono'], packages: ['mono-mcs', 'mono-runtime'] },
  rust: { commands: ['rustc'], packages: ['rustc'] },
};

function which(command) {
  const extra = command === 'rustc' || command === 'cargo' ? [path.join(os.homedir(), '.cargo/bin')] : [];
  for (const dir of [...extra, ...(process.env.PATH ?? '').split(path.delimiter)]) {
    const file = path.join(dir, command);
    if (dir && existsSync(file)) return file;
  }
  return null;
}

function locate(name) {
  const found = RUNTIMES[name].commands.map(which);
  return found.every(Boolean) ? Object.fromEntries(RUNTIMES[name].commands.map((c, i) => [c, found[i]])) : null;
}

let aptUpdated = false;
function aptInstall(packages) {
  if (process.getuid?.() !== 0 || !which('apt-get')) return 'not root or no apt-get';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    const u = spawnSync('apt-get', ['update', '-qq'], { env, encoding: 'utf8', timeout: 300_000 });
    if (u.status !== 0) return `apt-get update failed: ${(u.stderr || u.error?.message || '').trim().slice(-200)}`;
    aptUpdated = true;
  }
  const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    env,
    encoding: 'utf8',
    timeout: 900_000,
  });
  return r.status === 0 ? null : `apt-get install ${packages.join(' ')} failed: ${(r.stderr || '').trim().slice(-200)}`;
}

/**
 * The toolchains, installing missing ones when `install` is true.
 * @returns {Record<string, { ok: true, commands: Record<string, string>, version: string } | { ok: false, reason: string }>}
 */
export function ensureToolchains({ install = true, only = Object.keys(RUNTIMES) } = {}) {
  const out = {};
  for (const name of only) {
    let commands = locate(name);
    let reason = 'not installed';
    if (!commands && install) {
      reason = aptInstall(RUNTIMES[name].packages) ?? 'installed but not on PATH';
      commands = locate(name);
    }
    if (!commands) {
      out[name] = { ok: false, reason };
      continue;
    }
    const first = Object.values(commands)[0];
    const flag = name === 'go' ? ['version'] : ['--version'];
    let version = '?';
    try {
      version = execFileSync(first, flag, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0];
    } catch {
      // mono's mcs prints its version to stdout; anything else is only cosmetic here
    }
    out[name] = { ok: true, commands, version: version.trim() };
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [name, t] of Object.entries(ensureToolchains())) {
    process.stdout.write(`${name.padEnd(5)} ${t.ok ? `ok  ${t.version}` : `MISSING (${t.reason})`}\n`);
  }
}
