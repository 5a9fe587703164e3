// Collect Evidence… from the command palette in a real VS Code: the verdict in the Evidence tree, the report beside it.
import * as assert from 'node:assert/strict';
import { workspaceFrom, type Workspace } from '../probes/support/fixtureCopy';
import { snapshotTree, type TreeSnapshot } from '../probes/support/treeSnapshot';
import { waitFor } from '../integration/waitFor';
import { Session } from './codeServer';
import { MakescopeViews } from './makescopeViews';

describe('Collect Evidence', function () {
  let workspace: Workspace;
  let session: Session;
  let views: MakescopeViews;
  let before: TreeSnapshot;

  // A build that never settles: the recipe leaves out.txt older than its prerequisite.
  this.beforeAll(async function () {
    workspace = await workspaceFrom('non-converging');
    before = await snapshotTree(workspace.directory);
    session = await Session.start({ folder: workspace.directory });
    views = new MakescopeViews(session.workbench.page);
    await session.workbench.openFile('Makefile');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await session?.workbench.screenshot(`evidence-failed-${Date.now()}`);
  });

  this.afterAll(async function () {
    await session?.close();
    await workspace?.dispose();
  });

  it('climbs the ladder, shows the verdict and the report, and leaves the project unchanged', async function () {
    const { workbench } = session;
    await views.runCommandAndPick('Makescope: Collect Evidence…', 'out.txt');
    await views.answerInputBox('out.txt rebuilds every time');
    await workbench.screenshot('evidence-1-started');
    const rows = await views.waitForRows(
      'Evidence',
      (shown) => shown.some((row) => row.label.startsWith('Verdict:')),
      180_000,
    );
    const verdict = rows.find((row) => row.label.startsWith('Verdict:'));
    assert.equal(verdict?.label, 'Verdict: local fix');
    assert.match(verdict?.description ?? '', /out\.txt/);
    assert.ok(
      rows.some((row) => row.label === '5. Convergence'),
      `rungs: ${rows.map((row) => row.label).join(' | ')}`,
    );
    // The report opens as a rendered Markdown preview beside the editor: a tab, and a webview with the verdict.
    const tabs = workbench.page.locator('.tabs-container .tab .label-name', { hasText: 'Preview report.md' });
    await waitFor(async () => (await tabs.count()) > 0, {
      what: 'the report preview tab',
      timeoutMs: 30_000,
    });
    const heading = workbench.page
      .frameLocator('iframe.webview.ready')
      .frameLocator('#active-frame')
      .locator('h1');
    let shown = '';
    await waitFor(
      async () => {
        shown = (await heading.count()) > 0 ? ((await heading.first().textContent()) ?? '') : '';
        return shown.includes('Build evidence: local fix');
      },
      { what: () => `the preview to show the verdict (shown: ${shown || 'nothing'})`, timeoutMs: 30_000 },
    );
    await workbench.screenshot('evidence-2-verdict-and-report');
    assert.deepEqual(
      await snapshotTree(workspace.directory),
      before,
      'Collect Evidence changed the workspace',
    );
  });
});
