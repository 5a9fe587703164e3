// A minimal stdio LSP client for the bench (mirrors test/server/lspSession.ts, with trust and settings).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { serverReader } from '../test/shared/serverReader';
import { SERVER_NODE_OPTIONS } from '../contract/serverNodeOptions';
import { benchDist, echoServerPath } from './dist';

export const serverPath = path.join(benchDist, 'server.js');

export function fileUri(file: string): string {
  return pathToFileURL(file).toString();
}

export interface ClientOptions {
  rootFolder: string;
  trusted: boolean;
  /** What the client answers for the `makescope` configuration section. */
  settings: Record<string, unknown>;
}

export class BenchClient {
  private readonly published = new Set<string>();
  private readonly waiters: Array<() => void> = [];

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
  ) {}

  static async start(options: ClientOptions): Promise<BenchClient> {
    const client = new BenchClient(...spawnStdio(serverPath));
    client.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => {
      client.published.add(params.uri);
      for (const wake of client.waiters.splice(0)) wake();
    });
    client.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map((item) => (item.section === 'makescope' ? options.settings : {})),
    );
    client.connection.onRequest('client/registerCapability', () => null);
    client.connection.onRequest('window/workDoneProgress/create', () => null);
    client.connection.onNotification(() => undefined);
    client.connection.listen();
    const root = fileUri(options.rootFolder);
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: root,
      workspaceFolders: [{ uri: root, name: path.basename(options.rootFolder) }],
      capabilities: {
        textDocument: {
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
        workspace: { configuration: true, workspaceFolders: true },
        window: { workDoneProgress: true },
      },
      initializationOptions: { trusted: options.trusted },
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  async open(uri: string, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'makefile', version: 1, text },
    });
  }

  /** Replaces line `line` (of `length` characters) with `text`, as document version `version`. */
  async replaceLine(uri: string, version: number, line: number, length: number, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: length } }, text }],
    });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** Resolves once diagnostics for `uri` were published (the server has parsed and checked it). */
  async diagnosticsPublished(uri: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.published.has(uri)) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  stop(): Promise<void> {
    return stopStdio(this.child, this.connection);
  }
}

/**
 * The answer floor beside the server: echoServer.ts on the same kind of stdio connection, sending back the
 * answer it was last given. An echo of a method's answer costs what its bytes cost the transport and the
 * client, with no server work.
 */
export class EchoPeer {
  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
  ) {}

  static start(): EchoPeer {
    const [child, connection] = spawnStdio(echoServerPath);
    connection.listen();
    return new EchoPeer(child, connection);
  }

  /** The answer every later echo sends back. */
  async remember(answer: unknown): Promise<void> {
    await this.connection.sendRequest('bench/remember', { answer });
  }

  echo(): Promise<unknown> {
    return this.connection.sendRequest('bench/echo', {});
  }

  stop(): Promise<void> {
    return stopStdio(this.child, this.connection);
  }
}

/** `script` under node with the server's options, speaking JSON-RPC over its stdin and stdout. */
function spawnStdio(script: string): [ChildProcessWithoutNullStreams, MessageConnection] {
  const child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, script, '--stdio'], { stdio: 'pipe' });
  child.stderr.on('data', () => undefined);
  const connection = createMessageConnection(
    serverReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  return [child, connection];
}

async function stopStdio(
  child: ChildProcessWithoutNullStreams,
  connection: MessageConnection,
): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  } finally {
    connection.dispose();
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
