// `npm run demo:ui`: the demo in a real VS Code you open in your browser. Builds the sample service
// repository and captures its real Sentry event (as `npm run demo` does), starts code-server with
// Culprit loaded from this checkout, prints the URL and keeps serving until Ctrl-C.
//   node scripts/vscode/demoUi.mjs [--port 8767]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDemoRepo } from '../demo/buildDemoRepo.mjs';
import { captureDemoEvent } from '../demo/captureDemoEvent.mjs';
import { setupHost } from './setupHost.mjs';
import { freePort, newRunDir, repoRoot, startCodeServer, workbenchUrl } from './codeServer.mjs';

/** Settings the demo window starts with (Culprit's own keys; tokens never go here). */
export const DEMO_SETTINGS = Object.freeze({ 'workbench.colorTheme': 'Default Dark Modern' });

const { values } = parseArgs({ options: { port: { type: 'string', default: '8767' } } });
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
if (!pkg.main || !existsSync(join(repoRoot, pkg.main))) {
  console.error(`demo:ui: ${pkg.main ?? 'package.json main'} is missing; run \`npm run build\` first.`);
  process.exit(1);
}
try {
  setupHost();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}

const work = join(repoRoot, '.demo');
const repo = join(work, 'orders-api');
mkdirSync(work, { recursive: true });
console.log(`Building the sample service repository in ${relative(process.cwd(), repo)} …`);
buildDemoRepo(repo);
console.log('Capturing the production 500 of v1.5.0 with @sentry/node …');
const { event, envelope } = await captureDemoEvent({
  repo,
  rev: 'v1.5.0',
  deployDir: join(work, 'deploy', 'app'),
  release: 'orders-api@1.5.0',
});
const eventFile = join(work, 'sentry-event.json');
writeFileSync(eventFile, JSON.stringify(event, null, 2));
writeFileSync(join(work, 'sentry-envelope.txt'), envelope);

// Installed as a packaged .vsix, not loaded through the smoke-test driver: that driver hides
// every notification, and the demo must show errors and hints as a user would see them.
const host = setupHost();
const vsix = join(work, 'culprit-demo.vsix');
console.log('Packaging the extension …');
execFileSync(
  process.execPath,
  [join(repoRoot, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', vsix],
  { cwd: repoRoot, stdio: 'ignore' },
);
const stateDir = newRunDir('demo-ui');
execFileSync(
  host.node24,
  [
    host.codeServer,
    '--extensions-dir',
    join(stateDir, 'ext'),
    '--user-data-dir',
    join(stateDir, 'ud'),
    '--install-extension',
    vsix,
  ],
  { stdio: 'ignore' },
);
const start = (port) =>
  startCodeServer({ label: 'demo-ui', stateDir, folder: repo, port, settings: DEMO_SETTINGS, smokeDriver: false });
// The fixed port keeps a bookmarked URL working; fall back to a free one when it is taken.
let port = Number(values.port);
let server;
try {
  server = await start(port);
} catch (e) {
  if (!/already in use/.test(e instanceof Error ? e.message : '')) throw e;
  port = await freePort();
  console.log(`port ${values.port} is busy; using ${port}`);
  server = await start(port);
}
const url = workbenchUrl(server, { folder: repo });
console.log(`
Culprit demo is running in VS Code ${'(code-server)'}:

  ${url}

Open it in a browser on this machine. Then click the Culprit icon in the activity bar and use
"Open Stack Trace or Event File…" with ${eventFile}
(the Sentry event captured just now from the deployed v1.5.0).
Server log: ${server.logFile}
Press Ctrl-C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping code-server …');
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// Keep the process alive while the detached server runs.
setInterval(() => {}, 1 << 30);
