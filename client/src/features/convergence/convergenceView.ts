// The Convergence tree: the verdict, then each stale target with its reason and prerequisites; phony apart.
import * as vscode from 'vscode';
import type { ConvergenceResult, StaleTarget } from '../../../../contract/protocol';
import { openAt, shortLocation } from '../../infrastructure/location';

type Located = ConvergenceResult['phony'][number];

/** Tree item types, kept apart from the wire types above. */
type Node =
  | { kind: 'verdict'; result: ConvergenceResult; makefile: vscode.Uri; targets: string[] }
  | { kind: 'error'; message: string }
  | { kind: 'stale'; target: StaleTarget; declared?: Declared }
  | {
      kind: 'detail';
      label: string;
      description?: string;
      tooltip?: string;
      icon: string;
      command?: vscode.Command;
    }
  | { kind: 'phonyGroup'; targets: Located[] }
  | { kind: 'unchangedGroup'; targets: StaleTarget[] }
  | { kind: 'unchanged'; target: StaleTarget }
  | { kind: 'phony'; target: Located }
  | { kind: 'notes'; notes: string[] };

export const CONVERGENCE_VIEW = 'makescope.convergence';

/** Where the static model saw a target's rule (its prerequisites) when make's trace names no line (`<builtin>`). */
export interface Declared {
  file: string;
  /** 1-based, as make prints lines. */
  line: number;
}

export class ConvergenceView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Node[] = [];
  private readonly view: vscode.TreeView<Node>;

  constructor() {
    this.view = vscode.window.createTreeView(CONVERGENCE_VIEW, {
      treeDataProvider: this,
      showCollapseAll: true,
    });
  }

  show(
    result: ConvergenceResult,
    makefile: vscode.Uri,
    targets: string[],
    declared: ReadonlyMap<string, Declared> = new Map(),
  ): void {
    const roots: Node[] = [{ kind: 'verdict', result, makefile, targets }];
    roots.push(
      ...result.stale.map((target): Node => ({ kind: 'stale', target, declared: declared.get(target.name) })),
    );
    if (result.unchanged.length > 0) roots.push({ kind: 'unchangedGroup', targets: result.unchanged });
    if (result.phony.length > 0) roots.push({ kind: 'phonyGroup', targets: result.phony });
    if (result.notes.length > 0) roots.push({ kind: 'notes', notes: result.notes });
    this.setRoots(roots);
  }

  showError(message: string): void {
    this.setRoots([{ kind: 'error', message }]);
  }

  private setRoots(roots: Node[]): void {
    this.roots = roots;
    this.changed.fire(undefined);
    void vscode.commands.executeCommand('setContext', 'makescope.convergence.hasRun', true);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.roots;
    switch (node.kind) {
      case 'stale':
        return staleDetails(node.target, node.declared);
      case 'phonyGroup':
        return node.targets.map((target): Node => ({ kind: 'phony', target }));
      case 'unchangedGroup':
        return node.targets.map((target): Node => ({ kind: 'unchanged', target }));
      case 'notes':
        return node.notes.map((note): Node => ({ kind: 'detail', label: note, icon: 'note' }));
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const none = vscode.TreeItemCollapsibleState.None;
    switch (node.kind) {
      case 'verdict': {
        const { result } = node;
        const converged = result.verdict === 'converged';
        // The point (the verdict and the count) in the label, which the side bar cuts last; the rest after it.
        const label = converged ? 'Converged' : `Not converged (${result.stale.length} stale)`;
        const item = new vscode.TreeItem(label, none);
        const makefile = vscode.workspace.asRelativePath(node.makefile, false);
        const goal = node.targets.join(' ') || '(default goal)';
        item.description = `${makefile} ${goal}`;
        item.iconPath = new vscode.ThemeIcon(converged ? 'pass' : 'warning');
        item.tooltip = `${label}: ${makefile} ${goal}\nmake -q exited ${result.questionStatus}${result.seenThrough ? ' (only phony targets had work)' : ''}`;
        item.command = openAt(node.makefile.fsPath, 1);
        return item;
      }
      case 'error': {
        const item = new vscode.TreeItem('Convergence check failed', none);
        item.description = node.message;
        item.tooltip = node.message;
        item.iconPath = new vscode.ThemeIcon('error');
        return item;
      }
      case 'stale': {
        const { target } = node;
        const item = new vscode.TreeItem(target.name, vscode.TreeItemCollapsibleState.Expanded);
        item.description = target.reason.text;
        item.tooltip = new vscode.MarkdownString().appendText(`${target.name}: ${target.hint}`);
        item.iconPath = new vscode.ThemeIcon('circle-filled');
        if (target.file) item.command = openAt(target.file, target.line);
        item.contextValue = 'staleTarget';
        return item;
      }
      case 'phonyGroup': {
        const item = new vscode.TreeItem(
          'Phony (run every time, by design)',
          vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.description = String(node.targets.length);
        item.iconPath = new vscode.ThemeIcon('symbol-event');
        return item;
      }
      case 'unchangedGroup': {
        const item = new vscode.TreeItem(
          'Remade, but nothing changed (fine)',
          vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.description = String(node.targets.length);
        item.tooltip =
          'make -n names these, but a real second make (isolated) left them as they were: FORCE with an unchanged output, a stamp, a recursive entry point';
        item.iconPath = new vscode.ThemeIcon('pass');
        return item;
      }
      case 'unchanged': {
        const item = new vscode.TreeItem(node.target.name, none);
        item.description = node.target.hint;
        item.tooltip = `${shortLocation(node.target.file, node.target.line)}: ${node.target.hint}`;
        if (node.target.file) item.command = openAt(node.target.file, node.target.line);
        return item;
      }
      case 'phony': {
        const item = new vscode.TreeItem(node.target.name, none);
        item.description = shortLocation(node.target.file, node.target.line);
        if (node.target.file) item.command = openAt(node.target.file, node.target.line);
        return item;
      }
      case 'notes': {
        const item = new vscode.TreeItem('Notes', vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(node.label, none);
        item.description = node.description;
        item.tooltip = node.tooltip ?? [node.label, node.description].filter(Boolean).join(': ');
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.command = node.command;
        return item;
      }
    }
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}

function staleDetails(target: StaleTarget, declared: Declared | undefined): Node[] {
  // "does not exist: never built, or …": the part before the colon is the point, the rest its description.
  const colon = target.hint.indexOf(': ');
  const [point, rest] =
    colon > 0 && colon <= 40
      ? [target.hint.slice(0, colon), target.hint.slice(colon + 2)]
      : [target.hint, undefined];
  const details: Node[] = [
    { kind: 'detail', label: point, description: rest, tooltip: target.hint, icon: 'question' },
  ];
  for (const prerequisite of target.reason.prerequisites) {
    details.push({ kind: 'detail', label: prerequisite, description: 'newer prerequisite', icon: 'file' });
  }
  if (target.file) {
    const description = shortLocation(target.file, target.line);
    details.push({
      kind: 'detail',
      label: 'rule',
      description,
      icon: 'go-to-file',
      command: openAt(target.file, target.line),
    });
  } else if (declared) {
    // A built-in rule (e.g. %.o: %.c) has the recipe; the Makefile still declares the prerequisites here.
    details.push({
      kind: 'detail',
      label: 'rule',
      description: `${shortLocation(declared.file, declared.line)} · recipe from a built-in rule`,
      tooltip: `${target.name}: prerequisites declared at ${shortLocation(declared.file, declared.line)}; make's recipe comes from a built-in rule`,
      icon: 'go-to-file',
      command: openAt(declared.file, declared.line),
    });
  }
  return details;
}
