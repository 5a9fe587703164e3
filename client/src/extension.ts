// Extension entry point: starts the Makescope language client and registers the commands.
import * as vscode from 'vscode';
import { MakescopeContext } from './context';

let context: MakescopeContext | undefined;

export function activate(extensionContext: vscode.ExtensionContext): MakescopeContext {
  const created = new MakescopeContext(extensionContext);
  context = created;
  extensionContext.subscriptions.push(created);
  // Activation returns at once; features wait for the server through runningClient().
  created.start().catch((error: unknown) => {
    created.output.appendLine(`Makescope: the language server did not start: ${String(error)}`);
  });
  return created;
}

export async function deactivate(): Promise<void> {
  await context?.stop();
  context = undefined;
}
