// The "Get started with Culprit" walkthrough in the real workbench: every step starts unchecked and
// is checked off by doing the real thing — triaging the bundled sample from the step's own link,
// connecting Sentry, clicking a frame, hovering the crash line, opening the suspect's diff.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSentryStandIn, type SentryStandIn } from '../../helpers/sentryStandIn';
import { prepareDemo } from '../host/demoData.mjs';
import { captureFailure, openWorkbench, type Workbench } from './workbench';

const TOKEN = 'canarytok_WALK_CANARY_5e21c0d4';
const STEPS = ['triageSample', 'connect', 'openFrame', 'readHover', 'confirm'];

describe('Culprit walkthrough in the real workbench: each step completes on the real action', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let standIn: SentryStandIn;
  let demo: Awaited<ReturnType<typeof prepareDemo>>;
  let dir: string;

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

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-ui-walk-'));
    const repo = path.join(dir, 'orders-api');
    fs.mkdirSync(repo);
    demo = await prepareDemo(repo);
    standIn = await startSentryStandIn({ issueCount: 1, token: TOKEN, event: demo.restEvent, releases: demo.releases });
    wb = await openWorkbench({ folder: repo, devExtension: true, viewport: { width: 1500, height: 950 } });
  });
  afterEach(async function () {
    await captureFailure(this, wb);
  });
  after(async () => {
    await wb?.close();
    await standIn?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts with five unchecked steps, the no-account one first', async () => {
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
  });

  it('step 2: connecting Sentry (token checked) checks the step', async () => {
    const { page } = wb;
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.keyboard.press('F1');
    await input.waitFor();
    await input.fill('>Culprit: Connect Sentry');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Culprit: Connect Sentry' }).first().click();
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
    const issue = wb.treeRow('boom 0').first();
    if ((await issue.getAttribute('aria-expanded')) !== 'true') await issue.locator('.monaco-tl-twistie').click();
    const frame = wb.treeRow('applyDiscount').first();
    await frame.waitFor();
    await frame.click();
    await wb.editorTab('pricing.js').first().waitFor();
    await untilChecked('openFrame');
  });

  it('step 4: the hover on the crash line checks the step', async () => {
    const { page } = wb;
    await wb.editorTab('pricing.js').first().click();
    const crash = fs.readFileSync(path.join(demo.repo, 'src/services/pricing.js'), 'utf8').split('\n')[14].trim();
    const line = page.locator('.monaco-editor .view-line', { hasText: crash }).first();
    await line.waitFor();
    const box = (await line.boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + box.height / 2);
    await page.locator('.monaco-hover-content', { hasText: 'TypeError' }).first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Escape');
    await untilChecked('readHover');
  });

  it('step 5: opening the suspect diff checks the last step; all five are done', async () => {
    await wb.openViewContainer('Culprit');
    const suspect = wb.treeRow('Use loyalty programme rates').first();
    await suspect.waitFor();
    await suspect.click();
    await wb.editorTab('↔').first().waitFor({ timeout: 15_000 });
    await untilChecked('confirm');
    assert.deepEqual(await checked(), [true, true, true, true, true]);
    await wb.screenshot('walkthrough-1-done');
  });
});
