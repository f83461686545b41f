// A frame whose line was rewritten after the deploy (a hot fix): clicking it in the real workbench
// lands on today's counterpart line (not on whatever now has the deployed number), and the hover
// says the line was changed after the deploy, by which commit. The event is the demo service's
// real @sentry/node capture at v1.5.0; the hot fix is a real commit on top of the demo history.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { prepareDemo } from '../host/demoData.mjs';
import { cleanUpAfterSuite, openWorkbench, type Workbench } from './workbench';

const CRASH = '  const rate = customer.loyalty.discountRate;';
const FIXED = '  const rate = customer.loyalty.discountRate ?? 0;';

describe('Culprit in the real workbench: a frame changed after the deploy', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let dir: string;
  let fixSha: string;
  let fixedLine: number;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-ui-changed-'));
    const repo = path.join(dir, 'orders-api');
    fs.mkdirSync(repo);
    const demo = await prepareDemo(repo);
    const file = path.join(repo, 'src/services/pricing.js');
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.includes(CRASH), 'the demo crash line');
    fs.writeFileSync(file, text.replace(CRASH, `  if (!customer.loyalty) return amount;\n${FIXED}`));
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 'Ada Hotfix',
      GIT_AUTHOR_EMAIL: 'ada@example.com',
      GIT_COMMITTER_NAME: 'Ada Hotfix',
      GIT_COMMITTER_EMAIL: 'ada@example.com',
    };
    execFileSync('git', ['commit', '-qam', 'Guard the optional loyalty field'], { cwd: repo, env });
    fixSha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    fixedLine = fs.readFileSync(file, 'utf8').split('\n').indexOf(FIXED) + 1;
    // The exported event sits in the workspace so it can be opened and triaged from an editor.
    fs.copyFileSync(demo.eventFile, path.join(repo, 'orders-api-500.json'));
    wb = await openWorkbench({ folder: repo, devExtension: true, viewport: { width: 1500, height: 950 } });
  });
  cleanUpAfterSuite(() => ({ wb, dir }));

  it('opens the changed frame on its counterpart line, and the hover names the change', async () => {
    const { page } = wb;
    await wb.openViewContainer('Culprit');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill('orders-api-500.json');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'orders-api-500.json' }).first().waitFor();
    await input.press('Enter');
    await wb.editorTab('orders-api-500.json').first().waitFor();
    await wb.runCommand('Culprit: Triage Active Editor');
    const issue = wb.treeRow('TypeError').first();
    await issue.waitFor({ timeout: 60_000 });
    // The issue may expand by itself once its triage lands: expand it only while it is collapsed.
    const frame = wb.treeRow('applyDiscount').first();
    for (let i = 0; i < 30 && !(await frame.isVisible()); i++) {
      if ((await issue.getAttribute('aria-expanded')) !== 'true') await issue.locator('.monaco-tl-twistie').click();
      await page.waitForTimeout(1000);
    }
    await frame.click();
    // A panel opened beside by an earlier test leaves a second editor group showing the file too.
    await wb.editorTab('pricing.js').first().waitFor();
    await page
      .locator('#status\\.editor\\.selection', { hasText: new RegExp(`Ln ${fixedLine}, Col \\d+`) })
      .waitFor({ timeout: 30_000 });
    const line = page.locator('.monaco-editor .view-line', { hasText: FIXED.trim() }).filter({ visible: true }).first();
    // Monaco re-renders view lines as decorations arrive; hover() waits for a stable, visible one.
    await line.hover({ position: { x: 60, y: 5 }, timeout: 30_000 });
    const hover = page.locator('.monaco-hover-content', { hasText: 'changed after deploy' }).first();
    await hover.waitFor({ timeout: 30_000 });
    await wb.screenshot('ui-changed-frame-hover');
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    // The hover leads with "Changed after deploy by <sha> <summary> — <author>, <when> — a fix may already be in".
    const expected = new RegExp(`changed after deploy by ${fixSha.slice(0, 7)} Guard the optional loyalty field`, 'i');
    assert.match(text, expected);
    assert.match(text, /a fix may already be in/);
  });
});
