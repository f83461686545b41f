// From install to answer in the real workbench (code-server + Chromium): the "Get started with
// Culprit" walkthrough, every step starting unchecked and checked off by the real action (triaging
// the bundled sample from the step's own link, connecting Sentry, clicking a frame, hovering the
// crash line, opening the suspect's diff); then the suspect's held-back links expanded in the tree,
// a Sentry release picked in Set Deploy Range…, a watched fix that regressed in the release after, a
// refresh cancelled from its notification, and where the Open Stack Trace or Event File dialog opens.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, Locator } from 'playwright-core';
import { startSentryStandIn, type SentryStandIn } from '../../helpers/sentryStandIn';
import { prepareDemo } from '../host/demoData.mjs';
import { repoRoot } from '../../../scripts/vscode/codeServer.mjs';
import { captureFailure, openWorkbench, type Workbench } from './workbench';

const TOKEN = 'canarytok_WALK_CANARY_5e21c0d4';
const STEPS = ['triageSample', 'connect', 'openFrame', 'readHover', 'confirm'];
/** Events Sentry lists for the issue since the fix was watched. */
const EVENTS_AFTER_FIX = 3;

describe('From install to answer in the real workbench: walkthrough, deploy range, fix watch', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let standIn: SentryStandIn;
  let demo: Awaited<ReturnType<typeof prepareDemo>>;
  let dir: string;
  /** The links the tree showed under "and N more links to the stack". */
  let heldBack: string[] = [];

  /** A screenshot in test-results/; with CULPRIT_UPDATE_SCREENSHOTS=1 also the README's docs/images/`docs`.png. */
  const shot = async (name: string, docs?: string) => {
    const out = await wb.screenshot(name);
    if (docs && process.env.CULPRIT_UPDATE_SCREENSHOTS === '1')
      fs.copyFileSync(out, path.join(repoRoot, 'docs', 'images', `${docs}.png`));
  };
  const step = (id: string) => wb.page.locator(`button.getting-started-step[data-step-id$="#${id}"]`).first();
  const checked = async () =>
    Promise.all(STEPS.map(async (id) => (await step(id).getAttribute('aria-checked')) === 'true'));
  const openWalkthrough = async () => {
    await wb.runCommand('Culprit: Get Started');
    await step('triageSample').waitFor({ timeout: 30_000 });
  };
  const untilChecked = async (id: string) => {
    await openWalkthrough();
    await wb.page
      .locator(`button.getting-started-step[data-step-id$="#${id}"][aria-checked="true"]`)
      .first()
      .waitFor({ timeout: 30_000 });
  };
  const expand = async (row: ReturnType<Workbench['treeRow']>) => {
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
    await row.and(wb.page.locator('[aria-expanded="true"]')).waitFor({ timeout: 15_000 });
  };
  /** Where `el` is once it has stayed put (visible, same box) for half a second. */
  const settledBox = async (el: Locator) => {
    const end = Date.now() + 15_000;
    let last = '';
    let still = 0;
    for (;;) {
      const box = await el.boundingBox();
      const now = JSON.stringify(box);
      still = box && now === last ? still + 1 : 0;
      last = now;
      if (box && still >= 5) return box;
      if (Date.now() > end) throw new Error(`the element did not stop moving (last at ${now})`);
      await wb.page.waitForTimeout(100);
    }
  };
  /** The detail panel's document (a frame inside the webview's frame), found by the issue it shows. */
  const panelShowing = async (title: string): Promise<Frame> => {
    const end = Date.now() + 30_000;
    for (;;) {
      for (const f of wb.page.frames())
        if (
          await f
            .locator('#issue-title', { hasText: title })
            .count()
            .catch(() => 0)
        )
          return f;
      if (Date.now() > end) throw new Error(`no detail panel shows '${title}'`);
      await wb.page.waitForTimeout(250);
    }
  };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-ui-onboard-'));
    const repo = path.join(dir, 'orders-api');
    fs.mkdirSync(repo);
    demo = await prepareDemo(repo);
    // 1.5.1 ships the commit after the deploy: the fix release the watch counts events in.
    const fix = demo.commits.find((c) => c.message === 'Quote in the order currency')!;
    const releases = [
      ...demo.releases,
      { version: 'orders-api@1.5.1', commit: fix.sha, dateCreated: '2026-11-02T12:00:00Z' },
    ];
    standIn = await startSentryStandIn({
      issueCount: 1,
      token: TOKEN,
      event: demo.restEvent,
      releases,
      issueEventCount: EVENTS_AFTER_FIX,
    });
    wb = await openWorkbench({ folder: repo, devExtension: true, viewport: { width: 1500, height: 950 } });
    // The extension's contributions are there once its view container is.
    await wb.activityBarEntry('Culprit').waitFor({ timeout: 120_000 });
  });
  afterEach(async function () {
    await captureFailure(this, wb);
  });
  after(async () => {
    await wb?.close();
    await standIn?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('Culprit: Get Started opens five unchecked steps, the no-account one first', async () => {
    await openWalkthrough();
    assert.deepEqual(await checked(), [false, false, false, false, false]);
    const titles = await wb.page.locator('button.getting-started-step .step-title').allInnerTexts();
    assert.match(titles[0] ?? '', /Triage the sample crash/);
    await wb.screenshot('walkthrough-0-start');
  });

  it('step 1: the step link triages the bundled sample (a real Node crash) and checks the step', async () => {
    const { page } = wb;
    await step('triageSample').click();
    await page.locator('.getting-started-step.expanded').getByText('Triage the Sample Crash', { exact: true }).click();
    await wb.treeRow("reading 'price'").first().waitFor({ timeout: 60_000 });
    // The sample opens its crashing frame and the detail panel: let them take focus before the palette.
    await wb.editorTab('Culprit: TypeError').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500);
    await untilChecked('triageSample');
    assert.deepEqual((await checked()).slice(1), [false, false, false, false], 'only the first step so far');
    await wb.screenshot('walkthrough-1-sample');
    // The sample's pricing.js (in its own clone) is open: the steps below work in the workspace's.
    await wb.runCommand('View: Close All Editors');
  });

  it('step 2: connecting Sentry (token checked) checks the step', async () => {
    const { page } = wb;
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await wb.startCommand('Culprit: Connect Sentry');
    for (const [n, value] of [standIn.url, 'acme', TOKEN, 'orders-api'].entries()) {
      await page.locator('.quick-input-widget', { hasText: `(${n + 1}/4)` }).waitFor();
      await input.fill(value);
      await input.press('Enter');
    }
    await wb.treeRow('boom 0').first().waitFor({ timeout: 60_000 });
    await untilChecked('connect');
  });

  it('step 3: clicking a frame in the view checks the step', async () => {
    await wb.openViewContainer('Culprit');
    await expand(wb.treeRow('boom 0').first());
    const frame = wb.treeRow('applyDiscount').first();
    await frame.waitFor();
    await frame.click();
    await wb.editorTab('pricing.js').first().waitFor();
    await untilChecked('openFrame');
  });

  it('step 4: the hover on the crash line checks the step', async () => {
    const { page } = wb;
    // The walkthrough may have taken the frame's editor group: open the frame again from the view.
    await wb.openViewContainer('Culprit');
    await wb.treeRow('applyDiscount').first().click();
    await wb.editorTab('pricing.js').first().waitFor();
    const crash = fs.readFileSync(path.join(demo.repo, 'src/services/pricing.js'), 'utf8').split('\n')[14].trim();
    const line = page.locator('.monaco-editor .view-line', { hasText: crash }).first();
    await line.waitFor();
    const hover = page.locator('.monaco-hover-content', { hasText: 'TypeError' }).first();
    // The CodeLens above `function applyDiscount` takes its height a few hundred ms after the editor shows,
    // moving line 15 down under a still pointer, which then rests on line 14 (no frame, no hover): point
    // only once the line has stopped moving, and if it moves later, off and back on as a hand would.
    for (let attempt = 0; ; attempt++) {
      const box = await settledBox(line);
      await page.mouse.move(box.x + 5, box.y - 3 * box.height);
      await page.mouse.move(box.x + 40, box.y + box.height / 2);
      const shown = await hover
        .waitFor({ timeout: 8_000 })
        .then(() => true)
        .catch(() => false);
      if (shown) break;
      assert.ok(attempt < 2, 'the hover on the crash line opens');
    }
    await page.keyboard.press('Escape');
    await untilChecked('readHover');
  });

  it('step 5: opening the suspect diff checks the last step; all five are done', async () => {
    await wb.openViewContainer('Culprit');
    const suspect = wb.treeRow(/>99% Use loyalty programme/).first();
    await suspect.waitFor();
    await suspect.click();
    await wb.editorTab('↔').first().waitFor({ timeout: 15_000 });
    await untilChecked('confirm');
    assert.deepEqual(await checked(), [true, true, true, true, true]);
    await shot('walkthrough-2-done', 'walkthrough');
  });

  it('the suspect\'s "and N more links to the stack" row expands into every link it stands for', async () => {
    const { page } = wb;
    await wb.runCommand('View: Close All Editors');
    await wb.openViewContainer('Culprit');
    await expand(wb.treeRow(/>99% Use loyalty programme/).first());
    const more = wb.treeRow(/and \d+ more links? to the stack/).first();
    await more.waitFor({ timeout: 15_000 });
    const count = Number(/and (\d+) more/.exec(await more.innerText())![1]);
    await expand(more);
    // Its children are the rows right below it, one level deeper: exactly as many as it says. They
    // are asked for once the row shows expanded, so they may render a moment later.
    const treeRows = () =>
      page
        .locator('.monaco-list-row[role=treeitem]')
        .evaluateAll((els) =>
          els.map((e) => ({ level: Number(e.getAttribute('aria-level')), text: e.textContent ?? '' })),
        );
    const childrenOf = (all: Array<{ level: number; text: string }>, at: number) => {
      const out = [];
      for (const r of all.slice(at + 1)) {
        if (r.level <= all[at].level) break;
        out.push(r);
      }
      return out;
    };
    const moreAt = (all: Array<{ text: string }>) =>
      all.findIndex((r) => /and \d+ more links? to the stack/.test(r.text));
    let rows = await treeRows();
    for (const end = Date.now() + 15_000; childrenOf(rows, moreAt(rows)).length < count && Date.now() < end;) {
      await page.waitForTimeout(200);
      rows = await treeRows();
    }
    const at = moreAt(rows);
    const children = childrenOf(rows, at);
    assert.ok(count > 0);
    assert.equal(children.length, count, JSON.stringify(rows.slice(at, at + count + 2)));
    assert.ok(children.every((c) => c.level === rows[at].level + 1 && c.text.trim().length > 10));
    assert.ok(!children.some((c) => rows.slice(0, at).some((r) => r.text === c.text)), 'no link shown twice');
    heldBack = children.map((c) => c.text.trim());
    await wb.screenshot('tree-more-links');
  });

  it('Set Deploy Range… offers the Sentry releases newest first; picking one sets and shows that range', async () => {
    const { page } = wb;
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    const open = async () => {
      await wb.startCommand('Culprit: Set Deploy Range');
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Culprit: Set Deploy Range' }).waitFor();
    };
    await wb.treeRow('from Sentry deploys').first().waitFor({ timeout: 30_000 });
    await open();
    const release = rows.filter({ hasText: 'orders-api@1.5.0' }).first();
    await release.waitFor({ timeout: 30_000 });
    assert.match(await release.innerText(), /2026-10-21 · range 1\.4\.0\.\.1\.5\.0/);
    await rows.filter({ hasText: 'v1.5.0' }).filter({ hasText: 'range v1.4.0..v1.5.0' }).first().waitFor();
    const all = await rows.allInnerTexts();
    const index = (re: RegExp) => all.findIndex((t) => re.test(t));
    assert.ok(index(/orders-api@1\.5\.1/) >= 0, all.join(' | '));
    assert.ok(index(/orders-api@1\.5\.1/) < index(/orders-api@1\.5\.0/), `newest first: ${all.join(' | ')}`);
    assert.ok(index(/orders-api@1\.5\.0/) < index(/orders-api@1\.4\.0/), `newest first: ${all.join(' | ')}`);
    assert.ok(index(/Sentry releases/) < index(/Tags \(newest first\)/), 'the provider releases, then the tags');
    await shot('deploy-range-0-pick', 'deploy-range-pick');
    await release.click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Set Deploy Range for' }).waitFor();
    await rows.filter({ hasText: 'This issue' }).first().click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    // The label names the range by its tags, and says it was set: which release, from where.
    const suspects = wb.treeRow('deploy v1.4.0..v1.5.0 (set: release 1.5.0 from Sentry)').first();
    await suspects.waitFor({ timeout: 30_000 });
    await wb.treeRow(demo.bugSha.slice(0, 7)).first().waitFor();
    await wb.screenshot('deploy-range-1-set');
    await open();
    await rows.filter({ hasText: 'Automatic' }).first().click();
    await rows.filter({ hasText: 'This issue' }).first().click();
    await wb.treeRow('deploy v1.4.0..v1.5.0 (from Sentry deploys)').first().waitFor({ timeout: 30_000 });
  });

  it('Watch fix: events in the release after the first one read "regressed" in the panel and the tree', async () => {
    await wb.runCommand('View: Close All Editors');
    const issue = wb.treeRow('boom 0').first();
    await issue.hover();
    await issue.locator('.action-label[aria-label="Open Details"]').click();
    const view = await panelShowing('boom 0');
    await view.locator('#action-watch-fix').click();
    const status = view.locator('#fix-status[data-kind="regressed"]');
    await status.waitFor({ timeout: 30_000 });
    assert.equal(await status.innerText(), `regressed: ${EVENTS_AFTER_FIX} events in 1.5.1`);
    const counted = standIn.requests.filter((r) => r.route === 'issueEvents').pop();
    assert.equal(counted?.query.get('query'), 'release:orders-api@1.5.1', 'events counted in the fix release only');
    // The row leads with the verdict, so the default sidebar width shows it.
    const row = wb.treeRow(`regressed: ${EVENTS_AFTER_FIX} events in 1.5.1`).first();
    await row.waitFor({ timeout: 15_000 });
    assert.match(await row.locator('.label-description').innerText(), /^regressed: 3 events in 1\.5\.1 · /);
    // Sentry leads its issue page with the tags; the panel too, with the server among them.
    assert.match(await view.locator('#event-tags').innerText(), /region\s+eu-west-1/);
    assert.match(await view.locator('#issue-header').innerText(), /Server\s+orders-api-7f9c/);
    // The deploy range and where it came from, as the tree and the hover say it.
    assert.equal(await view.locator('[data-field="deploy"] dd').innerText(), 'v1.4.0..v1.5.0 (from Sentry deploys)');
    // Why this suspect: every reason, the links "and N more links" stands for in its place.
    const reasons = await view.locator('#suspect-list li.suspect').first().locator('.reasons li').allInnerTexts();
    assert.ok(!reasons.some((r) => /more links? to the stack/.test(r)), reasons.join(' | '));
    assert.ok(heldBack.length > 0 && heldBack.every((l) => reasons.includes(l)), reasons.join(' | '));
    await wb.screenshot('fix-regressed');
  });

  it("Refresh's notification has Cancel: it stops the listing, the list shown stays, no error row", async () => {
    const { page } = wb;
    await wb.runCommand('View: Close All Editors');
    await wb.openViewContainer('Culprit');
    await wb.treeRow('boom 0').first().waitFor();
    const before = standIn.requests.length;
    // The event answers slowly: the refresh is still listing when the user cancels it.
    standIn.fault('event', { delayMs: 20_000 });
    try {
      await wb.runCommand('Culprit: Refresh');
      await wb.openNotifications();
      const toast = wb.notification('fetching production errors');
      await toast.waitFor({ timeout: 15_000 });
      await wb.screenshot('refresh-cancellable');
      await toast.getByRole('button', { name: 'Cancel' }).click();
      await toast.waitFor({ state: 'hidden', timeout: 15_000 });
      const sent = standIn.requests.length;
      assert.ok(sent > before, 'the refresh had started');
      await page.waitForTimeout(1500);
      assert.equal(standIn.requests.length, sent, 'nothing is asked for after the cancel');
      await wb.treeRow('boom 0').first().waitFor();
      assert.equal(await wb.treeRow('refresh failed').count(), 0);
      // Stop Refresh is in the view title only while a refresh runs.
      assert.equal(await page.locator('.action-label[aria-label="Stop Refresh"]').count(), 0);
    } finally {
      standIn.clearFaults();
    }
  });

  it('Open Stack Trace or Event File… opens at the workspace folder, then where the last file came from', async () => {
    const { page } = wb;
    const input = page.locator('.quick-input-widget .quick-input-box input');
    const logs = path.join(dir, 'logs');
    fs.mkdirSync(logs, { recursive: true });
    const event = path.join(logs, 'orders-api-500.json');
    fs.copyFileSync(demo.eventFile, event);
    await wb.startCommand('Culprit: Open Stack Trace or Event File');
    await page.locator('.quick-input-widget', { hasText: 'Open Stack Trace or Event File' }).waitFor();
    await page.waitForFunction(
      (want) =>
        (document.querySelector('.quick-input-widget .quick-input-box input') as HTMLInputElement)?.value === want,
      `${demo.repo}/`,
      { timeout: 15_000 },
    );
    await shot('open-event-file-dialog');
    await input.fill(event);
    await page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).click();
    await wb.editorTab('Culprit: TypeError').first().waitFor({ timeout: 60_000 });
    await wb.startCommand('Culprit: Open Stack Trace or Event File');
    await page.waitForFunction(
      (want) =>
        (document.querySelector('.quick-input-widget .quick-input-box input') as HTMLInputElement)?.value === want,
      `${logs}/`,
      { timeout: 15_000 },
    );
    await input.press('Escape');
  });
});
