// Room: Select Makefile… and Open Makefile: which makefile of a folder the probe commands use.
import * as vscode from 'vscode';
import type { ClientServices } from '../../infrastructure/clientServices';

export function register(services: ClientServices): void {
  const { makefiles } = services;
  services.subscriptions.push(
    vscode.commands.registerCommand('makescope.selectMakefile', async () => {
      const folder = await makefiles.pickFolder();
      if (folder) await makefiles.makefileFor(folder, true);
    }),
    vscode.commands.registerCommand('makescope.openMakefile', async () => {
      const makefile = await makefiles.resolve();
      if (makefile) await vscode.window.showTextDocument(makefile);
    }),
  );
}
