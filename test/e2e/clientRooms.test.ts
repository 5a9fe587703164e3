// Issues 15 and 16 through the client's rooms: context menus on a Makefile (explorer and editor), Trace This
// Target, the rule row of a target made by a built-in rule, and the serial/parallel comparison going through the
// shared probe runner (Open Settings for a missing make, Manage Workspace Trust in Restricted Mode).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cacheDir } from '../../scripts/ensure-vscode.mjs';
import { waitFor } from '../integration/waitFor';
import { Session } from './codeServer';
import { MakescopeViews } from './makescopeViews';
import type { Workbench } from './workbench';

/** calc.o has no recipe of its own: make builds it with its built-in %.o: %.c; line 3 declares calc.h. */
function builtinRuleProject(): string {
  const base = path.join(cacheDir, 'tmp');
  mkdirSync(base, { recursive: true });
  const folder = mkdtempSync(path.join(base, 'rooms-'));
  writeFileSync(path.join(folder, 'Makefile'), 'all: calc.o\n\ncalc.o: calc.h\n\n.PHONY: all\n');
  writeFileSync(path.join(folder, 'calc.c'), '#include "calc.h"\nint calc(void) { return 42; }\n');
  writeFileSync(path.join(folder, 'calc.h'), 'int calc(void);\n');
  return folder;
}

/** The labels of the open context menu (code-server draws it in the page). */
async function contextMenuLabels(workbench: Workbench): Promise<string[]> {
  const items = workbench.page.locator('.context-view .monaco-menu .action-item .action-label');
  await items.first().waitFor({ state: 'visible' });
  return (await items.allTextContents()).map((text) => text.trim()).filter(Boolean);
}

async function clickMenuItem(workbench: Workbench, label: string): Promise<void> {
  await workbench.page
    .locator('.context-view .monaco-menu .action-item .action-label', { hasText: new RegExp(`^${label}$`) })
    .first()
    .click();
}

/** The toast whose text contains `text`, once it shows. */
async function toast(workbench: Workbench, text: string) {
  const item = workbench.page.locator('.notifications-toasts .notification-list-item', { hasText: text });
  await item.first().waitFor({ state: 'visible', timeout: 60_000 });
  return item.first();
}

describe('Client rooms: context menus, built-in rules, the shared probe runner', function () {
  let session: Session;
  let views: MakescopeViews;
  let workspace: string;

  before(async function () {
    workspace = builtinRuleProject();
    session = await Session.start({ folder: workspace, viewport: { width: 1280, height: 900 } });
    views = new MakescopeViews(session.workbench.page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await session?.workbench.screenshot(`rooms-failed-${Date.now()}`);
  });

  after(async function () {
    await session?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('right-clicking the Makefile in the explorer offers the probes; Check Convergence runs on it', async function () {
    const { workbench } = session;
    // The extension's menus come with its contributions: wait for its activity bar entry first.
    await workbench.page
      .locator('.part.activitybar [aria-label^="Makescope"]')
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
    await workbench.explorerRow('Makefile').click({ button: 'right' });
    const labels = await contextMenuLabels(workbench);
    await workbench.screenshot('rooms-1-explorer-context-menu');
    for (const label of ['Check Convergence', 'Dry Run…', 'Trace Target…'])
      assert.ok(labels.includes(label), `explorer context menu: ${labels.join(' | ')}`);
    await clickMenuItem(workbench, 'Check Convergence');
    const rows = await views.waitForRows('Convergence', (seen) =>
      seen.some((row) => row.label === 'rule' && /built-in rule/.test(row.description)),
    );
    await workbench.screenshot('rooms-2-builtin-rule-row');
    const stale = rows.findIndex((row) => row.label === 'calc.o');
    const rule = rows.findIndex((row) => row.label === 'rule' && /built-in rule/.test(row.description));
    assert.ok(
      stale >= 0 && rule > stale,
      `rows: ${rows.map((r) => `${r.label} [${r.description}]`).join(' | ')}`,
    );
    assert.match(rows[rule].description, /^Makefile:3 · recipe from a built-in rule$/);
  });

  it('right-clicking the rule calc.o in the editor traces that target (Trace This Target)', async function () {
    const { workbench } = session;
    await workbench.page.keyboard.press('Escape'); // a menu left open by a failed step
    await workbench.openFile('Makefile');
    await workbench.goToLine(3, 3);
    await workbench.page
      .locator('.monaco-editor .view-lines .view-line', { hasText: 'calc.o: calc.h' })
      .click({
        button: 'right',
      });
    const labels = await contextMenuLabels(workbench);
    await workbench.screenshot('rooms-3-editor-context-menu');
    for (const label of ['Trace This Target', 'Check Convergence', 'Dry Run…'])
      assert.ok(labels.includes(label), `editor context menu: ${labels.join(' | ')}`);
    await clickMenuItem(workbench, 'Trace This Target');
    const rows = await views.waitForRows('Trace', (seen) =>
      seen.some((row) => row.label.startsWith('calc.o (')),
    );
    await workbench.screenshot('rooms-4-trace-this-target');
    assert.ok(
      rows.some((row) => row.label === 'calc.o'),
      `the traced target: ${rows.map((r) => r.label).join(' | ')}`,
    );
  });
});

describe('Client rooms: Compare Serial and Parallel with a missing make', function () {
  let session: Session;

  before(async function () {
    session = await Session.start({ settings: { 'makescope.makePath': '/nonexistent/make' } });
  });

  after(async function () {
    await session?.close();
  });

  it('says make is missing and offers Open Settings (the shared probe runner)', async function () {
    const { workbench } = session;
    await workbench.openFile('Makefile');
    await new MakescopeViews(workbench.page).runCommandAndAnswer(
      'Makescope: Compare Serial and Parallel…',
      '',
    );
    // The error toast (the progress toast that came before it names no make).
    const shown = await toast(workbench, '/nonexistent/make');
    await workbench.screenshot('rooms-5-compare-make-missing');
    const text = ((await shown.textContent()) ?? '').replace(/\s+/g, ' ');
    assert.match(text, /Makescope: Compare Serial and Parallel/, `notification: ${text}`);
    assert.ok(
      await shown.getByRole('button', { name: 'Open Settings' }).isVisible(),
      `notification: ${text}`,
    );
  });
});

describe('Client rooms: Compare Serial and Parallel in Restricted Mode', function () {
  let session: Session;

  before(async function () {
    session = await Session.start({ trust: true });
    await session.workbench.answerTrustPrompt(false);
  });

  after(async function () {
    await session?.close();
  });

  it('refuses before asking anything, with Manage Workspace Trust (the one trust gate)', async function () {
    const { workbench } = session;
    await waitFor(async () => (await workbench.statusBarTexts()).includes('Restricted Mode'), {
      what: 'the Restricted Mode status bar entry',
    });
    await workbench.runCommand('Makescope: Compare Serial and Parallel…');
    const shown = await toast(workbench, 'Restricted Mode');
    await workbench.screenshot('rooms-6-compare-restricted');
    const text = ((await shown.textContent()) ?? '').replace(/\s+/g, ' ');
    assert.match(text, /Compare Serial and Parallel is disabled in Restricted Mode/, `notification: ${text}`);
    assert.ok(
      await shown.getByRole('button', { name: 'Manage Workspace Trust' }).isVisible(),
      `notification: ${text}`,
    );
  });
});
