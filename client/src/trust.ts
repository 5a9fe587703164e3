// Workspace Trust for probes, tasks and CodeLens actions: they run make, which executes the Makefile's code.
import * as vscode from 'vscode';

export const UNTRUSTED_MESSAGE =
  'is disabled in Restricted Mode: it runs make, which executes commands from the Makefile. Trust this workspace to run it.';

/** Shows why an action cannot run in Restricted Mode, with a way to change the trust. */
export function showUntrusted(title: string): void {
  void vscode.window
    .showWarningMessage(`Makescope: ${title} ${UNTRUSTED_MESSAGE}`, 'Manage Workspace Trust')
    .then((choice) => (choice ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
}

/** True when the workspace is trusted; otherwise shows the message and returns false. */
export function ensureTrusted(title: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  showUntrusted(title);
  return false;
}
