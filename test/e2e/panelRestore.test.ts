// The Build Timeline panel after "Developer: Reload Window" in a real VS Code: it comes back with the same critical
// path and figures (kept by the webview's state, without the spans), and its button runs the traced build again.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { waitForWorkbench } from '../../scripts/lib/browser.mjs';
import { workspaceFrom, type Workspace } from '../probes/support/fixtureCopy';
import { waitFor } from '../integration/waitFor';
import { Session } from './codeServer';

describe('Build Timeline panel across a window reload', function () {
  let workspace: Workspace;
  let session: Session;

  before(async function () {
    workspace = await workspaceFrom('timeline-recursive');
    session = await Session.start({ folder: workspace.directory, settings: { 'makescope.jobs': 2 } });
    await session.workbench.openFile('Makefile');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await session?.workbench.screenshot(`panel-restore-failed-${Date.now()}`);
  });

  after(async function () {
    await session?.close();
    await workspace?.dispose();
  });

  /** The panel's document: VS Code puts a webview in an iframe that holds the content in another one. */
  function panel(): FrameLocator {
    return session.workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  async function panelWords(): Promise<{ chain: string[]; critical: string }> {
    return {
      chain: await panel().locator('#critical-path li').allTextContents(),
      critical: (await panel().locator('#figures tr[data-figure="critical"] td').textContent()) ?? '',
    };
  }

  it('shows the same critical path after Developer: Reload Window, and redraws the bars on request', async function () {
    const { workbench } = session;
    await workbench.runCommand('Makescope: Show Build Timeline');
    await waitFor(async () => (await panel().locator('#timeline g.bar').count()) > 0, {
      what: 'bars in the Build Timeline panel',
      timeoutMs: 90_000,
    });
    const before = await panelWords();
    assert.deepEqual(
      before.chain.map((item) => item.split(/\s+/)[0]),
      ['sub/y', 'sub/x', 'all'],
    );
    await workbench.screenshot('panel-restore-1-before-reload');

    const reloaded = workbench.page.waitForEvent('framenavigated', {
      predicate: (frame) => frame === workbench.page.mainFrame(),
      timeout: 60_000,
    });
    await workbench.runCommand('Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(workbench.page);

    let shown: string[] = [];
    await waitFor(
      async () => {
        shown = await panel()
          .locator('#critical-path li')
          .allTextContents()
          .catch(() => []);
        return shown.length > 0;
      },
      {
        what: () => `the Build Timeline panel back after the reload (critical path: ${shown.join(' | ')})`,
        timeoutMs: 60_000,
      },
    );
    const after = await panelWords();
    assert.deepEqual(after, before);
    assert.match((await panel().locator('#summary').textContent()) ?? '', /restored after a reload/);
    const tabs = await workbench.page.locator('.tabs-container .tab .label-name').allTextContents();
    assert.ok(tabs.includes('Build Timeline'), `a Build Timeline tab among ${tabs.join(' | ')}`);
    await workbench.screenshot('panel-restore-2-after-reload');

    await panel().locator('#rerun').click();
    await waitFor(async () => (await panel().locator('#timeline g.bar').count()) > 0, {
      what: 'bars drawn again after "Run the traced build again"',
      timeoutMs: 90_000,
    });
    const again = await panelWords();
    assert.deepEqual(
      again.chain.map((item) => item.split(/\s+/)[0]),
      ['sub/y', 'sub/x', 'all'],
    );
    await workbench.screenshot('panel-restore-3-run-again');
  });
});
