// The Trace tree: target -> reason -> prerequisites -> recipe lines, with sub-makes nested under their target.
import * as vscode from 'vscode';
import type { TraceNode, TraceReport } from '../../../../contract/protocol';
import { openAt, shortLocation } from '../../infrastructure/location';

/** Tree item types, kept apart from the wire types above. */
type Node =
  | { kind: 'summary'; label: string; description: string; icon: string }
  | { kind: 'target'; node: TraceNode }
  | { kind: 'reason'; node: TraceNode }
  | { kind: 'prerequisite'; name: string }
  | { kind: 'recipe'; lines: string[] }
  | { kind: 'line'; text: string; icon: string }
  | { kind: 'subMake'; directory: string; level: number; children: TraceNode[] };

export const TRACE_VIEW = 'makescope.trace';

const REASON_LABELS: Record<string, string> = {
  missing: 'does not exist',
  phony: 'phony: remade every time',
  'newer-prerequisites': 'older than its prerequisites',
};

export class TraceView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Node[] = [];
  private readonly view: vscode.TreeView<Node>;

  constructor() {
    this.view = vscode.window.createTreeView(TRACE_VIEW, { treeDataProvider: this, showCollapseAll: true });
  }

  show(report: TraceReport, title: string): void {
    const work = report.targets.length;
    const summary: Node = {
      kind: 'summary',
      label: title,
      description: work === 0 ? 'nothing to do' : `${work} target${work === 1 ? '' : 's'} would be remade`,
      icon: work === 0 ? 'pass' : 'list-tree',
    };
    const errors = report.errors.map((text): Node => ({ kind: 'line', text, icon: 'error' }));
    const upToDate = report.upToDate.map(
      (text): Node => ({ kind: 'line', text: `'${text}' is up to date`, icon: 'check' }),
    );
    this.roots = [
      summary,
      ...errors,
      ...report.roots.map((node): Node => ({ kind: 'target', node })),
      ...upToDate,
    ];
    this.changed.fire(undefined);
    void vscode.commands.executeCommand('setContext', 'makescope.trace.hasRun', true);
    if (this.view.visible === false) void vscode.commands.executeCommand(`${TRACE_VIEW}.focus`);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.roots;
    if (node.kind === 'subMake') return node.children.map((child): Node => ({ kind: 'target', node: child }));
    if (node.kind === 'recipe')
      return node.lines.map((text): Node => ({ kind: 'line', text, icon: 'terminal' }));
    if (node.kind === 'reason') {
      const { target, children } = node.node;
      const rebuilt = new Map(children.map((child) => [child.target.name, child]));
      const named = target.reason.prerequisites.map((name): Node => {
        const child = rebuilt.get(name);
        return child && child.target.makeLevel === target.makeLevel
          ? { kind: 'target', node: child }
          : { kind: 'prerequisite', name };
      });
      return named;
    }
    if (node.kind !== 'target') return [];
    return targetChildren(node.node);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const none = vscode.TreeItemCollapsibleState.None;
    const expanded = vscode.TreeItemCollapsibleState.Expanded;
    const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    switch (node.kind) {
      case 'summary': {
        const item = new vscode.TreeItem(node.label, none);
        item.description = node.description;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        return item;
      }
      case 'target': {
        const { target } = node.node;
        const item = new vscode.TreeItem(target.name, expanded);
        item.description = `${target.phony ? 'phony · ' : ''}${shortLocation(target.file, target.line)}`;
        item.tooltip = `${target.name}: ${target.reason.text}`;
        item.iconPath = new vscode.ThemeIcon(target.phony ? 'symbol-event' : 'target');
        if (target.file) item.command = openAt(target.file, target.line);
        return item;
      }
      case 'reason': {
        const { reason } = node.node.target;
        const hasPrerequisites = reason.prerequisites.length > 0;
        const label = REASON_LABELS[reason.kind] ?? reason.text;
        const item = new vscode.TreeItem(label, hasPrerequisites ? expanded : none);
        item.description = hasPrerequisites ? reason.prerequisites.join(' ') : undefined;
        item.iconPath = new vscode.ThemeIcon('question');
        return item;
      }
      case 'prerequisite': {
        const item = new vscode.TreeItem(node.name, none);
        item.description = 'prerequisite';
        item.iconPath = new vscode.ThemeIcon('file');
        return item;
      }
      case 'recipe': {
        const item = new vscode.TreeItem('recipe', collapsed);
        item.description = `${node.lines.length} line${node.lines.length === 1 ? '' : 's'}`;
        item.iconPath = new vscode.ThemeIcon('terminal');
        return item;
      }
      case 'line': {
        const item = new vscode.TreeItem(node.text, none);
        item.tooltip = node.text;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        return item;
      }
      case 'subMake': {
        const item = new vscode.TreeItem(`make[${node.level}] in ${node.directory}`, expanded);
        item.description = 'sub-make';
        item.iconPath = new vscode.ThemeIcon('folder');
        return item;
      }
    }
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}

function targetChildren(node: TraceNode): Node[] {
  const { target, children } = node;
  const result: Node[] = [{ kind: 'reason', node }];
  // Rebuilt prerequisites the reason did not name still belong under the target.
  const named = new Set(target.reason.prerequisites);
  for (const child of children) {
    if (child.target.makeLevel === target.makeLevel && !named.has(child.target.name))
      result.push({ kind: 'target', node: child });
  }
  if (target.recipe.length > 0) result.push({ kind: 'recipe', lines: target.recipe });
  const subMakes = new Map<string, TraceNode[]>();
  for (const child of children) {
    if (child.target.makeLevel <= target.makeLevel) continue;
    const list = subMakes.get(child.target.directory) ?? [];
    list.push(child);
    subMakes.set(child.target.directory, list);
  }
  for (const [directory, list] of subMakes) {
    const level = list[0].target.makeLevel;
    result.push({
      kind: 'subMake',
      directory: vscode.workspace.asRelativePath(directory, false),
      level,
      children: list,
    });
  }
  return result;
}
