// Launches Debian's headless chromium through playwright-core with a fresh profile, and closes it cleanly.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { cacheDir, chromiumPath } from '../ensure-vscode.mjs';

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A persistent context on a fresh profile folder (launch() rejects --user-data-dir). */
export async function launchBrowser(options = {}) {
  const base = join(cacheDir, 'tmp');
  mkdirSync(base, { recursive: true });
  const profile = mkdtempSync(join(base, 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, profile };
}

/** Leaves the workbench first so code-server shuts the extension host down, then closes chromium. */
export async function closeBrowser(browser) {
  for (const page of browser.context.pages()) {
    await page.goto('about:blank').catch(() => undefined);
  }
  await browser.context.close();
  rmSync(browser.profile, { recursive: true, force: true });
}

/** Waits until the VS Code workbench has rendered its parts. */
export async function waitForWorkbench(page, timeout = 60000) {
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout });
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout });
}
