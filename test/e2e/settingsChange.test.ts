// Issue 15: a setting changed while VS Code runs applies to the next probe, without a restart. The user switches
// makescope.makePath from Debian's make 4.3 to make 4.4.1 in the Settings editor (Workspace); the next Show
// Variables lists the MAKE_VERSION of the new make, as each make itself prints it.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cacheDir } from '../../scripts/ensure-vscode.mjs';
import { MAKES, requireMake } from '../probes/support/makes';
import { Session } from './codeServer';
import { MakescopeViews, type TreeRow } from './makescopeViews';
import { SettingsEditor } from './settingsEditor';

/** What `make` itself says $(MAKE_VERSION) is. */
function makeVersionOf(make: string): string {
  return execFileSync(make, ['-s', '-f', '/dev/null', '--eval', 'v: ; @echo $(MAKE_VERSION)', 'v'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 10_000,
  }).trim();
}

function project(): string {
  const base = path.join(cacheDir, 'tmp');
  mkdirSync(base, { recursive: true });
  const folder = mkdtempSync(path.join(base, 'settings-change-'));
  writeFileSync(path.join(folder, 'Makefile'), 'all:\n\t@echo built with $(MAKE_VERSION)\n\n.PHONY: all\n');
  return folder;
}

describe('A changed setting applies to the next probe without a restart', function () {
  let session: Session;
  let views: MakescopeViews;
  let workspace: string;

  before(async function () {
    for (const make of MAKES) requireMake(make);
    workspace = project();
    session = await Session.start({ folder: workspace, settings: { 'makescope.makePath': MAKES[0].path } });
    views = new MakescopeViews(session.workbench.page);
    // The commands come with the extension's contributions: wait for its activity bar entry first.
    await session.workbench.page
      .locator('.part.activitybar [aria-label^="Makescope"]')
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await session?.workbench.screenshot(`settings-change-failed-${Date.now()}`);
  });

  after(async function () {
    await session?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  /** Show Variables (filtered to MAKE_VERSION from the first run on): the rows once its value is `version`. */
  async function shownMakeVersion(version: string, first: boolean): Promise<TreeRow[]> {
    await session.workbench.runCommand('Makescope: Show Variables (make -p)');
    if (first) {
      await views.waitForRows('Variables', (rows) => rows.some((row) => row.label === 'Makefile'));
      await views.runCommandAndAnswer('Makescope: Filter Variables…', 'MAKE_VERSION');
    }
    return views.waitForRows('Variables', (rows) =>
      rows.some((row) => row.label === 'MAKE_VERSION' && row.description.endsWith(` ${version}`)),
    );
  }

  it('Show Variables reports make 4.3, then 4.4.1 once makescope.makePath is changed in the Settings editor', async function () {
    const [oldMake, newMake] = MAKES;
    const oldVersion = makeVersionOf(oldMake.path);
    const newVersion = makeVersionOf(newMake.path);
    assert.notEqual(oldVersion, newVersion, 'the two makes must differ for the test to show anything');

    await shownMakeVersion(oldVersion, true);
    await session.workbench.screenshot('settings-change-1-make-4.3');

    // As a user does it: VS Code writes .vscode/settings.json itself and applies the value before the row shows
    // it set, so nothing waits on a file watcher (a file written behind VS Code's back is seen only when its
    // watcher reports it: seconds later where .vscode did not exist yet, and the fresh-clone CI run lost that race).
    await new SettingsEditor(session.workbench).setWorkspaceString('makescope.makePath', newMake.path);
    await session.workbench.screenshot('settings-change-2-settings-editor');
    const written = JSON.parse(
      readFileSync(path.join(workspace, '.vscode', 'settings.json'), 'utf8'),
    ) as unknown;
    assert.deepEqual(written, { 'makescope.makePath': newMake.path });

    const rows = await shownMakeVersion(newVersion, false);
    await session.workbench.screenshot('settings-change-3-make-4.4.1');
    const row = rows.find((shown) => shown.label === 'MAKE_VERSION');
    assert.ok(row && !row.description.endsWith(` ${oldVersion}`), `rows: ${JSON.stringify(rows)}`);
  });
});
