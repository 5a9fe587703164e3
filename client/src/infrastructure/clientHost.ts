// The one thing rooms need from the language server's owner: the language client, once it runs, and its state.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export type ServerState = 'starting' | 'running' | 'stopped';

export interface ClientHost {
  /** The client once its start has finished (activation does not wait for it); undefined if it failed. */
  runningClient(): Promise<LanguageClient | undefined>;
  readonly serverState: ServerState;
  readonly onDidChangeServerState: vscode.Event<ServerState>;
  restart(): Promise<void>;
}
