// Every editor surface in the real workbench (code-server + Chromium), in a dark, a light and a
// high-contrast theme: the tree, the inline message with its CodeLens, the hover and the detail
// panel, then Confirm by Bisect: cancelled from its notification (the tree says so), then run to
// its verdict (progress notification, verdict in the tree, hover and panel). The bisect's first
// step waits in its setup for a gate file, so what a step shows is on screen however fast or
// loaded the machine is, and the end is awaited while the steps advance, not for a fixed time.
// Screenshots go to test-results/surfaces/; with CULPRIT_UPDATE_SCREENSHOTS=1 also to docs/images/
// (the README shows those). Each shot is taken only after what it shows has rendered.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { repoRoot } from '../../../scripts/vscode/codeServer.mjs';
import { startSentryStandIn, type SentryStandIn } from '../../helpers/sentryStandIn';
import { prepareDemo } from '../host/demoData.mjs';
import { cleanUpAfterSuite, openWorkbench, resultsDir, type Workbench } from './workbench';

const TOKEN = 'canarytok_UI_SURFACES_5c1e0a9d';
const THEMES = [
  { name: 'dark', id: 'Default Dark Modern', label: 'Dark Modern', bodyClass: 'vs-dark' },
  { name: 'light', id: 'Default Light Modern', label: 'Light Modern', bodyClass: 'vs' },
  { name: 'high-contrast', id: 'Default High Contrast', label: 'Dark High Contrast', bodyClass: 'hc-black' },
] as const;

describe('Culprit surfaces in three themes, and Confirm by Bisect, in the real workbench', function () {
  this.timeout(600_000);
  let wb: Workbench;
  let standIn: SentryStandIn;
  let demo: Awaited<ReturnType<typeof prepareDemo>>;
  let dir: string;
  let repo: string;
  let crashText: string;
  /** While this file is missing, a bisect's first step waits in its setup: the test sets the pace. */
  let gate: string;

  /** Saves `target`'s region (padded, inside the page) as surfaces/<name>.png (and docs/images/). */
  async function shot(name: string, target: Locator | null): Promise<void> {
    const { page } = wb;
    const out = path.join(resultsDir, 'surfaces', `${name}.png`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    if (target) {
      const box = (await target.boundingBox())!;
      const view = page.viewportSize()!;
      const x = Math.max(0, box.x - 4);
      const y = Math.max(0, box.y - 4);
      const clip = {
        x,
        y,
        width: Math.min(view.width - x, box.width + 8),
        height: Math.min(view.height - y, box.height + 8),
      };
      await page.screenshot({ path: out, clip });
    } else await page.screenshot({ path: out });
    if (process.env.CULPRIT_UPDATE_SCREENSHOTS === '1') {
      const docs = path.join(repoRoot, 'docs', 'images');
      fs.mkdirSync(docs, { recursive: true });
      fs.copyFileSync(out, path.join(docs, `${name}.png`));
    }
  }

  /** Picks a colour theme through "Preferences: Color Theme", as a user does. */
  async function setTheme(theme: (typeof THEMES)[number]): Promise<void> {
    const { page } = wb;
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.keyboard.press('F1');
    await input.waitFor();
    await input.fill('>Preferences: Color Theme');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Preferences: Color Theme' }).first().click();
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor();
    // The picker lists themes by label (`Dark Modern`), not by settings id (`Default Dark Modern`).
    await input.fill(theme.label);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: theme.label }).first().waitFor();
    await input.press('Enter');
    await page.locator(`.monaco-workbench.${theme.bodyClass}`).waitFor({ timeout: 30_000 });
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  async function connectSentry(): Promise<void> {
    const { page } = wb;
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.keyboard.press('F1');
    await input.waitFor();
    await input.fill('>Culprit: Connect Sentry');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Culprit: Connect Sentry' }).first().click();
    for (const [step, value] of [standIn.url, 'acme', TOKEN, 'orders-api'].entries()) {
      await page.locator('.quick-input-widget', { hasText: `(${step + 1}/4)` }).waitFor();
      await input.fill(value);
      await input.press('Enter');
    }
  }

  const webview = (): FrameLocator => wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

  async function expand(row: Locator): Promise<void> {
    await row.waitFor({ timeout: 60_000 });
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
  }

  /**
   * Where the text after each decorated line ends, in editor columns, and whether it is inside the
   * editor's visible width. The text is a CSS ::after of a decoration span, so its span's box is measured.
   */
  async function afterTextEnds(): Promise<Array<{ text: string; column: number; inside: boolean }>> {
    return wb.page.evaluate(() => {
      const editor = document.querySelector('.part.editor .monaco-editor .editor-scrollable')!.getBoundingClientRect();
      const out: Array<{ text: string; column: number; inside: boolean }> = [];
      for (const line of Array.from(document.querySelectorAll('.part.editor .monaco-editor .view-line'))) {
        const spans = Array.from(line.querySelectorAll('span span'));
        const deco = spans.find((el) => getComputedStyle(el, '::after').content !== 'none');
        if (!deco) continue;
        const tokens = spans.filter((el) => el !== deco && !el.querySelector('span'));
        const chars = tokens.reduce((n, el) => n + (el.textContent ?? '').length, 0);
        const width = tokens.reduce((n, el) => n + el.getBoundingClientRect().width, 0);
        const left = line.getBoundingClientRect().left;
        const right = deco.getBoundingClientRect().right;
        out.push({
          text: getComputedStyle(deco, '::after').content,
          column: (right - left) / (width / chars),
          inside: right <= editor.right + 0.5,
        });
      }
      return out;
    });
  }

  /** Whether the tree row's label (its name, and the start of its description up to `lead`) shows whole. */
  async function rowShows(
    row: Locator,
    lead?: string,
  ): Promise<{ label: boolean; lead: boolean; starts: boolean; text: string }> {
    return row.evaluate((el, leadText) => {
      const box = el.querySelector('.monaco-icon-label-container')!.getBoundingClientRect();
      const name = el.querySelector('.label-name')!;
      const label = name.getBoundingClientRect().right <= box.right + 0.5;
      let leadShows = true;
      let starts = true;
      const desc = el.querySelector('.label-description');
      if (leadText && desc?.firstChild) {
        const range = document.createRange();
        range.setStart(desc.firstChild, 0);
        range.setEnd(desc.firstChild, Math.min(leadText.length, desc.firstChild.textContent?.length ?? 0));
        starts = desc.textContent?.startsWith(leadText) === true;
        leadShows = starts && range.getBoundingClientRect().right <= box.right + 0.5;
      }
      return { label, lead: leadShows, starts, text: el.textContent ?? '' };
    }, lead);
  }

  async function openCrashingFrame(): Promise<Locator> {
    const { page } = wb;
    await wb.runCommand('View: Close All Editors');
    const frame = wb.treeRow('applyDiscount').first();
    await frame.waitFor();
    await frame.click();
    await wb.editorTab('pricing.js').waitFor();
    const line = page.locator('.monaco-editor .view-line', { hasText: crashText }).first();
    await line.waitFor();
    // The message after the line is a CSS ::after; wait until it is there.
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('.monaco-editor .view-line span')).some((el) =>
          getComputedStyle(el, '::after').content.includes('TypeError'),
        ),
      undefined,
      { timeout: 30_000 },
    );
    await page.locator('.monaco-editor .codelens-decoration', { hasText: 'production error' }).first().waitFor();
    return line;
  }

  async function hoverLine(line: Locator, text: string): Promise<Locator> {
    const { page } = wb;
    await page.mouse.move(5, 5);
    const box = (await line.boundingBox())!;
    await page.mouse.move(box.x + 60, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: text }).first();
    await hover.waitFor({ timeout: 20_000 });
    // Another provider's part (the JS language service) says "Loading…" until it has answered.
    await page.waitForFunction(
      () =>
        !Array.from(document.querySelectorAll('.monaco-hover')).some((h) =>
          /Loading(…|\.\.\.)/.test(h.textContent ?? ''),
        ),
      undefined,
      { timeout: 60_000 },
    );
    // Codicons and markdown settle a frame after the widget appears.
    await page.waitForTimeout(300);
    return hover;
  }

  async function openPanel(): Promise<void> {
    const issue = wb.treeRow('TypeError').first();
    await issue.hover();
    await issue.locator('.action-label[aria-label="Open Details"]').click();
    // Not "Loading issue…": the suspects of this issue are rendered.
    await webview().locator('#suspect-list li.suspect').first().waitFor({ timeout: 30_000 });
    await webview().locator('#frames li').first().waitFor();
  }

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-ui-surfaces-'));
    gate = path.join(dir, 'bisect-gate');
    repo = path.join(dir, 'orders-api');
    fs.mkdirSync(repo);
    demo = await prepareDemo(repo);
    crashText = fs.readFileSync(path.join(repo, 'src/services/pricing.js'), 'utf8').split('\n')[14].trim();
    standIn = await startSentryStandIn({ issueCount: 2, token: TOKEN, event: demo.restEvent, releases: demo.releases });
    wb = await openWorkbench({
      folder: repo,
      devExtension: true,
      viewport: { width: 1400, height: 900 },
      settings: {
        'workbench.colorTheme': THEMES[0].id,
        // The setup runs once, before the first step's reproduction (the default call script).
        'culprit.reproSetupCommand': `while [ ! -e '${gate}' ]; do sleep 0.2; done`,
      },
    });
    await wb.openViewContainer('Culprit');
    await connectSentry();
    await wb.treeRow(demo.bugSha.slice(0, 7)).first().waitFor({ timeout: 90_000 });
    await expand(wb.treeRow('TypeError').first());
  });
  cleanUpAfterSuite(() => ({ wb, standIns: [standIn], dir }));

  for (const theme of THEMES) {
    it(`shows the tree, inline text, CodeLens, hover and panel in the ${theme.name} theme`, async () => {
      const { page } = wb;
      await setTheme(theme);

      const line = await openCrashingFrame();
      // Suspect rows lead with the probability and the summary, whole at the default sidebar width.
      const suspect = wb.treeRow(/^(?:>99|\d+)% Use loyalty programme/).first();
      await suspect.waitFor();
      const shown = await rowShows(suspect, demo.bugSha.slice(0, 7));
      assert.ok(shown.label, `the suspect's label is cut by the sidebar: ${shown.text}`);
      assert.ok(shown.starts, `the suspect's description does not start with its SHA: ${shown.text}`);
      const frame = await rowShows(wb.treeRow('applyDiscount').first(), 'pricing.js:15');
      assert.ok(frame.label && frame.lead, `the frame's file:line is not on screen: ${frame.text}`);
      await shot(`tree-${theme.name}`, page.locator('.part.sidebar'));

      // The text after each stack line ends by column ~110, inside the editor, cut at a word.
      const ends = await afterTextEnds();
      assert.ok(ends.length >= 2, `the crashing line and a caller carry text: ${JSON.stringify(ends)}`);
      for (const e of ends) {
        assert.ok(e.inside, `runs past the editor's edge: ${e.text}`);
        assert.ok(e.column <= 111, `ends at column ${e.column.toFixed(1)}: ${e.text}`);
        assert.match(e.text, /^"(?:TypeError|frame \d+ of TypeError)[^"]*(?:\w|\w…)"$/);
      }
      await shot(`inline-${theme.name}`, page.locator('.part.editor'));

      const hover = await hoverLine(line, 'Variables');
      const text = await hover.innerText();
      assert.match(text, /TypeError/);
      assert.match(text, /customer/);
      // Today's line, as the editor shows it, not the deployed one alone.
      assert.match(text, /changed line 15 \(deployed: 9\) of src\/services\/pricing\.js/);
      assert.match(text, /(?:>99|\d+)%/);
      assert.doesNotMatch(text, /\b100%/);
      // The whole hover is on screen through its last line, the request: nothing below the fold.
      const hb = (await hover.boundingBox())!;
      for (const part of ['text=customer', 'text=Request']) {
        // The hover may still be laying out its rows: measure a row once it is visible.
        const row = hover.locator(part).first();
        await row.waitFor({ state: 'visible', timeout: 10_000 });
        const b = (await row.boundingBox())!;
        assert.ok(b.y + b.height <= hb.y + hb.height + 1, `${part} is inside the hover, not scrolled away`);
      }
      const scrolls = await hover.evaluate((el) =>
        Array.from(el.querySelectorAll('.monaco-scrollable-element > *:first-child')).some(
          (c) => c.scrollHeight > c.clientHeight + 1,
        ),
      );
      assert.equal(scrolls, false, 'the hover has no scrollbar');
      await shot(`hover-${theme.name}`, page.locator('.part.editor'));
      await page.mouse.move(5, 5);

      await openPanel();
      // Why this suspect: every file the commit changed, each a button to its diff at the hunk.
      const files = webview().locator('#suspect-list li.suspect').first().locator('.changed-files button');
      await files.first().waitFor({ timeout: 30_000 });
      assert.ok(
        (await files.allInnerTexts()).some((t) => /^src\/services\/pricing\.js$/.test(t)),
        (await files.allInnerTexts()).join(', '),
      );
      await shot(`panel-${theme.name}`, null);
      await webview().locator('#suspects').scrollIntoViewIfNeeded();
      await shot(`panel-why-${theme.name}`, null);
      await wb.runCommand('View: Close All Editors');
    });
  }

  it('restores the panel after a window reload, and reuses it and its group for another issue', async () => {
    const { page } = wb;
    await setTheme(THEMES[0]);
    await openPanel();
    const groups = await page.locator('.part.editor .editor-group-container').count();
    await wb.runCommand('Developer: Reload Window');
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The serializer revives the panel with the issue it showed, without a click.
    await wb.page
      .locator('.tabs-container .tab', { hasText: /^Culprit: TypeError: boom 0/ })
      .first()
      .waitFor({ timeout: 60_000 });
    await webview().locator('#suspect-list li.suspect').first().waitFor({ timeout: 60_000 });
    assert.match(await webview().locator('h1').first().innerText(), /TypeError: boom 0/);
    await wb.openViewContainer('Culprit');
    const second = wb.treeRow('TypeError: boom 1').first();
    await second.waitFor({ timeout: 90_000 });
    await second.hover();
    await second.locator('.action-label[aria-label="Open Details"]').click();
    await page.locator('.tabs-container .tab', { hasText: 'Culprit: TypeError: boom 1' }).first().waitFor();
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'Culprit:' }).count(), 1, 'one panel');
    assert.equal(await page.locator('.part.editor .editor-group-container').count(), groups, 'no new group');
    // The bisect tests below start from the first issue, expanded, with no editor open.
    await expand(wb.treeRow('TypeError: boom 0').first());
    await wb.treeRow('Suspects').first().waitFor({ timeout: 60_000 });
    // By keyboard: right after a reload the palette's rows may still be settling under a click.
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.keyboard.press('F1');
    await input.waitFor();
    await input.fill('>View: Close All Editors');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'View: Close All Editors' }).first().waitFor();
    await input.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: 'Culprit:' }).waitFor({ state: 'detached' });
  });

  /** Starts Confirm by Bisect from the Suspects node; resolves once its progress is on screen (step 1 held). */
  async function startBisect(): Promise<Locator> {
    const suspects = wb.treeRow('Suspects').first();
    await suspects.hover();
    await suspects.locator('.action-label[aria-label="Confirm by Bisect"]').click();
    // Step 1 waits in its setup until the gate opens, so this is on screen however fast the machine.
    const progress = wb.notification(/step 1\/\d+ · FROM/).first();
    await progress.waitFor({ timeout: 60_000 });
    assert.match(await progress.innerText(), /Confirm by Bisect/);
    await wb.treeRow('Bisecting…').first().waitFor({ timeout: 30_000 });
    return progress;
  }

  /**
   * The row a finished bisect leaves under Suspects. It may take as long as it keeps advancing (a
   * loaded machine is slow, not stuck); no new step for STALL_MS fails at once with what the row said.
   */
  async function bisectEnd(): Promise<Locator> {
    const STALL_MS = 90_000;
    const ended = wb.treeRow(/^(Confirmed by bisect|Not reproduced here|Inconclusive|Bisect failed|Bisect cancelled)/);
    const running = wb.treeRow('Bisecting…').first();
    let seen = '';
    let since = Date.now();
    for (;;) {
      if ((await ended.count()) > 0) return ended.first();
      const now = await running.innerText({ timeout: 1_000 }).catch(() => '(no Bisecting… row)');
      if (now !== seen) [seen, since] = [now, Date.now()];
      if (Date.now() - since > STALL_MS)
        throw new Error(`the bisect made no progress for ${STALL_MS / 1000} s; the row says: ${seen}`);
      await wb.page.waitForTimeout(250);
    }
  }

  const worktrees = () => execFileSync('git', ['worktree', 'list', '--porcelain'], { cwd: repo, encoding: 'utf8' });

  it('cancels a running bisect from its notification: the worktree is removed and the row says so', async () => {
    const { page } = wb;
    await setTheme(THEMES[0]);
    fs.rmSync(gate, { force: true });
    const before = worktrees();
    // The center is open first: toasts are hidden in this mode.
    await wb.openNotifications();
    const progress = await startBisect();
    assert.notEqual(worktrees(), before, 'the step runs in a scratch worktree');
    await progress.hover();
    await progress.locator('.monaco-button', { hasText: 'Cancel' }).click();
    const row = await bisectEnd();
    assert.match(await row.innerText(), /^Bisect cancelled\s*the scratch worktree was removed/);
    assert.equal(worktrees(), before, 'the scratch worktree is gone from git and disk');
    // The center closed with its last notification; the cancel's message is in it once reopened.
    await wb.openNotifications();
    await wb.notification('Confirm by Bisect cancelled').first().waitFor({ timeout: 20_000 });
    await shot('bisect-cancelled-dark', page.locator('.part.sidebar'));
    await wb.runCommand('Notifications: Clear All Notifications');
  });

  it('confirms the suspect by bisect: progress notification, then the verdict in the tree, hover and panel', async () => {
    const { page } = wb;
    await setTheme(THEMES[0]);
    fs.rmSync(gate, { force: true });
    await wb.openNotifications();
    await startBisect();
    await shot('bisect-progress-dark', null);
    fs.writeFileSync(gate, '');

    const verdict = await bisectEnd();
    assert.match(await verdict.innerText(), new RegExp(`^Confirmed by bisect: ${demo.bugSha.slice(0, 7)}`));
    await wb
      .notification(/Confirmed by bisect/)
      .first()
      .waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await expand(verdict);
    await wb
      .treeRow(`${demo.bugSha.slice(0, 7)} bad`)
      .first()
      .waitFor();
    await shot('bisect-tree-dark', page.locator('.part.sidebar'));

    const line = await openCrashingFrame();
    const hover = await hoverLine(line, 'Confirmed by bisect');
    const confirmed = await hover.innerText();
    assert.match(confirmed, new RegExp(`Confirmed by bisect: ${demo.bugSha.slice(0, 7)}`));
    // A confirmed commit carries the verdict, not a probability.
    assert.doesNotMatch(confirmed, new RegExp(`Suspect\\s+${demo.bugSha.slice(0, 7)}[^\\n]*%`));
    await shot('bisect-hover-dark', page.locator('.part.editor'));
    await page.mouse.move(5, 5);

    await openPanel();
    await webview().locator('#verification-status', { hasText: 'Confirmed by bisect' }).waitFor({ timeout: 20_000 });
    assert.ok((await webview().locator('#verification-steps tr').count()) >= 3, 'every step is listed');
    // "Is it fixed?" (the reproduction on HEAD and the working tree) beside Watch fix when offered.
    const fixed = webview().locator('#verification-fixed');
    await fixed.waitFor({ timeout: 20_000 });
    assert.equal(await fixed.innerText(), 'Is it fixed? HEAD still fails; the working tree still fails');
    const watchFix = await webview().locator('#action-watch-fix').count();
    assert.equal(
      await webview()
        .locator(watchFix ? '#action-area #verification-fixed' : '#verification #verification-fixed')
        .count(),
      1,
    );
    await fixed.scrollIntoViewIfNeeded();
    await shot('bisect-fixed-dark', null);
    await webview().locator('#verification').scrollIntoViewIfNeeded();
    await shot('bisect-panel-dark', null);
  });
});
