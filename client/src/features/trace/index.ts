// Room: Trace Target… (make -n --trace) with its tree view: target ← reason ← prerequisites.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TraceRequest } from '../../../../contract/protocol';
import type { ClientServices } from '../../infrastructure/clientServices';
import { chooseTarget } from '../../infrastructure/probeTarget';
import { listTargets, type TargetArgument } from '../../infrastructure/targetPicker';
import { traceText } from '../../infrastructure/probeText';
import { TRACE_VIEW, TraceView } from './traceView';

export function register(services: ClientServices): void {
  const view = new TraceView();
  services.subscriptions.push(
    view,
    vscode.commands.registerCommand('makescope.traceTarget', (arg?: unknown) =>
      traceTarget(services, view, arg),
    ),
    vscode.commands.registerCommand('makescope.traceThisTarget', async () => {
      const here = await targetAtCursor(services);
      if (here) await traceTarget(services, view, here);
    }),
  );
}

/**
 * The rule the editor's cursor is in (the nearest rule at or above it, as the server's static model places
 * rules), and the makefile make reads it through; asks when several targets share that line.
 */
async function targetAtCursor(services: ClientServices): Promise<TargetArgument | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'makefile') {
    void vscode.window.showInformationMessage('Makescope: Trace This Target works in a Makefile editor.');
    return undefined;
  }
  const { document } = editor;
  const cursor = editor.selection.active.line;
  const { targets, makefileUri } = await listTargets(services.host, document.uri);
  const above = targets.filter((t) => t.uri === document.uri.toString() && t.line <= cursor);
  // A fold, not Math.max(...lines): a generated makefile can hold more targets than the stack holds arguments.
  const line = above.reduce((last, t) => Math.max(last, t.line), -Infinity);
  const candidates = above.filter((t) => t.line === line).map((t) => t.name);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(
      `Makescope: no rule at or above line ${cursor + 1} of ${vscode.workspace.asRelativePath(document.uri, false)}; use "Makescope: Trace Target…".`,
    );
    return undefined;
  }
  const target =
    candidates.length === 1
      ? candidates[0]
      : await vscode.window.showQuickPick(candidates, {
          placeHolder: `Targets of the rule at line ${line + 1}`,
        });
  return target ? { uri: makefileUri ?? document.uri.toString(), target } : undefined;
}

async function traceTarget(services: ClientServices, view: TraceView, arg: unknown): Promise<void> {
  const chosen = await chooseTarget(services, arg, 'Target to trace (make -n --trace)');
  if (!chosen) return;
  const { makefile, target } = chosen;
  const outcome = await services.runner.run({
    title: 'Trace Target',
    type: TraceRequest,
    params: { uri: makefile.toString(), targets: [target] },
    makefile,
  });
  if (!outcome.ok) return;
  view.show(outcome.result, `${target} (${vscode.workspace.asRelativePath(makefile, false)})`);
  services.probeDocuments.remember(
    'trace',
    'make-trace',
    traceText(outcome.result, path.dirname(makefile.fsPath)),
  );
  services.output.appendLine(`  ${outcome.result.targets.length} target(s) would be remade`);
  await vscode.commands.executeCommand(`${TRACE_VIEW}.focus`);
}
