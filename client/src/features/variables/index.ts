// Room: Show Variables (make -p) with its filterable tree view.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DatabaseRequest } from '../../../../contract/protocol';
import type { ClientServices } from '../../infrastructure/clientServices';
import { chooseMakefile } from '../../infrastructure/probeTarget';
import { databaseText } from '../../infrastructure/probeText';
import { VARIABLES_VIEW, VariablesView } from './variablesView';

export function register(services: ClientServices): void {
  const view = new VariablesView();
  services.subscriptions.push(
    view,
    vscode.commands.registerCommand('makescope.showVariables', (arg?: unknown) =>
      showVariables(services, view, arg),
    ),
    vscode.commands.registerCommand('makescope.filterVariables', async () => {
      const filter = await vscode.window.showInputBox({
        prompt: 'Show variables whose name or value contains',
        value: view.currentFilter,
        placeHolder: 'e.g. CFLAGS',
      });
      if (filter !== undefined) view.setFilter(filter);
    }),
    vscode.commands.registerCommand('makescope.clearVariablesFilter', () => view.setFilter('')),
  );
}

async function showVariables(services: ClientServices, view: VariablesView, arg: unknown): Promise<void> {
  const makefile = await chooseMakefile(services, arg);
  if (!makefile) return;
  const outcome = await services.runner.run({
    title: 'Show Variables (make -p)',
    type: DatabaseRequest,
    params: { uri: makefile.toString() },
    makefile,
  });
  if (!outcome.ok) return;
  const { database } = outcome.result;
  view.show(database.variables, makefile);
  services.probeDocuments.remember(
    'database',
    'make-database',
    databaseText(outcome.result, path.dirname(makefile.fsPath)),
  );
  services.output.appendLine(`  ${database.variables.length} variables, ${database.files.length} files`);
  await vscode.commands.executeCommand(`${VARIABLES_VIEW}.focus`);
}
