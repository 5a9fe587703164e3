// The Variables tree from `make -p`: grouped by origin, with flavor, value and defining file:line; filterable.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DbVariable } from '../../../../contract/protocol';
import { openAt, shortLocation } from '../../infrastructure/location';

/** Tree item types, kept apart from the wire types above. */
type Node =
  | { kind: 'group'; origin: string; variables: DbVariable[] }
  | { kind: 'variable'; variable: DbVariable };

export const VARIABLES_VIEW = 'makescope.variables';

/** make's origin words -> group label, in display order. */
const GROUPS: Array<[string, string]> = [
  ['makefile', 'Makefile'],
  ["'override' directive", 'Override'],
  ['command line', 'Command line'],
  ['environment', 'Environment'],
  ['environment under -e', 'Environment (-e)'],
  ['automatic', 'Automatic'],
  ['default', 'Default'],
];
const { Expanded, Collapsed } = vscode.TreeItemCollapsibleState;
const FLAVOR_OPERATORS: Record<string, string> = { simple: ':=', recursive: '=', append: '+=' };

export class VariablesView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private variables: DbVariable[] = [];
  private directory = '';
  /** As typed (shown in the view) and lower-cased (compared). */
  private filterText = '';
  private filter = '';
  private readonly view: vscode.TreeView<Node>;

  constructor() {
    this.view = vscode.window.createTreeView(VARIABLES_VIEW, {
      treeDataProvider: this,
      showCollapseAll: true,
    });
  }

  /** `directory`: where make ran, for the relative file names make prints. */
  show(variables: DbVariable[], makefile: vscode.Uri): void {
    this.variables = variables;
    this.directory = path.dirname(makefile.fsPath);
    this.view.description = vscode.workspace.asRelativePath(makefile, false);
    this.refresh();
    void vscode.commands.executeCommand('setContext', 'makescope.variables.hasRun', true);
  }

  setFilter(filter: string): void {
    this.filterText = filter.trim();
    this.filter = this.filterText.toLowerCase();
    void vscode.commands.executeCommand('setContext', 'makescope.variables.filtered', this.filter !== '');
    this.refresh();
  }

  get currentFilter(): string {
    return this.filterText;
  }

  private refresh(): void {
    this.view.message = this.filter ? `Filter: ${this.filterText}` : undefined;
    this.changed.fire(undefined);
  }

  private shown(): DbVariable[] {
    if (!this.filter) return this.variables;
    return this.variables.filter(
      (variable) =>
        variable.name.toLowerCase().includes(this.filter) ||
        variable.value.toLowerCase().includes(this.filter),
    );
  }

  getChildren(node?: Node): Node[] {
    if (node)
      return node.kind === 'group'
        ? node.variables.map((variable): Node => ({ kind: 'variable', variable }))
        : [];
    const shown = this.shown();
    const known = new Set(GROUPS.map(([origin]) => origin));
    const groups: Node[] = GROUPS.map(([origin]) => ({
      kind: 'group' as const,
      origin,
      variables: sorted(shown.filter((variable) => variable.origin === origin)),
    }));
    const others = sorted(shown.filter((variable) => !known.has(variable.origin)));
    groups.push({ kind: 'group', origin: 'other', variables: others });
    return groups.filter((group) => group.kind === 'group' && group.variables.length > 0);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const label = GROUPS.find(([origin]) => origin === node.origin)?.[1] ?? 'Other';
      // Filtered results are few: show them all. Otherwise only the project's own variables start open.
      const open = this.filter !== '' || node.origin === 'makefile';
      const item = new vscode.TreeItem(label, open ? Expanded : Collapsed);
      item.id = `${node.origin}|${this.filter}`;
      item.description = String(node.variables.length);
      item.iconPath = new vscode.ThemeIcon('symbol-namespace');
      return item;
    }
    const { variable } = node;
    const operator = FLAVOR_OPERATORS[variable.flavor] ?? '=';
    const item = new vscode.TreeItem(variable.name, vscode.TreeItemCollapsibleState.None);
    item.description = `${operator} ${oneLine(variable.value)}`;
    const where = shortLocation(variable.file && path.resolve(this.directory, variable.file), variable.line);
    item.tooltip = new vscode.MarkdownString()
      .appendMarkdown(`**${variable.name}** — ${variable.flavor}, origin: ${variable.origin}`)
      .appendMarkdown(where ? `, defined at ${where}` : '')
      .appendCodeblock(
        variable.value.length > 2000 ? `${variable.value.slice(0, 2000)}…` : variable.value,
        'makefile',
      );
    item.iconPath = new vscode.ThemeIcon('symbol-variable');
    item.contextValue = 'variable';
    if (variable.file) item.command = openAt(variable.file, variable.line, this.directory);
    return item;
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}

function sorted(variables: DbVariable[]): DbVariable[] {
  return [...variables].sort((a, b) => a.name.localeCompare(b.name));
}

function oneLine(value: string): string {
  const flat = value.replace(/\s*\n\s*/g, ' ⏎ ');
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
