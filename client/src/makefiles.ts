// Finds the makefiles of each workspace folder, lets the user pick one and remembers the pick per folder.
import * as vscode from 'vscode';

const MAKEFILE_GLOB = '**/{GNUmakefile,makefile,Makefile}';
const EXCLUDE_GLOB = '**/{node_modules,.git,.vscode-test}/**';
const HAS_MAKEFILE_KEY = 'makescope.hasMakefile';

export class Makefiles implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly state: vscode.Memento) {
    const watcher = vscode.workspace.createFileSystemWatcher(MAKEFILE_GLOB, false, true, false);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => void this.refreshContext()),
      watcher.onDidDelete(() => void this.refreshContext()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refreshContext()),
    );
    void this.refreshContext();
  }

  /** Sets the `makescope.hasMakefile` context key the welcome views use. */
  async refreshContext(): Promise<void> {
    const found = await vscode.workspace.findFiles(MAKEFILE_GLOB, EXCLUDE_GLOB, 1);
    await vscode.commands.executeCommand('setContext', HAS_MAKEFILE_KEY, found.length > 0);
  }

  /** Makefiles of one folder, shallowest first. */
  async list(folder: vscode.WorkspaceFolder): Promise<vscode.Uri[]> {
    const pattern = new vscode.RelativePattern(folder, MAKEFILE_GLOB);
    const found = await vscode.workspace.findFiles(pattern, EXCLUDE_GLOB, 200);
    const depth = (uri: vscode.Uri): number => vscode.workspace.asRelativePath(uri, false).split('/').length;
    return found.sort((a, b) => depth(a) - depth(b) || a.fsPath.localeCompare(b.fsPath));
  }

  /** The folder to work in: the active editor's, the only one, or the user's pick. */
  async pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const active = vscode.window.activeTextEditor?.document.uri;
    const activeFolder = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
    if (activeFolder) return activeFolder;
    if (folders.length <= 1) return folders[0];
    return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder whose build to probe' });
  }

  /** The remembered makefile of the folder if it still exists, else the only one, else the user's pick. */
  async makefileFor(folder: vscode.WorkspaceFolder, forcePick = false): Promise<vscode.Uri | undefined> {
    const candidates = await this.list(folder);
    const remembered = this.state.get<string>(stateKey(folder));
    if (!forcePick && remembered && candidates.some((uri) => uri.toString() === remembered))
      return vscode.Uri.parse(remembered);
    if (!forcePick && candidates.length === 1) return candidates[0];
    if (candidates.length === 0) {
      void vscode.window.showWarningMessage(`Makescope: no Makefile in ${folder.name}.`);
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      candidates.map((uri) => ({ label: vscode.workspace.asRelativePath(uri, false), uri })),
      { placeHolder: `Makefile to use in ${folder.name} (remembered for this folder)` },
    );
    if (picked) await this.state.update(stateKey(folder), picked.uri.toString());
    return picked?.uri;
  }

  /** The makefile a command works on: the one given, else the current folder's chosen makefile. */
  async resolve(given?: string): Promise<vscode.Uri | undefined> {
    if (given) return vscode.Uri.parse(given);
    const folder = await this.pickFolder();
    if (!folder) {
      void vscode.window.showWarningMessage('Makescope: open a folder with a Makefile first.');
      return undefined;
    }
    return this.makefileFor(folder);
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

function stateKey(folder: vscode.WorkspaceFolder): string {
  return `makescope.makefile:${folder.uri.toString()}`;
}
