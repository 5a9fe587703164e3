// The language server killed in a real VS Code: the client starts a new one and the probes work again.
import * as assert from 'node:assert/strict';
import { workspaceFrom, type Workspace } from '../probes/support/fixtureCopy';
import { waitFor } from '../integration/waitFor';
import { descendantsOf } from '../probes/support/processGroups';
import { Session } from './codeServer';
import { MakescopeViews } from './makescopeViews';

/**
 * Pids of Makescope language servers started under this test's own code-server (its process tree), so a
 * developer's editor or another test's session on the same machine is never touched.
 */
function serverPids(session: Session): number[] {
  return descendantsOf(session.server.pgid ?? -1)
    .filter(({ args }) => /makescope[^/]*\/dist\/server\.js( |$)/.test(args) && / --/.test(args))
    .map(({ pid }) => pid);
}

describe('Language server recovery', function () {
  let workspace: Workspace;
  let session: Session;
  let views: MakescopeViews;

  this.beforeAll(async function () {
    workspace = await workspaceFrom('pattern-rules', { build: 'make' });
    session = await Session.start({ folder: workspace.directory });
    views = new MakescopeViews(session.workbench.page);
    await session.workbench.openFile('Makefile');
    await session.workbench.readOutline(['app']);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await session?.workbench.screenshot(`recovery-failed-${Date.now()}`);
  });

  this.afterAll(async function () {
    await session?.close();
    await workspace?.dispose();
  });

  it('restarts a killed server, and Check Convergence answers again', async function () {
    const before = await waitFor(
      () => {
        const found = serverPids(session);
        return found.length > 0 ? found : undefined;
      },
      { what: 'the Makescope language server process' },
    );
    for (const pid of before) process.kill(pid, 'SIGKILL');
    const restarted = await waitFor(
      () => {
        const now = serverPids(session).filter((pid) => !before.includes(pid));
        return now.length > 0 ? now : undefined;
      },
      { what: 'a new language server process after the kill', timeoutMs: 60_000 },
    );
    assert.ok(restarted.length > 0);
    await session.workbench.runCommand('Makescope: Check Convergence');
    const rows = await views.waitForRows('Convergence', (shown) =>
      shown.some((row) => row.label === 'Converged'),
    );
    await session.workbench.screenshot('recovery-1-converged-after-restart');
    assert.ok(rows.some((row) => row.label === 'Converged'));
  });
});
