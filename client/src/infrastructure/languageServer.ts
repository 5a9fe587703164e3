// The language server's lifecycle: starts the client after activation returned, restarts it, reports its state.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, Middleware, State } from 'vscode-languageclient/node';
import type { ClientHost, ServerState } from './clientHost';
import { languageClientBundle } from './languageClient/load';
import { mayRunMake } from './trustGate';

/** How long a command waits for a server that is being restarted. */
const RESTART_WAIT_MS = 30_000;

/** Resolves once the client leaves the Starting state, or after `limitMs`. */
function settled(client: LanguageClient, limitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, limitMs);
    const listener = client.onDidChangeState((event) => {
      if (event.newState !== languageClientBundle().State.Starting) done();
    });
    function done(): void {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    }
  });
}

export class LanguageServer implements ClientHost, vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  /** Set by stop(), so a start still waiting for its first turn does not start a client after it. */
  private stopped = false;
  private state: ServerState = 'starting';
  private readonly stateChanged = new vscode.EventEmitter<ServerState>();
  readonly onDidChangeServerState = this.stateChanged.event;
  private readonly disposables: vscode.Disposable[] = [this.stateChanged];

  /** `middleware` is read when the client starts: the rooms fill it in before. */
  constructor(
    private readonly extensionContext: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly middleware: Middleware,
  ) {}

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  get serverState(): ServerState {
    return this.state;
  }

  /** Starts the server once; activation calls this and returns before any of the work is done. */
  start(): Promise<void> {
    this.stopped = false;
    if (!this.starting) {
      const starting = this.startClient();
      // A start that failed before a client existed may be tried again (Restart Server).
      starting.catch(() => {
        if (!this.client && this.starting === starting) this.starting = undefined;
      });
      this.starting = starting;
    }
    return this.starting;
  }

  private async startClient(): Promise<void> {
    // Yield first, so loading the client library (dist/languageClient.js) and forking the server
    // happen after activate() returned and do not count as activation time.
    await new Promise<void>((resolve) => setImmediate(resolve));
    // Deactivated during that yield (a reload right at start-up): start nothing.
    if (this.stopped) return;
    const serverModule = this.extensionContext.asAbsolutePath(path.join('dist', 'server.js'));
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file', language: 'makefile' }],
      outputChannel: this.output,
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher(
          '**/{Makefile,makefile,GNUmakefile,*.mk,*.make,*.mak}',
        ),
      },
      // A function: read again on every (re)start, so a restart after granting trust tells the server.
      initializationOptions: () => ({ trusted: mayRunMake() }),
      middleware: this.middleware,
    };
    const bundle = languageClientBundle();
    this.client = bundle.createLanguageClient(serverModule, clientOptions);
    this.disposables.push(this.client.onDidChangeState((event) => this.showState(event.newState)));
    this.showState(bundle.State.Starting);
    await this.client.start();
  }

  async runningClient(): Promise<LanguageClient | undefined> {
    await this.starting?.catch(() => undefined);
    const client = this.client;
    // After the server died, vscode-languageclient starts a new one: a command run meanwhile waits
    // for it (bounded) instead of failing.
    if (client && client.state === languageClientBundle().State.Starting)
      await settled(client, RESTART_WAIT_MS);
    return client?.isRunning() ? client : undefined;
  }

  async restart(): Promise<void> {
    if (!this.client) return this.start();
    this.output.info('restarting the language server');
    await this.client.restart();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    this.stopped = true;
    if (client) await client.dispose();
  }

  private showState(state: State): void {
    const { State: states } = languageClientBundle();
    this.state = state === states.Running ? 'running' : state === states.Starting ? 'starting' : 'stopped';
    this.stateChanged.fire(this.state);
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
