// The first-run paths of issue #20 the other UI suites leave out, each driven by clicks and typing
// in the real workbench (code-server + Chromium): an empty paste says what to do; Disconnect is in
// the view's menu only while connected and works from there; a FROM..TO typed into Set Deploy
// Range… is validated, reruns the triage and labels the range as set; Ignore asks first and its
// Undo reopens the issue; Cancel stops an Open Error by ID lookup and a file still being read; an error
// row's Retry and Show Log buttons, clicked.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { startSentryStandIn, type SentryStandIn } from '../../helpers/sentryStandIn';
import { prepareDemo } from '../host/demoData.mjs';
import { cleanUpAfterSuite, openWorkbench, type Workbench } from './workbench';

const TOKEN = 'canarytok_GAPS_CANARY_7a3f19e2';
describe('First-run gaps in the real workbench: paste, disconnect, typed deploy range, Ignore/Undo, Cancel', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let standIn: SentryStandIn;
  let demo: Awaited<ReturnType<typeof prepareDemo>>;
  let dir: string;

  const input = () => wb.page.locator('.quick-input-widget .quick-input-box input');
  const issueRows = () => wb.treeRow(/boom \d/);
  /** The labels of the view title's "More Actions…" menu, left open (Escape closes it). */
  const moreActions = async (): Promise<string[]> => {
    await wb.openViewContainer('Culprit');
    const more = wb.page.locator('.part.sidebar .action-label[aria-label*="More Actions"]').first();
    await more.click();
    const items = wb.page.locator('.monaco-menu .action-item .action-label');
    await items.first().waitFor({ timeout: 15_000 });
    return (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  };
  const menuItem = (label: string) =>
    wb.page.locator('.monaco-menu .action-item .action-label', { hasText: label }).first();
  const expand = async (row: ReturnType<Workbench['treeRow']>) => {
    const expanded = row.and(wb.page.locator('[aria-expanded="true"]'));
    await row.waitFor();
    if (!(await expanded.count())) await row.locator('.monaco-tl-twistie').click();
    await expanded.waitFor({ timeout: 15_000 });
  };
  /** The detail panel's document: the webview's inner frame, once it shows the issue `title`. */
  const panelShowing = async (title: string): Promise<FrameLocator> => {
    const view = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('#issue-title', { hasText: title }).waitFor({ timeout: 30_000 });
    return view;
  };
  /** Empties the notifications center of what can be cleared (not a palette command while it is empty). */
  const clearNotifications = async () => {
    const center = await wb.openNotifications();
    // Disabled while it lists only what cannot be cleared (work in progress).
    const clearAll = center.locator('.action-label[aria-label^="Clear All"]:not([aria-disabled="true"])');
    if (await clearAll.count()) await clearAll.first().click();
    await wb.page.waitForTimeout(300);
  };
  /** Waits for the notification `text`, clicks its Cancel, and waits for it to go. */
  const cancelFromNotification = async (text: string | RegExp, shot: string) => {
    await wb.openNotifications();
    const toast = wb.notification(text).first();
    await toast.waitFor({ timeout: 30_000 });
    await wb.screenshot(shot);
    await toast.getByRole('button', { name: 'Cancel' }).click();
    await toast.waitFor({ state: 'hidden', timeout: 30_000 });
    // The click closes the center: open it again, so what the checks after read is what it lists.
    await wb.openNotifications();
    assert.equal(await wb.notification(text).count(), 0, 'the cancelled work is gone from the center');
  };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-ui-gaps-'));
    const repo = path.join(dir, 'orders-api');
    fs.mkdirSync(repo);
    demo = await prepareDemo(repo);
    standIn = await startSentryStandIn({
      issueCount: 2,
      token: TOKEN,
      event: demo.restEvent,
      releases: demo.releases,
    });
    wb = await openWorkbench({ folder: repo, devExtension: true, viewport: { width: 1500, height: 950 } });
    await wb.activityBarEntry('Culprit').waitFor({ timeout: 120_000 });
  });
  cleanUpAfterSuite(() => ({ wb, standIns: [standIn], dir }));

  it('Paste Stack Trace with nothing on the clipboard, then Triage on the empty editor: says what to do', async () => {
    const { page } = wb;
    await wb.openViewContainer('Culprit');
    await wb.runCommand('Culprit: Paste Stack Trace');
    const triage = page.locator('.editor-actions .action-label[aria-label^="Triage"]').first();
    await triage.waitFor({ timeout: 30_000 });
    await wb.screenshot('gaps-0-paste-editor');
    await triage.click();
    await wb.openNotifications();
    const said = wb.notification('this editor is empty').first();
    await said.waitFor({ timeout: 15_000 });
    assert.match(
      await said.innerText(),
      /Paste a stack trace, a log excerpt or an event JSON into it, then press Triage/,
    );
    await wb.screenshot('gaps-1-empty-paste');
    assert.equal(await issueRows().count(), 0, 'nothing was triaged');
    await clearNotifications();
    await wb.runCommand('View: Revert and Close Editor');
  });

  it('Disconnect Sentry is not in the view menu before connecting; connecting puts it there', async () => {
    const { page } = wb;
    const before = await moreActions();
    assert.ok(before.includes('Connect Sentry…') || before.some((l) => /^Connect Sentry/.test(l)), before.join(' | '));
    assert.ok(!before.some((l) => /Disconnect/.test(l)), before.join(' | '));
    await page.keyboard.press('Escape');
    await wb.startCommand('Culprit: Connect Sentry');
    for (const [n, value] of [standIn.url, 'acme', TOKEN, 'orders-api'].entries()) {
      await page.locator('.quick-input-widget', { hasText: `(${n + 1}/4)` }).waitFor();
      await input().fill(value);
      await input().press('Enter');
    }
    await wb.treeRow('boom 0').first().waitFor({ timeout: 60_000 });
    const after = await moreActions();
    assert.ok(after.includes('Disconnect Sentry'), after.join(' | '));
    assert.ok(!after.some((l) => /Disconnect (Datadog|Bugsnag)/.test(l)), 'only the connected provider');
    await wb.screenshot('gaps-2-menu-connected');
    await page.keyboard.press('Escape');
  });

  it('Set Deploy Range… → Enter FROM..TO…: a bad range is refused as typed; a good one reruns and is labelled set', async () => {
    const { page } = wb;
    await wb.openViewContainer('Culprit');
    await expand(wb.treeRow('boom 0').first());
    const suspects = wb.treeRow('deploy v1.4.0..v1.5.0 (from Sentry deploys)').first();
    await suspects.waitFor({ timeout: 60_000 });
    await suspects.hover();
    await suspects.locator('.action-label[aria-label^="Set Deploy Range"]').click();
    await page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Enter FROM..TO' })
      .first()
      .click();
    await page.locator('.quick-input-widget', { hasText: 'FROM..TO: the previous deploy' }).waitFor();
    const message = page.locator('.quick-input-widget .quick-input-message');
    await input().fill('v1.4.0...v1.5.0');
    await message.filter({ hasText: 'Use two dots: FROM..TO' }).waitFor({ timeout: 15_000 });
    await input().fill('--output=x..v1.5.0');
    await message.filter({ hasText: 'Each side must be a tag, branch or commit' }).waitFor({ timeout: 15_000 });
    await wb.screenshot('gaps-3-deploy-typed-refused');
    await input().press('Enter');
    assert.ok(await input().isVisible(), 'Enter on a refused range keeps the box open');
    await input().fill('v1.4.0..v1.5.0');
    await input().press('Enter');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Set Deploy Range for' }).waitFor();
    await page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'This issue' })
      .first()
      .click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    // The triage ran again on the range typed: the label says it was set, and by which tags.
    const set = wb.treeRow('deploy v1.4.0..v1.5.0 (set: tags v1.4.0..v1.5.0)').first();
    await set.waitFor({ timeout: 60_000 });
    await expand(set);
    await wb.treeRow(demo.bugSha.slice(0, 7)).first().waitFor({ timeout: 30_000 });
    // Only this issue: the other keeps the range Sentry reported.
    await expand(wb.treeRow('boom 1').first());
    await wb.treeRow('deploy v1.4.0..v1.5.0 (from Sentry deploys)').first().waitFor({ timeout: 30_000 });
    await wb.screenshot('gaps-4-deploy-typed-set');
  });

  it('Ignore asks first, sends nothing until confirmed, and its Undo reopens the issue', async () => {
    const { page } = wb;
    await wb.runCommand('View: Close All Editors');
    const issue = wb.treeRow('boom 0').first();
    await issue.hover();
    await issue.locator('.action-label[aria-label="Open Details"]').click();
    const view = await panelShowing('boom 0');
    const before = standIn.count('updateIssue');
    await view.locator('#action-ignore').click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    assert.match(await dialog.innerText(), /Ignore "TypeError: boom 0"\? It will stop alerting/);
    await wb.screenshot('gaps-5-ignore-confirm');
    assert.equal(standIn.count('updateIssue'), before, 'nothing is sent before the confirmation');
    await dialog
      .locator('.monaco-button', { hasText: /^Ignore$/ })
      .first()
      .click();
    await view.locator('#action-status', { hasText: /[Ii]gnored/ }).waitFor({ timeout: 15_000 });
    const sent = () => standIn.requests.filter((r) => r.route === 'updateIssue').map((r) => r.body);
    assert.deepEqual(sent().slice(before), [{ status: 'ignored' }]);
    await wb.openNotifications();
    const ignored = wb.notification('Ignored Sentry issue').first();
    await ignored.waitFor({ timeout: 15_000 });
    await wb.screenshot('gaps-6-ignored-undo');
    await ignored.getByRole('button', { name: 'Undo' }).click();
    for (const end = Date.now() + 30_000; sent().length < before + 2 && Date.now() < end;)
      await page.waitForTimeout(200);
    assert.deepEqual(sent().slice(before), [{ status: 'ignored' }, { status: 'unresolved' }]);
    // Clicking a notification's button closes the center (and the refresh after may take the
    // focus from the palette that opens it): once settled, the outcome is listed there.
    await page.waitForTimeout(1000);
    await wb.openNotifications().catch(async () => {
      await page.keyboard.press('Escape');
      await wb.openNotifications();
    });
    await wb.notification('Reopened Sentry issue').first().waitFor({ timeout: 30_000 });
    assert.equal(standIn.requests.filter((r) => r.route === 'updateIssue').pop()?.method, 'PUT');
    await clearNotifications();
    await wb.runCommand('View: Close All Editors');
  });

  it("Open Error by ID…: Cancel on the lookup's notification stops it; no error, nothing added", async () => {
    const { page } = wb;
    await wb.openViewContainer('Culprit');
    const rows = await issueRows().count();
    // Sentry answers the event ID slowly: the lookup is still waiting when the user cancels it.
    standIn.fault('eventids', { delayMs: 30_000 });
    try {
      await wb.startCommand('Culprit: Open Error by ID');
      await page.locator('.quick-input-widget', { hasText: 'Open Error by ID (Sentry' }).waitFor();
      await input().fill('0123456789abcdef0123456789abcdef');
      await input().press('Enter');
      await cancelFromNotification('looking up 0123456789abcdef', 'gaps-7-lookup-cancellable');
      const asked = standIn.requests.length;
      assert.ok(standIn.count('eventids') > 0, 'the lookup had asked Sentry');
      await page.waitForTimeout(1500);
      assert.equal(standIn.requests.length, asked, 'nothing is asked for after the cancel');
      assert.equal(await wb.notification(/Culprit: .*(failed|error|abort)/i).count(), 0);
      assert.equal(await issueRows().count(), rows, 'no issue added');
    } finally {
      standIn.clearFaults();
    }
  });

  it('Open Stack Trace or Event File… on a pipe still being written: Cancel stops reading, no error', async () => {
    const { page } = wb;
    // An event piped from a slow command (`kubectl logs … > pipe`): a byte a second, never ending.
    const fifo = path.join(dir, 'events.pipe');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', 'exec 3>"$1"; while :; do printf "{" >&3; sleep 1; done', 'writer', fifo], {
      stdio: 'ignore',
    });
    try {
      const rows = await issueRows().count();
      await wb.startCommand('Culprit: Open Stack Trace or Event File');
      await page.locator('.quick-input-widget', { hasText: 'Open Stack Trace or Event File' }).waitFor();
      // The dialog fills in its start folder a moment after it opens: type the path after that.
      for (const end = Date.now() + 15_000; (await input().inputValue()) !== `${demo.repo}/`;) {
        assert.ok(Date.now() < end, 'the dialog opens at the workspace folder');
        await page.waitForTimeout(100);
      }
      await input().fill(fifo);
      await page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).click();
      await cancelFromNotification('reading events.pipe', 'gaps-8-file-read-cancellable');
      await page.waitForTimeout(1500);
      assert.equal(await wb.notification(/cannot read|failed|error/i).count(), 0, 'a cancel is not an error');
      assert.equal(await issueRows().count(), rows, 'nothing added');
      await wb.screenshot('gaps-9-file-read-cancelled');
    } finally {
      writer.kill();
    }
  });

  it('a refresh that fails shows an error row whose Show Log and Retry buttons work when clicked', async () => {
    const { page } = wb;
    await clearNotifications();
    await wb.openViewContainer('Culprit');
    standIn.fault('issues', { status: 503 });
    try {
      await wb.runCommand('Culprit: Refresh');
      const error = wb.treeRow(/Sentry.*(showing the last good list|refresh failed)/).first();
      await error.waitFor({ timeout: 90_000 });
      await error.hover();
      const buttons = await error
        .locator('.actions .action-label')
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      await wb.screenshot('gaps-10-error-row');
      assert.ok(
        buttons.some((b) => /^Retry/.test(b)),
        buttons.join(' | '),
      );
      assert.ok(
        buttons.some((b) => /^Show Log/.test(b)),
        buttons.join(' | '),
      );
      await error.locator('.action-label[aria-label^="Show Log"]').click();
      // The Culprit channel opens in the Output panel, with the failed refresh in it.
      const output = page.locator('.part.panel .monaco-editor .view-lines');
      await output.filter({ hasText: /503/ }).first().waitFor({ timeout: 30_000 });
      await wb.screenshot('gaps-11-open-log');
      standIn.clearFaults();
      const asked = standIn.count('issues');
      await error.hover();
      await error.locator('.action-label[aria-label^="Retry"]').click();
      await error.waitFor({ state: 'detached', timeout: 60_000 });
      assert.ok(standIn.count('issues') > asked, 'Retry listed the issues again');
      await wb.treeRow('boom 0').first().waitFor();
    } finally {
      standIn.clearFaults();
    }
  });

  it('Disconnect Sentry clicked in the view menu: credentials gone, the menu no longer offers it', async () => {
    const { page } = wb;
    await clearNotifications();
    await moreActions();
    await menuItem('Disconnect Sentry').click();
    await wb.openNotifications();
    await wb.notification('Sentry disconnected and its credentials removed').first().waitFor({ timeout: 15_000 });
    // Disconnected, the view is the welcome again, not a "no auth token" warning row.
    await page.locator('.welcome-view-content', { hasText: 'Connect Sentry' }).waitFor({ timeout: 30_000 });
    await wb.screenshot('gaps-12-disconnected');
    const after = await moreActions();
    assert.ok(!after.some((l) => /Disconnect/.test(l)), after.join(' | '));
    await page.keyboard.press('Escape');
    const userSettings = path.join(wb.server.stateDir, 'ud', 'User', 'settings.json');
    assert.match(fs.readFileSync(userSettings, 'utf8'), /"culprit\.provider": "none"/);
  });
});
