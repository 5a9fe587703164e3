// The language server killed in a real VS Code: the client starts a new one and the probes work again.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { workspaceFrom, type Workspace } from '../probes/support/fixtureCopy';
import { waitFor } from '../integration/waitFor';
import { Session } from './codeServer';
import { MakescopeViews } from './makescopeViews';

/** Pids of Makescope language servers started by code-server's extension host (the installed .vsix). */
function serverPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (
        args.some((arg) => /makescope[^/]*\/dist\/server\.js$/.test(arg)) &&
        args.some((a) => a.startsWith('--'))
      )
        pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
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
    const before = await waitFor(() => (serverPids().length > 0 ? serverPids() : undefined), {
      what: 'the Makescope language server process',
    });
    for (const pid of before) process.kill(pid, 'SIGKILL');
    const restarted = await waitFor(
      () => {
        const now = serverPids().filter((pid) => !before.includes(pid));
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
