// Extension entry point: starts the Makescope language client and registers the commands.
import * as vscode from 'vscode';
import { MakescopeContext } from './context';

let context: MakescopeContext | undefined;

export async function activate(extensionContext: vscode.ExtensionContext): Promise<MakescopeContext> {
  context = new MakescopeContext(extensionContext);
  extensionContext.subscriptions.push(context);
  await context.start();
  return context;
}

export async function deactivate(): Promise<void> {
  await context?.stop();
  context = undefined;
}
