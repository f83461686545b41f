// Playwright helpers for UI tests against a real VS Code workbench (code-server + headless
// Chromium). Every openWorkbench() gets its own server, state dir and browser profile, so tests
// never share settings, trust or layout.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startCodeServer, workbenchUrl, repoRoot } from '../../../scripts/vscode/codeServer.mjs';
import { launchBrowser } from '../../../scripts/vscode/browser.mjs';

/** Where screenshots go (git-ignored). */
export const resultsDir = path.join(repoRoot, 'test-results');

export interface WorkbenchOptions {
  /** Absolute folder to open; default: none (empty window). */
  folder?: string;
  /** User settings merged over the harness defaults (BASE_SETTINGS in codeServer.mjs). */
  settings?: Record<string, unknown>;
  /**
   * Load an extension from source: true = this repository (dist/extension.js, run `npm run build`
   * first), a string = another extension folder. CULPRIT_VSCODE_DEV_PATH overrides `true`.
   */
  devExtension?: boolean | string;
  /** Turn workspace trust on, so that the folder opens in Restricted Mode. */
  workspaceTrust?: boolean;
  /** Extra environment for the server and its extension host. */
  env?: Record<string, string>;
  viewport?: { width: number; height: number };
}

export interface Workbench {
  page: Page;
  /** Server URL, log file and state dir, for messages when something failed. */
  server: { url: string; logFile: string; stateDir: string };
  /** Server log tail and where the logs are. */
  logs(): string;
  /** Saves test-results/<name>.png (name sanitised) and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Runs a command through the palette by its title as shown there, e.g. 'Culprit: Triage Event'. */
  runCommand(title: string): Promise<void>;
  /** Opens the notifications center (toasts are not shown in this mode) and returns it. */
  openNotifications(): Promise<Locator>;
  /** A notification in the (opened) notifications center whose text contains `text`. */
  notification(text: string | RegExp): Locator;
  /** The activity bar entry whose view container title is `label`. */
  activityBarEntry(label: string): Locator;
  /** Clicks the activity bar entry `label` unless its container is already showing. */
  openViewContainer(label: string): Promise<void>;
  /** A tree row (any tree view) whose text contains `text`. */
  treeRow(text: string | RegExp): Locator;
  /** A status bar item whose text contains `text`. */
  statusBar(text: string | RegExp): Locator;
  /** An editor tab whose label contains `text`. */
  editorTab(text: string | RegExp): Locator;
  /** Closes the browser and stops the server (its state dir stays for inspection). */
  close(): Promise<void>;
}

function safeName(name: string): string {
  return (
    name
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 120) || 'screenshot'
  );
}

/** Starts a server and a browser and resolves once the workbench is rendered. */
export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const devPath =
    options.devExtension === true ? process.env.CULPRIT_VSCODE_DEV_PATH || repoRoot : options.devExtension || undefined;
  const server = await startCodeServer({
    label: 'ui',
    folder: options.folder,
    settings: options.settings,
    workspaceTrust: options.workspaceTrust,
    env: options.env,
  });
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  const close = async () => {
    await browser?.close();
    await server.stop();
  };
  try {
    browser = await launchBrowser({ profileParent: server.stateDir, viewport: options.viewport });
    const page = browser.page;
    const consoleLog = fs.openSync(path.join(server.stateDir, 'browser.log'), 'a');
    page.on('console', (m) => fs.writeSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => fs.writeSync(consoleLog, `[pageerror] ${e.message}\n`));
    page.on('close', () => fs.closeSync(consoleLog));
    await page.goto(workbenchUrl(server, { folder: options.folder, devPath }), { timeout: 180_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    // The activity bar and status bar are filled once the workbench has restored its parts.
    await page.locator('.part.statusbar').waitFor({ timeout: 120_000 });

    const activityBarEntry = (label: string) =>
      page.locator(`.activitybar a.action-label[aria-label="${label.replace(/["\\]/g, '\\$&')}"]`);
    const wb: Workbench = {
      page,
      server: { url: server.url, logFile: server.logFile, stateDir: server.stateDir },
      logs: () => `${server.logs()}\nbrowser console: ${path.join(server.stateDir, 'browser.log')}`,
      async screenshot(name) {
        fs.mkdirSync(resultsDir, { recursive: true });
        const file = path.join(resultsDir, `${safeName(name)}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      async runCommand(title) {
        await page.keyboard.press('F1');
        const input = page.locator('.quick-input-widget .quick-input-box input');
        await input.waitFor();
        await input.fill(`>${title}`);
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
        await row.waitFor();
        await row.click();
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      },
      async openNotifications() {
        const center = page.locator('.notifications-center');
        if (!(await center.isVisible())) await wb.runCommand('Notifications: Show Notifications');
        await center.waitFor();
        return center;
      },
      notification: (text) => page.locator('.notifications-center .notification-list-item', { hasText: text }),
      activityBarEntry,
      async openViewContainer(label) {
        const entry = activityBarEntry(label);
        await entry.waitFor();
        // The tab element around the link carries the state; clicking an open container closes it.
        if ((await entry.locator('xpath=..').getAttribute('aria-expanded')) !== 'true') await entry.click();
      },
      treeRow: (text) => page.locator('.monaco-list-row[role=treeitem]', { hasText: text }),
      statusBar: (text) => page.locator('.part.statusbar .statusbar-item', { hasText: text }),
      editorTab: (text) => page.locator('.tabs-container .tab', { hasText: text }),
      close,
    };
    return wb;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const logs = server.logs();
    await close();
    throw new Error(`openWorkbench failed: ${msg}\n${logs}`, { cause: e });
  }
}

/**
 * For `afterEach(function () { … })`: screenshots a failed test as test-results/FAILED-<title>.png
 * and prints where the server log is.
 */
export async function captureFailure(ctx: Mocha.Context, wb: Workbench | undefined): Promise<void> {
  const test = ctx.currentTest;
  if (!wb || !test || test.state !== 'failed') return;
  const file = await wb.screenshot(`FAILED-${test.fullTitle()}`).catch(() => undefined);
  console.log(`    screenshot: ${file ?? '(failed)'}\n    ${wb.logs().split('\n').join('\n    ')}`);
}

/** What a UI suite made in its `before`: read when its hooks run, since `before` assigns it. */
interface SuiteResources {
  wb?: Workbench;
  standIns?: Array<{ close(): Promise<void> } | undefined>;
  dir?: string;
}

/**
 * Call inside a `describe`: screenshots each failed test, then after the suite closes the
 * workbench, stops the stand-ins and removes `dir`.
 */
export function cleanUpAfterSuite(resources: () => SuiteResources): void {
  afterEach(async function () {
    await captureFailure(this, resources().wb);
  });
  after(async () => {
    const { wb, standIns = [], dir } = resources();
    await wb?.close();
    await Promise.all(standIns.map((s) => s?.close()));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
}
