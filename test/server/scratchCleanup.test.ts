// The server leaves nothing of Makescope's in TMPDIR: after a clean shutdown/exit, and after a SIGKILL mid-probe.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConvergenceRequest, DryRunRequest } from '../../contract/protocol';
import { pollUntil } from '../probes/support/processGroups';
import { fileUri, LspSession, repoRoot } from './lspSession';

/** Starts a server whose TMPDIR is a private folder, so what it leaves there is its own. */
async function serverWithPrivateTmp(root: string): Promise<{ session: LspSession; scratch: string }> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'makescope-server-tmp-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  try {
    const { session } = await LspSession.start(root);
    return { session, scratch };
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

function exited(session: LspSession): Promise<void> {
  return new Promise((resolve) => {
    if (session.child.exitCode !== null || session.child.signalCode !== null) resolve();
    else session.child.once('exit', () => resolve());
  });
}

describe('server: nothing left in TMPDIR', () => {
  let project: string;
  beforeEach(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'makescope-cleanup-'));
  });
  afterEach(() => rm(project, { recursive: true, force: true }));

  it('after probes and a clean shutdown/exit', async () => {
    const directory = path.join(project, 'converge-stamp');
    await cp(path.join(repoRoot, 'test', 'fixtures', 'converge-stamp'), directory, { recursive: true });
    const { session, scratch } = await serverWithPrivateTmp(directory);
    try {
      const result = await session.connection.sendRequest(ConvergenceRequest, {
        uri: fileUri(directory),
        buildFirst: true,
      });
      assert.equal(result.placement.where, 'isolated');
      await session.connection.sendRequest('shutdown');
      await session.connection.sendNotification('exit');
      await exited(session);
      const empty = await pollUntil(() => readdirSync(scratch).length === 0, 10000);
      assert.ok(empty, `left in TMPDIR: ${readdirSync(scratch).join(', ')}`);
    } finally {
      session.child.kill('SIGKILL');
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it('after the server is killed with SIGKILL in the middle of a probe', async () => {
    const directory = path.join(project, 'slow-recipe');
    await cp(path.join(repoRoot, 'test', 'fixtures', 'slow-recipe'), directory, { recursive: true });
    const { session, scratch } = await serverWithPrivateTmp(directory);
    try {
      const probe = session.connection.sendRequest(DryRunRequest, { uri: fileUri(directory) });
      probe.catch(() => undefined);
      const isolated = await pollUntil(
        () => readdirSync(scratch).some((name) => name.startsWith('makescope-iso-')),
        20000,
      );
      assert.ok(isolated, 'the probe made its isolated session');
      session.child.kill('SIGKILL');
      await exited(session);
      const empty = await pollUntil(() => readdirSync(scratch).length === 0, 20000);
      assert.ok(empty, `left in TMPDIR: ${readdirSync(scratch).join(', ')}`);
    } finally {
      session.child.kill('SIGKILL');
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
