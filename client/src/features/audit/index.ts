// Room: "Makescope: Audit Dependencies…": one traced build against make's database, through the shared probe
// runner (trust gate, progress with Cancel, the log); the findings land in the Problems panel (the server) and the
// graph (declared, observed-only, unread edges and side outputs) in the Audit Graph panel beside the editor.
import * as vscode from 'vscode';
import { AuditRequest, type AuditResult } from '../../../../contract/audit';
import type { ClientServices } from '../../infrastructure/clientServices';
import { chooseMakefile } from '../../infrastructure/probeTarget';
import { AuditGraphPanel } from './auditGraphPanel';

export const AUDIT_COMMAND = 'makescope.auditDependencies';
const TITLE = 'Audit Dependencies';

/** Arguments a caller (a test, a CodeLens) may pass instead of being asked. */
export interface AuditArguments {
  /** A makefile URI (string); default: the makefile the other commands use. */
  uri?: string;
  targets?: string[];
  /** Verify each fix with parallel builds (needed for the quick fix). */
  verify?: boolean;
}

export function register(services: ClientServices): void {
  services.subscriptions.push(
    vscode.commands.registerCommand(AUDIT_COMMAND, (args?: AuditArguments) => audit(services, args)),
    vscode.window.registerWebviewPanelSerializer(AuditGraphPanel.viewType, {
      deserializeWebviewPanel: async (panel, state: unknown) => AuditGraphPanel.revive(panel, state),
    }),
    { dispose: () => AuditGraphPanel.visible?.dispose() },
  );
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

async function audit(services: ClientServices, args?: AuditArguments): Promise<AuditResult | undefined> {
  const makefile = args?.uri ? vscode.Uri.parse(args.uri) : await chooseMakefile(services, undefined);
  if (!makefile) return undefined;
  const verify = args ? args.verify === true : await askVerify();
  if (verify === undefined) return undefined;
  const outcome = await services.runner.run({
    title: TITLE,
    type: AuditRequest,
    params: { uri: makefile.toString(), targets: args?.targets ?? [], verify },
    makefile,
  });
  if (!outcome.ok) return undefined;
  const { result } = outcome;
  const summary = summaryOf(result);
  services.output.info(`${TITLE}: ${summary}`);
  for (const finding of result.findings)
    services.output.appendLine(
      `  ${finding.rule ? `${finding.rule.file}:${finding.rule.line}` : '<no rule>'}: ${finding.message}`,
    );
  AuditGraphPanel.createOrShow(result);
  if (result.findings.length > 0) void vscode.commands.executeCommand('workbench.actions.view.problems');
  void vscode.window.showInformationMessage(`Makescope: ${summary}`);
  return result;
}
