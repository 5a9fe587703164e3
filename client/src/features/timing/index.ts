// Room: Time Parse vs Recipes: is the build slow while make reads the makefiles, or in the recipes?
import * as vscode from 'vscode';
import { formatDuration } from '../../../../contract/wording/durations';
import { TimingRequest, type TimingResult } from '../../../../contract/protocol';
import type { ClientServices } from '../../infrastructure/clientServices';
import { chooseMakefile } from '../../infrastructure/probeTarget';

export function register(services: ClientServices): void {
  services.subscriptions.push(
    vscode.commands.registerCommand('makescope.timeParse', (arg?: unknown) => timeParse(services, arg)),
  );
}

async function timeParse(services: ClientServices, arg: unknown): Promise<void> {
  const makefile = await chooseMakefile(services, arg);
  if (!makefile) return;
  const choice = await vscode.window.showQuickPick(
    [
      {
        label: 'Parse and dry run only',
        build: false,
        detail: 'make reads the makefiles; make -n resolves and expands; nothing runs',
      },
      {
        label: 'Also time a full build',
        build: true,
        detail: 'builds isolated from the workspace (its writes are discarded)',
      },
    ],
    { placeHolder: 'What to time' },
  );
  if (!choice) return;
  const outcome = await services.runner.run({
    title: 'Time Parse vs Recipes',
    type: TimingRequest,
    params: { uri: makefile.toString(), build: choice.build },
    makefile,
  });
  if (!outcome.ok) return;
  const { output } = services;
  const summary = timingSummary(outcome.result);
  output.appendLine(`  ${summary}`);
  for (const note of outcome.result.notes) output.appendLine(`  note: ${note}`);
  for (const call of outcome.result.shellCalls)
    output.appendLine(`  $(shell ${call.command}) took ${formatDuration(call.durationMs)}`);
  const answer = await vscode.window.showInformationMessage(`Makescope: ${summary}`, 'Show Output');
  if (answer) output.show(true);
}

function timingSummary(result: TimingResult): string {
  const ms = formatDuration;
  const parts = [`parse ${ms(result.parseMs)}`, `read-only (make -n) ${ms(result.readOnlyMs)}`];
  if (result.buildMs !== undefined)
    parts.push(`full build ${ms(result.buildMs)} (exit ${result.buildExitCode ?? '?'})`);
  const verdict =
    result.buildMs === undefined
      ? ''
      : result.parseMs > result.buildMs / 2
        ? ' — mostly parse time'
        : ' — mostly recipe time';
  return `${parts.join(', ')}${verdict}`;
}
