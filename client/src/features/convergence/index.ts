// Room: Check Convergence (make -q, then make -n --trace) with its tree view and status item.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ConvergenceRequest, type StaleTarget } from '../../../../contract/protocol';
import type { ClientServices } from '../../infrastructure/clientServices';
import { chooseMakefile } from '../../infrastructure/probeTarget';
import { convergenceText } from '../../infrastructure/probeText';
import { isTargetArgument, listTargets } from '../../infrastructure/targetPicker';
import { ConvergenceStatus } from './convergenceStatus';
import { CONVERGENCE_VIEW, ConvergenceView, type Declared } from './convergenceView';

export function register(services: ClientServices): void {
  const view = new ConvergenceView();
  const status = new ConvergenceStatus(services.host);
  services.subscriptions.push(
    view,
    status,
    vscode.commands.registerCommand('makescope.checkConvergence', (arg?: unknown) =>
      checkConvergence(services, view, status, arg),
    ),
  );
}

async function checkConvergence(
  services: ClientServices,
  view: ConvergenceView,
  status: ConvergenceStatus,
  arg: unknown,
): Promise<void> {
  const makefile = await chooseMakefile(services, arg);
  if (!makefile) return;
  const targets = isTargetArgument(arg) ? [arg.target] : [];
  const forDefaultGoal = targets.length === 0;
  if (forDefaultGoal) status.checking();
  const outcome = await services.runner.run({
    title: 'Check Convergence',
    type: ConvergenceRequest,
    params: { uri: makefile.toString(), targets },
    makefile,
  });
  if (!outcome.ok) {
    if (forDefaultGoal) status.showError(outcome.kind, outcome.message);
    if (outcome.kind !== 'cancelled' && outcome.kind !== 'untrusted') view.showError(outcome.message);
    return;
  }
  const { result } = outcome;
  view.show(result, makefile, targets, await declaredRules(services, makefile, result.stale));
  if (forDefaultGoal) status.showResult(result, vscode.workspace.asRelativePath(makefile, false));
  services.probeDocuments.remember(
    'convergence',
    'make-trace',
    convergenceText(result, path.dirname(makefile.fsPath)),
  );
  const stale = result.stale.map((target) => target.name);
  services.output.appendLine(
    `  verdict: ${result.verdict}${stale.length ? `, ${stale.length} stale: ${stale.join(' ')}` : ''}`,
  );
  await vscode.commands.executeCommand(`${CONVERGENCE_VIEW}.focus`);
}

/**
 * For stale targets whose recipe comes from a built-in rule (make's trace says `<builtin>`, no line): where the
 * makefile declares them (their prerequisites), from the server's static model. Top-level make only: a sub-make's
 * names are relative to its own folder.
 */
async function declaredRules(
  services: ClientServices,
  makefile: vscode.Uri,
  stale: StaleTarget[],
): Promise<Map<string, Declared>> {
  const declared = new Map<string, Declared>();
  const wanted = new Set(stale.filter((t) => !t.file && t.makeLevel === 0).map((t) => t.name));
  if (wanted.size === 0) return declared;
  // Only a row more: a server that cannot answer leaves the rows make's trace gave.
  const { targets } = await listTargets(services.host, makefile).catch(() => ({ targets: [] }));
  for (const target of targets) {
    if (wanted.has(target.name) && !declared.has(target.name))
      declared.set(target.name, { file: vscode.Uri.parse(target.uri).fsPath, line: target.line + 1 });
  }
  return declared;
}
