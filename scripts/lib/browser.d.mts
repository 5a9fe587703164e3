// Types for browser.mjs, so TypeScript tests can import it.
import type { BrowserContext, Page } from 'playwright-core';

export interface Browser {
  context: BrowserContext;
  page: Page;
  profile: string;
}

export declare function launchBrowser(options?: {
  viewport?: { width: number; height: number };
}): Promise<Browser>;
export declare function closeBrowser(browser: Browser): Promise<void>;
export declare function waitForWorkbench(page: Page, timeout?: number): Promise<void>;
