// The one probe runner of the client: the trust gate, a cancellable progress notification, the make command
// lines it ran in the log, and error messages with the way out (Manage Workspace Trust, Open Settings, Show Output).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { makeRunLine } from '../../../contract/wording/makeRunLine';
import { placementHeadline } from '../../../contract/wording/placementHeadline';
import type { RequestType } from 'vscode-languageclient/node';
import type { PlacementSummary, ProbeErrorData, ProbeParams, ProbeRun } from '../../../contract/protocol';
import type { ClientHost } from './clientHost';
import { languageClientBundle } from './languageClient/load';
import { ensureTrusted, showUntrusted } from './trustGate';

export interface ProbeSpec<P extends ProbeParams, R> {
  /** The command's title, e.g. 'Check Convergence'. */
  title: string;
  type: RequestType<P, R, ProbeErrorData>;
  params: P;
  /** The makefile make runs (in its folder), or a workspace folder. */
  makefile: vscode.Uri;
  /** Also write the server's progress messages to the log (long runs such as the serial/parallel comparison). */
  logProgress?: boolean;
}

export type ProbeOutcome<R> =
  | { ok: true; result: R }
  | { ok: false; kind: ProbeErrorData['kind'] | 'no-server'; message: string };

export class ProbeRunner {
  constructor(
    private readonly host: ClientHost,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  /** Refuses in Restricted Mode; otherwise sends the request with progress and Cancel, and reports errors. */
  async run<P extends ProbeParams, R>(spec: ProbeSpec<P, R>): Promise<ProbeOutcome<R>> {
    if (!ensureTrusted(spec.title)) {
      this.output.info(`${spec.title}: not run, the workspace is not trusted (Restricted Mode)`);
      return { ok: false, kind: 'untrusted', message: 'the workspace is not trusted' };
    }
    const client = await this.host.runningClient();
    if (!client) {
      void vscode.window.showErrorMessage(
        'Makescope: the language server is not running; try "Makescope: Restart Server".',
      );
      return { ok: false, kind: 'no-server', message: 'the language server is not running' };
    }
    const directory = directoryOf(spec.makefile);
    this.output.info(`${spec.title}: ${spec.makefile.fsPath}${targetsText(spec.params)}`);
    this.output.appendLine(`  cwd: ${directory}`);
    return vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Makescope: ${spec.title}`,
        cancellable: true,
      },
      async (progress, token) => {
        try {
          const result = await languageClientBundle().requestWithProgress(
            client,
            spec.type,
            spec.params,
            token,
            (message) => {
              progress.report({ message });
              if (spec.logProgress) this.output.appendLine(`  ${message}`);
            },
          );
          this.logRuns(runsOf(result));
          this.logPlacement(placementOf(result), directory);
          return { ok: true as const, result };
        } catch (error) {
          return this.failed(spec.title, error, token.isCancellationRequested);
        }
      },
    );
  }

  /** The exact command lines make ran, so a user can repeat them in a terminal. */
  private logRuns(runs: ProbeRun[]): void {
    for (const run of runs) this.output.appendLine(`  ${makeRunLine(run)}`);
  }

  private logPlacement(placement: PlacementSummary | undefined, directory: string): void {
    if (!placement) return;
    this.output.appendLine(`  make: ${placement.make} (${placement.makeVersion})`);
    // One line: a makefile set can have a thousand risky lines; the answer's JSON keeps them all.
    this.output.appendLine(`  ${placement.headline ?? placementHeadline(placement)} (${directory})`);
  }

  private failed<R>(title: string, error: unknown, cancelled: boolean): ProbeOutcome<R> {
    const data = languageClientBundle().responseErrorData(error) as ProbeErrorData | undefined;
    const kind = cancelled ? 'cancelled' : (data?.kind ?? 'make-failed');
    const message = error instanceof Error ? error.message : String(error);
    this.output.appendLine(`  ${kind === 'cancelled' ? 'cancelled' : `failed (${kind}): ${message}`}`);
    if (kind === 'untrusted') showUntrusted(title);
    else if (kind === 'make-missing') void this.offerSettings(`Makescope: ${title}: ${message}`);
    else if (kind !== 'cancelled') void this.offerOutput(`Makescope: ${title} failed: ${message}`);
    return { ok: false, kind, message };
  }

  private async offerSettings(message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(message, 'Open Settings');
    if (choice) await vscode.commands.executeCommand('workbench.action.openSettings', 'makescope.makePath');
  }

  private async offerOutput(message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(message, 'Show Output');
    if (choice) this.output.show(true);
  }
}

/** Most probe results say where make ran; some (evidence, runbook) do not. */
function runsOf(result: unknown): ProbeRun[] {
  const runs = (result as { makeRuns?: ProbeRun[] } | null)?.makeRuns;
  return Array.isArray(runs) ? runs : [];
}

function placementOf(result: unknown): PlacementSummary | undefined {
  const placement = (result as { placement?: PlacementSummary } | null)?.placement;
  return placement && typeof placement.where === 'string' ? placement : undefined;
}

/** Where make runs: the makefile's folder, or the folder itself. */
function directoryOf(uri: vscode.Uri): string {
  const isFolder = (vscode.workspace.workspaceFolders ?? []).some(
    (folder) => folder.uri.toString() === uri.toString(),
  );
  return isFolder ? uri.fsPath : path.dirname(uri.fsPath);
}

function targetsText(params: ProbeParams): string {
  return params.targets && params.targets.length > 0 ? ` (targets: ${params.targets.join(' ')})` : '';
}
