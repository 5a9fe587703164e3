// One end-to-end session: code-server with the packaged .vsix installed, opening a folder, driven by chromium.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { closeBrowser, launchBrowser, waitForWorkbench, type Browser } from '../../scripts/lib/browser.mjs';
import {
  installExtension,
  makeScratch,
  startCodeServer,
  type CodeServer,
  type Scratch,
} from '../../scripts/lib/codeServer.mjs';
import { vsixPath } from '../../scripts/lib/vsix.mjs';
import { repoRoot } from '../../scripts/ensure-vscode.mjs';
import { Workbench } from './workbench';

export const examplesFolder = path.join(repoRoot, 'examples');

export interface SessionOptions {
  /** Folder to open; by default a fresh copy of examples/ (the repository's own folder is never opened). */
  folder?: string;
  /** Keep workspace trust enabled, so the folder opens in Restricted Mode unless trusted in the UI. */
  trust?: boolean;
  settings?: Record<string, unknown>;
  /** The browser window's size; 1280 x 800 by default. */
  viewport?: { width: number; height: number };
  /** Other .vsix files installed beside Makescope's (the bench's activation peer). */
  alsoInstall?: string[];
}

export class Session {
  private constructor(
    readonly server: CodeServer,
    private readonly browser: Browser,
    private readonly scratch: Scratch,
    readonly workbench: Workbench,
  ) {}

  /** The folder the session opened (a copy of examples/ inside the scratch folder unless one was given). */
  get folder(): string {
    return this.server.folder;
  }

  /** Starts code-server with the .vsix built by the global setup, then loads the workbench in chromium. */
  static async start(options: SessionOptions = {}): Promise<Session> {
    const scratch = makeScratch('e2e');
    installExtension(scratch, vsixPath);
    for (const other of options.alsoInstall ?? []) installExtension(scratch, other);
    const folder = options.folder ?? copyOfExamples(scratch.root);
    const server = await startCodeServer({
      scratch,
      folder,
      trust: options.trust ?? false,
      settings: options.settings,
      log: (line) => process.env.MAKESCOPE_VERBOSE && console.log(`    [code-server] ${line}`),
    });
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser({ viewport: options.viewport });
      await browser.page.goto(server.url());
      await waitForWorkbench(browser.page);
      return new Session(server, browser, scratch, new Workbench(browser.page));
    } catch (error) {
      if (browser) await closeBrowser(browser);
      await server.stop();
      rmSync(scratch.root, { recursive: true, force: true });
      throw error;
    }
  }

  /** Leaves the page (so the extension host shuts down), closes chromium and kills code-server's process group. */
  async close(): Promise<void> {
    try {
      await closeBrowser(this.browser);
    } finally {
      await this.server.stop();
      rmSync(this.scratch.root, { recursive: true, force: true });
    }
  }
}

/** A fresh copy of examples/ under `parent` (removed with it), so no session can change the repository. */
export function copyOfExamples(parent: string): string {
  const folder = mkdtempSync(path.join(parent, 'examples-'));
  cpSync(examplesFolder, folder, { recursive: true });
  return folder;
}
