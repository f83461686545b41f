// The extension as users get it: the production .vsix (size) installed into a real VS Code
// (code-server), and its activation time as the host itself reports it in "Developer: Show
// Running Extensions" (activation event onStartupFinished), over several fresh starts.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildBundles } from '../../scripts/build.mjs';
import { startCodeServer, workbenchUrl, newRunDir } from '../../scripts/vscode/codeServer.mjs';
import { launchBrowser } from '../../scripts/vscode/browser.mjs';
import { setupHost } from '../../scripts/vscode/setupHost.mjs';
import { summarize } from '../lib/stats.mjs';

const RUNS = 5;

function packageVsix(repoRoot, work) {
  const ext = path.join(work, 'extension');
  rmSync(ext, { recursive: true, force: true });
  mkdirSync(ext, { recursive: true });
  for (const f of ['package.json', 'README.md', 'LICENSE', '.vscodeignore'])
    copyFileSync(path.join(repoRoot, f), path.join(ext, f));
  cpSync(path.join(repoRoot, 'media'), path.join(ext, 'media'), { recursive: true });
  return buildBundles({ production: true, outDir: path.join(ext, 'dist') }).then(() => {
    const vsix = path.join(work, 'culprit.vsix');
    execFileSync(
      process.execPath,
      [path.join(repoRoot, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', vsix],
      { cwd: ext, stdio: 'ignore' },
    );
    return vsix;
  });
}

async function activationOnce(vsix, folder) {
  const host = setupHost();
  const stateDir = newRunDir('bench-activation');
  execFileSync(
    host.node24,
    [
      host.codeServer,
      '--extensions-dir',
      path.join(stateDir, 'ext'),
      '--user-data-dir',
      path.join(stateDir, 'ud'),
      '--install-extension',
      vsix,
    ],
    { stdio: 'ignore' },
  );
  const server = await startCodeServer({ stateDir, folder });
  const browser = await launchBrowser({ profileParent: server.stateDir });
  try {
    const { page } = browser;
    await page.goto(workbenchUrl(server, { folder }));
    await page.waitForSelector('.monaco-workbench');
    const row = page.locator('.runtime-extensions-editor .monaco-list-row', {
      hasText: /Culprit|culprit-dev\.culprit/,
    });
    for (let attempt = 0; attempt < 20; attempt++) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.fill('>Developer: Show Running Extensions');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first().click();
      const text = await row.innerText({ timeout: 3000 }).catch(() => '');
      const m = /Activation:\s*(\d+)\s*ms/.exec(text);
      if (m) return Number(m[1]);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
    await page.screenshot({ path: path.join(stateDir, 'running-extensions.png') });
    throw new Error(`Culprit never appeared activated in Running Extensions (see ${stateDir}/running-extensions.png)`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

export async function extensionCase({ repoRoot, work }) {
  const dir = path.join(work, 'extension-case');
  mkdirSync(dir, { recursive: true });
  const vsix = await packageVsix(repoRoot, dir);
  const size = statSync(vsix).size;
  const folder = mkdtempSync(path.join(tmpdir(), 'culprit-bench-ws-'));
  writeFileSync(path.join(folder, 'README.md'), '# bench\n');
  const times = [];
  try {
    for (let i = 0; i < RUNS; i++) times.push(await activationOnce(vsix, folder));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return {
    id: 'extension',
    title: 'Extension: .vsix size and activation in a real VS Code',
    notes: [
      `code-server ${setupHost().codeServerVersion} (VS Code web workbench, Node 24 extension host); production bundle; activation as reported by the host's Running Extensions view, ${RUNS} fresh starts; activation events: onStartupFinished.`,
    ],
    rows: [
      { name: '.vsix size, MB', value: size / (1024 * 1024), target: '< 2 MB', ok: size < 2 * 1024 * 1024 },
      { name: 'activation as the host reports it', stat: summarize(times), unit: 'ms' },
    ],
  };
}
