// The client's composition root: owns the language client's lifecycle, the status bar and commands.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';

export class MakescopeContext implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  readonly output: vscode.OutputChannel;
  private readonly status: vscode.StatusBarItem;

  constructor(private readonly extensionContext: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Makescope');
    this.status = vscode.window.createStatusBarItem('makescope.status', vscode.StatusBarAlignment.Left, 10);
    this.status.name = 'Makescope';
    this.status.command = 'makescope.showServerStatus';
    this.disposables.push(this.output, this.status);
    this.disposables.push(
      vscode.commands.registerCommand('makescope.restartServer', () => this.restart()),
      vscode.commands.registerCommand('makescope.showServerStatus', () => this.output.show(true)),
    );
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  async start(): Promise<void> {
    const serverModule = this.extensionContext.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file', language: 'makefile' }],
      outputChannel: this.output,
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher(
          '**/{Makefile,makefile,GNUmakefile,*.mk,*.make,*.mak}',
        ),
      },
      initializationOptions: { trusted: vscode.workspace.isTrusted },
    };
    this.client = new LanguageClient('makescope', 'Makescope Language Server', serverOptions, clientOptions);
    this.disposables.push(this.client.onDidChangeState((event) => this.showState(event.newState)));
    this.showState(State.Starting);
    await this.client.start();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.dispose();
  }

  private showState(state: State): void {
    const label = state === State.Running ? 'ready' : state === State.Starting ? 'starting' : 'stopped';
    this.status.text = `$(tools) Makescope`;
    this.status.tooltip = `Makescope language server: ${label}`;
    this.status.show();
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
