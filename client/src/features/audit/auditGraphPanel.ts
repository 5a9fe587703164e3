// The audit graph panel: one webview (CSP with a nonce, no remote content) drawing the declared graph with the
// audit's findings over it as SVG; a target filter; a click on a node opens its rule at make's file:line.
import * as vscode from 'vscode';
import { WebviewPanelBase } from '../../infrastructure/webviewPanelBase';
import { showRuleAt } from '../../infrastructure/location';
import { escapeHtml, webviewPageHtml } from '../../infrastructure/webviewPage';
import type { AuditGraphEdge, AuditResult } from '../../../../contract/audit';
import { auditGraphScript, auditGraphStyle } from './auditGraphAssets';
import { layout, NODE_HEIGHT, shownPart, type Layout, type PlacedNode } from './auditGraphLayout';

type PanelMessage = { command: 'open'; file: string; line: number } | { command: 'select'; target: string };

const LEGEND: [AuditGraphEdge['kind'], string][] = [
  ['declared', 'declared prerequisite'],
  ['order-only', 'declared order-only'],
  ['observed-only', 'observed only (missing prerequisite)'],
  ['unread', 'declared, never read'],
  ['side-output', 'side output (written, no rule)'],
];

function nodeSvg(node: PlacedNode, selected: string | undefined): string {
  const classes = ['node', node.kind, node.name === selected ? 'selected' : ''].join(' ').trim();
  const open = node.rule ? ` data-file="${escapeHtml(node.rule.file)}" data-line="${node.rule.line}"` : '';
  const title = node.rule ? `${node.name}: rule at ${node.rule.file}:${node.rule.line}` : node.name;
  const label = node.name.length > 34 ? `…${node.name.slice(-33)}` : node.name;
  return `<g class="${classes}" data-node="${escapeHtml(node.name)}"${open}><title>${escapeHtml(title)}</title><rect x="${node.x}" y="${node.y}" width="${node.width}" height="${NODE_HEIGHT}" rx="4"/><text x="${node.x + 8}" y="${node.y + 16}">${escapeHtml(label)}</text></g>`;
}

function graphSvg(placed: Layout, selected: string | undefined): string {
  const at = new Map(placed.nodes.map((n) => [n.name, n]));
  const edges = placed.edges.map((e) => {
    const from = at.get(e.from);
    const to = at.get(e.to);
    if (!from || !to) return '';
    const up = to.y < from.y;
    return `<line class="edge ${e.kind}" data-from="${escapeHtml(e.from)}" data-to="${escapeHtml(e.to)}" x1="${from.x + from.width / 2}" y1="${up ? from.y : from.y + NODE_HEIGHT}" x2="${to.x + to.width / 2}" y2="${up ? to.y + NODE_HEIGHT : to.y}" marker-end="url(#arrow)"><title>${escapeHtml(`${e.from} → ${e.to}: ${e.kind}`)}</title></line>`;
  });
  return `<svg id="graph" width="${placed.width}" height="${placed.height}" xmlns="http://www.w3.org/2000/svg"><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#888"/></marker></defs>${edges.join('')}${placed.nodes.map((n) => nodeSvg(n, selected)).join('')}</svg>`;
}

function legendHtml(): string {
  const items = LEGEND.map(
    ([kind, words]) =>
      `<span><svg width="34" height="10"><line class="edge ${kind}" x1="0" y1="5" x2="34" y2="5"/></svg>${escapeHtml(words)}</span>`,
  );
  return `<div id="legend">${items.join('')}</div>`;
}

export class AuditGraphPanel extends WebviewPanelBase<PanelMessage> {
  static readonly viewType = 'makescope.auditGraph';
  private static current: AuditGraphPanel | undefined;
  private selected: string | undefined;
  private notice = '';

  /** Shows `result`'s graph, creating the panel beside the editor (keeping the focus where it is). */
  static createOrShow(result: AuditResult): AuditGraphPanel {
    if (AuditGraphPanel.current) {
      AuditGraphPanel.current.panel.reveal(undefined, true);
      AuditGraphPanel.current.update(result);
      return AuditGraphPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      AuditGraphPanel.viewType,
      'Audit Graph',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false },
    );
    AuditGraphPanel.current = new AuditGraphPanel(panel, result);
    return AuditGraphPanel.current;
  }

  /** Restores a panel VS Code kept across a reload, from the state the webview saved. */
  static revive(panel: vscode.WebviewPanel, state: unknown): void {
    panel.webview.options = { enableScripts: true, localResourceRoots: [] };
    AuditGraphPanel.current?.dispose();
    AuditGraphPanel.current = new AuditGraphPanel(panel, (state as { result?: AuditResult })?.result);
  }

  static get visible(): AuditGraphPanel | undefined {
    return AuditGraphPanel.current;
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private result: AuditResult | undefined,
  ) {
    super(panel);
    this.render();
  }

  update(result: AuditResult): void {
    this.result = result;
    this.selected = undefined;
    this.notice = '';
    this.render();
  }

  protected async receive(message: PanelMessage): Promise<void> {
    if (message.command === 'select') {
      const known = this.result?.graph.nodes.some((n) => n.name === message.target);
      this.selected = known ? message.target : undefined;
      this.notice = message.target && !known ? `no file named '${message.target}' in this graph` : '';
      this.render();
      return;
    }
    await showRuleAt(message.file, message.line);
  }

  private render(): void {
    this.panel.webview.html = webviewPageHtml({
      cspSource: this.panel.webview.cspSource,
      title: 'Audit Graph',
      style: auditGraphStyle,
      script: auditGraphScript,
      body: this.result
        ? this.body(this.result)
        : '<p>Run "Makescope: Audit Dependencies…" to fill this panel.</p>',
      state: this.result ? { result: this.result } : null,
    });
  }

  private body(result: AuditResult): string {
    const shown = shownPart(result.graph, this.selected);
    return [
      `<h1>Dependency graph of ${escapeHtml(result.targets.join(' ') || 'the default goal')}</h1>`,
      `<p class="dim" id="scope">${escapeHtml(shown.scope)} · ${result.findings.length} finding(s) · click a file to open its rule</p>`,
      `<form id="filter"><input id="target" placeholder="target" value="${escapeHtml(this.selected ?? '')}"> <button type="submit">Show neighbourhood</button> <button type="button" data-whole>Whole graph</button></form>`,
      this.notice ? `<p id="notice">${escapeHtml(this.notice)}</p>` : '',
      legendHtml(),
      graphSvg(layout(shown.graph), shown.around),
    ].join('\n');
  }

  protected forget(): void {
    AuditGraphPanel.current = undefined;
  }
}
