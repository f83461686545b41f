// Starts and stops one code-server (VS Code server + web workbench) per test run, isolated from
// the machine: its own port, state dir, XDG dirs and TMPDIR, seeded user settings, and a process
// group so that stopping it also ends the extension host and file watcher it forked.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import {
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  writeFileSync,
  existsSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setupHost } from './setupHost.mjs';

/** Repository root (the extension's development path). */
export const repoRoot = resolve(new URL('../..', import.meta.url).pathname);
/** Parent of every per-run state dir; git-ignored through `.cache/`. */
export const runsDir = join(repoRoot, '.cache', 'vscode-run');

/**
 * User settings every run starts from: no welcome page, chat, tips, updates or gallery noise, and
 * workspace trust off (an untrusted run turns it back on). Measured in the recipe.
 */
export const BASE_SETTINGS = Object.freeze({
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.tips.enabled': false,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'editor.hover.delay': 100,
  'window.restoreWindows': 'none',
});

/** Settings that make a workspace untrusted without the modal startup prompt. */
export const UNTRUSTED_SETTINGS = Object.freeze({
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'always',
  'security.workspace.trust.emptyWindow': false,
});

/** Resolves with a port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolvePort(port));
    });
  });
}

/** Resolves true when nothing listens on 127.0.0.1:port yet. */
function portFree(port) {
  return new Promise((done) => {
    const srv = createServer();
    srv.once('error', () => done(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => done(true)));
  });
}

/**
 * Removes old run dirs: beyond the `keep` most recent, those untouched for an hour (a concurrent
 * harness may still be using a recent one). Failed runs stay inspectable for a while.
 */
function pruneRunDirs(keep = 20) {
  if (!existsSync(runsDir)) return;
  const dirs = readdirSync(runsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({ path: join(runsDir, e.name), mtime: statSync(join(runsDir, e.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const d of dirs.slice(keep)) {
    if (Date.now() - d.mtime > 3600_000) rmSync(d.path, { recursive: true, force: true });
  }
}

/** A fresh `.cache/vscode-run/<label>-<time>-<random>` directory. */
export function newRunDir(label = 'run') {
  pruneRunDirs();
  const id = `${label.replace(/[^A-Za-z0-9_-]/g, '_')}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const dir = join(runsDir, id);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Last `lines` lines of a text file, or a note that it is missing. */
export function tailFile(file, lines = 40) {
  if (!existsSync(file)) return `(no ${file})`;
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-lines)
    .join('\n');
}

/**
 * @typedef {object} CodeServerOptions
 * @property {string} [folder] absolute folder the workbench opens (passed as the default folder)
 * @property {Record<string, unknown>} [settings] user settings merged over BASE_SETTINGS
 * @property {boolean} [workspaceTrust] true: trust enabled, so every folder starts untrusted
 * @property {number} [port] fixed port (fails if busy); default: a free one
 * @property {string} [stateDir] default: a new dir under .cache/vscode-run
 * @property {string} [label] names the state dir
 * @property {Record<string, string>} [env] extra env for the server, inherited by the extension host
 * @property {number} [startTimeoutMs] default 30000
 */

/**
 * @typedef {object} CodeServer
 * @property {string} url e.g. http://127.0.0.1:41234
 * @property {string} authority e.g. 127.0.0.1:41234 (for vscode-remote:// URIs)
 * @property {number} port
 * @property {number} pid process (group) id
 * @property {string} stateDir
 * @property {string} logFile server stdout+stderr
 * @property {string} userDataDir
 * @property {(path: string) => string} remoteUri vscode-remote URI of a server-side path
 * @property {() => string} logs where to look when something failed, with the server log tail
 * @property {() => Promise<void>} stop kills the process group and waits for the server to exit
 */

/**
 * Starts code-server under Node 24 in its own process group and resolves once /healthz answers.
 * @param {CodeServerOptions} [options]
 * @returns {Promise<CodeServer>}
 */
export async function startCodeServer(options = {}) {
  const host = setupHost();
  const stateDir = options.stateDir ?? newRunDir(options.label ?? 'server');
  const dirs = {
    ud: join(stateDir, 'ud'),
    ext: join(stateDir, 'ext'),
    tmp: join(stateDir, 'tmpdir'),
    config: join(stateDir, 'xdg', 'config'),
    data: join(stateDir, 'xdg', 'data'),
    cache: join(stateDir, 'xdg', 'cache'),
  };
  for (const d of [...Object.values(dirs), join(dirs.ud, 'User')]) mkdirSync(d, { recursive: true });
  const settings = {
    ...BASE_SETTINGS,
    ...(options.workspaceTrust ? UNTRUSTED_SETTINGS : {}),
    ...(options.settings ?? {}),
  };
  writeFileSync(join(dirs.ud, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const csConfig = join(stateDir, 'cs-config.yaml');
  writeFileSync(csConfig, 'auth: none\n');

  let port = options.port;
  if (port !== undefined && !(await portFree(port)))
    throw new Error(`code-server: port ${port} on 127.0.0.1 is already in use`);
  port ??= await freePort();
  const args = [
    host.codeServer,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir',
    dirs.ud,
    '--extensions-dir',
    dirs.ext,
    '--config',
    csConfig,
    '--reconnection-grace-time',
    '5',
  ];
  // The smoke-test driver lets the URL payload load the extension from source and run tests, but
  // it also hides every notification toast: `smokeDriver: false` (demo:ui) shows them.
  if (options.smokeDriver !== false) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (!options.workspaceTrust) args.push('--disable-workspace-trust');
  if (options.folder) args.push(options.folder);

  const logFile = join(stateDir, 'server.log');
  const fd = openSync(logFile, 'a');
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    TMPDIR: dirs.tmp,
    // Node 24 runs the server; keep npm's and the test runner's Node-specific variables out of it.
    NODE_OPTIONS: '',
    ...(options.env ?? {}),
  };
  // detached = setsid: the server, its extension hosts and watchers share one process group.
  const child = spawn(host.node24, args, { detached: true, stdio: ['ignore', fd, fd], env, cwd: stateDir });
  closeSync(fd);
  let exited = null;
  const exitPromise = new Promise((done) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      done();
    }),
  );
  child.unref();

  const url = `http://127.0.0.1:${port}`;
  const authority = `127.0.0.1:${port}`;
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 3000);
    await exitPromise;
    clearTimeout(timer);
    // The group may outlive the wrapper for a moment (file watcher); make sure it is gone.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  const logs = () =>
    `code-server log ${logFile} (state ${stateDir}; extension host logs under ${join(dirs.ud, 'logs')}):\n${tailFile(logFile)}`;

  const deadline = Date.now() + (options.startTimeoutMs ?? 30000);
  for (;;) {
    if (exited) throw new Error(`code-server exited during start (${JSON.stringify(exited)}).\n${logs()}`);
    try {
      const res = await globalThis.fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `code-server did not answer ${url}/healthz within ${options.startTimeoutMs ?? 30000} ms.\n${logs()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    authority,
    port,
    pid: child.pid,
    stateDir,
    logFile,
    userDataDir: dirs.ud,
    remoteUri: (p) => `vscode-remote://${authority}${resolve(p)}`,
    logs,
    stop,
  };
}

/**
 * The workbench URL that opens `folder` and, through the smoke-test-driver `payload`, loads the
 * extension from `devPath` and optionally runs the test module `testsPath` in the extension host.
 * @param {CodeServer} server
 * @param {{ folder?: string, devPath?: string, testsPath?: string }} target
 */
export function workbenchUrl(server, target) {
  const payload = [];
  if (target.devPath) payload.push(['extensionDevelopmentPath', server.remoteUri(target.devPath)]);
  if (target.testsPath) payload.push(['extensionTestsPath', server.remoteUri(target.testsPath)]);
  const q = [];
  if (target.workspace) q.push(`workspace=${encodeURIComponent(resolve(target.workspace))}`);
  else if (target.folder) q.push(`folder=${encodeURIComponent(resolve(target.folder))}`);
  if (payload.length) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.url}/${q.length ? `?${q.join('&')}` : ''}`;
}
