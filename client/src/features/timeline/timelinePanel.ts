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

type PanelMessage =
  | { command: 'open'; file: string; line: number }
  | { command: 'export' }
  | { command: 'width'; width: number };

/** Drawing width in pixels until the page says how wide the panel is; never narrower than the minimum. */
const FIRST_WIDTH = 1000;
const MIN_WIDTH = 420;

export class TimelinePanel extends WebviewPanelBase<PanelMessage> {
  static readonly viewType = 'makescope.timeline';
  private static current: TimelinePanel | undefined;
  private width = FIRST_WIDTH;

  /** Shows `answer`, creating the panel beside the editor (keeping the focus where it is). */
  static createOrShow(answer: TimelineAnswer, onSaved: (file: vscode.Uri) => void): TimelinePanel {
    if (TimelinePanel.current) {
      TimelinePanel.current.panel.reveal(undefined, true);
      TimelinePanel.current.update(answer);
      return TimelinePanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      TimelinePanel.viewType,
      'Build Timeline',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false },
    );
    TimelinePanel.current = new TimelinePanel(panel, answer, onSaved);
    return TimelinePanel.current;
  }

  static get visible(): TimelinePanel | undefined {
    return TimelinePanel.current;
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private answer: TimelineAnswer,
    private readonly onSaved: (file: vscode.Uri) => void,
  ) {
    super(panel);
    this.render();
  }

  update(answer: TimelineAnswer): void {
    this.answer = answer;
    this.render();
  }

  protected async receive(message: PanelMessage): Promise<void> {
    if (message.command === 'open') await showRuleAt(message.file, message.line);
    else if (message.command === 'export') await this.exportTrace();
    else this.resize(message.width);
  }

  /** Draws again for a new panel width (the same width again draws nothing: no loop with the page's report). */
  private resize(width: number): void {
    const wanted = Math.max(MIN_WIDTH, Math.floor(width) - 32);
    if (!Number.isFinite(wanted) || Math.abs(wanted - this.width) < 24) return;
    this.width = wanted;
    this.render();
  }

  /** Saves the Chrome trace where the user says (Perfetto and chrome://tracing open it). */
  private async exportTrace(): Promise<void> {
    const file = await vscode.window.showSaveDialog({
      title: 'Export Chrome trace',
      defaultUri: vscode.Uri.file(path.join(this.answer.directory, 'makescope-timeline.json')),
      filters: { 'Chrome trace (JSON)': ['json'] },
      saveLabel: 'Export',
    });
    if (!file) return;
    await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify(this.answer.chromeTrace)));
    this.onSaved(file);
  }

  private render(): void {
    this.panel.webview.html = webviewPageHtml({
      cspSource: this.panel.webview.cspSource,
      title: 'Build Timeline',
      style: timelineStyle,
      script: timelineScript,
      body: timelineBody(this.answer, this.width),
      state: null,
    });
  }

  protected forget(): void {
    TimelinePanel.current = undefined;
  }
}
