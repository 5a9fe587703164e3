// The Parallel Diff tree (view makescope.parallelDiff): verdict, race findings first, then differences (identical
// ones of several runs as one group), runs and notes.
import * as vscode from 'vscode';
import { meaningfulSpeedup } from '../../../../contract/wording/parallelFigures';
import type { ParallelDiffResult, ParallelFinding } from '../../../../contract/parallelDiff';
import type { DiffSubject } from './parallelDiffDocuments';
import { extensionNotes, groupDifferences, type DifferenceGroup } from './parallelDiffShape';
import { openAt, shortLocation } from '../../infrastructure/location';

export const OPEN_DIFF_COMMAND = 'makescope.parallelDiff.openDiff';
export const SHOW_PANEL_COMMAND = 'makescope.parallelDiff.showPanel';

export type ParallelDiffNode =
  | { type: 'verdict'; result: ParallelDiffResult }
  | { type: 'runs'; result: ParallelDiffResult }
  | { type: 'run'; result: ParallelDiffResult; index: number }
  | { type: 'differences'; group: DifferenceGroup; folded: boolean }
  | { type: 'subject'; subject: DiffSubject; detail: string }
  | { type: 'findings'; result: ParallelDiffResult }
  | { type: 'finding'; finding: ParallelFinding }
  | { type: 'note'; text: string };

export const VERDICT_TEXT: Record<ParallelDiffResult['verdict'], string> = {
  clean: 'Clean: serial and parallel agree, no race found',
  differences: 'Parallel builds differ from the serial build',
  findings: 'Races found by tracing',
  'differences-and-findings': 'Parallel builds differ, and races were found',
  'serial-build-failed': 'The serial build fails: nothing to compare',
};

export class ParallelDiffTreeProvider
  implements vscode.TreeDataProvider<ParallelDiffNode>, vscode.Disposable
{
  private result: ParallelDiffResult | undefined;
  private readonly changed = new vscode.EventEmitter<ParallelDiffNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  show(result: ParallelDiffResult): void {
    this.result = result;
    this.changed.fire(undefined);
  }

  getChildren(node?: ParallelDiffNode): ParallelDiffNode[] {
    const result = this.result;
    if (!result) return [];
    if (!node) {
      // The findings name a Makefile line to fix: they come first, and the differences fold when there are some.
      const roots: ParallelDiffNode[] = [
        { type: 'verdict', result },
        { type: 'findings', result },
      ];
      const folded = result.findings.length > 0;
      for (const group of groupDifferences(result)) roots.push({ type: 'differences', group, folded });
      roots.push({ type: 'runs', result });
      for (const text of extensionNotes(result)) roots.push({ type: 'note', text });
      return roots;
    }
    switch (node.type) {
      case 'runs':
        return node.result.runs.map((_, index) => ({ type: 'run', result: node.result, index }));
      case 'differences': {
        const { difference } = node.group;
        return [
          ...difference.artifacts.map(
            (artifact): ParallelDiffNode => ({
              type: 'subject',
              subject: { kind: 'artifact', run: difference.run, name: artifact.path },
              detail: `${artifact.serial.slice(0, 15)} → ${artifact.other.slice(0, 15)}`,
            }),
          ),
          ...difference.logs.map(
            (log): ParallelDiffNode => ({
              type: 'subject',
              subject: { kind: 'log', run: difference.run, name: log.target },
              detail: 'per-target log differs',
            }),
          ),
        ];
      }
      case 'findings':
        return node.result.findings.map((finding) => ({ type: 'finding', finding }));
      default:
        return [];
    }
  }

  getTreeItem(node: ParallelDiffNode): vscode.TreeItem {
    const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    const expanded = vscode.TreeItemCollapsibleState.Expanded;
    switch (node.type) {
      case 'verdict': {
        const item = new vscode.TreeItem(VERDICT_TEXT[node.result.verdict]);
        const figure = meaningfulSpeedup(node.result);
        const speedup = figure === undefined ? '' : ` · speedup ${figure.toFixed(2)}x`;
        item.description = `make ${node.result.make.version} · -j${node.result.jobs}${speedup}`;
        item.iconPath = new vscode.ThemeIcon(node.result.verdict === 'clean' ? 'pass' : 'warning');
        item.command = { title: 'Show Panel', command: SHOW_PANEL_COMMAND };
        item.contextValue = 'parallelDiffVerdict';
        return item;
      }
      case 'runs': {
        const item = new vscode.TreeItem('Runs', collapsed);
        item.description = `${node.result.runs.length} isolated builds`;
        return item;
      }
      case 'run': {
        const run = node.result.runs[node.index];
        const item = new vscode.TreeItem(run.label);
        item.description = `exit ${run.exitCode} · ${(run.wallMs / 1000).toFixed(2)} s`;
        item.tooltip = [run.command.join(' '), run.firstError ?? ''].filter(Boolean).join('\n');
        item.iconPath = new vscode.ThemeIcon(run.exitCode === 0 ? 'check' : 'error');
        return item;
      }
      case 'differences': {
        const { runs, difference } = node.group;
        const item = new vscode.TreeItem(`Differs: ${runs.join(', ')}`, node.folded ? collapsed : expanded);
        const parts = [
          runs.length > 1 ? `same in ${runs.length} runs` : '',
          difference.exitCodeDiffers ? 'exit code' : '',
          difference.artifacts.length > 0 ? `${difference.artifacts.length} artifacts` : '',
          difference.logs.length > 0 ? `${difference.logs.length} logs` : '',
        ];
        item.description = parts.filter(Boolean).join(' · ');
        item.tooltip = `${runs.join(', ')}: ${item.description}`;
        item.iconPath = new vscode.ThemeIcon('diff');
        return item;
      }
      case 'subject': {
        const item = new vscode.TreeItem(
          node.subject.kind === 'log' ? `log of ${node.subject.name}` : node.subject.name,
        );
        item.description = node.detail;
        item.iconPath = new vscode.ThemeIcon(node.subject.kind === 'log' ? 'output' : 'file');
        item.command = { title: 'Compare', command: OPEN_DIFF_COMMAND, arguments: [node.subject] };
        item.contextValue = 'parallelDiffSubject';
        return item;
      }
      case 'findings': {
        const count = node.result.findings.length;
        const item = new vscode.TreeItem(
          'Races (traced)',
          count > 0 ? expanded : vscode.TreeItemCollapsibleState.None,
        );
        item.description =
          node.result.tracing.state === 'traced'
            ? `${count} found · tracing ${node.result.tracing.overheadPercent > 0 ? `+${node.result.tracing.overheadPercent}%` : 'overhead within noise'}`
            : `not traced: ${node.result.tracing.reason}`;
        return item;
      }
      case 'finding': {
        const { finding } = node;
        const item = new vscode.TreeItem(`${finding.target} ← ${finding.file}`);
        item.description = shortLocation(finding.rule?.file, finding.rule?.line);
        item.tooltip = new vscode.MarkdownString().appendText(
          finding.fix ? `${finding.message}\n\nFix: ${finding.fix.resultingLine}` : finding.message,
        );
        item.iconPath = new vscode.ThemeIcon('warning');
        if (finding.rule) item.command = openAt(finding.rule.file, finding.rule.line);
        item.contextValue = 'parallelDiffFinding';
        return item;
      }
      case 'note': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon('info');
        item.tooltip = node.text;
        return item;
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
