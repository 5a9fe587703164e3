// Changing a setting the way a user does: VS Code's Settings editor (Preferences: Open Workspace Settings).
import type { Locator, Page } from 'playwright-core';
import { waitFor } from '../integration/waitFor';
import type { Workbench } from './workbench';

export class SettingsEditor {
  private readonly page: Page;

  constructor(private readonly workbench: Workbench) {
    this.page = workbench.page;
  }

  /** The row of one setting in the open Settings editor (its container carries the key). */
  private row(key: string): Locator {
    return this.page.locator(`.settings-editor .setting-item-contents[data-key="${key}"]`);
  }

  /**
   * Sets a string setting in the workspace's settings through the Settings editor and waits until VS Code has
   * applied it: the row shows it modified in the Workspace scope, which the editor draws only after the
   * configuration service reloaded the value it wrote (no file watcher involved).
   */
  async setWorkspaceString(key: string, value: string): Promise<void> {
    await this.workbench.runCommand('Preferences: Open Workspace Settings');
    const search = this.page.locator('.settings-editor .settings-header .suggest-input-container textarea');
    await search.waitFor({ state: 'visible' });
    await search.focus();
    await this.page.keyboard.type(key);
    const row = this.row(key);
    await row.waitFor({ state: 'visible' });
    const input = row.locator('.setting-item-control input');
    await input.fill(value);
    await waitFor(
      async () => {
        // The editor may draw the row again while it loads the scope and reset the box to the old value
        // (seen once in CI: the box read "make" 30 s on): type the value again, as a user would.
        if ((await input.inputValue()) !== value) await input.fill(value);
        return (
          (await input.inputValue()) === value &&
          (await row.evaluate((element) => element.classList.contains('is-configured')))
        );
      },
      { what: `${key} to show as set in the Workspace scope`, timeoutMs: 30_000 },
    );
  }
}
