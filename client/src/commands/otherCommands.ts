// Commands outside the probes: Show Probe Output, Filter Variables, Select Makefile, Open Makefile, placeholders.
import * as vscode from 'vscode';
import type { Makefiles } from '../makefiles';
import type { ProbeOutput } from '../probeOutput';
import type { VariablesView } from '../views/variablesView';

export function registerOtherCommands(
  makefiles: Makefiles,
  probeOutput: ProbeOutput,
  variables: VariablesView,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('makescope.showProbeOutput', () => probeOutput.show()),
    vscode.commands.registerCommand('makescope.filterVariables', async () => {
      const filter = await vscode.window.showInputBox({
        prompt: 'Show variables whose name or value contains',
        value: variables.currentFilter,
        placeHolder: 'e.g. CFLAGS',
      });
      if (filter !== undefined) variables.setFilter(filter);
    }),
    vscode.commands.registerCommand('makescope.clearVariablesFilter', () => variables.setFilter('')),
    vscode.commands.registerCommand('makescope.selectMakefile', async () => {
      const folder = await makefiles.pickFolder();
      if (folder) await makefiles.makefileFor(folder, true);
    }),
    vscode.commands.registerCommand('makescope.openMakefile', async () => {
      const makefile = await makefiles.resolve();
      if (makefile) await vscode.window.showTextDocument(makefile);
    }),
  ];
}
