// Audit Dependencies from the command palette in a real VS Code: verified findings in the Problems panel, and the quick fix.
import * as assert from 'node:assert/strict';
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
});
