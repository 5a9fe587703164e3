// Compare Serial and Parallel from the command palette in a real VS Code: the panel's verdict and finding, read from the DOM.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { workspaceFrom, type Workspace } from '../probes/support/fixtureCopy';
import { waitFor } from '../integration/waitFor';
import { Session } from './codeServer';
import { MakescopeViews } from './makescopeViews';

describe('Compare Serial and Parallel', function () {
  let workspace: Workspace;
  let session: Session;

  before(async function () {
    workspace = await workspaceFrom('parallel-race-missing-prerequisite');
    session = await Session.start({ folder: workspace.directory, settings: { 'makescope.jobs': 2 } });
    await session.workbench.openFile('Makefile');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await session?.workbench.screenshot(`parallel-diff-failed-${Date.now()}`);
  });

  after(async function () {
    await session?.close();
    await workspace?.dispose();
  });

  /** The panel's document: VS Code puts a webview in an iframe that holds the content in another one. */
  function panel(): FrameLocator {
    return session.workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  it('runs from the palette, shows the verdict and the missing prerequisite with its Makefile line', async function () {
    const { workbench } = session;
    await workbench.runCommand('Makescope: Compare Serial and Parallel…');
    // The command asks for targets; Enter keeps the default goal.
    const input = workbench.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await workbench.screenshot('parallel-diff-1-targets');
    await workbench.page.keyboard.press('Enter');

    let verdict = '';
    await waitFor(
      async () => {
        const heading = panel().locator('#verdict');
        verdict = (await heading.count()) > 0 ? ((await heading.textContent()) ?? '') : '';
        return verdict.length > 0;
      },
      { what: () => `the Parallel Diff panel's verdict (shown: ${verdict || 'nothing'})`, timeoutMs: 90_000 },
    );
    assert.match(verdict, /Races found|differ/);
    const finding = ((await panel().locator('.finding').first().textContent()) ?? '').replace(/\s+/g, ' ');
    assert.match(finding, /Makefile:9/);
    assert.match(finding, /'app\.txt' reads config\.h, which 'config\.h' writes/);
    assert.match(finding, /app\.txt: main\.in config\.h/);
    await workbench.screenshot('parallel-diff-2-panel');

    // The sandbox copies are gone; the diff editor shows the texts kept in memory.
    await panel().locator('button[data-diff]').first().click();
    const diffTab = workbench.page.locator('.tabs-container .tab .label-name', { hasText: '↔' });
    let tab = '';
    await waitFor(
      async () =>
        (tab = (await diffTab.count()) > 0 ? ((await diffTab.first().textContent()) ?? '') : '') !== '',
      {
        what: 'a diff editor tab for app.txt',
      },
    );
    assert.match(tab, /app\.txt \(serial -j1 ↔ parallel -j2/);
    assert.equal(await panel().locator('#verdict').count(), 1, 'the panel stays open beside the diff');
    await workbench.screenshot('parallel-diff-3-diff-editor');

    // The finished comparison revealed its view (no Focus command here): the race first, then the differences.
    const views = new MakescopeViews(workbench.page);
    const rows = await views.waitForRows('Parallel Diff', (seen) =>
      seen.some((row) => row.label.startsWith('app.txt ←')),
    );
    const race = rows.findIndex((row) => row.label.startsWith('app.txt ←'));
    const firstDifference = rows.findIndex((row) => row.label.startsWith('Differs:'));
    assert.ok(
      race >= 0 && race <= 2,
      `the race is among the first rows: ${rows.map((row) => row.label).join(' | ')}`,
    );
    assert.ok(firstDifference < 0 || firstDifference > race, 'differences come after the race');
    const labels = rows.map((row) => row.label);
    assert.equal(new Set(labels).size, labels.length, `no row repeated: ${labels.join(' | ')}`);
    // make 4.3 has no --shuffle: the advice names the setting, not a script of this repository or a CLI flag.
    const notes = ((await panel().locator('#notes').textContent()) ?? '').replace(/\s+/g, ' ');
    assert.match(notes, /set makescope\.makePath to a GNU make 4\.4 or newer/);
    assert.doesNotMatch(notes, /build-make-4\.4\.1\.sh|pass --make/);
    await workbench.screenshot('parallel-diff-4-view');
  });
});
