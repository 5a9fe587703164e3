// Room: Show Probe Output: the last probe's output as a read-only make-trace or make-database document.
import * as vscode from 'vscode';
import type { ClientServices } from '../../infrastructure/clientServices';

export function register(services: ClientServices): void {
  services.subscriptions.push(
    vscode.commands.registerCommand('makescope.showProbeOutput', () => services.probeDocuments.show()),
  );
}
