// The client's one trust gate: everything that runs make (probes, tasks, CodeLens actions) asks here, because
// make executes the Makefile's code; Restricted Mode is checked nowhere else in the client.
import * as vscode from 'vscode';

export const UNTRUSTED_MESSAGE =
  'is disabled in Restricted Mode: it runs make, which executes commands from the Makefile. Trust this workspace to run it.';

/** True when make may run in this workspace (no message; for providers that quietly offer nothing). */
export function mayRunMake(): boolean {
  return vscode.workspace.isTrusted;
}

/** Shows why an action cannot run in Restricted Mode, with a way to change the trust. */
export function showUntrusted(title: string): void {
  void vscode.window
    .showWarningMessage(`Makescope: ${title} ${UNTRUSTED_MESSAGE}`, 'Manage Workspace Trust')
    .then((choice) => (choice ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
}

/** True when the workspace is trusted; otherwise shows the message and returns false. */
export function ensureTrusted(title: string): boolean {
  if (mayRunMake()) return true;
  showUntrusted(title);
  return false;
}
