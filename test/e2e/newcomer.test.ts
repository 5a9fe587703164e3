// Issue 16, a newcomer's first hour: the focused Makefile is used without asking, makefile variants are found, the
// choice can be saved for the team, old `make` tasks get a message, and the Convergence view has room (900 px window).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { cacheDir } from '../../scripts/ensure-vscode.mjs';
import { waitFor } from '../integration/waitFor';
import { Session } from './codeServer';
import { MakescopeViews } from './makescopeViews';

const STALE = 20;

/** A project with several makefiles: the top-level one, src/Makefile (20 targets never built), variants. */
function newcomerProject(): string {
  const base = path.join(cacheDir, 'tmp');
  mkdirSync(base, { recursive: true });
  const folder = mkdtempSync(path.join(base, 'newcomer-'));
  const write = (file: string, text: string): void => {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), text);
  };
  write('Makefile', 'all:\n\t@echo top\n\ninclude mk/rules.mk\n');
  write('Makefile.linux', 'all:\n\t@echo linux\n');
  write('Makefile.in', 'all:\n\t@echo @PACKAGE@\n');
  write('mk/rules.mk', 'CFLAGS ?= -O2\n');
  const objects = Array.from({ length: STALE }, (_, i) => `out/part-${String(i + 1).padStart(2, '0')}.txt`);
  write(
    'src/Makefile',
    `all: ${objects.join(' ')}\n\nout/%.txt:\n\t@mkdir -p out\n\t@echo $@ > $@\n\n.PHONY: all\n`,
  );
  write(
    '.vscode/tasks.json',
    JSON.stringify(
      { version: '2.0.0', tasks: [{ type: 'make', target: 'all', label: 'build all (old Makescope task)' }] },
      null,
      2,
    ),
  );
  return folder;
}

describe("A newcomer's first hour (issue 16)", function () {
  let session: Session;
  let views: MakescopeViews;
  let workspace: string;

  before(async function () {
    workspace = newcomerProject();
    session = await Session.start({ folder: workspace, viewport: { width: 1280, height: 900 } });
    views = new MakescopeViews(session.workbench.page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await session?.workbench.screenshot(`newcomer-failed-${Date.now()}`);
  });

  after(async function () {
    await session?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('says that old `make` tasks no longer run and updates tasks.json to type `makescope` on request', async function () {
    const { workbench } = session;
    const toast = workbench.page.locator('.notifications-toasts .notification-list-item', {
      hasText: 'task(s) of type "make"',
    });
    await toast.first().waitFor({ state: 'visible', timeout: 60_000 });
    const text = ((await toast.first().textContent()) ?? '').replace(/\s+/g, ' ');
    assert.match(text, /Makescope's task type is now "makescope"/);
    assert.match(text, /\(all\)/);
    await workbench.screenshot('newcomer-1-old-make-task');
    await toast.first().getByRole('button', { name: 'Update tasks.json' }).click();
    const tasksFile = path.join(workspace, '.vscode', 'tasks.json');
    await waitFor(() => /"type": "makescope"/.test(readFileSync(tasksFile, 'utf8')), {
      what: () => `tasks.json to say type "makescope" (has: ${readFileSync(tasksFile, 'utf8')})`,
    });
    assert.match(readFileSync(tasksFile, 'utf8'), /"label": "build all \(old Makescope task\)"/);
  });

  it('checks the focused src/Makefile without asking which makefile, with room for 15+ rows', async function () {
    const { workbench } = session;
    await workbench.openFile('src/Makefile');
    await workbench.runCommand('Makescope: Check Convergence');
    const quickInput = workbench.page.locator('.quick-input-widget');
    let asked = false;
    const rows = await waitFor(
      async () => {
        if ((await quickInput.isVisible()) && /Makefile to use/.test((await quickInput.textContent()) ?? ''))
          asked = true;
        const seen = await views.rows('Convergence');
        return seen.some((row) => row.label === `Not converged (${STALE} stale)`) ? seen : undefined;
      },
      { what: 'the Convergence view to show the verdict for src/Makefile', timeoutMs: 90_000 },
    );
    assert.equal(asked, false, 'no "Makefile to use" picker while src/Makefile is focused');
    const verdict = rows[0]!;
    assert.equal(verdict.label, `Not converged (${STALE} stale)`);
    assert.match(verdict.description, /^src\/Makefile \(default goal\)$/);

    // Rows entirely inside the view's body: the tree renders only what fits, so this is what the user sees.
    const pane = views.pane('Convergence').locator('.pane-body');
    const body = await pane.boundingBox();
    assert.ok(body, 'the Convergence view is open');
    const boxes = await pane
      .locator('.monaco-list-row')
      .evaluateAll((elements) => elements.map((row) => row.getBoundingClientRect().bottom));
    const visible = boxes.filter((bottom) => bottom <= body.y + body.height + 1).length;
    assert.ok(visible >= 15, `the Convergence view shows ${visible} rows on a 900-pixel window (want >= 15)`);

    // The verdict label is not cut: the ellipsis falls in the description, if anywhere.
    const label = pane.locator('.monaco-list-row[data-index="0"] .label-name');
    const cut = await label.evaluate((element) => element.scrollWidth > element.clientWidth + 1);
    assert.equal(cut, false, 'the verdict label is shown whole');
    // The reason's point is the label; the rest is the description, the whole hint the tooltip.
    assert.ok(
      rows.some((row) => row.label === 'does not exist' && /never built/.test(row.description)),
      `a "does not exist" reason row: ${rows.map((row) => `${row.label} [${row.description}]`).join(' | ')}`,
    );
    await workbench.screenshot('newcomer-2-convergence-focused-makefile');
  });

  it('Select Makefile… lists Makefile.* and *.mk (not Makefile.in) and saves the choice as makescope.makefile', async function () {
    const { workbench } = session;
    await workbench.runCommand('Makescope: Select Makefile…');
    const quickInput = workbench.page.locator('.quick-input-widget');
    const rowLabels = quickInput.locator('.monaco-list-row .label-name');
    let labels: string[] = [];
    await waitFor(
      async () => {
        labels = (await rowLabels.allTextContents()).map((text) => text.trim());
        return labels.length >= 4;
      },
      { what: () => `the makefile picker (rows: ${labels.join(', ') || 'none'})` },
    );
    assert.deepEqual(labels, ['Makefile', 'Makefile.linux', 'src/Makefile', 'mk/rules.mk']);
    const row = quickInput.locator('.monaco-list-row', { hasText: 'src/Makefile' });
    await row.hover();
    await workbench.screenshot('newcomer-3-select-makefile');
    await row.locator('.action-label.codicon-save').click();
    const settingsFile = path.join(workspace, '.vscode', 'settings.json');
    await waitFor(
      () =>
        existsSync(settingsFile) &&
        /"makescope\.makefile": "src\/Makefile"/.test(readFileSync(settingsFile, 'utf8')),
      { what: 'makescope.makefile in .vscode/settings.json' },
    );
  });
});
