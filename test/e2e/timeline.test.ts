// Show Build Timeline from the command palette in a real VS Code: the panel's lanes, critical path and figures
// (checked against the CLI on the same fixture), a click that opens the rule, the Chrome trace export, and the
// panel back after a window reload (its words kept by the webview's state, the bars redrawn on request).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { runCli } from '../../cli/src/cli';
import { workspaceFrom, type Workspace } from '../probes/support/fixtureCopy';
import { validateTraceEvents } from '../probes/support/traceEventFormat';
import { waitForWorkbench } from '../../scripts/lib/browser.mjs';
import { waitFor } from '../integration/waitFor';
import { Session } from './codeServer';

/** The construction of timeline-recursive: y (1.0 s) -> x (1.4 s) -> all (0.6 s). */
const CONSTRUCTED_SECONDS = 3.0;

/** "3.01 s (3 targets, through make's declared graph)" -> 3.01 and the words after it. */
function criticalFigure(text: string): { seconds: number; words: string } {
  const match = /^([\d.]+) s (\(.*\))$/.exec(text.trim());
  assert.ok(match, `a critical-path figure: ${text}`);
  return { seconds: Number(match[1]), words: match[2] ?? '' };
}

/** The CLI's summary on the same fixture: its critical-path figure and the chain it names. */
async function cliSummary(directory: string): Promise<{ figure: string; chain: string[] }> {
  let stdout = '';
  const code = await runCli(
    ['timeline', '-C', directory, '-j', '2'],
    { write: (text: string) => (stdout += text) },
    { write: () => true },
  );
  assert.equal(code, 0, stdout);
  const lines = stdout.split('\n');
  const line = lines.find((l) => l.trim().startsWith('critical path'));
  assert.ok(line, `the CLI's critical path line in:\n${stdout}`);
  const chain: string[] = [];
  for (const l of lines.slice(lines.indexOf('Critical path') + 1)) {
    const match = /^\s+[\d.]+ s\s+(\S+)$/.exec(l);
    if (!match) break;
    chain.push(match[1] ?? '');
  }
  return { figure: line.trim().replace(/^critical path\s+/, ''), chain };
}

describe('Show Build Timeline', function () {
  let workspace: Workspace;
  let session: Session;

  before(async function () {
    workspace = await workspaceFrom('timeline-recursive');
    session = await Session.start({ folder: workspace.directory, settings: { 'makescope.jobs': 2 } });
    await session.workbench.openFile('Makefile');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await session?.workbench.screenshot(`timeline-failed-${Date.now()}`);
  });

  after(async function () {
    await session?.close();
    await workspace?.dispose();
  });

  /** The panel's document: VS Code puts a webview in an iframe that holds the content in another one. */
  function panel(): FrameLocator {
    return session.workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  /** Waits (a recorded build: up to 90 s) until the panel draws its bars, and returns them. */
  async function barsDrawn(what: string) {
    const bars = panel().locator('#timeline g.bar');
    await waitFor(async () => (await bars.count()) > 0, { what, timeoutMs: 90_000 });
    return bars;
  }

  /** What the user reads in the panel: the critical path's items and figure. */
  async function panelWords(): Promise<{ chain: string[]; critical: string }> {
    return {
      chain: await panel().locator('#critical-path li').allTextContents(),
      critical: (await panel().locator('#figures tr[data-figure="critical"] td').textContent()) ?? '',
    };
  }

  it('draws two job lanes and a sub-make row, the critical path y -> x -> all in red, its length as the CLI prints it, and the makefile reads', async function () {
    const { workbench } = session;
    await workbench.runCommand('Makescope: Show Build Timeline');
    const bars = await barsDrawn('bars in the Build Timeline panel');
    const rows = await panel().locator('#timeline text.row-label.lane').allTextContents();
    assert.deepEqual(rows, ['job lane 1', 'job lane 2']);
    assert.deepEqual(await panel().locator('#timeline text.row-label.sub-make').allTextContents(), [
      'sub-make (level 1)',
    ]);
    const targets = await bars.evaluateAll((all) => all.map((g) => g.getAttribute('data-target')));
    assert.deepEqual([...targets].sort(), ['a', 'all', 'b', 'x', 'y']);
    const critical = await panel()
      .locator('#timeline g.bar.critical')
      .evaluateAll((all) => all.map((g) => g.getAttribute('data-target')));
    assert.deepEqual([...critical].sort(), ['all', 'x', 'y']);
    // What the user reads: the chain in order, each with its time.
    const chain = await panel().locator('#critical-path li').allTextContents();
    assert.deepEqual(
      chain.map((item) => item.split(/\s+/)[0]),
      ['sub/y', 'sub/x', 'all'],
    );
    // The bars are drawn, not only present: the critical ones have width, and the chart shows idle slots.
    for (const name of ['y', 'x', 'all']) {
      const box = await panel().locator(`#timeline g.bar.critical[data-target="${name}"] rect`).boundingBox();
      assert.ok(box && box.width > 10 && box.height > 5, `${name}'s bar is visible (${JSON.stringify(box)})`);
    }
    assert.ok((await panel().locator('#timeline rect.idle').count()) > 0, 'idle job slots are drawn');
    // Each make reading its makefiles: the top make's on a row of its own, the sub-make's over the recipe a runs.
    assert.deepEqual(await panel().locator('#timeline text.row-label.make').allTextContents(), ['top make']);
    const reads = panel().locator('#timeline g.read');
    const levels = await reads.evaluateAll((all) => all.map((g) => g.getAttribute('data-level')));
    assert.deepEqual([...levels].sort(), ['0', '1']);
    const subRead = await panel().locator('#timeline g.read[data-level="1"] rect').boundingBox();
    const a = await panel().locator('#timeline g.bar[data-target="a"] rect').boundingBox();
    assert.ok(subRead && a && subRead.width >= 1 && subRead.height > 5, `the sub-make's read is visible`);
    assert.ok(Math.abs(subRead.y - a.y) < 1 && subRead.x >= a.x - 1, "the sub-make's read is drawn on a");
    assert.match(
      (await panel().locator('#figures tr[data-figure="parsing"] td').textContent()) ?? '',
      /^\d+\.\d\d s reading makefiles \(2 reads by 2 makes\)$/,
    );

    const shown = criticalFigure(
      (await panel().locator('#figures tr[data-figure="critical"] td').textContent()) ?? '',
    );
    const wall = criticalFigure(
      `${(await panel().locator('#figures tr[data-figure="wall"] td').textContent()) ?? ''} (wall)`,
    );
    await workbench.screenshot('timeline-1-panel');
    // The CLI on the same fixture: a second timed build, so the same words and chain, and both figures at least
    // the sleeps the fixture chains (a build cannot be faster than its critical path; no upper timing bound).
    const cli = await cliSummary(workspace.directory);
    const printed = criticalFigure(cli.figure);
    assert.equal(shown.words, "(3 targets, through make's declared graph)");
    assert.equal(printed.words, shown.words);
    assert.deepEqual(cli.chain, ['sub/y', 'sub/x', 'all']);
    for (const seconds of [shown.seconds, printed.seconds])
      assert.ok(
        seconds >= CONSTRUCTED_SECONDS,
        `critical path ${seconds} s, the sleeps add up to ${CONSTRUCTED_SECONDS} s`,
      );
    assert.ok(
      shown.seconds <= wall.seconds,
      `critical path ${shown.seconds} s within the wall time ${wall.seconds} s`,
    );
  });

  it("opens a bar's rule at make's line: b in the top Makefile, x in sub/Makefile (make's recipe lines)", async function () {
    const { workbench } = session;
    await panel().locator('#timeline g.bar[data-target="b"]').click();
    await waitFor(async () => (await workbench.statusBarTexts()).some((text) => text.startsWith('Ln 7,')), {
      what: "the Makefile open at b's recipe (make's line 7)",
    });
    await panel().locator('#timeline g.bar[data-target="x"]').click();
    const crumbs = workbench.page.locator('.breadcrumbs-control .monaco-breadcrumb-item');
    await waitFor(
      async () =>
        (await workbench.statusBarTexts()).some((text) => text.startsWith('Ln 2,')) &&
        (await crumbs.allTextContents()).includes('sub'),
      { what: "sub/Makefile open at x's rule (line 2)" },
    );
    await workbench.screenshot('timeline-2-opened-rule');
  });

  it('exports the Chrome trace through the save dialog: a file in the Trace Event Format with the spans', async function () {
    const { workbench } = session;
    const file = path.join(workspace.directory, 'build-trace.json');
    await panel().locator('#export').click();
    const input = workbench.page.locator('.quick-input-widget input');
    // The save dialog (VS Code's own in code-server) first shows the panel's suggestion, then takes a path.
    await waitFor(
      async () => (await input.inputValue().catch(() => '')).endsWith('makescope-timeline.json'),
      {
        what: 'the save dialog with the suggested makescope-timeline.json',
      },
    );
    await input.fill(file);
    await waitFor(async () => (await input.inputValue()) === file, { what: `the path ${file} typed` });
    await workbench.screenshot('timeline-3-save-dialog');
    await workbench.page.keyboard.press('Enter');
    await waitFor(async () => existsSync(file), { what: `the trace at ${file}` });
    let notes: string[] = [];
    await waitFor(
      async () => (notes = await workbench.notificationTexts()).some((t) => /Chrome trace saved/.test(t)),
      {
        what: () => `the saved notification (shown: ${notes.join(' | ')})`,
      },
    );
    const trace = JSON.parse(readFileSync(file, 'utf8')) as {
      traceEvents: { name: string; ph: string; cat?: string }[];
    };
    validateTraceEvents(trace);
    const complete = trace.traceEvents.filter((event) => event.ph === 'X');
    const spans = complete.filter((event) => event.cat !== 'parse').map((event) => event.name);
    assert.deepEqual([...spans].sort(), ['a', 'all', 'b', 'x', 'y']);
    const parses = complete.filter((event) => event.cat === 'parse').map((event) => event.name);
    assert.deepEqual(parses, ['parse Makefile', 'parse Makefile'], 'the top make and the sub-make read');
    await workbench.screenshot('timeline-4-exported');
  });

  it('comes back after Developer: Reload Window with the same critical path, and redraws the bars on request', async function () {
    const { workbench } = session;
    const before = await panelWords();
    assert.deepEqual(
      before.chain.map((item) => item.split(/\s+/)[0]),
      ['sub/y', 'sub/x', 'all'],
    );
    await workbench.screenshot('timeline-5-restore-1-before-reload');

    const reloaded = workbench.page.waitForEvent('framenavigated', {
      predicate: (frame) => frame === workbench.page.mainFrame(),
      timeout: 60_000,
    });
    await workbench.runCommand('Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(workbench.page);

    let shown: string[] = [];
    await waitFor(
      async () => {
        shown = await panel()
          .locator('#critical-path li')
          .allTextContents()
          .catch(() => []);
        return shown.length > 0;
      },
      {
        what: () => `the Build Timeline panel back after the reload (critical path: ${shown.join(' | ')})`,
        timeoutMs: 60_000,
      },
    );
    const after = await panelWords();
    assert.deepEqual(after, before);
    assert.match((await panel().locator('#summary').textContent()) ?? '', /restored after a reload/);
    const tabs = await workbench.page.locator('.tabs-container .tab .label-name').allTextContents();
    assert.ok(tabs.includes('Build Timeline'), `a Build Timeline tab among ${tabs.join(' | ')}`);
    await workbench.screenshot('timeline-5-restore-2-after-reload');

    await panel().locator('#rerun').click();
    await barsDrawn('bars drawn again after "Run the recorded build again"');
    const again = await panelWords();
    assert.deepEqual(
      again.chain.map((item) => item.split(/\s+/)[0]),
      ['sub/y', 'sub/x', 'all'],
    );
    await workbench.screenshot('timeline-5-restore-3-run-again');
  });
});
