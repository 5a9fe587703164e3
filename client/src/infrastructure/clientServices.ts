// What every feature room receives: the shared infrastructure, and the list its disposables go to.
import type * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import type { Settings } from '../config';
import type { ClientHost } from './clientHost';
import type { Makefiles } from './makefiles';
import type { ProbeDocuments } from './probeDocuments';
import type { ProbeRunner } from './probeRunner';

/**
 * A room is a folder under client/src/features/ whose index.ts exports `register(services)`: it creates
 * its views, commands and providers and pushes each disposable to `services.subscriptions`.
 */
export interface ClientServices {
  readonly extensionContext: vscode.ExtensionContext;
  /** Disposed, in reverse order, when the extension deactivates. */
  readonly subscriptions: vscode.Disposable[];
  /** The language client, once it runs; and its state for status items. */
  readonly host: ClientHost;
  /** The one way a room runs make: trust gate, progress with Cancel, error messages, the log. */
  readonly runner: ProbeRunner;
  /** Which makefile a command works on. */
  readonly makefiles: Makefiles;
  /** Read-only documents of the last probes' output (make-trace, make-database). */
  readonly probeDocuments: ProbeDocuments;
  /** The Makescope log (Output panel), also the language client's. */
  readonly output: vscode.LogOutputChannel;
  readonly settings: Settings;
  /** Hooks on the language client's requests; rooms fill them in register(), before the client starts. */
  readonly middleware: Middleware;
}
