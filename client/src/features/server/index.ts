// Room: the language server's own commands (Restart Server, Show Server Status) and the restart once trust is granted.
import * as vscode from 'vscode';
import type { ClientServices } from '../../infrastructure/clientServices';

export function register(services: ClientServices): void {
  services.subscriptions.push(
    vscode.commands.registerCommand('makescope.restartServer', () => services.host.restart()),
    vscode.commands.registerCommand('makescope.showServerStatus', () => services.output.show(true)),
    // The server learns about trust at start (initializationOptions.trusted): restart it once granted.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void services.host.restart()),
  );
}
