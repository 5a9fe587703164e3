// A real LSP client session against `node dist/server.js --stdio`, for protocol tests.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { serverReader } from '../shared/serverReader';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const serverPath = path.join(repoRoot, 'dist', 'server.js');

export function fileUri(file: string): string {
  return pathToFileURL(file).toString();
}

export class LspSession {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Methods the server registered for dynamically (client/registerCapability), in order. */
  readonly registrations: string[] = [];
  /** The server's window/logMessage lines, in order (what the client's output channel shows). */
  readonly logs: string[] = [];
  private readonly registrationWaiters: Array<() => void> = [];
  private readonly diagnosticWaiters: Array<() => void> = [];
  private readonly logWaiters: Array<() => void> = [];
  stderr = '';

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    /** workspace/configuration is answered only once this settles (a client slow to answer). */
    configurationAnswered: Promise<unknown>,
  ) {
    this.connection = createMessageConnection(
      serverReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      for (const wake of this.diagnosticWaiters.splice(0)) wake();
    });
    this.connection.onRequest('workspace/configuration', async (params: { items: unknown[] }) => {
      await configurationAnswered;
      return params.items.map(() => ({}));
    });
    this.connection.onRequest(
      'client/registerCapability',
      (params: { registrations: Array<{ method: string }> }) => {
        for (const registration of params.registrations) this.registrations.push(registration.method);
        for (const wake of this.registrationWaiters.splice(0)) wake();
        return null;
      },
    );
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      for (const wake of this.logWaiters.splice(0)) wake();
    });
    this.connection.listen();
  }

  static async start(
    rootFolder?: string,
    initializationOptions: Record<string, unknown> = { trusted: true },
    /** More workspace folders after `rootFolder` (a multi-root workspace). */
    moreFolders: readonly string[] = [],
    /** Holds the answers to workspace/configuration until it settles. */
    configurationAnswered: Promise<unknown> = Promise.resolve(),
  ): Promise<{ session: LspSession; result: InitializeResult }> {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe' });
    const session = new LspSession(child, configurationAnswered);
    const result = await session.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: rootFolder ? fileUri(rootFolder) : null,
      workspaceFolders: rootFolder
        ? [rootFolder, ...moreFolders].map((folder) => ({
            uri: fileUri(folder),
            name: path.basename(folder),
          }))
        : null,
      capabilities: {
        textDocument: {
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
        },
        window: { workDoneProgress: true },
      },
      initializationOptions,
    });
    await session.connection.sendNotification('initialized', {});
    return { session, result };
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'makefile', version, text },
    });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** Waits until diagnostics for `uri` satisfy `accept`, or fails after `timeoutMs`. */
  async waitForDiagnostics(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 10000,
  ): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = this.diagnostics.get(uri);
      if (current && accept(current)) return current;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.diagnosticWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until the server registered for `method`, or fails after `timeoutMs`. */
  async waitForRegistration(method: string, timeoutMs = 10000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.registrations.includes(method)) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`the server did not register for ${method} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.registrationWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until the server logged a line matching `pattern`, or fails after `timeoutMs` showing the log. */
  async waitForLog(pattern: RegExp, timeoutMs = 10000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.logs.find((logged) => pattern.test(logged));
      if (line !== undefined) return line;
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new Error(
          `no log line ${String(pattern)} within ${timeoutMs} ms; the log:\n${this.logs.join('\n')}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.logWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends shutdown and exit, and resolves with the server's exit code. */
  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.connection.dispose();
    this.child.kill('SIGKILL');
  }
}
