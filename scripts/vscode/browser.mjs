// Headless Debian Chromium driven by playwright-core (no browser download): one fresh profile per
// launch so that workspace trust, layout and storage never leak from one run into the next.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from './setupHost.mjs';

/** Chromium flags that keep a headless run quiet and offline. */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]);

/**
 * Launches Chromium with a fresh profile under `profileParent`.
 * @param {{ profileParent: string, viewport?: { width: number, height: number } }} options
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, close: () => Promise<void> }>}
 */
export async function launchBrowser(options) {
  const profile = mkdtempSync(join(options.profileParent, 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: options.viewport ?? { width: 1400, height: 900 },
    args: [...CHROMIUM_ARGS],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  return {
    context,
    page,
    close: async () => {
      if (closed) return;
      closed = true;
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
