// The client's composition root: owns the language client's lifecycle and creates every view, command and provider.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, Middleware, State } from 'vscode-languageclient/node';
import { registerEvidenceCommands } from './commands/evidenceCommands';
import { registerOtherCommands } from './commands/otherCommands';
import { registerProbeCommands } from './commands/probeCommands';
import { Settings } from './config';
import { languageClientBundle } from './languageClient/load';
import { Makefiles } from './makefiles';
import { ProbeOutput } from './probeOutput';
import { ProbeRunner } from './probeRunner';
import { ConvergenceStatus } from './status';
import { MakeTaskProvider, TASK_TYPE, checkOldTasks } from './tasks';
import { registerParallelDiff } from './parallelDiff';
import { registerAudit } from './features/audit/auditCommand';
import { ConvergenceView } from './views/convergenceView';
import { EvidenceView } from './views/evidenceView';
import { TraceView } from './views/traceView';
import { VariablesView } from './views/variablesView';

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

export class MakescopeContext implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  /** Set by stop(), so a start still waiting for its first turn does not start a client after it. */
  private stopped = false;
  private readonly disposables: vscode.Disposable[] = [];
  readonly output: vscode.OutputChannel;
  readonly settings = new Settings();
  private readonly status = new ConvergenceStatus();

  constructor(private readonly extensionContext: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Makescope');
    this.disposables.push(this.output, this.settings, this.status);
    this.disposables.push(
      vscode.commands.registerCommand('makescope.restartServer', () => this.restart()),
      vscode.commands.registerCommand('makescope.showServerStatus', () => this.output.show(true)),
      // The server learns about trust at start (initializationOptions.trusted): restart it once granted.
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.restart()),
    );
    this.registerFeatures();
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  private registerFeatures(): void {
    const makefiles = new Makefiles(this.extensionContext.workspaceState);
    const probeOutput = new ProbeOutput();
    const runner = new ProbeRunner(this, this.output);
    const convergence = new ConvergenceView();
    const trace = new TraceView();
    const variables = new VariablesView();
    const evidence = new EvidenceView();
    this.disposables.push(makefiles, probeOutput, convergence, trace, variables, evidence);
    this.disposables.push(
      ...registerProbeCommands({
        host: this,
        runner,
        makefiles,
        probeOutput,
        output: this.output,
        status: this.status,
        convergence,
        trace,
        variables,
      }),
      ...registerOtherCommands(makefiles, probeOutput, variables),
      vscode.tasks.registerTaskProvider(TASK_TYPE, new MakeTaskProvider(this, makefiles, this.settings)),
      ...registerEvidenceCommands({ host: this, runner, makefiles, evidence, output: this.output }),
      ...registerParallelDiff(this.extensionContext, this, this.output),
      ...registerAudit(this, this.output),
    );
    void checkOldTasks();
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
      initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
      middleware: this.middleware(),
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

  /** CodeLenses run make: none in Restricted Mode or when makescope.codeLens is off. */
  private middleware(): Middleware {
    return {
      provideCodeLenses: (document, token, next) => {
        if (!vscode.workspace.isTrusted || !this.settings.get(document.uri).codeLens) return [];
        return next(document, token);
      },
    };
  }

  async restart(): Promise<void> {
    if (!this.client) return this.start();
    this.output.appendLine(`[${new Date().toISOString().slice(11, 19)}] restarting the language server`);
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
    this.status.setServerState(
      state === states.Running ? 'running' : state === states.Starting ? 'starting' : 'stopped',
    );
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
