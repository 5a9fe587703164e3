// Room: Dry Run… (make -n, grouped by target) shown as a read-only make-trace document.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DryRunRequest } from '../../../../contract/protocol';
import type { ClientServices } from '../../infrastructure/clientServices';
import { chooseTarget } from '../../infrastructure/probeTarget';
import { dryRunText } from '../../infrastructure/probeText';

export function register(services: ClientServices): void {
  services.subscriptions.push(
    vscode.commands.registerCommand('makescope.dryRun', (arg?: unknown) => dryRun(services, arg)),
  );
}

async function dryRun(services: ClientServices, arg: unknown): Promise<void> {
  const chosen = await chooseTarget(services, arg, 'Target to dry-run (make -n)');
  if (!chosen) return;
  const { makefile, target } = chosen;
  const outcome = await services.runner.run({
    title: 'Dry Run',
    type: DryRunRequest,
    params: { uri: makefile.toString(), targets: [target] },
    makefile,
  });
  if (!outcome.ok) return;
  services.output.appendLine(
    `  ${outcome.result.commandCount} command(s) in ${outcome.result.groups.length} target(s)`,
  );
  services.probeDocuments.remember(
    'dry run',
    'make-trace',
    dryRunText(outcome.result, path.dirname(makefile.fsPath)),
  );
  await services.probeDocuments.show();
}
