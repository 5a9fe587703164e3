// The one thing features need from the composition root: the language client, once it runs.
import type { LanguageClient } from 'vscode-languageclient/node';

export interface ClientHost {
  readonly languageClient: LanguageClient | undefined;
  /** The client once its start has finished (activation does not wait for it); undefined if it failed. */
  runningClient(): Promise<LanguageClient | undefined>;
}
