// A view whose feature has not landed yet: an empty tree, so VS Code shows the view's welcome content.
import * as vscode from 'vscode';

export function registerEmptyView(viewId: string): vscode.Disposable {
  return vscode.window.registerTreeDataProvider<never>(viewId, {
    getChildren: () => [],
    getTreeItem: (item) => item,
  });
}
