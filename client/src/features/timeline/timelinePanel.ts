// The Build Timeline panel: one webview (strict CSP, nothing loaded) with the figures, the critical path, the
// targets worth speeding up and the picture; a click on a bar opens its rule; "Export Chrome trace" saves the JSON.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { WebviewPanelBase } from '../../infrastructure/webviewPanelBase';
import type { TimelineAnswer } from '../../../../contract/timeline';
import { showRuleAt } from '../../infrastructure/location';
import { webviewPageHtml } from '../../infrastructure/webviewPage';
import { timelineScript, timelineStyle } from './timelineAssets';
import { timelineBody } from './timelineBody';
import { summarizeTimeline, summaryHtml, type TimelineSummary } from './timelineSummary';

type PanelMessage =
  | { command: 'open'; file: string; line: number }
  | { command: 'export' }
  | { command: 'rerun' }
  | { command: 'width'; width: number };

/** Drawing width in pixels until the page says how wide the panel is; never narrower than the minimum. */
const FIRST_WIDTH = 1000;
const MIN_WIDTH = 420;

/** What the panel asks its owner to do. */
export interface TimelinePanelActions {
  /** The Chrome trace was written to `file`. */
  saved(file: vscode.Uri): void;
  /** Run the recorded build of a restored panel again. */
  rerun(request: TimelineSummary['request']): Promise<unknown>;
}

/** After a window reload: the kept words, and a button for the picture (the spans were not kept). */
function restoredBody(summary: TimelineSummary): string {
  return summaryHtml(
    summary,
    'restored after a reload: the picture and the Chrome trace were not kept',
    `<p><button type="button" id="rerun" data-rerun>Run the recorded build again</button></p>`,
  );
}

function isSummary(value: unknown): value is TimelineSummary {
  const summary = value as Partial<TimelineSummary> | undefined;
  return (
    typeof summary?.heading === 'string' &&
    typeof summary.request?.uri === 'string' &&
    [summary.figures, summary.critical, summary.speedups, summary.notes].every(Array.isArray)
  );
}

export class TimelinePanel extends WebviewPanelBase<PanelMessage> {
  static readonly viewType = 'makescope.timeline';
  private static current: TimelinePanel | undefined;
  private width = FIRST_WIDTH;

  /** Shows `answer` (of the build of makefile `uri`), creating the panel beside the editor (keeping the focus). */
  static createOrShow(answer: TimelineAnswer, uri: string, actions: TimelinePanelActions): TimelinePanel {
    const summary = summarizeTimeline(answer, uri);
    if (TimelinePanel.current) {
      TimelinePanel.current.panel.reveal(undefined, true);
      TimelinePanel.current.update(answer, summary);
      return TimelinePanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      TimelinePanel.viewType,
      'Build Timeline',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false },
    );
    TimelinePanel.current = new TimelinePanel(panel, summary, answer, actions);
    return TimelinePanel.current;
  }

  /** Restores a panel VS Code kept across a reload, from the words the webview saved (an empty state: closed). */
  static revive(panel: vscode.WebviewPanel, state: unknown, actions: TimelinePanelActions): void {
    const summary = (state as { summary?: unknown } | undefined)?.summary;
    if (!isSummary(summary)) {
      panel.dispose();
      return;
    }
    panel.webview.options = { enableScripts: true, localResourceRoots: [] };
    TimelinePanel.current?.dispose();
    TimelinePanel.current = new TimelinePanel(panel, summary, undefined, actions);
  }

  static get visible(): TimelinePanel | undefined {
    return TimelinePanel.current;
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private summary: TimelineSummary,
    /** The whole answer, for the picture and the export; undefined in a panel restored after a reload. */
    private answer: TimelineAnswer | undefined,
    private readonly actions: TimelinePanelActions,
  ) {
    super(panel);
    this.render();
  }

  update(answer: TimelineAnswer, summary: TimelineSummary): void {
    this.answer = answer;
    this.summary = summary;
    this.render();
  }

  protected async receive(message: PanelMessage): Promise<void> {
    if (message.command === 'open') await showRuleAt(message.file, message.line);
    else if (message.command === 'export') await this.exportTrace();
    else if (message.command === 'rerun') await this.actions.rerun(this.summary.request);
    else this.resize(message.width);
  }

  /** Draws again for a new panel width (the same width again draws nothing: no loop with the page's report). */
  private resize(width: number): void {
    const wanted = Math.max(MIN_WIDTH, Math.floor(width) - 32);
    if (!Number.isFinite(wanted) || Math.abs(wanted - this.width) < 24) return;
    this.width = wanted;
    if (this.answer) this.render();
  }

  /** Saves the Chrome trace where the user says (Perfetto and chrome://tracing open it). */
  private async exportTrace(): Promise<void> {
    const answer = this.answer;
    if (!answer) return;
    const file = await vscode.window.showSaveDialog({
      title: 'Export Chrome trace',
      defaultUri: vscode.Uri.file(path.join(answer.directory, 'makescope-timeline.json')),
      filters: { 'Chrome trace (JSON)': ['json'] },
      saveLabel: 'Export',
    });
    if (!file) return;
    await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify(answer.chromeTrace)));
    this.actions.saved(file);
  }

  private render(): void {
    this.panel.webview.html = webviewPageHtml({
      cspSource: this.panel.webview.cspSource,
      title: 'Build Timeline',
      style: timelineStyle,
      script: timelineScript,
      body: this.answer ? timelineBody(this.answer, this.summary, this.width) : restoredBody(this.summary),
      state: { summary: this.summary },
    });
  }

  protected forget(): void {
    TimelinePanel.current = undefined;
  }
}
