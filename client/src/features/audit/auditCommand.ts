// "Makescope: Audit Dependencies": the audit request with progress and Cancel; findings land in the Problems panel.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AuditRequest, type AuditParams, type AuditResult } from '../../../../contract/audit';
import type { ClientHost } from '../../clientHost';
import { languageClientBundle } from '../../languageClient/load';

export const AUDIT_COMMAND = 'makescope.auditDependencies';
const TITLE = 'Audit Dependencies';

/** Arguments a caller (a test, a CodeLens) may pass instead of being asked. */
export interface AuditArguments {
  /** A makefile or a folder URI (string); default: the active makefile or the first workspace folder. */
  uri?: string;
  targets?: string[];
  /** Verify each fix with parallel builds (needed for the quick fix). */
  verify?: boolean;
}

async function clientOf(source: LanguageClient | ClientHost): Promise<LanguageClient | undefined> {
  if ('sendRequest' in source) return source.isRunning() ? source : undefined;
  return source.runningClient();
}

function defaultUri(): string | undefined {
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'makefile' && active.uri.scheme === 'file') return active.uri.toString();
  return vscode.workspace.workspaceFolders?.[0]?.uri.toString();
}

async function askVerify(): Promise<boolean | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Audit', description: 'one traced build', verify: false },
      {
        label: 'Audit and verify fixes',
        description: 'also parallel builds with and without each fix (enables the quick fix)',
        verify: true,
      },
    ],
    { title: `Makescope: ${TITLE}` },
  );
  return picked?.verify;
}

export function summaryOf(result: AuditResult): string {
  const warnings = result.findings.filter((finding) => finding.severity === 'warning').length;
  const verified = result.findings.filter((finding) => finding.verification?.status === 'verified').length;
  if (result.findings.length === 0) return `clean: ${result.auditedTargets} recipes, every access declared`;
  return `${warnings} warning(s), ${result.findings.length - warnings} note(s) in ${result.auditedTargets} recipes${verified > 0 ? `, ${verified} fix(es) verified` : ''}: see the Problems panel`;
}

export function registerAudit(
  client: LanguageClient | ClientHost,
  output: vscode.OutputChannel,
): vscode.Disposable[] {
  const audit = async (args?: AuditArguments): Promise<AuditResult | undefined> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(
        `Makescope: ${TITLE} is disabled in Restricted Mode: it runs make, which executes commands from the Makefile.`,
      );
      return undefined;
    }
    const languageClient = await clientOf(client);
    if (!languageClient) {
      void vscode.window.showErrorMessage(
        'Makescope: the language server is not running; try "Makescope: Restart Server".',
      );
      return undefined;
    }
    const verify = args ? args.verify === true : await askVerify();
    if (verify === undefined) return undefined;
    const params: AuditParams = { uri: args?.uri ?? defaultUri(), targets: args?.targets ?? [], verify };
    output.appendLine(`[${new Date().toISOString().slice(11, 19)}] ${TITLE}: ${params.uri ?? '(no folder)'}`);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Makescope: ${TITLE}`, cancellable: true },
      async (progress, token) => {
        try {
          const result = await languageClientBundle().requestWithProgress(
            languageClient,
            AuditRequest,
            params,
            token,
            (message) => {
              progress.report({ message });
              output.appendLine(`  ${message}`);
            },
          );
          const summary = summaryOf(result);
          output.appendLine(`  ${summary}`);
          for (const finding of result.findings)
            output.appendLine(
              `  ${finding.rule ? `${finding.rule.file}:${finding.rule.line}` : '<no rule>'}: ${finding.message}`,
            );
          if (result.findings.length > 0)
            void vscode.commands.executeCommand('workbench.actions.view.problems');
          void vscode.window.showInformationMessage(`Makescope: ${summary}`);
          return result;
        } catch (error) {
          const cancelled = token.isCancellationRequested;
          const message = error instanceof Error ? error.message : String(error);
          output.appendLine(`  ${cancelled ? 'cancelled' : `failed: ${message}`}`);
          if (!cancelled) void vscode.window.showErrorMessage(`Makescope: ${TITLE} failed: ${message}`);
          return undefined;
        }
      },
    );
  };
  return [vscode.commands.registerCommand(AUDIT_COMMAND, audit)];
}
