// Everything the extension needs from vscode-languageclient, built as a second bundle (dist/languageClient.js).
// Activation does not load it: the extension requires it when the server starts, after activate() returned,
// so VS Code's activation time counts only the views and commands (the client library is ~85% of the code).
import { randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';
import {
  LanguageClient,
  ResponseError,
  State,
  TransportKind,
  WorkDoneProgress,
  type LanguageClientOptions,
  type RequestType,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SERVER_NODE_OPTIONS } from '../../../../contract/serverNodeOptions';

export { State };

/**
 * The client of dist/server.js over stdio, the transport every other editor uses too; over stdio the
 * server sends the outline of a document version from bytes serialized once (server/src/preserialized.ts).
 */
export function createLanguageClient(
  serverModule: string,
  clientOptions: LanguageClientOptions,
): LanguageClient {
  const serverOptions: ServerOptions = {
    run: {
      module: serverModule,
      transport: TransportKind.stdio,
      options: { execArgv: [...SERVER_NODE_OPTIONS] },
    },
    debug: {
      module: serverModule,
      transport: TransportKind.stdio,
      options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy'] },
    },
  };
  return new LanguageClient('makescope', 'Makescope Language Server', serverOptions, clientOptions);
}

/**
 * Request types are made in the activation bundle with its own copy of vscode-jsonrpc's message class,
 * whose parameter-structure constants this bundle's copy does not recognise: send by method name.
 */
export function request<P extends object, R, E>(
  client: LanguageClient,
  type: RequestType<P, R, E>,
  params: P,
  token?: vscode.CancellationToken,
): Promise<R> {
  return client.sendRequest<R>(type.method, params, token);
}

/** Sends `type` with a fresh work-done token; `onMessage` gets each progress message the server reports. */
export async function requestWithProgress<P extends object, R, E>(
  client: LanguageClient,
  type: RequestType<P, R, E>,
  params: P,
  token: vscode.CancellationToken,
  onMessage: (message: string) => void,
): Promise<R> {
  const workDoneToken = randomUUID();
  const listening = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
    if (value.kind !== 'end' && value.message) onMessage(value.message);
  });
  try {
    return await request(client, type, { ...params, workDoneToken }, token);
  } finally {
    listening.dispose();
  }
}

/** The `data` of a JSON-RPC error answer (the server's ProbeErrorData), or undefined for other errors. */
export function responseErrorData(error: unknown): unknown {
  return error instanceof ResponseError ? error.data : undefined;
}
