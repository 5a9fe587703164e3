// In Restricted Mode no probe runs: Check Convergence says why, and make never reads the Makefile.
import * as assert from 'node:assert';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { cacheDir } from '../../scripts/ensure-vscode.mjs';
import { waitFor } from '../integration/waitFor';
import { examplesFolder, Session } from './codeServer';
import { MakescopeViews } from './makescopeViews';

describe('Probes in Restricted Mode', function () {
  let session: Session;
  let workspace: string;
  let marker: string;

  before(async function () {
    const base = path.join(cacheDir, 'tmp');
    mkdirSync(base, { recursive: true });
    workspace = mkdtempSync(path.join(base, 'examples-untrusted-'));
    cpSync(examplesFolder, workspace, { recursive: true });
    // A make run reads the Makefile and tries to create this file next to the project: isolated,
    // the write never lands, so the file must never exist (the verdict is what shows make ran).
    marker = path.join(path.dirname(workspace), `${path.basename(workspace)}.make-ran`);
    appendFileSync(path.join(workspace, 'Makefile'), `\nPROBE_MARKER := $(shell touch ${marker})\n`);
    session = await Session.start({ folder: workspace, trust: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await session?.workbench.screenshot(`issue5-restricted-failed-${Date.now()}`);
  });

  after(async function () {
    await session?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
    if (marker) rmSync(marker, { force: true });
  });

  it('Check Convergence shows why it cannot run, and make does not run', async function () {
    const { workbench } = session;
    const views = new MakescopeViews(workbench.page);
    await workbench.answerTrustPrompt(false);
    await waitFor(async () => (await workbench.statusBarTexts()).includes('Restricted Mode'), {
      what: 'the Restricted Mode status bar entry',
    });
    await workbench.openFile('Makefile');
    await workbench.runCommand('Makescope: Check Convergence');
    let toasts: string[] = [];
    await waitFor(
      async () =>
        (toasts = await workbench.notificationTexts()).some((text) => text.includes('Restricted Mode')),
      { what: () => `the Restricted Mode message (toasts: ${toasts.join(' | ') || 'none'})` },
    );
    await workbench.runCommand('View: Show Makescope');
    let welcome = '';
    await waitFor(
      async () => (welcome = await views.welcomeText('Convergence')).includes('Restricted Mode'),
      {
        what: () => `the Convergence view to explain Restricted Mode (shows: ${welcome || 'nothing'})`,
      },
    );
    await workbench.screenshot('issue5-5-restricted-mode');
    const message = toasts.find((text) => text.includes('Restricted Mode')) ?? '';
    assert.match(message, /Check Convergence is disabled in Restricted Mode: it runs make/);
    assert.ok(!existsSync(marker), 'nothing landed outside the project');
    const lenses = await workbench.page.locator('.codelens-decoration').count();
    assert.strictEqual(lenses, 0, 'CodeLenses (which run make) are not shown in Restricted Mode');
    const status = await workbench.statusBarTexts();
    assert.ok(!status.some((text) => /converged|stale/.test(text)), `status bar: ${status.join(' | ')}`);
  });

  it('once trusted, the server restarts trusted and Check Convergence runs make', async function () {
    const { workbench } = session;
    const views = new MakescopeViews(workbench.page);
    await workbench.runCommand('Workspaces: Manage Workspace Trust');
    const trustButton = workbench.page.locator('.workspace-trust-editor').getByRole('button', {
      name: 'Trust',
      exact: true,
    });
    await trustButton.first().click();
    await waitFor(async () => !(await workbench.statusBarTexts()).includes('Restricted Mode'), {
      what: 'Restricted Mode to end',
    });
    // The first Check Convergence after the grant must run make in the restarted, trusted server.
    await workbench.runCommand('Makescope: Check Convergence');
    const rows = await views.waitForRows('Convergence', (shown) => shown.length > 0, 60_000);
    const shown = rows.map((row) => row.label).join(' | ');
    const toasts = (await workbench.notificationTexts()).join(' | ') || 'none';
    assert.ok(
      rows.some((row) => row.label.startsWith('Not converged')),
      `the first Check Convergence after trusting shows a verdict (rows: ${shown}; toasts: ${toasts})`,
    );
    await workbench.screenshot('issue5-5b-trusted-after-grant');
    assert.ok(!existsSync(marker), "make's write outside the project did not land (isolated)");
  });
});
