// Finds the makefiles of each workspace folder and decides which one a command uses: the focused one, the
// committable `makescope.makefile` setting, the pick remembered for the folder, the only one, or the user's pick.
import * as path from 'node:path';
import * as vscode from 'vscode';

/** Entry points: make's own names, and the conventional Makefile.<variant> and *.mk (all searched, no cap). */
const MAKEFILE_GLOB = '**/{GNUmakefile,makefile,Makefile,Makefile.*,makefile.*,*.mk}';
const EXCLUDE_GLOB = '**/{node_modules,.git,.vscode-test}/**';
const HAS_MAKEFILE_KEY = 'makescope.hasMakefile';
/** The names make reads by itself, in make's order of preference. */
const MAKE_NAMES = ['GNUmakefile', 'makefile', 'Makefile'];
const SETTING = 'makefile';

/** Templates of autotools and backups are never an entry point, although they match Makefile.*. */
function isEntryPoint(uri: vscode.Uri): boolean {
  return !/\.(in|am|bak|orig|rej)$|~$/.test(path.basename(uri.fsPath));
}

/** A file whose name says it is a makefile to run (Makefile, Makefile.linux), not an included *.mk fragment. */
export function isNamedMakefile(file: string): boolean {
  const name = path.basename(file);
  return (
    MAKE_NAMES.includes(name) ||
    (/^(GNUmakefile|[Mm]akefile)\./.test(name) && isEntryPoint(vscode.Uri.file(file)))
  );
}

function rank(uri: vscode.Uri): number {
  const name = path.basename(uri.fsPath);
  const index = MAKE_NAMES.indexOf(name);
  return index >= 0 ? index : name.endsWith('.mk') ? 4 : 3;
}

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
    const found = await vscode.workspace.findFiles(
      '**/{GNUmakefile,makefile,Makefile,*.mk}',
      EXCLUDE_GLOB,
      1,
    );
    await vscode.commands.executeCommand('setContext', HAS_MAKEFILE_KEY, found.length > 0);
  }

  /** Makefiles of one folder, shallowest first, make's own names before variants and *.mk. */
  async list(folder: vscode.WorkspaceFolder): Promise<vscode.Uri[]> {
    const pattern = new vscode.RelativePattern(folder, MAKEFILE_GLOB);
    const found = (await vscode.workspace.findFiles(pattern, EXCLUDE_GLOB)).filter(isEntryPoint);
    const depth = (uri: vscode.Uri): number =>
      path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).length;
    return found.sort((a, b) => depth(a) - depth(b) || rank(a) - rank(b) || a.fsPath.localeCompare(b.fsPath));
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

  /** The focused editor's file when it is a makefile to run inside `folder`. */
  private focused(folder: vscode.WorkspaceFolder): vscode.Uri | undefined {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.uri.scheme !== 'file') return undefined;
    if (vscode.workspace.getWorkspaceFolder(document.uri)?.uri.toString() !== folder.uri.toString())
      return undefined;
    return isNamedMakefile(document.uri.fsPath) ? document.uri : undefined;
  }

  /** `makescope.makefile` of the folder (relative to it), if set. */
  private configured(folder: vscode.WorkspaceFolder): string | undefined {
    const value = vscode.workspace.getConfiguration('makescope', folder.uri).get<unknown>(SETTING);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  }

  /**
   * The makefile a command uses in `folder`: the focused makefile, else `makescope.makefile`, else the pick
   * remembered for the folder, else the only one, else the user's pick. `forcePick` always asks.
   */
  async makefileFor(folder: vscode.WorkspaceFolder, forcePick = false): Promise<vscode.Uri | undefined> {
    if (!forcePick) {
      const focused = this.focused(folder);
      if (focused) return focused;
      const configured = this.configured(folder);
      if (configured) {
        const uri = vscode.Uri.file(path.resolve(folder.uri.fsPath, configured));
        if (await exists(uri)) return uri;
        void vscode.window.showWarningMessage(
          `Makescope: the setting makescope.makefile names ${configured}, which is not in ${folder.name}; pick another.`,
        );
      }
    }
    const candidates = await this.list(folder);
    const remembered = this.state.get<string>(stateKey(folder));
    if (!forcePick && remembered && candidates.some((uri) => uri.toString() === remembered))
      return vscode.Uri.parse(remembered);
    // An included *.mk fragment (examples/mk/config.mk) must not make the only Makefile ambiguous: *.mk files
    // are chosen by themselves only when the folder has no Makefile-named file; the picker lists them all.
    const named = candidates.filter((uri) => isNamedMakefile(uri.fsPath));
    if (!forcePick && named.length === 1) return named[0];
    if (!forcePick && named.length === 0 && candidates.length === 1) return candidates[0];
    if (candidates.length === 0) {
      void vscode.window.showWarningMessage(`Makescope: no Makefile in ${folder.name}.`);
      return undefined;
    }
    return this.pick(folder, candidates);
  }

  /** A quick pick; accepting remembers the choice for this folder, the save button writes makescope.makefile. */
  private pick(folder: vscode.WorkspaceFolder, candidates: vscode.Uri[]): Promise<vscode.Uri | undefined> {
    const save: vscode.QuickInputButton = {
      iconPath: new vscode.ThemeIcon('save'),
      tooltip: 'Use and save as makescope.makefile in this folder’s settings (.vscode/settings.json)',
    };
    const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem & { uri: vscode.Uri }>();
    quickPick.placeholder = `Makefile to use in ${folder.name} (remembered; the save button writes it to .vscode/settings.json)`;
    quickPick.items = candidates.map((uri) => ({
      label: path.relative(folder.uri.fsPath, uri.fsPath),
      uri,
      buttons: [save],
    }));
    return new Promise((resolve) => {
      let chosen: vscode.Uri | undefined;
      const finish = async (uri: vscode.Uri | undefined, persist: boolean): Promise<void> => {
        chosen = uri;
        if (uri) {
          await this.state.update(stateKey(folder), uri.toString());
          if (persist) await saveSetting(folder, path.relative(folder.uri.fsPath, uri.fsPath));
        }
        quickPick.hide();
      };
      quickPick.onDidAccept(() => void finish(quickPick.selectedItems[0]?.uri, false));
      quickPick.onDidTriggerItemButton((event) => void finish(event.item.uri, true));
      quickPick.onDidHide(() => {
        quickPick.dispose();
        resolve(chosen);
      });
      quickPick.show();
    });
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

/** Writes makescope.makefile for the folder (.vscode/settings.json), where a team can commit it. */
async function saveSetting(folder: vscode.WorkspaceFolder, relative: string): Promise<void> {
  try {
    await vscode.workspace
      .getConfiguration('makescope', folder.uri)
      .update(SETTING, relative, vscode.ConfigurationTarget.WorkspaceFolder);
  } catch (error) {
    void vscode.window.showErrorMessage(`Makescope: could not save makescope.makefile: ${String(error)}`);
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function stateKey(folder: vscode.WorkspaceFolder): string {
  return `makescope.makefile:${folder.uri.toString()}`;
}
