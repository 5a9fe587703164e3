// The probe commands (Check Convergence, Trace Target…, Show Variables, Dry Run…, Time Parse vs Recipes).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatDuration } from '../../../engine/durations';
import {
  ConvergenceRequest,
  DatabaseRequest,
  DryRunRequest,
  TimingRequest,
  TraceRequest,
  type TimingResult,
} from '../../../contract/protocol';
import type { ClientHost } from '../clientHost';
import type { Makefiles } from '../makefiles';
import type { ProbeOutput } from '../probeOutput';
import type { ProbeRunner } from '../probeRunner';
import { convergenceText, databaseText, dryRunText, traceText } from '../probeText';
import type { ConvergenceStatus } from '../status';
import { pickTarget } from '../targetPicker';
import type { ConvergenceView } from '../views/convergenceView';
import type { TraceView } from '../views/traceView';
import type { VariablesView } from '../views/variablesView';

/** The argument the server's CodeLenses pass; absent when a command runs from the palette. */
export interface TargetArgument {
  uri: string;
  target: string;
}

export interface ProbeCommandDeps {
  host: ClientHost;
  runner: ProbeRunner;
  makefiles: Makefiles;
  probeOutput: ProbeOutput;
  output: vscode.OutputChannel;
  status: ConvergenceStatus;
  convergence: ConvergenceView;
  trace: TraceView;
  variables: VariablesView;
}

function isTargetArgument(value: unknown): value is TargetArgument {
  const candidate = value as Partial<TargetArgument> | undefined;
  return typeof candidate?.uri === 'string' && typeof candidate.target === 'string';
}

export function registerProbeCommands(deps: ProbeCommandDeps): vscode.Disposable[] {
  const { runner, makefiles, probeOutput } = deps;
  const directoryOf = (makefile: vscode.Uri): string => path.dirname(makefile.fsPath);

  /** The makefile and target a command works on: from the CodeLens argument, else from pickers. */
  const chooseTarget = async (arg: unknown, purpose: string) => {
    if (isTargetArgument(arg)) return { makefile: vscode.Uri.parse(arg.uri), target: arg.target };
    const makefile = await makefiles.resolve();
    if (!makefile) return undefined;
    const target = await pickTarget(deps.host, makefile, purpose);
    return target ? { makefile, target } : undefined;
  };

  const checkConvergence = async (arg?: unknown): Promise<void> => {
    const makefile = isTargetArgument(arg) ? vscode.Uri.parse(arg.uri) : await makefiles.resolve();
    if (!makefile) return;
    const targets = isTargetArgument(arg) ? [arg.target] : [];
    const forDefaultGoal = targets.length === 0;
    if (forDefaultGoal) deps.status.checking();
    const outcome = await runner.run({
      title: 'Check Convergence',
      type: ConvergenceRequest,
      params: { uri: makefile.toString(), targets },
      makefile,
    });
    const shown = vscode.workspace.asRelativePath(makefile, false);
    if (!outcome.ok) {
      if (forDefaultGoal) deps.status.showError(outcome.kind, outcome.message);
      if (outcome.kind !== 'cancelled' && outcome.kind !== 'untrusted')
        deps.convergence.showError(outcome.message);
      return;
    }
    const { result } = outcome;
    deps.convergence.show(result, makefile, targets);
    if (forDefaultGoal) deps.status.showResult(result, shown);
    probeOutput.remember('convergence', 'make-trace', convergenceText(result, directoryOf(makefile)));
    deps.output.appendLine(
      `  verdict: ${result.verdict}${result.stale.length ? `, ${result.stale.length} stale: ${result.stale.map((t) => t.name).join(' ')}` : ''}`,
    );
    await vscode.commands.executeCommand('makescope.convergence.focus');
  };

  const traceTarget = async (arg?: unknown): Promise<void> => {
    const chosen = await chooseTarget(arg, 'Target to trace (make -n --trace)');
    if (!chosen) return;
    const { makefile, target } = chosen;
    const outcome = await runner.run({
      title: 'Trace Target',
      type: TraceRequest,
      params: { uri: makefile.toString(), targets: [target] },
      makefile,
    });
    if (!outcome.ok) return;
    deps.trace.show(outcome.result, `${target} (${vscode.workspace.asRelativePath(makefile, false)})`);
    probeOutput.remember('trace', 'make-trace', traceText(outcome.result, directoryOf(makefile)));
    deps.output.appendLine(`  ${outcome.result.targets.length} target(s) would be remade`);
    await vscode.commands.executeCommand('makescope.trace.focus');
  };

  const showVariables = async (arg?: unknown): Promise<void> => {
    const makefile = isTargetArgument(arg) ? vscode.Uri.parse(arg.uri) : await makefiles.resolve();
    if (!makefile) return;
    const outcome = await runner.run({
      title: 'Show Variables (make -p)',
      type: DatabaseRequest,
      params: { uri: makefile.toString() },
      makefile,
    });
    if (!outcome.ok) return;
    deps.variables.show(outcome.result.database.variables, makefile);
    probeOutput.remember('database', 'make-database', databaseText(outcome.result, directoryOf(makefile)));
    deps.output.appendLine(
      `  ${outcome.result.database.variables.length} variables, ${outcome.result.database.files.length} files`,
    );
    await vscode.commands.executeCommand('makescope.variables.focus');
  };

  const dryRun = async (arg?: unknown): Promise<void> => {
    const chosen = await chooseTarget(arg, 'Target to dry-run (make -n)');
    if (!chosen) return;
    const { makefile, target } = chosen;
    const outcome = await runner.run({
      title: 'Dry Run',
      type: DryRunRequest,
      params: { uri: makefile.toString(), targets: [target] },
      makefile,
    });
    if (!outcome.ok) return;
    deps.output.appendLine(
      `  ${outcome.result.commandCount} command(s) in ${outcome.result.groups.length} target(s)`,
    );
    probeOutput.remember('dry run', 'make-trace', dryRunText(outcome.result, directoryOf(makefile)));
    await probeOutput.show();
  };

  const timeParse = async (): Promise<void> => {
    const makefile = await makefiles.resolve();
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
    const outcome = await runner.run({
      title: 'Time Parse vs Recipes',
      type: TimingRequest,
      params: { uri: makefile.toString(), build: choice.build },
      makefile,
    });
    if (!outcome.ok) return;
    const summary = timingSummary(outcome.result);
    deps.output.appendLine(`  ${summary}`);
    for (const note of outcome.result.notes) deps.output.appendLine(`  note: ${note}`);
    for (const call of outcome.result.shellCalls)
      deps.output.appendLine(`  $(shell ${call.command}) took ${formatDuration(call.durationMs)}`);
    const answer = await vscode.window.showInformationMessage(`Makescope: ${summary}`, 'Show Output');
    if (answer) deps.output.show(true);
  };

  return [
    vscode.commands.registerCommand('makescope.checkConvergence', checkConvergence),
    vscode.commands.registerCommand('makescope.traceTarget', traceTarget),
    vscode.commands.registerCommand('makescope.showVariables', showVariables),
    vscode.commands.registerCommand('makescope.dryRun', dryRun),
    vscode.commands.registerCommand('makescope.timeParse', timeParse),
  ];
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
