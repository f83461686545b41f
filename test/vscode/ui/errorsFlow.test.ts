// The whole user flow in the real workbench (code-server + Chromium): connect Sentry through the
// input boxes, see the issues, click a frame and land on Ln/Col, hover the decorated line, open
// the suspect diff, open the detail panel, resolve, and create a regression test. The served event
// is a real @sentry/node capture of the demo service with hostile text added where production
// data is free-form (message, a variable, a header, a breadcrumb): it must render as text only.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, FrameLocator } from 'playwright-core';
import { startSentryStandIn, type SentryStandIn } from '../../helpers/sentryStandIn';
import { prepareDemo } from '../host/demoData.mjs';
import { cleanUpAfterSuite, openWorkbench, type Workbench } from './workbench';

const TOKEN = 'canarytok_UI_CANARY_0b7e55aa';
const XSS_IMG = '<img src=x onerror="window.__culpritPwned=1">';
const XSS_SCRIPT = '</script><script>window.__culpritPwned=2</script>';
const XSS_LINK = 'javascript:window.__culpritPwned=3';

interface RestEntry {
  type: string;
  data: {
    values?: Array<{
      value?: string;
      message?: string | null;
      stacktrace?: { frames: Array<{ vars?: Record<string, unknown> | null }> };
    }>;
    headers?: Array<[string, string]>;
  };
}

function hostile(event: Record<string, unknown>): Record<string, unknown> {
  const e = structuredClone(event) as { entries: RestEntry[] };
  for (const entry of e.entries) {
    if (entry.type === 'exception') {
      const ex = entry.data.values?.[entry.data.values.length - 1];
      if (ex) ex.value = `${ex.value} ${XSS_IMG}`;
      const frames = ex?.stacktrace?.frames ?? [];
      const top = frames[frames.length - 1];
      if (top) top.vars = { ...(top.vars ?? {}), note: XSS_SCRIPT };
    }
    if (entry.type === 'request')
      entry.data.headers = [
        ...(entry.data.headers ?? []),
        ['X-Referrer-Note', XSS_LINK],
        ['Authorization', 'Bearer user-SECRET-77'],
      ];
    if (entry.type === 'breadcrumbs')
      entry.data.values?.push({ message: `${XSS_IMG} clicked <a href="${XSS_LINK}">here</a>` } as never);
  }
  return e as unknown as Record<string, unknown>;
}

describe('Culprit in the real workbench: from a Sentry 500 to the suspect commit', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let standIn: SentryStandIn;
  let demo: Awaited<ReturnType<typeof prepareDemo>>;
  let dir: string;
  let crashText: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-ui-flow-'));
    const repo = path.join(dir, 'orders-api');
    fs.mkdirSync(repo);
    demo = await prepareDemo(repo);
    crashText = fs.readFileSync(path.join(repo, 'src/services/pricing.js'), 'utf8').split('\n')[14].trim();
    standIn = await startSentryStandIn({
      issueCount: 2,
      token: TOKEN,
      event: hostile(demo.restEvent),
      releases: demo.releases,
    });
    wb = await openWorkbench({ folder: repo, devExtension: true, viewport: { width: 1500, height: 950 } });
  });
  cleanUpAfterSuite(() => ({ wb, standIns: [standIn], dir }));

  it('shows the welcome content, then connects Sentry through the input boxes', async () => {
    const { page } = wb;
    await wb.openViewContainer('Culprit');
    await page.locator('.welcome-view-content', { hasText: 'Connect Sentry' }).waitFor({ timeout: 30_000 });
    await wb.screenshot('ui-1-welcome');
    // Not wb.runCommand: that waits for the palette to close, and this command keeps it open.
    const input = page.locator('.quick-input-widget .quick-input-box input');
    const connect = async (token: string) => {
      await page.keyboard.press('F1');
      await input.waitFor();
      await input.fill('>Culprit: Connect Sentry');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Culprit: Connect Sentry' }).first().click();
      await page.locator('.quick-input-widget', { hasText: 'Connect Sentry (1/4)' }).waitFor();
      let step = 1;
      const answer = async (value: string, expectPassword = false) => {
        await page.locator('.quick-input-widget', { hasText: `(${step++}/4)` }).waitFor();
        if (expectPassword)
          assert.equal(await input.getAttribute('type'), 'password', 'the token box must be a password box');
        await input.fill(value);
        await input.press('Enter');
      };
      await answer(standIn.url);
      await answer('acme');
      await answer(token, true);
      await answer('orders-api');
    };
    const userSettings = path.join(wb.server.stateDir, 'ud', 'User', 'settings.json');
    const repoSettings = path.join(demo.repo, '.vscode', 'settings.json');

    // A wrong token: checked against the API, refused with the reason, nothing saved.
    await connect('canarytok_WRONG_0000');
    await wb.openNotifications();
    await wb
      .notification(/rejected the token .*Nothing was saved/)
      .first()
      .waitFor({ timeout: 60_000 });
    await wb.screenshot('ui-1b-bad-token');
    assert.ok(!fs.readFileSync(userSettings, 'utf8').includes('"culprit.sentry.org"'), 'nothing saved for a bad token');
    assert.ok(!fs.existsSync(repoSettings), 'no .vscode/settings.json in the repository');
    await page.keyboard.press('Escape');

    await connect(TOKEN);
    await wb.treeRow('TypeError').first().waitFor({ timeout: 30_000 });
    // The description carries the top suspect's short SHA once its triage lands.
    await wb.treeRow(demo.bugSha.slice(0, 7)).first().waitFor({ timeout: 30_000 });
    await wb.screenshot('ui-2-issues');
    // The connection went to the user settings; the repository got no .vscode/settings.json.
    assert.match(fs.readFileSync(userSettings, 'utf8'), /"culprit\.sentry\.org": "acme"/);
    assert.ok(!fs.existsSync(repoSettings), 'connecting must not write the repository settings');
    const settings = fs
      .readdirSync(wb.server.stateDir, { recursive: true })
      .filter((f) => String(f).endsWith('settings.json'));
    for (const f of settings)
      assert.ok(
        !fs.readFileSync(path.join(wb.server.stateDir, String(f)), 'utf8').includes(TOKEN),
        `${f} holds the token`,
      );
  });

  it('clicks the crashing frame and lands on its working-tree line and column', async () => {
    const { page } = wb;
    const issue = wb.treeRow('TypeError').first();
    if ((await issue.getAttribute('aria-expanded')) !== 'true') await issue.locator('.monaco-tl-twistie').click();
    const frame = wb.treeRow('applyDiscount').first();
    await frame.waitFor();
    // File and today's line first, readable at the default sidebar width; the folder after.
    assert.match(await frame.innerText(), /pricing\.js:15 · src\/services/);
    await frame.click();
    await wb.editorTab('pricing.js').waitFor();
    await page.locator('#status\\.editor\\.selection', { hasText: /Ln 15, Col \d+/ }).waitFor({ timeout: 15_000 });
    await wb.screenshot('ui-3-frame');
  });

  it('decorates the crashing line and hovers it with the error, variables and suspect', async () => {
    const { page } = wb;
    const line = page.locator('.monaco-editor .view-line', { hasText: crashText }).first();
    await line.waitFor();
    const after = await page.waitForFunction(
      () => {
        for (const el of Array.from(document.querySelectorAll('.monaco-editor .view-line span'))) {
          const c = getComputedStyle(el, '::after').content;
          if (c && c.includes('TypeError')) return c;
        }
        return null;
      },
      undefined,
      { timeout: 15_000 },
    );
    const afterText = String(await after.jsonValue());
    // The message leads; it ends by column 110, so the count and SHA give way to it on this line
    // (the CodeLens above and the hover carry them).
    assert.match(afterText, /^"TypeError: Cannot read properties of undefined[^"]*"$/);
    assert.ok(crashText.length + 4 + afterText.length - 2 <= 110, afterText);
    const box = (await line.boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover-content', { hasText: 'Variables' }).first();
    await hover.waitFor({ timeout: 15_000 });
    const text = await hover.innerText();
    assert.match(text, /TypeError/);
    assert.match(text, /customer/);
    assert.ok(text.includes(demo.bugSha.slice(0, 7)), 'the hover names the suspect');
    assert.ok(!text.includes('SECRET-77'), 'the hover shows no credentials');
    assert.match(text, /<img\ssrc=x/, 'hostile text is shown as text');
    // The hover's text is in the page before its rows are painted (a blank box was saved once):
    // the screenshot waits until its first and last rows are visible.
    for (const row of ['text=TypeError', 'text=Request']) {
      await hover.locator(row).first().waitFor({ state: 'visible', timeout: 10_000 });
    }
    await wb.screenshot('ui-4-hover');
    assert.equal(
      await page.evaluate(() => (window as unknown as { __culpritPwned?: number }).__culpritPwned),
      undefined,
    );
    await page.keyboard.press('Escape');
  });

  it('opens the suspect diff from the Suspects node', async () => {
    const { page } = wb;
    const suspect = wb.treeRow('Use loyalty programme').first();
    await suspect.waitFor();
    await suspect.click();
    await wb.editorTab('↔').waitFor({ timeout: 15_000 });
    await page.locator('.monaco-diff-editor').first().waitFor();
    await page.locator('.monaco-diff-editor .view-line', { hasText: 'loyalty' }).first().waitFor();
    await wb.screenshot('ui-5-suspect-diff');
  });

  it('opens the detail panel: renders hostile text as text, opens a frame, resolves, writes a regression test', async () => {
    const { page } = wb;
    const issue = wb.treeRow('TypeError').first();
    await issue.hover();
    await issue.locator('.action-label[aria-label="Open Details"]').click();
    const outer = page.frameLocator('iframe.webview.ready');
    const view: FrameLocator = outer.frameLocator('#active-frame');
    await view.locator('#issue-title').waitFor({ timeout: 20_000 });
    assert.match(await view.locator('#issue-message').innerText(), /<img src=x onerror=/);
    await view.locator('#breadcrumb-list li.crumb', { hasText: 'clicked <a href=' }).first().waitFor();
    assert.match(await view.locator('#request-headers').innerText(), /X-Referrer-Note/);
    assert.ok(!(await view.locator('#request-headers').innerText()).includes('SECRET-77'));
    let inner: Frame | undefined;
    for (const f of page.frames())
      if (
        await f
          .locator('#issue-title')
          .count()
          .catch(() => 0)
      )
        inner = f;
    assert.ok(inner, 'the webview document is reachable');
    const probe = await inner.evaluate(() => ({
      imgs: document.querySelectorAll('img').length,
      // VS Code itself injects _vscodeApiScript; every other script must carry the panel's nonce.
      scripts: Array.from(document.querySelectorAll('script'))
        .filter((s) => !s.nonce && s.id !== '_vscodeApiScript')
        .map((s) => s.outerHTML.slice(0, 200)),
      links: document.querySelectorAll('a[href]').length,
      pwned: (window as unknown as { __culpritPwned?: number }).__culpritPwned,
    }));
    assert.deepEqual(probe, { imgs: 0, scripts: [], links: 0, pwned: undefined });
    assert.ok(!(await inner.content()).includes(TOKEN), 'the webview never sees the token');
    await wb.screenshot('ui-6-panel');

    await view.locator('#frames button.frame-open[data-frame-index="0"]').click();
    await page.locator('#status\\.editor\\.selection', { hasText: /Ln 15, Col \d+/ }).waitFor({ timeout: 15_000 });

    const before = standIn.count('updateIssue');
    await view.locator('#action-resolve').click();
    // Resolve is never one click: a modal asks first, then the notification offers Undo.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    assert.equal(standIn.count('updateIssue'), before, 'nothing is sent before the confirmation');
    await dialog
      .locator('.monaco-button', { hasText: /^Resolve$/ })
      .first()
      .click();
    await view.locator('#action-status', { hasText: /[Rr]esolved/ }).waitFor({ timeout: 15_000 });
    assert.equal(standIn.count('updateIssue'), before + 1);
    const put = standIn.requests.filter((r) => r.route === 'updateIssue').pop()!;
    assert.equal(put.method, 'PUT');
    assert.equal((put.body as { status?: string }).status, 'resolved');

    await view.locator('#action-regression-test').click();
    const created = await (async () => {
      const end = Date.now() + 15_000;
      for (;;) {
        const dirs = ['test/regression', 'tests/regression']
          .map((d) => path.join(demo.repo, d))
          .filter((d) => fs.existsSync(d));
        const files = dirs.flatMap((d) => fs.readdirSync(d).map((f) => path.join(d, f)));
        if (files.length) return files[0];
        if (Date.now() > end) throw new Error('no regression test was written');
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const content = fs.readFileSync(created, 'utf8');
    assert.match(content, /POST/);
    assert.ok(!content.includes('SECRET-77'), 'the regression test carries no credentials');
    await wb.editorTab(path.basename(created)).waitFor({ timeout: 15_000 });
    await wb.screenshot('ui-7-regression-test');
  });

  it('keeps the token out of every file VS Code saved (settings, state, logs)', async () => {
    const hits: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile() && fs.statSync(p).size < 64 * 1024 * 1024 && fs.readFileSync(p).includes(TOKEN))
          hits.push(path.relative(wb.server.stateDir, p));
      }
    };
    walk(path.join(wb.server.stateDir, 'ud'));
    assert.deepEqual(hits, []);
  });
});
