// Extension entry point: creates the shared infrastructure, lets each feature room register, starts the server.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { Settings } from './config';
import * as audit from './features/audit';
import * as codeLens from './features/codeLens';
import * as convergence from './features/convergence';
import * as dryRun from './features/dryRun';
import * as evidence from './features/evidence';
import * as makefileChoice from './features/makefileChoice';
import * as parallelDiff from './features/parallelDiff';
import * as probeOutput from './features/probeOutput';
import * as server from './features/server';
import * as tasks from './features/tasks';
import * as timeline from './features/timeline';
import * as timing from './features/timing';
import * as trace from './features/trace';
import * as variables from './features/variables';
import type { ClientServices } from './infrastructure/clientServices';
import { LanguageServer } from './infrastructure/languageServer';
import { Makefiles } from './infrastructure/makefiles';
import { ProbeDocuments } from './infrastructure/probeDocuments';
import { ProbeRunner } from './infrastructure/probeRunner';

/** Every feature room, in the order it registers (README: Development, "Client rooms"). */
const ROOMS: ReadonlyArray<{ register(services: ClientServices): void }> = [
  server,
  codeLens,
  makefileChoice,
  probeOutput,
  convergence,
  trace,
  variables,
  dryRun,
  timing,
  parallelDiff,
  evidence,
  audit,
  timeline,
  tasks,
];

let languageServer: LanguageServer | undefined;

export function activate(extensionContext: vscode.ExtensionContext): LanguageServer {
  // A log channel: VS Code adds time and level to each line, and "Set Log Level…" applies.
  const output = vscode.window.createOutputChannel('Makescope', { log: true });
  const middleware: Middleware = {};
  const created = new LanguageServer(extensionContext, output, middleware);
  languageServer = created;
  const subscriptions: vscode.Disposable[] = [];
  const settings = new Settings();
  const services: ClientServices = {
    extensionContext,
    subscriptions,
    host: created,
    runner: new ProbeRunner(created, output),
    makefiles: new Makefiles(extensionContext.workspaceState),
    probeDocuments: new ProbeDocuments(),
    output,
    settings,
    middleware,
  };
  subscriptions.push(output, settings, services.makefiles, services.probeDocuments);
  for (const room of ROOMS) room.register(services);
  // The rooms' disposables in reverse order of creation; the client itself is stopped by deactivate().
  extensionContext.subscriptions.push(created, {
    dispose: () => {
      for (const disposable of subscriptions.splice(0).reverse()) disposable.dispose();
    },
  });
  // Activation returns at once; rooms wait for the server through runningClient().
  created.start().catch((error: unknown) => {
    output.error(`the language server did not start: ${String(error)}`);
  });
  return created;
}

export async function deactivate(): Promise<void> {
  await languageServer?.stop();
  languageServer = undefined;
}
