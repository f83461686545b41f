// Renders media/icon.svg to the 128-px media/icon.png the Marketplace shows, with the Chromium
// the real-VS-Code tests use (playwright-core + /usr/bin/chromium; scripts/vscode/setupHost.mjs
// installs both). Run after editing the SVG: `node scripts/renderIcon.mjs`; the PNG is committed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const root = join(import.meta.dirname, '..');
const svg = readFileSync(join(root, 'media', 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: join(root, 'media', 'icon.png'), omitBackground: true });
  console.log('media/icon.png written (128 x 128)');
} finally {
  await browser.close();
}
