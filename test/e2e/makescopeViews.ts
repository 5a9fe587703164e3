// Reading Makescope's side bar views, quick picks and editor hovers from the workbench DOM.
import type { Locator, Page } from 'playwright-core';
import { waitFor } from '../integration/waitFor';

export interface TreeRow {
  label: string;
  description: string;
}

const exactly = (text: string): RegExp => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

export class MakescopeViews {
  constructor(private readonly page: Page) {}

  /** The side bar pane of a view by its title (e.g. 'Convergence'). */
  pane(title: string): Locator {
    return this.page.locator('.part.sidebar .pane', {
      has: this.page.locator('.pane-header .title', { hasText: exactly(title) }),
    });
  }

  /** Rows the tree currently renders (the tree is virtualised: only visible rows), read in one go. */
  async rows(title: string): Promise<TreeRow[]> {
    return this.pane(title)
      .locator('.pane-body .monaco-list-row')
      .evaluateAll((rows) =>
        rows
          .map((row) => ({
            index: Number(row.getAttribute('data-index') ?? 0),
            label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
            description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
          }))
          .sort((a, b) => a.index - b.index)
          .map(({ label, description }) => ({ label, description })),
      );
  }

  /** Polls the view until `accept` holds for its rows; returns them. */
  async waitForRows(
    title: string,
    accept: (rows: TreeRow[]) => boolean,
    timeoutMs = 60_000,
  ): Promise<TreeRow[]> {
    let seen: TreeRow[] = [];
    await waitFor(
      async () => {
        seen = await this.rows(title);
        return accept(seen);
      },
      {
        what: () =>
          `the ${title} view (rows: ${seen.map((row) => `${row.label} [${row.description}]`).join(' | ') || 'none'})`,
        timeoutMs,
      },
    );
    return seen;
  }

  /** The welcome text a view shows while it is empty. */
  async welcomeText(title: string): Promise<string> {
    const welcome = this.pane(title).locator('.welcome-view-content');
    return (await welcome.count()) > 0 ? ((await welcome.first().textContent()) ?? '').trim() : '';
  }

  /** F1, the command's title, Enter; then waits for a follow-up quick pick and accepts `choice` in it. */
  async runCommandAndPick(title: string, choice: string): Promise<void> {
    await this.runCommandWithFollowUp(title);
    await this.page.locator('.quick-input-widget input').fill(choice);
    await this.acceptFocused(exactly(choice), `"${choice}" in the quick pick`);
  }

  /** F1, the command's title, Enter; then types `text` into the input box the command opens. */
  async runCommandAndAnswer(title: string, text: string): Promise<void> {
    await this.runCommandWithFollowUp(title);
    const quickInput = this.page.locator('.quick-input-widget');
    await quickInput.locator('input').fill(text);
    await this.page.keyboard.press('Enter');
    await quickInput.waitFor({ state: 'hidden' });
  }

  /** Answers an input box (showInputBox) that is already open or about to open. */
  async answerInputBox(text: string): Promise<void> {
    const quickInput = this.page.locator('.quick-input-widget');
    await quickInput.waitFor({ state: 'visible' });
    await quickInput.locator('input').fill(text);
    await this.page.keyboard.press('Enter');
    await quickInput.waitFor({ state: 'hidden' });
  }

  /** Runs a palette command that opens its own quick input (so the widget may never hide in between). */
  private async runCommandWithFollowUp(title: string): Promise<void> {
    const quickInput = this.page.locator('.quick-input-widget');
    const input = quickInput.locator('input');
    // Opening can race with a closing quick input: retry until the title is typed into a visible palette.
    await waitFor(
      async () => {
        if (!(await quickInput.isVisible())) await this.page.keyboard.press('F1');
        await input.fill(`>${title}`, { timeout: 2_000 });
        return (await input.inputValue()) === `>${title}`;
      },
      { what: 'the command palette to open', timeoutMs: 15_000, intervalMs: 250 },
    );
    await this.acceptFocused(exactly(title), `command "${title}"`);
    // The command's own quick input has no leading '>'.
    await waitFor(async () => (await quickInput.isVisible()) && !(await input.inputValue()).startsWith('>'), {
      what: `the quick input of "${title}" to open`,
      timeoutMs: 30_000,
    });
  }

  private async acceptFocused(matches: RegExp, what: string): Promise<void> {
    const focused = this.page.locator('.quick-input-widget .monaco-list-row.focused .label-name').first();
    let seen = '';
    await waitFor(
      async () => {
        seen = (await focused.count()) > 0 ? ((await focused.textContent()) ?? '').trim() : '';
        return matches.test(seen);
      },
      { what: () => `${what} to be the selected row (selected: ${seen || 'none'})`, timeoutMs: 15_000 },
    );
    await this.page.keyboard.press('Enter');
  }

  /**
   * Hovers the word `word` on the editor line containing `lineText` until the hover shows `expected`
   * (the hover is moved away and back on each try, since resolved values may arrive after the first hover).
   */
  async hoverUntil(
    lineText: string,
    /** A token's whole text, or a pattern for any span's (an inlay hint's label, blanks drawn as no-break spaces). */
    word: string | RegExp,
    expected: RegExp,
    timeoutMs = 60_000,
  ): Promise<string> {
    const line = this.page.locator('.editor-instance .view-line', { hasText: lineText }).first();
    const token =
      typeof word === 'string'
        ? line.locator('span > span', { hasText: exactly(word) }).first()
        : line.locator('span', { hasText: word }).last();
    const hover = this.page.locator('.monaco-hover:not(.hidden)');
    let text = '';
    await waitFor(
      async () => {
        await this.page.mouse.move(0, 0);
        await token.hover();
        await hover.first().waitFor({ state: 'visible', timeout: 5_000 });
        text = ((await hover.first().textContent()) ?? '').trim();
        return expected.test(text);
      },
      {
        what: () => `the hover on ${String(word)} to show ${expected} (shown: ${text || 'nothing'})`,
        timeoutMs,
        intervalMs: 500,
      },
    );
    return text;
  }
}
