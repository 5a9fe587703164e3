// Room: Trace Target… (make -n --trace) with its tree view: target ← reason ← prerequisites.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TraceRequest } from '../../../../contract/protocol';
import type { ClientServices } from '../../infrastructure/clientServices';
import { chooseTarget } from '../../infrastructure/probeTarget';
import { traceText } from '../../infrastructure/probeText';
import { TRACE_VIEW, TraceView } from './traceView';

export function register(services: ClientServices): void {
  const view = new TraceView();
  services.subscriptions.push(
    view,
    vscode.commands.registerCommand('makescope.traceTarget', (arg?: unknown) =>
      traceTarget(services, view, arg),
    ),
  );
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
