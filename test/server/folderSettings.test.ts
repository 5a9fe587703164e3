// Settings per folder over a real stdio session: in a workspace of two folders, each folder's probes use the
// make its own (resource-scoped) makescope.makePath names, and a change applies to the next probe of each.
import * as assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DatabaseRequest } from '../../contract/protocol';
import { MAKES, requireMake } from '../probes/support/makes';
import { fileUri, LspSession } from './lspSession';

describe('settings per workspace folder', () => {
  let root: string;
  let session: LspSession;
  const [make43, make441] = MAKES;

  before(async () => {
    requireMake(make43);
    requireMake(make441);
    root = await mkdtemp(path.join(tmpdir(), 'makescope-folders-'));
    for (const name of ['one', 'two']) {
      await mkdir(path.join(root, name));
      await writeFile(path.join(root, name, 'Makefile'), 'all:\n\t@echo done\n');
    }
    ({ session } = await LspSession.start(path.join(root, 'one'), { trusted: true }, [
      path.join(root, 'two'),
    ]));
  });

  after(async () => {
    await session?.shutdown();
    await rm(root, { recursive: true, force: true });
  });

  /** Answers workspace/configuration as VS Code does: the folder's own value for its scopeUri, else the window's. */
  function answerPerFolder(makes: Record<string, string>, windowMake: string): void {
    session.connection.onRequest(
      'workspace/configuration',
      (params: { items: Array<{ scopeUri?: string }> }) =>
        params.items.map((item) => ({
          makePath: (item.scopeUri && makes[item.scopeUri]) ?? windowMake,
        })),
    );
  }

  async function versionIn(name: string): Promise<string | undefined> {
    const db = await session.connection.sendRequest(DatabaseRequest, {
      uri: fileUri(path.join(root, name, 'Makefile')),
    });
    return db.placement.makeVersion;
  }

  it('runs each folder with its own make, and the first probe after a change uses the new one', async () => {
    const one = fileUri(path.join(root, 'one'));
    const two = fileUri(path.join(root, 'two'));
    answerPerFolder({ [two]: make441.path }, make43.path);
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal(await versionIn('one'), make43.version, 'folder one: the window make');
    assert.equal(await versionIn('two'), make441.version, 'folder two: its own makescope.makePath');

    answerPerFolder({ [one]: make441.path, [two]: make43.path }, make43.path);
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal(await versionIn('one'), make441.version, 'folder one, right after the change');
    assert.equal(await versionIn('two'), make43.version, 'folder two, right after the change');
  });
});
