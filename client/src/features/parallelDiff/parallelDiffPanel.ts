// The Parallel Diff panel: one webview (CSP with a nonce, no local resources) showing a finished comparison.
import * as vscode from 'vscode';
import { WebviewPanelBase } from '../../infrastructure/webviewPanelBase';
import { escapeHtml, webviewPageHtml } from '../../infrastructure/webviewPage';
import { meaningfulSpeedup, tracingOverheadText } from '../../../../contract/wording/parallelFigures';
import type { ParallelDiffResult, ParallelFinding } from '../../../../contract/parallelDiff';
import type { DiffSubject, ParallelDiffDocuments } from './parallelDiffDocuments';
import { extensionNotes, groupDifferences } from './parallelDiffShape';
import { VERDICT_TEXT } from './parallelDiffView';
import { parallelDiffScript, parallelDiffStyle } from './parallelDiffPanelAssets';

type PanelMessage =
  | { command: 'diff'; subject: DiffSubject }
  | { command: 'open'; file: string; line: number }
  | { command: 'copy'; text: string }
  | { command: 'applyFix'; index: number };

function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The result without the compared texts: what the webview keeps in its state for a revive. */
function withoutTexts(result: ParallelDiffResult): ParallelDiffResult {
  return {
    ...result,
    differences: result.differences.map((d) => ({
      ...d,
      artifacts: d.artifacts.map(({ serialText: _s, otherText: _o, ...rest }) => rest),
      logs: d.logs.map((log) => ({ ...log, serialLog: '', otherLog: '' })),
    })),
  };
}

export class ParallelDiffPanel extends WebviewPanelBase<PanelMessage> {
  static readonly viewType = 'makescope.parallelDiffPanel';
  private static current: ParallelDiffPanel | undefined;

  /** Shows `result` in the panel, creating it (or bringing it forward) as needed. */
  static createOrShow(documents: ParallelDiffDocuments, result: ParallelDiffResult): ParallelDiffPanel {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    if (ParallelDiffPanel.current) {
      ParallelDiffPanel.current.panel.reveal(column);
      ParallelDiffPanel.current.update(result);
      return ParallelDiffPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      ParallelDiffPanel.viewType,
      'Parallel Diff',
      column,
      panelOptions(),
    );
    ParallelDiffPanel.current = new ParallelDiffPanel(panel, documents, result);
    return ParallelDiffPanel.current;
  }

  /** Restores a panel VS Code kept across a reload, from the state the webview saved. */
  static revive(panel: vscode.WebviewPanel, documents: ParallelDiffDocuments, state: unknown): void {
    panel.webview.options = panelOptions();
    const result = (state as { result?: ParallelDiffResult } | undefined)?.result;
    ParallelDiffPanel.current?.dispose();
    ParallelDiffPanel.current = new ParallelDiffPanel(panel, documents, result);
  }

  static get visible(): ParallelDiffPanel | undefined {
    return ParallelDiffPanel.current;
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly documents: ParallelDiffDocuments,
    private result: ParallelDiffResult | undefined,
  ) {
    super(panel);
    this.render();
  }

  update(result: ParallelDiffResult): void {
    this.result = result;
    this.render();
  }

  protected async receive(message: PanelMessage): Promise<void> {
    switch (message.command) {
      case 'diff':
        return this.documents.openDiff(message.subject);
      case 'open': {
        const position = new vscode.Position(Math.max(0, message.line - 1), 0);
        await vscode.window.showTextDocument(vscode.Uri.file(message.file), {
          selection: new vscode.Range(position, position),
          viewColumn: vscode.ViewColumn.One,
        });
        return;
      }
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        void vscode.window.setStatusBarMessage('Makescope: reproduction command copied', 3000);
        return;
      case 'applyFix':
        return this.applyFix(this.result?.findings[message.index]);
    }
  }

  private async applyFix(finding: ParallelFinding | undefined): Promise<void> {
    const fix = finding?.fix;
    if (!fix) return;
    const edit = new vscode.WorkspaceEdit();
    const uri = vscode.Uri.file(fix.file);
    edit.insert(uri, new vscode.Position(fix.line, fix.character), fix.text);
    if (await vscode.workspace.applyEdit(edit)) {
      const position = new vscode.Position(fix.line, 0);
      await vscode.window.showTextDocument(uri, {
        selection: new vscode.Range(position, position),
        viewColumn: vscode.ViewColumn.One,
      });
    }
  }

  private render(): void {
    this.panel.webview.html = webviewPageHtml({
      cspSource: this.panel.webview.cspSource,
      title: 'Parallel Diff',
      style: parallelDiffStyle,
      script: parallelDiffScript,
      body: this.result
        ? this.body(this.result)
        : '<p>Run "Makescope: Compare Serial and Parallel…" to fill this panel.</p>',
      state: this.result ? { result: withoutTexts(this.result) } : null,
    });
  }

  private body(result: ParallelDiffResult): string {
    const parts: string[] = [];
    const clean = result.verdict === 'clean';
    const speedup = meaningfulSpeedup(result);
    parts.push(
      `<h1 id="verdict" class="${clean ? 'ok' : 'bad'}" data-verdict="${result.verdict}">${escapeHtml(VERDICT_TEXT[result.verdict])}</h1>`,
    );
    parts.push(
      `<p class="dim">${escapeHtml(result.directory)} · GNU make ${escapeHtml(result.make.version)} · -j${result.jobs}${speedup === undefined ? '' : ` · <span id="speedup">speedup ${speedup.toFixed(2)}x</span>`}</p>`,
    );
    // The findings name the Makefile line to fix: first, before the runs and differences.
    parts.push(...this.findings(result));
    if (result.reproduce) {
      const command = result.reproduce.map(quote).join(' ');
      parts.push(
        `<h2>Reproduce</h2><p>From a clean tree:</p><pre id="reproduce">${escapeHtml(command)}</pre><button data-copy="${escapeHtml(command)}">Copy</button>`,
      );
    }
    parts.push(
      '<h2>Runs</h2><p class="dim">Each build ran isolated from the workspace; hover a run for the order make finished its targets in.</p><table><tr><th>run</th><th>exit</th><th>wall time</th><th>first error</th></tr>',
    );
    for (const run of result.runs)
      parts.push(
        `<tr><td title="${escapeHtml(`order: ${run.order.join(' → ')}`)}">${escapeHtml(run.label)}</td><td>${run.exitCode}</td><td>${(run.wallMs / 1000).toFixed(2)} s</td><td>${escapeHtml(run.firstError ?? '')}</td></tr>`,
      );
    parts.push('</table>');
    parts.push(...this.differences(result));
    const notes = extensionNotes(result);
    if (notes.length > 0)
      parts.push(
        `<h2>Notes</h2><ul id="notes">${notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`,
      );
    return parts.join('\n');
  }

  private differences(result: ParallelDiffResult): string[] {
    const parts: string[] = [];
    for (const { runs, difference } of groupDifferences(result)) {
      const items: string[] = [];
      if (difference.exitCodeDiffers)
        items.push(
          `<li>exit code differs: ${escapeHtml(result.runs.find((r) => r.label === difference.run)?.firstError ?? '')}</li>`,
        );
      for (const artifact of difference.artifacts)
        items.push(
          `<li class="artifact">${this.diffButton({ kind: 'artifact', run: difference.run, name: artifact.path })} <code>${escapeHtml(artifact.path)}</code> <span class="dim">${escapeHtml(artifact.serial.slice(0, 15))} → ${escapeHtml(artifact.other.slice(0, 15))}</span></li>`,
        );
      for (const log of difference.logs)
        items.push(
          `<li class="log">${this.diffButton({ kind: 'log', run: difference.run, name: log.target })} log of <code>${escapeHtml(log.target)}</code></li>`,
        );
      const same = runs.length > 1 ? ` <span class="dim">(the same in each)</span>` : '';
      if (items.length > 0)
        parts.push(`<h3>${escapeHtml(runs.join(', '))}${same}</h3><ul>${items.join('')}</ul>`);
    }
    return parts.length > 0 ? ['<h2>Differences from the serial build</h2>', ...parts] : [];
  }

  private diffButton(subject: DiffSubject): string {
    const enabled = this.documents.canDiff(subject);
    return `<button data-diff="${escapeHtml(JSON.stringify(subject))}"${enabled ? '' : ' disabled title="binary, too large, or from an earlier session"'}>Diff</button>`;
  }

  private findings(result: ParallelDiffResult): string[] {
    const parts = ['<h2>Races found by tracing</h2>'];
    if (result.tracing.state !== 'traced')
      parts.push(`<p class="bad">Not traced: ${escapeHtml(result.tracing.reason)}</p>`);
    else {
      parts.push(
        `<p class="dim">strace on a serial build: ${(result.tracing.wallMs / 1000).toFixed(2)} s, ${tracingOverheadText(result.tracing.overheadPercent)}.</p>`,
      );
      if (result.findings.length === 0) parts.push('<p class="ok">None.</p>');
    }
    result.findings.forEach((finding, index) => {
      const link = finding.rule
        ? `<a href="#" data-file="${escapeHtml(finding.rule.file)}" data-line="${finding.rule.line}">${escapeHtml(vscode.workspace.asRelativePath(finding.rule.file, false))}:${finding.rule.line}</a>`
        : '';
      const fix = finding.fix
        ? `<div>Fix: <code class="fix">${escapeHtml(finding.fix.resultingLine)}</code> <button data-fix="${index}">Apply</button></div>`
        : '';
      parts.push(
        `<div class="finding" data-kind="${finding.kind}">${link} <strong>${escapeHtml(finding.kind)}</strong>: ${escapeHtml(finding.message)}${fix}</div>`,
      );
    });
    return parts;
  }

  protected forget(): void {
    if (ParallelDiffPanel.current === this) ParallelDiffPanel.current = undefined;
  }
}

function panelOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  // Everything is inline (nonce'd): no local file is ever loaded into the webview.
  return { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false };
}
