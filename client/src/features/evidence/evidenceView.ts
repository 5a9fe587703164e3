// The Evidence tree: the verdict, each rung of the ladder with its commands and outputs, and the escalation criteria.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatDuration } from '../../../../contract/wording/durations';
import type {
  CollectEvidenceResult,
  EscalationCriterion,
  EvidenceLocation,
  RecordedCommand,
  Rung,
} from '../../../../contract/protocol';
import { openAt, shortLocation } from '../../infrastructure/location';

/** Tree item types, kept apart from the wire types above. */
type Node =
  | { kind: 'verdict'; result: CollectEvidenceResult }
  | { kind: 'error'; message: string }
  | { kind: 'rung'; rung: Rung; folder: string }
  | { kind: 'command'; command: RecordedCommand; folder: string }
  | { kind: 'location'; location: EvidenceLocation }
  | { kind: 'text'; label: string; icon: string }
  | { kind: 'criteria'; criteria: EscalationCriterion[] }
  | { kind: 'criterion'; criterion: EscalationCriterion };

export const EVIDENCE_VIEW = 'makescope.evidence';

const RUNG_ICONS: Record<Rung['status'], string> = {
  ok: 'pass',
  finding: 'warning',
  error: 'error',
  skipped: 'circle-slash',
};

const VERDICT_WORDS = { healthy: 'healthy', 'local-fix': 'local fix', escalate: 'ESCALATE' } as const;

export class EvidenceView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Node[] = [];
  private readonly view: vscode.TreeView<Node>;

  constructor() {
    this.view = vscode.window.createTreeView(EVIDENCE_VIEW, {
      treeDataProvider: this,
      showCollapseAll: true,
    });
  }

  show(result: CollectEvidenceResult): void {
    const folder = result.outputDirectory;
    this.setRoots([
      { kind: 'verdict', result },
      ...result.report.rungs.map((rung): Node => ({ kind: 'rung', rung, folder })),
      { kind: 'criteria', criteria: result.report.criteria },
    ]);
  }

  showError(message: string): void {
    this.setRoots([{ kind: 'error', message }]);
  }

  private setRoots(roots: Node[]): void {
    this.roots = roots;
    this.changed.fire(undefined);
    void vscode.commands.executeCommand('setContext', 'makescope.evidence.hasRun', true);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.roots;
    switch (node.kind) {
      case 'rung':
        return [
          { kind: 'text', label: node.rung.interpretation, icon: 'lightbulb' },
          ...node.rung.commands.map((command): Node => ({ kind: 'command', command, folder: node.folder })),
          ...node.rung.locations.map((location): Node => ({ kind: 'location', location })),
        ];
      case 'criteria':
        return node.criteria.map((criterion): Node => ({ kind: 'criterion', criterion }));
      case 'criterion':
        return node.criterion.evidence.map((line): Node => ({ kind: 'text', label: line, icon: 'dash' }));
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'verdict': {
        const { verdict } = node.result.report;
        const item = new vscode.TreeItem(`Verdict: ${VERDICT_WORDS[verdict.kind]}`);
        item.description = verdict.summary;
        item.tooltip = verdict.summary;
        item.iconPath = new vscode.ThemeIcon(
          verdict.kind === 'escalate' ? 'flame' : verdict.kind === 'local-fix' ? 'tools' : 'pass',
        );
        item.command = {
          title: 'Open the report',
          command: 'markdown.showPreviewToSide',
          arguments: [vscode.Uri.file(node.result.markdownPath)],
        };
        return item;
      }
      case 'error': {
        const item = new vscode.TreeItem(node.message);
        item.iconPath = new vscode.ThemeIcon('error');
        return item;
      }
      case 'rung': {
        const item = new vscode.TreeItem(
          `${node.rung.step}. ${node.rung.title}`,
          vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.description =
          node.rung.status === 'ok'
            ? node.rung.interpretation
            : `${node.rung.status}: ${node.rung.interpretation}`;
        item.tooltip = new vscode.MarkdownString(`*${node.rung.question}*\n\n${node.rung.interpretation}`);
        item.iconPath = new vscode.ThemeIcon(RUNG_ICONS[node.rung.status]);
        return item;
      }
      case 'command': {
        const item = new vscode.TreeItem(node.command.command);
        item.description = `exit ${node.command.exitCode ?? 'none'} · ${formatDuration(node.command.durationMs)}`;
        item.tooltip = `cd ${node.command.cwd} && ${node.command.command}`;
        item.iconPath = new vscode.ThemeIcon('terminal');
        if (node.command.outputFile) {
          item.command = openAt(path.join(node.folder, node.command.outputFile), 1);
        }
        return item;
      }
      case 'location': {
        const item = new vscode.TreeItem(
          shortLocation(node.location.file, node.location.line) || node.location.file,
        );
        item.description = node.location.message;
        item.tooltip = node.location.message;
        item.iconPath = new vscode.ThemeIcon('go-to-file');
        if (node.location.line !== undefined) item.command = openAt(node.location.file, node.location.line);
        return item;
      }
      case 'criteria': {
        const triggered = node.criteria.filter((criterion) => criterion.triggered).length;
        const item = new vscode.TreeItem('Escalation criteria', vscode.TreeItemCollapsibleState.Expanded);
        item.description = triggered === 0 ? 'none met' : `${triggered} met`;
        item.iconPath = new vscode.ThemeIcon('checklist');
        return item;
      }
      case 'criterion': {
        const item = new vscode.TreeItem(node.criterion.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = node.criterion.triggered ? 'met' : 'not met';
        item.iconPath = new vscode.ThemeIcon(node.criterion.triggered ? 'warning' : 'circle-large-outline');
        return item;
      }
      case 'text': {
        const item = new vscode.TreeItem(node.label);
        item.tooltip = node.label;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        return item;
      }
    }
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
