// Audit Dependencies from the command palette in a real VS Code: verified findings in the Problems panel, and the quick fix.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { workspaceFrom, type Workspace } from '../probes/support/fixtureCopy';
import { waitFor } from '../integration/waitFor';
import { Session } from './codeServer';

describe('Audit Dependencies', function () {
  let workspace: Workspace;
  let session: Session;

  before(async function () {
    workspace = await workspaceFrom('parallel-race-missing-prerequisite');
    session = await Session.start({ folder: workspace.directory, settings: { 'makescope.jobs': 2 } });
    await session.workbench.openFile('Makefile');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await session?.workbench.screenshot(`audit-failed-${Date.now()}`);
  });

  after(async function () {
    await session?.close();
    await workspace?.dispose();
  });

  /** The graph panel's document: VS Code puts a webview in an iframe that holds the content in another one. */
  function graph(): FrameLocator {
    return session.workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  it('audits and verifies from the palette: the Problems panel names the race, the quick fix says verified', async function () {
    const { workbench } = session;
    await workbench.runCommand('Makescope: Audit Dependencies…');
    await workbench.pick('Audit and verify fixes');
    const rows = workbench.page.locator('.markers-panel .monaco-list-row');
    let shown: string[] = [];
    await waitFor(
      async () => {
        shown = (await rows.allTextContents()).map((text) => text.replace(/\s+/g, ' '));
        return shown.some((text) => /Fix verified in 5 runs/.test(text));
      },
      {
        what: () => `an audit problem with its verification (shown: ${shown.join(' | ') || 'nothing'})`,
        timeoutMs: 90_000,
      },
    );
    const problem = shown.find((text) => /Fix verified/.test(text)) ?? '';
    assert.match(problem, /'app\.txt' reads config\.h, which 'config\.h' writes/);
    assert.match(problem, /fails without it with --shuffle=|Fix verified in 5 runs/);
    await workbench.screenshot('audit-1-problems');

    await workbench.goToLine(9);
    await workbench.page.keyboard.press('Control+.');
    const menu = workbench.page.locator('.action-widget');
    let actions = '';
    await waitFor(
      async () => {
        actions = (await menu.count()) > 0 ? ((await menu.first().textContent()) ?? '') : '';
        return actions.includes('verified in 5 runs');
      },
      { what: () => `the verified quick fix in the menu (shown: ${actions || 'nothing'})` },
    );
    assert.match(actions, /Add config\.h to the prerequisites of app\.txt \(verified in 5 runs\)/);
    await workbench.screenshot('audit-2-quick-fix');
  });

  it('draws the graph beside the editor: the missing prerequisite as an observed-only edge, a filter, a click opens the rule', async function () {
    const { workbench } = session;
    await workbench.page.keyboard.press('Escape'); // the quick-fix menu of the test before
    const observed = graph().locator('line.edge.observed-only[data-from="app.txt"][data-to="config.h"]');
    await waitFor(async () => (await observed.count()) === 1, {
      what: 'the observed-only edge app.txt -> config.h in the Audit Graph panel',
    });
    const nodes = await graph()
      .locator('g.node')
      .evaluateAll((all) => all.map((n) => n.getAttribute('data-node')));
    assert.deepEqual([...nodes].sort(), ['all', 'app.txt', 'config.h', 'config.in', 'main.in']);
    const declared = await graph()
      .locator('#graph line.edge.declared')
      .evaluateAll((all) => all.map((e) => `${e.getAttribute('data-from')}->${e.getAttribute('data-to')}`));
    assert.deepEqual([...declared].sort(), [
      'all->app.txt',
      'all->config.h',
      'app.txt->main.in',
      'config.h->config.in',
    ]);
    assert.match(
      (await graph().locator('#legend').textContent()) ?? '',
      /observed only \(missing prerequisite\)/,
    );
    await workbench.screenshot('audit-3-graph');

    // The filter: the neighbourhood of config.in is config.in, config.h and what is one edge further.
    await graph().locator('#target').fill('config.in');
    await graph().locator('#filter button[type=submit]').click();
    await waitFor(
      async () =>
        /^config\.in with what it needs and what needs it/.test(
          (await graph().locator('#scope').textContent()) ?? '',
        ),
      {
        what: 'the neighbourhood of config.in',
      },
    );
    const near = await graph()
      .locator('g.node')
      .evaluateAll((all) => all.map((n) => n.getAttribute('data-node')));
    assert.deepEqual([...near].sort(), ['all', 'app.txt', 'config.h', 'config.in']);
    await workbench.screenshot('audit-4-graph-filtered');

    // A click on a target opens its rule at make's line (the cursor was on line 9, config.h's rule is on 5).
    await graph().locator('g.node[data-node="config.h"]').click();
    await waitFor(async () => (await workbench.statusBarTexts()).some((text) => text.startsWith('Ln 5,')), {
      what: "the Makefile open at config.h's rule (line 5)",
    });
    await workbench.screenshot('audit-5-graph-opened-rule');
  });
});
