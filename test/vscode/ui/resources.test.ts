// "Resources at the error" in the real workbench (code-server + Chromium): connect Datadog through
// the input boxes, open an issue's detail panel, and see the host and container metrics around
// the error as charts with the limit that came close; then an issue whose metrics query answers
// 403 says so in that section while the rest of the panel renders. The stand-in serves Datadog's
// recorded metrics-query answer (test/fixtures/datadog/recorded).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { startDatadogStandIn, type DatadogStandIn, type DatadogStandInOptions } from '../../helpers/datadogStandIn';
import { startSentryStandIn, type SentryStandIn } from '../../helpers/sentryStandIn';
import { cleanUpAfterSuite, openWorkbench, resultsDir, type Workbench } from './workbench';

const API_KEY = 'canary_UI_DD_API_3e9f0c';
const APP_KEY = 'canary_UI_DD_APP_7a1d42';
const SENTRY_TOKEN = 'canarytok_UI_RES_SENTRY_51d0';
const GIB = 1024 ** 3;

describe('Resources at the error in the detail panel, in the real workbench', function () {
  this.timeout(300_000);
  let wb: Workbench;
  let standIn: DatadogStandIn;
  let sentry: SentryStandIn;
  let dir: string;
  const options: DatadogStandInOptions = {
    apiKey: API_KEY,
    appKey: APP_KEY,
    issues: [
      {
        id: '5f8ebd5c-6dd9-11f0-8a28-da7ad0900031',
        errorType: 'Error',
        errorMessage: 'Could not price order ord_1000',
        count: 40,
        spanTags: ['container_id:3f2c9a1b7e'],
      },
      { id: '5f8ebd5c-6dd9-11f0-8a28-da7ad0900032', errorType: 'RangeError', errorMessage: 'Invalid array length' },
    ],
    metrics: {
      // Five values over the ten minutes: the middle one spans the error.
      'system.mem.pct_usable': [0.45, 0.42, 0.3, 0.38, 0.4],
      'system.mem.used': [3 * GIB, 3.2 * GIB, 4 * GIB, 3.5 * GIB, 3.4 * GIB],
      'system.cpu.user': [12, 18, 41, 25, 20],
      'system.disk.in_use': 0.52,
      'container.memory.usage': [0.55 * GIB, 0.8 * GIB, 0.97 * GIB, 0.9 * GIB, 0.85 * GIB],
      'container.memory.limit': GIB,
    },
  };
  const webview = (): FrameLocator => wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-ui-resources-'));
    const repo = path.join(dir, 'orders-api');
    fs.mkdirSync(repo);
    fs.writeFileSync(path.join(repo, 'README.md'), 'orders-api\n');
    standIn = await startDatadogStandIn(options);
    // Its default event is the real @sentry/node capture, with the runtime, OS, device and app contexts it sent.
    sentry = await startSentryStandIn({ issueCount: 1, token: SENTRY_TOKEN });
    wb = await openWorkbench({
      folder: repo,
      devExtension: true,
      settings: { 'culprit.datadog.url': standIn.url },
      viewport: { width: 1500, height: 950 },
    });
  });
  cleanUpAfterSuite(() => ({ wb, standIns: [standIn, sentry], dir }));

  async function openDetails(title: string): Promise<void> {
    const issue = wb.treeRow(title).first();
    await issue.waitFor({ timeout: 60_000 });
    await issue.hover();
    await issue.locator('.action-label[aria-label="Open Details"]').click();
    await webview().locator('#issue-title', { hasText: title }).waitFor({ timeout: 30_000 });
  }

  it('connects Datadog and shows the metrics around the error with the container limit note', async () => {
    const { page } = wb;
    await wb.openViewContainer('Culprit');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.keyboard.press('F1');
    await input.waitFor();
    await input.fill('>Culprit: Connect Datadog');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Culprit: Connect Datadog' }).first().click();
    await page.locator('.quick-input-widget', { hasText: '(1/5)' }).waitFor();
    await input.fill('datadoghq.com');
    await input.press('Enter');
    for (const [step, value] of [
      [2, 'orders-api'],
      [3, 'production'],
      [4, API_KEY],
      [5, APP_KEY],
    ] as const) {
      await page.locator('.quick-input-widget', { hasText: `(${step}/5)` }).waitFor();
      await input.fill(value);
      await input.press('Enter');
    }
    await openDetails('Could not price order');
    const section = webview().locator('#resources');
    await section
      .locator('.limit-note', { hasText: 'memory at 97% of the container limit' })
      .waitFor({ timeout: 30_000 });
    assert.equal(await section.locator('svg.resource-chart polyline').count(), 6);
    const captions = await section.locator('figcaption').allInnerTexts();
    assert.ok(captions.includes('memory used: 70% at the error · peak 70%'), captions.join('\n'));
    assert.ok(
      captions.some((c) => c.startsWith('container memory of its limit: 97% at the error')),
      captions.join('\n'),
    );
    assert.match(await section.locator('.resource-scope').innerText(), /host:orders-api-7f9c, container_id:3f2c9a1b7e/);
    const sent = standIn.requests.filter((r) => r.route === 'metrics');
    assert.equal(sent.length, 6, 'one query per metric, once');
    assert.ok(sent.every((r) => r.hasApiKey && r.hasAppKey));
    // The rest of the panel is there too.
    await webview().locator('#stack').waitFor();
    const out = path.join(resultsDir, 'resources', 'resources-datadog.png');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await section.screenshot({ path: out });
    await wb.screenshot('resources-panel');
  });

  it('says a 403 of the metrics query in that section, and the rest of the panel still renders', async () => {
    options.metricsForbidden = true;
    await openDetails('Invalid array length');
    const section = webview().locator('#resources');
    await section
      .locator('.resource-missing', {
        hasText: 'denied the metrics query (403): the application key needs timeseries_query',
      })
      .waitFor({ timeout: 30_000 });
    assert.equal(await section.locator('svg.resource-chart').count(), 0);
    await webview().locator('#stack').waitFor();
    await webview().locator('#what-differs').waitFor();
    await section.screenshot({ path: path.join(resultsDir, 'resources', 'resources-403.png') });
  });

  it("shows a Sentry event's runtime, OS, device and app contexts, and queries no metrics", async () => {
    const { page } = wb;
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.keyboard.press('F1');
    await input.waitFor();
    await input.fill('>Culprit: Connect Sentry');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Culprit: Connect Sentry' }).first().click();
    for (const [step, value] of [sentry.url, 'acme', SENTRY_TOKEN, 'orders-api'].entries()) {
      await page.locator('.quick-input-widget', { hasText: `(${step + 1}/4)` }).waitFor();
      await input.fill(value);
      await input.press('Enter');
    }
    await openDetails('TypeError');
    const section = webview().locator('#resources');
    await section.locator('.runtime-group[data-group="device"]').waitFor({ timeout: 30_000 });
    const groups = await section.locator('.runtime-group h3').allInnerTexts();
    assert.deepEqual(groups, ['Runtime', 'Operating system', 'Device', 'App']);
    const device = await section.locator('#runtime-device').innerText();
    assert.match(device, /memory\s+23\.5 GiB/);
    assert.match(device, /free memory\s+23\.1 GiB/);
    assert.match(await section.locator('#runtime-app').innerText(), /process memory\s+94\.1 MiB/);
    assert.equal(await section.locator('#resource-metrics-body').count(), 0, 'Sentry has no host metrics to query');
    await section.screenshot({ path: path.join(resultsDir, 'resources', 'resources-sentry.png') });
  });
});
