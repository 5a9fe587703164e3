// Page-level steps in the VS Code workbench (command palette, quick open, views, status bar), read from the DOM.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from '../../scripts/ensure-vscode.mjs';
import { waitFor } from '../integration/waitFor';

export const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');

export class Workbench {
  constructor(readonly page: Page) {}

  private get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Saves test-results/e2e/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${name}.png`);
    // animations: 'disabled' finishes fade-ins (hovers, notifications) so the picture shows the settled state.
    await this.page.screenshot({ path: file, animations: 'disabled' });
    return file;
  }

  /** Runs a command from the palette by its title as shown there, e.g. 'Makescope: Restart Server'. */
  async runCommand(title: string): Promise<void> {
    await this.openQuickInput('F1');
    await this.quickInput.locator('input').fill(`>${title}`);
    await this.acceptRow(title, `command "${title}"`);
  }

  /** Opens a workspace file through Quick Open and waits until its editor is the active tab. */
  async openFile(relativePath: string): Promise<void> {
    const name = path.basename(relativePath);
    await this.openQuickInput('Control+P');
    await this.quickInput.locator('input').fill(relativePath);
    await this.acceptRow(name, `file "${relativePath}" in Quick Open`);
    await waitFor(async () => (await this.activeTabTitle()) === name, {
      what: `the editor for ${relativePath} to be active`,
    });
    await this.page
      .locator('.editor-instance .monaco-editor .view-lines')
      .first()
      .waitFor({ state: 'visible' });
  }

  /** Moves the cursor of the active editor to a 1-based line and column with Go to Line. */
  async goToLine(line: number, column = 1): Promise<void> {
    await this.openQuickInput('Control+G');
    await this.quickInput.locator('input').fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden' });
    const position = `Ln ${line}, Col ${column}`;
    await waitFor(async () => (await this.statusBarTexts()).includes(position), {
      what: `the cursor to reach ${position}`,
    });
  }

  /** Shows the hover at a 1-based line and column of the active editor and returns its text once it has some. */
  async hoverAt(line: number, column: number, expected = ''): Promise<string> {
    await this.goToLine(line, column);
    await this.runCommand('Show or Focus Hover');
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content');
    let text = '';
    await waitFor(
      async () => {
        text = (await hover.allTextContents()).join('\n').trim();
        return text.length > 0 && text.includes(expected);
      },
      { what: () => `a hover at ${line}:${column} containing "${expected}" (shown: ${text || 'none'})` },
    );
    return text;
  }

  async activeTabTitle(): Promise<string | undefined> {
    const tab = this.page.locator('.tabs-container .tab.active .label-name').first();
    return (await tab.count()) > 0 ? ((await tab.textContent()) ?? undefined) : undefined;
  }

  /** The explorer row of a file or folder shown with this name. */
  explorerRow(name: string): Locator {
    return this.page.locator('.explorer-folders-view .monaco-list-row', {
      has: this.page.locator('.label-name', { hasText: exactText(name) }),
    });
  }

  /** Texts of the status bar entries, left to right. */
  async statusBarTexts(): Promise<string[]> {
    const items = await this.page.locator('.part.statusbar .statusbar-item').allTextContents();
    return items.map((text) => text.trim()).filter(Boolean);
  }

  /**
   * Texts of the language status items (label and detail) of the active editor, read from the hover of the
   * status bar's language status entry ("{}" beside the language mode); empty while there is none.
   */
  async languageStatusTexts(screenshotName?: string): Promise<string[]> {
    const entry = this.page.locator('#status\\.languageStatus');
    if ((await entry.count()) === 0) return [];
    await entry.hover();
    const items = this.page.locator('.hover-language-status .element .left');
    try {
      await items.first().waitFor({ state: 'visible', timeout: 3_000 });
    } catch {
      return [];
    }
    const texts = (await items.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
    if (screenshotName) await this.screenshot(screenshotName);
    await this.page.mouse.move(0, 0);
    return texts;
  }

  /** Shows the Outline view (with the folders section collapsed to give it room) and returns the names it lists. */
  async readOutline(expected: string[] = [], timeoutMs = 30_000): Promise<string[]> {
    await this.runCommand('Explorer: Focus on Outline View');
    await this.collapseFoldersSection();
    let names: string[] = [];
    let message = '';
    await waitFor(
      async () => {
        names = await this.outlineNames();
        message = (await this.page.locator('.outline-pane .outline-message').allTextContents())
          .join(' ')
          .trim();
        return names.length > 0 && expected.every((name) => names.includes(name));
      },
      {
        what: () =>
          `the Outline view to list ${expected.join(', ') || 'symbols'} ` +
          `(shown: ${names.join(', ') || 'none'}${message ? `; message: ${message}` : ''})`,
        timeoutMs,
      },
    );
    return names;
  }

  /** Collapses the explorer's folder tree so the views below it (Outline, Timeline) get the height. */
  async collapseFoldersSection(): Promise<void> {
    const target = this.page
      .locator('.pane', { has: this.page.locator('.explorer-folders-view') })
      .locator('.pane-header')
      .first();
    if ((await target.getAttribute('aria-expanded')) === 'true') await target.click();
    // The split view animates; wait for the folder rows to be gone so screenshots show the settled layout.
    await this.page.locator('.explorer-folders-view').waitFor({ state: 'hidden' });
  }

  /** Names currently rendered in the Outline view (only the visible rows: the tree is virtualised). */
  async outlineNames(): Promise<string[]> {
    const labels = await this.page
      .locator('.outline-pane .monaco-list-row .outline-element .label-name')
      .allTextContents();
    return labels.map((text) => text.trim()).filter(Boolean);
  }

  /** The channel the Output panel shows, or undefined while the panel is closed. */
  async outputChannel(): Promise<string | undefined> {
    const panel = this.page.locator('[id="workbench.panel.output"]');
    if (!(await panel.isVisible())) return undefined;
    const select = this.page.locator('.part.panel .title select.monaco-select-box');
    return (await select.count()) > 0 ? select.first().inputValue() : undefined;
  }

  /** Answers the workspace trust dialog shown when a folder opens with trust enabled. */
  async answerTrustPrompt(trust: boolean): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    const label = trust ? 'Yes, I trust the authors' : "No, I don't trust the authors";
    await dialog.getByRole('button', { name: label }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** Texts of the visible notification toasts. */
  async notificationTexts(): Promise<string[]> {
    const toasts = await this.page
      .locator('.notifications-toasts .notification-list-item-message')
      .allTextContents();
    return toasts.map((text) => text.trim());
  }

  /** Accepts the row labelled exactly `label` in an open quick pick (e.g. the picker a command shows). */
  async pick(label: string): Promise<void> {
    await this.quickInput.waitFor({ state: 'visible' });
    await this.acceptRow(label, `"${label}" in the quick pick`);
  }

  /** Closes whatever quick input is open (a picker left by an earlier step), then opens it with `key`. */
  private async openQuickInput(key: string): Promise<void> {
    if (await this.quickInput.isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.quickInput.waitFor({ state: 'hidden' });
    }
    await waitFor(
      async () => {
        if (!(await this.quickInput.isVisible())) await this.page.keyboard.press(key);
        return this.quickInput.isVisible();
      },
      { what: `the quick input to open with ${key}`, timeoutMs: 10_000, intervalMs: 250 },
    );
  }

  /**
   * Waits for the quick-pick row labelled exactly `label` and accepts it: Enter when it is the selected row,
   * otherwise a click (the palette may rank another title first, e.g. "Close All Editor Groups").
   */
  private async acceptRow(label: string, what: string): Promise<void> {
    const rows = this.quickInput.locator('.monaco-list-row');
    const row = rows.filter({ has: this.page.locator('.label-name', { hasText: exactText(label) }) }).first();
    let shown: string[] = [];
    await waitFor(
      async () => {
        if ((await row.count()) > 0) return true;
        shown = (await rows.locator('.label-name').allTextContents()).map((text) => text.trim());
        return false;
      },
      // Quick Open's file search and the palette's command list fill late on a loaded machine (2 cores
      // with builds beside): a missing row still fails, with what was shown, well inside the test's timeout.
      { what: () => `${what} among the rows (shown: ${shown.join(' | ') || 'none'})`, timeoutMs: 45_000 },
    );
    const input = this.quickInput.locator('input');
    const typed = await input.inputValue();
    if (await row.evaluate((element) => element.classList.contains('focused'))) {
      await this.page.keyboard.press('Enter');
    } else {
      await row.click();
    }
    // Accepted: the widget closes, or shows what the command asks next (Compare Serial and Parallel's
    // targets) in place of the typed text. Waiting for it to close alone failed whenever the command's own
    // input box came up before the widget had hidden.
    await waitFor(async () => !(await this.quickInput.isVisible()) || (await input.inputValue()) !== typed, {
      what: `${what} to be accepted`,
      timeoutMs: 30_000,
    });
  }
}

/** Matches an element whose whole text is `text`. */
function exactText(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
