// A minimal stdio LSP client for the bench (mirrors test/server/lspSession.ts, with trust and settings).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { SERVER_NODE_OPTIONS } from '../contract/serverNodeOptions';
import { benchDist } from './dist';

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
    const child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, serverPath, '--stdio'], { stdio: 'pipe' });
    child.stderr.on('data', () => undefined);
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const client = new BenchClient(child, connection);
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => {
      client.published.add(params.uri);
      for (const wake of client.waiters.splice(0)) wake();
    });
    connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map((item) => (item.section === 'makescope' ? options.settings : {})),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification(() => undefined);
    connection.listen();
    const root = fileUri(options.rootFolder);
    await connection.sendRequest('initialize', {
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
    await connection.sendNotification('initialized', {});
    return client;
  }

  async open(uri: string, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'makefile', version: 1, text },
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

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
    }
  }
}
