// Renders images/icon.svg to images/icon.png (128 x 128) with Debian's chromium: node scripts/render-icon.mjs
// images/icon.svg images/icon.png. Run by hand after changing the SVG; the PNG is committed.
import { chromiumPath } from './system-packages.mjs';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
const svg = readFileSync(process.argv[2], 'utf8');
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.locator('svg').screenshot({ path: process.argv[3], omitBackground: true });
await browser.close();
