// The Build Timeline page in a real browser engine: headless chromium (the one the e2e tests drive) loads the
// panel's whole page, its style, body and script as the panel sets them, and paints it. The figure is the time
// from navigating to the page to its second frame, with the longest main-thread task in that time (what a
// user feels as a freeze). The bound is the same page with an empty body, in the same browser and rounds.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../scripts/ensure-vscode.mjs';

export interface PageRender {
  ms: number;
  longestTaskMs: number;
}

/** The webview's API as far as the timeline's script asks for it at load (state kept, messages sent). */
const VS_CODE_API =
  'window.acquireVsCodeApi = () => ({ postMessage() {}, getState() { return undefined; }, setState() {} });';

/** Main-thread tasks over 50 ms since the page started, as the browser reports them. */
const LONG_TASKS = `
  window.__longestTask = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longestTask = Math.max(window.__longestTask, entry.duration);
  }).observe({ type: 'longtask', buffered: true });
`;

/** Resolves after the second frame from now: the page has been laid out and painted. */
const TWO_FRAMES = 'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))';

const LONGEST_TASK = 'new Promise((resolve) => setTimeout(() => resolve(window.__longestTask ?? -1), 0))';

/** Each page rendered `rounds` times, the pages alternating in every round; one browser for all. */
export async function renderPages(pages: readonly string[], rounds: number): Promise<PageRender[][]> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  // Pages are loaded from files, as a navigation: the browser runs init scripts on those, not on setContent.
  const folder = mkdtempSync(path.join(tmpdir(), 'makescope-bench-render-'));
  const urls = pages.map((html, index) => {
    const file = path.join(folder, `page${index}.html`);
    writeFileSync(file, html);
    return pathToFileURL(file).toString();
  });
  try {
    const results: PageRender[][] = pages.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (const [index, url] of urls.entries()) {
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        try {
          await page.addInitScript(`${VS_CODE_API}\n${LONG_TASKS}`);
          const start = performance.now();
          await page.goto(url, { waitUntil: 'load' });
          await page.evaluate(TWO_FRAMES);
          const ms = performance.now() - start;
          // The observer hears of the last task a moment later: read after one more turn of the event loop.
          const longestTaskMs = Number(await page.evaluate(LONGEST_TASK));
          results[index].push({ ms, longestTaskMs });
        } finally {
          await page.close();
        }
      }
    }
    return results;
  } finally {
    await browser.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
